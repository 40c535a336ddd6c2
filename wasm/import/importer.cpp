#include "import/importer.h"

#include <algorithm>

#include "import/import_status.h"
#include "import/stream_update.h"
#include "import/tag_order.h"
#include "model/reference.h"
#include "registry/registry_endpoint.h"
#include "validation/field_error.h"

namespace isimport {
namespace {

constexpr std::string_view kPreferArch = "importer.image.openshift.io/prefer-arch";
constexpr std::string_view kPreferOs = "importer.image.openshift.io/prefer-os";

// The reference as importer error texts name it (Distribution's normalized form), or the
// InternalError upstream raises when it cannot be formed.
struct NamedReference {
  std::string normalized;
  std::optional<Status> failure;
};

NamedReference nameForMessages(const DockerImageReference& ref) {
  NormalizedReference n = normalizedString(ref);
  if (!n.ok()) return {"", imageBuildFailure("unable to parse docker reference " + ref.exact() + ": " + n.error)};
  return {n.value, std::nullopt};
}

// The string upstream's credential lookup sees for a repository opened through `ref` (the
// StaticCredentialsContext: DockerClientDefaults().String()).
std::string credentialKey(const DockerImageReference& ref) { return ref.dockerClientDefaults().string(); }

// formatPingError's Invalid status for a repository name Distribution refuses (spec.repository
// only: `*`, a registry-only reference), as imageImportStatus(err, "", "repository") renders it.
Status invalidRepositoryName(const std::string& repositoryName) {
  FieldError error = fieldInvalid(FieldPath("from").child("name"), BadValue::goString(repositoryName),
                                  "the provided repository name is not valid");
  Status s = invalidStatus("", "image.openshift.io", "repository", ErrorList{error});
  s.kind.clear();
  s.apiVersion.clear();
  return s;
}

bool asksForAnonymousRun(const ImageImportStatus& image) { return triggersAnonymousRetry(image.status); }

}  // namespace

// One run over the whole request (docs/import.md §3.1 steps 2–3), as the states of importer.h's
// table. Replies arrive as the callbacks the fetchers were given; each books itself into the
// counters of the phase it belongs to and calls advance(), and only step() changes the phase.
class Importer::Pass {
 public:
  Pass(Importer& owner, bool withCredentials) : owner_(owner), withCredentials_(withCredentials) {}

  std::vector<ImageImportStatus> images;
  std::optional<RepositoryImportStatus> repository;

  void start() { advance(); }

  size_t imagesDone() const { return imagesDone_; }
  size_t imagesTotal() const { return images.size() + repositoryTagCount_; }

 private:
  enum class Phase { Created, SpecImages, RepositoryTags, Finished };

  // Entries resolving to the same registry URL and repository path share one group: the first
  // entry's reference as written and its insecure flag serve them all (upstream quirk,
  // docs/import.md §3.3), and one registry client context (ping, challenges, token) per repository.
  struct Group {
    std::string key;
    RepositoryFetcher* fetcher = nullptr;
    DockerImageReference literal;
  };

  // One import for the spec.images entries that ask for the same image the same way.
  struct SpecJob {
    Group group;
    std::string tagOrDigest, mode;
    PlatformPreference prefer;
    bool byDigest = false;
    std::vector<size_t> indices;
  };

  // What spec.repository's tag listing needs once the tags are in.
  struct Listing {
    Group group;
    DockerImageReference literal;
    int cap = 0;
    std::string mode;
    std::optional<std::vector<std::string>> tags;  // set by a listing that succeeded
  };

  // The transition table (importer.h): one case per phase, the guard of what it still waits for,
  // then the next phase and the work that enters it. False when the phase stays.
  bool step() {
    switch (phase_) {
      case Phase::Created:  // moved on by start()
        phase_ = Phase::SpecImages;
        startSpecImagesAndListing();
        return true;
      case Phase::SpecImages:
        if (specImages_.imports > 0 || specImages_.tagList) return false;
        // Upstream imports spec.images first: only then are the tags beyond the cap matched
        // against what they fetched.
        if (listing_ && listing_->tags) {
          phase_ = Phase::RepositoryTags;
          importRepositoryTags();
        } else {
          finishPass();
        }
        return true;
      case Phase::RepositoryTags:
        if (repositoryTags_.imports > 0) return false;
        repository->status = repositoryAggregate(failedRepositoryTags());
        finishPass();
        return true;
      case Phase::Finished:
        return false;
    }
    return false;
  }

  // Run to completion: an import that ends inside the call issuing it reaches here while step() is
  // still issuing its phase's work; it has counted down, and the loop below looks again afterwards.
  void advance() {
    if (advancing_) return;
    advancing_ = true;
    while (step()) {
    }
    advancing_ = false;
  }

  void finishPass() {
    phase_ = Phase::Finished;
    owner_.passFinished();
  }

  Group groupFor(const DockerImageReference& literal, bool insecure, const std::string& credentialRef) {
    DockerImageReference defaulted = literal.dockerClientDefaults();
    std::string key = defaulted.registryUrl() + "\n" + defaulted.repositoryName();
    if (auto it = groups_.find(key); it != groups_.end()) return it->second;

    std::string host = defaulted.asV2().registry;
    EndpointLimits limits;
    limits.requestTimeoutMs = owner_.settings_.requestTimeoutMs;
    endpoints_.push_back(std::make_unique<RegistryEndpoint>(owner_.transport_, host, limits));
    RepositoryTarget target;
    target.endpoint = endpoints_.back().get();
    target.repositoryPath = defaulted.repositoryName();
    target.insecure = insecure;
    if (withCredentials_) target.credentials = owner_.settings_.keyring.lookup(credentialRef);
    fetchers_.push_back(std::make_unique<RepositoryFetcher>(std::move(target), owner_.settings_.limits,
                                                            owner_.settings_.controlPlane, owner_.settings_.nowUnix));
    Group group{key, fetchers_.back().get(), literal};
    groups_.emplace(key, group);
    return group;
  }

  PlatformPreference preferenceFor(const std::string& tagName) const {
    PlatformPreference prefer;
    const auto& current = owner_.settings_.current;
    if (!current) return prefer;
    for (const auto& tag : current->spec.tags) {
      if (tag.name != tagName || !tag.annotations) continue;
      if (auto a = tag.annotations->find(std::string(kPreferArch)); a != tag.annotations->end()) prefer.architecture = a->second;
      if (auto o = tag.annotations->find(std::string(kPreferOs)); o != tag.annotations->end()) prefer.os = o->second;
    }
    return prefer;
  }

  // Key of the images spec.images fetched by tag with no platform preference, which a repository
  // import may take over (the importer's per-request cache, docs/import.md §3.10 step 4).
  static std::string cacheKey(const std::string& groupKey, const std::string& tag, const std::string& mode) {
    return groupKey + "\n" + tag + "\n" + mode;
  }

  // Entering SpecImages: every spec.images import, then the tag listing (the order the requests go).
  void startSpecImagesAndListing() {
    images.resize(owner_.request_.spec.images.size());
    std::vector<SpecJob> jobs = planSpecImages();
    specImages_.imports = jobs.size();
    for (const SpecJob& job : jobs) startSpecJob(job);
    if (owner_.request_.spec.repository) startRepository(*owner_.request_.spec.repository);
  }

  std::vector<SpecJob> planSpecImages() {
    const auto& specs = owner_.request_.spec.images;
    std::map<std::string, SpecJob> jobs;
    std::vector<std::string> order;
    for (size_t i = 0; i < specs.size(); ++i) {
      const ImageImportSpec& spec = specs[i];
      if (spec.from.kind != "DockerImage") {
        ++imagesDone_;  // left blank, as upstream does for kinds validation would have refused
        continue;
      }
      DockerImageReference ref;
      if (spec.from.name == "*") {
        ref.name = "*";  // accepted by validation; fails below when it is named for the fetch
      } else {
        ReferenceParse parsed = parseDockerImageReference(spec.from.name);
        if (!parsed.ok()) {
          images[i].status = invalidNameStatus(spec.from.name, std::string(parsed.error));
          ++imagesDone_;
          continue;
        }
        ref = *parsed.ref;
      }
      DockerImageReference defaulted = ref.dockerClientDefaults();
      bool byDigest = !defaulted.id.empty();
      const std::string& mode = spec.importPolicy.importMode;
      Group group = groupFor(ref, spec.importPolicy.insecure, credentialKey(ref));
      PlatformPreference prefer;
      std::string key;
      if (byDigest) {
        key = group.key + "\n@" + defaulted.id + "\n" + mode;
      } else {
        prefer = preferenceFor(spec.to ? spec.to->name.str() : defaulted.tag);
        key = group.key + "\n:" + defaulted.tag + "\n" + prefer.architecture + "\n" + prefer.os + "\n" + mode;
      }
      auto [it, added] = jobs.try_emplace(key);
      if (added) {
        it->second = SpecJob{group, byDigest ? defaulted.id : defaulted.tag, mode, prefer, byDigest, {}};
        order.push_back(key);
      }
      it->second.indices.push_back(i);
    }
    std::vector<SpecJob> planned;
    for (const auto& key : order) planned.push_back(std::move(jobs.at(key)));
    return planned;
  }

  void startSpecJob(const SpecJob& job) {
    // Names for the fetch and its messages come from the group's first reference
    // (docs/import.md §3.3).
    DockerImageReference named = job.group.literal;
    if (job.byDigest) {
      named.tag.clear();
      named.id = job.tagOrDigest;
      // importRepositoryFromDocker parses each digest with go-digest first.
      if (DigestError e = validateOciDigest(job.tagOrDigest); e != DigestError::None) {
        return specImageEnded(job, failed(imageBuildFailure(std::string(digestErrorText(e)))));
      }
    } else {
      named.tag = job.tagOrDigest;
      named.id.clear();
    }
    NamedReference R = nameForMessages(named);
    if (R.failure) return specImageEnded(job, failed(*R.failure));
    job.group.fetcher->importImage(job.tagOrDigest, R.normalized, job.mode == "PreserveOriginal", job.prefer,
                                   job.group.literal,
                                   [this, job](ImageOutcome outcome) { specImageEnded(job, outcome); });
  }

  // Event: one spec.images import ended, at once or on its last reply.
  void specImageEnded(const SpecJob& job, const ImageOutcome& outcome) {
    std::string tag = job.byDigest ? std::string() : job.tagOrDigest;
    for (size_t i : job.indices) {
      if (!outcome.platformFallback.empty()) owner_.notice("spec.images[" + std::to_string(i) + "]", outcome.platformFallback);
      images[i].status = outcome.status;
      images[i].tag = tag;
      images[i].image = outcome.image;
      images[i].manifests = outcome.manifests;
      ++imagesDone_;
    }
    if (!job.byDigest && job.prefer.architecture.empty() && job.prefer.os.empty()) {
      std::string cache = cacheKey(job.group.key, job.tagOrDigest, job.mode);
      if (outcome.image) cachedBySpec_.emplace(cache, *outcome.image);
      else if (outcome.partialImage) cachedBySpec_.emplace(cache, *outcome.partialImage);
    }
    --specImages_.imports;
    advance();
  }

  static ImageOutcome failed(Status status) {
    ImageOutcome outcome;
    outcome.status = std::move(status);
    return outcome;
  }

  void startRepository(const RepositoryImportSpec& spec) {
    repository.emplace();
    if (spec.from.kind != "DockerImage") return;  // left blank, as upstream does
    DockerImageReference literal;
    if (spec.from.name == "*") {
      literal.name = "*";
    } else {
      ReferenceParse parsed = parseDockerImageReference(spec.from.name);
      if (!parsed.ok()) {
        repository->status = invalidNameStatus(spec.from.name, std::string(parsed.error));
        return;
      }
      literal = *parsed.ref;
    }
    int cap = owner_.settings_.maxTagsPerRepository;
    if (cap == 0) {  // upstream quirk: nothing listed, an empty success
      repository->status = successStatus();
      return;
    }
    // Opening the repository checks its name with Distribution's grammar (formatPingError).
    if (!parseNormalizedNamed(literal.dockerClientDefaults().repositoryName()).ok()) {
      repository->status = invalidRepositoryName(literal.repositoryName());
      return;
    }
    Group group = groupFor(literal, spec.importPolicy.insecure, credentialKey(literal));
    listing_ = Listing{group, literal, cap, spec.importPolicy.importMode, std::nullopt};
    specImages_.tagList = true;
    group.fetcher->listTags([this](RepositoryFetcher::TagList list) { tagListEnded(std::move(list)); });
  }

  // Event: the tag listing ended. Its tags wait for the spec.images imports (step()).
  void tagListEnded(RepositoryFetcher::TagList list) {
    if (list.error) repository->status = repositoryListFailure(listing_->literal.exact(), *list.error);
    else listing_->tags = std::move(list.tags);
    specImages_.tagList = false;
    advance();
  }

  // Entering RepositoryTags: the tags within the cap, and those beyond it that spec.images fetched.
  void importRepositoryTags() {
    std::vector<std::string> tags = prioritizeTags(std::move(*listing_->tags));
    const Listing& listing = *listing_;
    size_t take = listing.cap < 0 ? tags.size() : std::min(tags.size(), static_cast<size_t>(listing.cap));
    std::vector<std::string> imported(tags.begin(), tags.begin() + static_cast<std::ptrdiff_t>(take));
    std::vector<std::optional<Image>> fromCache(take);
    for (size_t i = take; i < tags.size(); ++i) {
      auto cached = cachedBySpec_.find(cacheKey(listing.group.key, tags[i], listing.mode));
      if (cached != cachedBySpec_.end()) {
        imported.push_back(tags[i]);
        fromCache.push_back(cached->second);
      } else {
        repository->additionalTags.push_back(tags[i]);
      }
    }
    repositoryTagCount_ = imported.size();
    repository->images.resize(imported.size());
    repositoryTags_.imports = imported.size();
    for (size_t i = 0; i < imported.size(); ++i) {
      repository->images[i].tag = imported[i];
      if (fromCache[i]) {
        // Taken from the importer's cache as a success, without sub-manifests, re-referenced
        // through the repository's own reference.
        Image image = *fromCache[i];
        DockerImageReference ref = listing.literal;
        ref.tag = imported[i];
        ref.id = image.metadata.name;
        image.dockerImageReference = ref.mostSpecific().exact();
        repositoryTagEnded(i, ImageOutcome{successStatus(), std::move(image), {}, std::nullopt, {}});
        continue;
      }
      DockerImageReference named = listing.literal;
      named.id.clear();
      named.tag = imported[i];
      NamedReference R = nameForMessages(named);
      if (R.failure) {
        repositoryTagEnded(i, failed(*R.failure));
        continue;
      }
      listing.group.fetcher->importImage(
          imported[i], R.normalized, listing.mode == "PreserveOriginal", PlatformPreference{}, listing.literal,
          [this, i](ImageOutcome outcome) { repositoryTagEnded(i, std::move(outcome)); });
    }
  }

  // Event: one repository tag's import ended, at once or on its last reply.
  void repositoryTagEnded(size_t i, ImageOutcome outcome) {
    auto& entry = repository->images[i];
    if (!outcome.platformFallback.empty()) owner_.notice("spec.repository tag " + entry.tag, outcome.platformFallback);
    entry.status = std::move(outcome.status);
    entry.image = std::move(outcome.image);
    entry.manifests = std::move(outcome.manifests);
    ++imagesDone_;
    --repositoryTags_.imports;
    advance();
  }

  size_t failedRepositoryTags() const {
    size_t failures = 0;
    for (const auto& e : repository->images)
      if (e.status.status != "Success") ++failures;
    return failures;
  }

  Importer& owner_;
  bool withCredentials_;

  Phase phase_ = Phase::Created;
  bool advancing_ = false;
  // What each phase still waits for; only that phase's events count them down.
  struct {
    size_t imports = 0;    // spec.images imports not yet ended
    bool tagList = false;  // the listing asked for alongside, not yet ended
  } specImages_;
  struct {
    size_t imports = 0;  // repository tag imports not yet ended
  } repositoryTags_;

  size_t imagesDone_ = 0;
  size_t repositoryTagCount_ = 0;
  std::vector<std::unique_ptr<RegistryEndpoint>> endpoints_;
  std::vector<std::unique_ptr<RepositoryFetcher>> fetchers_;
  std::map<std::string, Group> groups_;
  std::map<std::string, Image> cachedBySpec_;
  std::optional<Listing> listing_;
};

Importer::Importer(ImageStreamImport request, ImportSettings settings)
    : request_(std::move(request)), settings_(std::move(settings)) {
  request_.status = ImageStreamImportStatus{};  // PrepareForCreate discards a client-supplied status
  credentialed_ = std::make_unique<Pass>(*this, true);
  credentialed_->start();
}

Importer::~Importer() = default;

// The importer's transition table (importer.h): the running pass has finished.
void Importer::passFinished() {
  switch (stage_) {
    case Stage::CredentialedPass:
      if (!std::any_of(credentialed_->images.begin(), credentialed_->images.end(), asksForAnonymousRun)) return answer(*credentialed_);
      // docs/import.md §3.12: the whole import again without credentials.
      stage_ = Stage::AnonymousPass;
      anonymous_ = std::make_unique<Pass>(*this, false);
      anonymous_->start();
      return;
    case Stage::AnonymousPass:
      // Every entry still Unauthorized gets its first status back — only the status: the image,
      // sub-manifests and tag stay those of the anonymous run (upstream quirk).
      for (size_t i = 0; i < anonymous_->images.size(); ++i) {
        auto& status = anonymous_->images[i].status;
        if (status.reason == "Unauthorized") status = credentialed_->images[i].status;
      }
      return answer(*anonymous_);
    case Stage::Answered:
      return;  // not reached: each pass finishes once
  }
}

const Importer::Pass& Importer::running() const {
  return stage_ == Stage::CredentialedPass ? *credentialed_ : *anonymous_;
}

void Importer::answer(Pass& pass) {
  imagesTotal_ = pass.imagesTotal();
  request_.status.images = std::move(pass.images);
  request_.status.repository = std::move(pass.repository);
  if (request_.spec.import) {
    StreamUpdateInput input;
    input.current = settings_.current;
    input.nowUnix = settings_.nowUnix;
    input.defaultImportMode = settings_.defaultImportMode;
    StreamUpdateResult update = applyImport(request_, input);
    if (update.failure) failure_ = std::move(update.failure);
  } else {
    // docs/import.md §3.13: raw manifests and configs are dropped unless asked for (sub-manifests
    // never are).
    for (size_t i = 0; i < request_.status.images.size(); ++i) {
      auto& image = request_.status.images[i].image;
      if (image && !request_.spec.images[i].includeManifest) {
        image->dockerImageManifest.clear();
        image->dockerImageConfig.clear();
      }
    }
    if (request_.status.repository && request_.spec.repository && !request_.spec.repository->includeManifest) {
      for (auto& entry : request_.status.repository->images) {
        if (entry.image) {
          entry.image->dockerImageManifest.clear();
          entry.image->dockerImageConfig.clear();
        }
      }
    }
  }
  stage_ = Stage::Answered;
}

std::vector<HttpRequest> Importer::takeRequests() { return transport_.takeOutbox(); }

bool Importer::feed(const HttpResponse& response) { return transport_.deliver(response); }

bool Importer::done() const { return stage_ == Stage::Answered; }

void Importer::notice(std::string field, const std::string& message) {
  for (const ImportNotice& n : notices_)
    if (n.field == field && n.message == message) return;
  notices_.push_back(ImportNotice{std::move(field), message});
}

ImportProgress Importer::progress() const {
  ImportProgress p;
  p.requestsDone = transport_.requestsDone();
  p.requestsKnown = transport_.requestsKnown();
  if (done()) {
    p.imagesDone = p.imagesTotal = imagesTotal_;
  } else {
    p.imagesDone = running().imagesDone();
    p.imagesTotal = running().imagesTotal();
  }
  return p;
}

}  // namespace isimport

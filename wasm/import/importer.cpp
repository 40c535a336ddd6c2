#include "import/importer.h"

#include <set>

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

}  // namespace

// One run over the whole request (docs/import.md §3.1 steps 2–3). A second, anonymous run may follow (docs/import.md §3.12).
class Importer::Pass {
 public:
  Pass(Importer& owner, bool withCredentials) : owner_(owner), withCredentials_(withCredentials) {}

  std::vector<ImageImportStatus> images;
  std::optional<RepositoryImportStatus> repository;

  void start(std::function<void()> onFinished) {
    onFinished_ = std::move(onFinished);
    const ImageStreamImport& isi = owner_.request_;
    images.resize(isi.spec.images.size());
    ++outstanding_;  // held until every job is started, so none can finish the pass early
    ++specOutstanding_;
    planSpecImages();
    if (isi.spec.repository) startRepository(*isi.spec.repository);
    specJobDone();
    jobDone();
  }

  size_t imagesDone() const { return imagesDone_; }
  size_t imagesTotal() const { return images.size() + repositoryTagCount_; }

 private:
  // Entries resolving to the same registry URL and repository path share one group: the first
  // entry's reference as written and its insecure flag serve them all (upstream quirk, docs/import.md §3.3),
  // and one registry client context (ping, challenges, token) per repository.
  struct Group {
    std::string key;
    RepositoryFetcher* fetcher = nullptr;
    DockerImageReference literal;
  };

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

  void planSpecImages() {
    const auto& specs = owner_.request_.spec.images;
    struct Job {
      Group group;
      std::string tagOrDigest, normalized, mode;
      PlatformPreference prefer;
      bool byDigest = false;
      std::vector<size_t> indices;
    };
    std::map<std::string, Job> jobs;
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
        prefer = preferenceFor(spec.to ? spec.to->name : defaulted.tag);
        key = group.key + "\n:" + defaulted.tag + "\n" + prefer.architecture + "\n" + prefer.os + "\n" + mode;
      }
      auto [it, added] = jobs.try_emplace(key);
      if (added) {
        it->second = Job{group, byDigest ? defaulted.id : defaulted.tag, "", mode, prefer, byDigest, {}};
        order.push_back(key);
      }
      it->second.indices.push_back(i);
    }
    for (const auto& key : order) startSpecJob(jobs.at(key));
  }

  template <class Job>
  void startSpecJob(const Job& job) {
    std::vector<size_t> indices = job.indices;
    std::string tag = job.byDigest ? std::string() : job.tagOrDigest;
    auto record = [this, indices, tag](const ImageOutcome& outcome) {
      for (size_t i : indices) {
        if (!outcome.platformFallback.empty()) owner_.notice("spec.images[" + std::to_string(i) + "]", outcome.platformFallback);
        images[i].status = outcome.status;
        images[i].tag = tag;
        images[i].image = outcome.image;
        images[i].manifests = outcome.manifests;
        ++imagesDone_;
      }
    };
    // Names for the fetch and its messages come from the group's first reference (docs/import.md §3.3).
    DockerImageReference named = job.group.literal;
    if (job.byDigest) {
      named.tag.clear();
      named.id = job.tagOrDigest;
      // importRepositoryFromDocker parses each digest with go-digest first.
      if (DigestError e = validateOciDigest(job.tagOrDigest); e != DigestError::None) {
        return record(failed(imageBuildFailure(std::string(digestErrorText(e)))));
      }
    } else {
      named.tag = job.tagOrDigest;
      named.id.clear();
    }
    NamedReference R = nameForMessages(named);
    if (R.failure) return record(failed(*R.failure));

    bool cacheable = !job.byDigest && job.prefer.architecture.empty() && job.prefer.os.empty();
    std::string cache = cacheKey(job.group.key, job.tagOrDigest, job.mode);
    ++outstanding_;
    ++specOutstanding_;
    job.group.fetcher->importImage(job.tagOrDigest, R.normalized, job.mode == "PreserveOriginal", job.prefer,
                                   job.group.literal,
                                   [this, record, cacheable, cache](ImageOutcome outcome) {
                                     record(outcome);
                                     if (cacheable) {
                                       if (outcome.image) cachedBySpec_.emplace(cache, *outcome.image);
                                       else if (outcome.partialImage) cachedBySpec_.emplace(cache, *outcome.partialImage);
                                     }
                                     specJobDone();
                                     jobDone();
                                   });
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
    ++outstanding_;
    group.fetcher->listTags([this, group, literal, cap, mode = spec.importPolicy.importMode](
                                RepositoryFetcher::TagList list) {
      if (list.error) {
        repository->status = repositoryListFailure(literal.exact(), *list.error);
        return jobDone();
      }
      listed_ = std::move(list.tags);
      // The spec.images imports finish first upstream: only then are tags beyond the cap matched
      // against what they fetched.
      afterSpecImages_ = [this, group, literal, cap, mode] { importRepositoryTags(group, literal, cap, mode); };
      if (specOutstanding_ == 0) std::exchange(afterSpecImages_, nullptr)();
    });
  }

  void importRepositoryTags(const Group& group, const DockerImageReference& literal, int cap, const std::string& mode) {
    std::vector<std::string> tags = prioritizeTags(std::move(listed_));
    size_t take = cap < 0 ? tags.size() : std::min(tags.size(), static_cast<size_t>(cap));
    std::vector<std::string> imported(tags.begin(), tags.begin() + static_cast<std::ptrdiff_t>(take));
    std::vector<std::optional<Image>> fromCache(take);
    for (size_t i = take; i < tags.size(); ++i) {
      auto cached = cachedBySpec_.find(cacheKey(group.key, tags[i], mode));
      if (cached != cachedBySpec_.end()) {
        imported.push_back(tags[i]);
        fromCache.push_back(cached->second);
      } else {
        repository->additionalTags.push_back(tags[i]);
      }
    }
    repositoryTagCount_ = imported.size();
    repository->images.resize(imported.size());
    auto remaining = std::make_shared<size_t>(imported.size() + 1);
    auto record = [this, remaining, literal](size_t i, ImageOutcome outcome) {
      auto& entry = repository->images[i];
      if (!outcome.platformFallback.empty()) owner_.notice("spec.repository tag " + entry.tag, outcome.platformFallback);
      entry.status = std::move(outcome.status);
      entry.image = std::move(outcome.image);
      entry.manifests = std::move(outcome.manifests);
      ++imagesDone_;
      finishRepositoryTag(remaining);
    };
    for (size_t i = 0; i < imported.size(); ++i) {
      repository->images[i].tag = imported[i];
      if (fromCache[i]) {
        // Taken from the importer's cache as a success, without sub-manifests, re-referenced
        // through the repository's own reference.
        Image image = *fromCache[i];
        DockerImageReference ref = literal;
        ref.tag = imported[i];
        ref.id = image.metadata.name;
        image.dockerImageReference = ref.mostSpecific().exact();
        record(i, ImageOutcome{successStatus(), std::move(image), {}, std::nullopt, {}});
        continue;
      }
      DockerImageReference named = literal;
      named.id.clear();
      named.tag = imported[i];
      NamedReference R = nameForMessages(named);
      if (R.failure) {
        record(i, failed(*R.failure));
        continue;
      }
      group.fetcher->importImage(imported[i], R.normalized, mode == "PreserveOriginal", PlatformPreference{}, literal,
                                 [record, i](ImageOutcome outcome) { record(i, std::move(outcome)); });
    }
    finishRepositoryTag(remaining);
  }

  void finishRepositoryTag(const std::shared_ptr<size_t>& remaining) {
    if (--*remaining > 0) return;
    size_t failures = 0;
    for (const auto& e : repository->images)
      if (e.status.status != "Success") ++failures;
    repository->status = repositoryAggregate(failures);
    jobDone();
  }

  void specJobDone() {
    if (--specOutstanding_ == 0 && afterSpecImages_) std::exchange(afterSpecImages_, nullptr)();
  }

  void jobDone() {
    if (--outstanding_ == 0 && onFinished_) {
      auto finished = std::move(onFinished_);
      finished();
    }
  }

  Importer& owner_;
  bool withCredentials_;
  std::function<void()> onFinished_;
  size_t outstanding_ = 0;
  size_t specOutstanding_ = 0;
  size_t imagesDone_ = 0;
  size_t repositoryTagCount_ = 0;
  std::vector<std::unique_ptr<RegistryEndpoint>> endpoints_;
  std::vector<std::unique_ptr<RepositoryFetcher>> fetchers_;
  std::map<std::string, Group> groups_;
  std::map<std::string, Image> cachedBySpec_;
  std::vector<std::string> listed_;
  std::function<void()> afterSpecImages_;
};

Importer::Importer(ImageStreamImport request, ImportSettings settings)
    : request_(std::move(request)), settings_(std::move(settings)) {
  request_.status = ImageStreamImportStatus{};  // PrepareForCreate discards a client-supplied status
  startPass(true);
}

Importer::~Importer() = default;

void Importer::startPass(bool withCredentials) {
  passes_.push_back(std::make_unique<Pass>(*this, withCredentials));
  passes_.back()->start([this] { passFinished(); });
}

void Importer::passFinished() {
  Pass& pass = *passes_.back();
  if (passes_.size() == 1) {
    bool retry = false;
    for (const auto& image : pass.images)
      if (triggersAnonymousRetry(image.status)) retry = true;
    // docs/import.md §3.12: the whole import again without credentials.
    if (retry) return startPass(false);
  } else {
    // Every entry still Unauthorized gets its first status back — only the status: the image,
    // sub-manifests and tag stay those of the anonymous run (upstream quirk).
    const Pass& first = *passes_.front();
    for (size_t i = 0; i < pass.images.size(); ++i) {
      if (pass.images[i].status.reason == "Unauthorized") pass.images[i].status = first.images[i].status;
    }
  }
  finish();
}

void Importer::finish() {
  Pass& pass = *passes_.back();
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
    // docs/import.md §3.13: raw manifests and configs are dropped unless asked for (sub-manifests never are).
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
  done_ = true;
}

std::vector<HttpRequest> Importer::takeRequests() { return transport_.takeOutbox(); }

bool Importer::feed(const HttpResponse& response) { return transport_.deliver(response); }

bool Importer::done() const { return done_; }

void Importer::notice(std::string field, const std::string& message) {
  for (const ImportNotice& n : notices_)
    if (n.field == field && n.message == message) return;
  notices_.push_back(ImportNotice{std::move(field), message});
}

ImportProgress Importer::progress() const {
  ImportProgress p;
  p.requestsDone = transport_.requestsDone();
  p.requestsKnown = transport_.requestsKnown();
  if (done_) {
    p.imagesDone = p.imagesTotal = imagesTotal_;
  } else if (!passes_.empty()) {
    p.imagesDone = passes_.back()->imagesDone();
    p.imagesTotal = passes_.back()->imagesTotal();
  }
  return p;
}

}  // namespace isimport

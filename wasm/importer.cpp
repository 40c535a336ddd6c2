#include "importer.h"

#include <set>

#include "import_status.h"
#include "reference.h"
#include "registry_endpoint.h"
#include "stream_update.h"
#include "tag_order.h"

namespace isimport {
namespace {

constexpr std::string_view kPreferArch = "importer.image.openshift.io/prefer-arch";
constexpr std::string_view kPreferOs = "importer.image.openshift.io/prefer-os";

bool containsIgnoringCase(std::string_view text, std::string_view needle) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (size_t i = 0; i + needle.size() <= text.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && lower(text[i + k]) == lower(needle[k])) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

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

}  // namespace

// One run over the whole request (spec §3.1 steps 2–3). A second, anonymous run may follow (§3.12).
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
    planSpecImages();
    if (isi.spec.repository) startRepository(*isi.spec.repository);
    jobDone();
  }

  size_t imagesDone() const { return imagesDone_; }
  size_t imagesTotal() const { return images.size() + repositoryTagCount_; }

 private:
  struct Group {
    RepositoryFetcher* fetcher;
    DockerImageReference literal;  // the first entry's reference as written (upstream quirk)
  };

  Group groupFor(const DockerImageReference& literal, bool insecure) {
    DockerImageReference defaulted = literal.dockerClientDefaults();
    std::string key = defaulted.registryUrl() + "\n" + defaulted.repositoryName();
    if (auto it = groups_.find(key); it != groups_.end()) return it->second;

    std::string host = defaulted.registry == "docker.io" || defaulted.registry == "index.docker.io"
                           ? std::string(kDockerDefaultV2Registry)
                           : defaulted.registry;
    auto& endpoint = endpoints_[host];
    if (!endpoint) {
      EndpointLimits limits;
      limits.requestTimeoutMs = owner_.settings_.requestTimeoutMs;
      endpoint = std::make_unique<RegistryEndpoint>(owner_.transport_, host, insecure, limits);
    }
    RepositoryTarget target;
    target.endpoint = endpoint.get();
    target.repositoryPath = defaulted.repositoryName();
    if (withCredentials_) {
      DockerImageReference forLookup = defaulted;
      target.credentials = owner_.settings_.keyring.lookup(forLookup.exact());
    }
    fetchers_.push_back(std::make_unique<RepositoryFetcher>(std::move(target), owner_.settings_.limits,
                                                            owner_.settings_.controlPlane, owner_.settings_.nowUnix));
    Group group{fetchers_.back().get(), literal};
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

  void planSpecImages() {
    const auto& specs = owner_.request_.spec.images;
    std::map<std::string, std::vector<size_t>> sameRequest;  // de-duplication key → spec indices
    struct Job {
      Group group;
      std::string tagOrDigest, normalized;
      bool preserveOriginal;
      PlatformPreference prefer;
    };
    std::map<std::string, Job> jobs;
    std::vector<std::string> order;
    for (size_t i = 0; i < specs.size(); ++i) {
      const ImageImportSpec& spec = specs[i];
      if (spec.from.kind != "DockerImage") {
        ++imagesDone_;  // left blank, as upstream does for kinds validation would have refused
        continue;
      }
      if (spec.from.name == "*") {
        images[i].status = imageBuildFailure("unable to parse docker reference *:latest: invalid reference format");
        images[i].tag = "latest";
        ++imagesDone_;
        continue;
      }
      ReferenceParse parsed = parseDockerImageReference(spec.from.name);
      if (!parsed.ok()) {
        images[i].status = invalidNameStatus(spec.from.name, std::string(parsed.error));
        ++imagesDone_;
        continue;
      }
      DockerImageReference ref = *parsed.ref;
      bool byDigest = !ref.id.empty();
      DockerImageReference named = ref;
      if (byDigest) {
        named.tag.clear();
      } else if (named.tag.empty()) {
        named.tag = std::string(kDefaultImageTag);
      }
      images[i].tag = byDigest ? "" : named.tag;
      NamedReference R = nameForMessages(named);
      if (R.failure) {
        images[i].status = *R.failure;
        ++imagesDone_;
        continue;
      }
      Group group = groupFor(ref, spec.importPolicy.insecure);
      bool preserve = spec.importPolicy.importMode == "PreserveOriginal";
      PlatformPreference prefer;
      if (!byDigest) prefer = preferenceFor(spec.to ? spec.to->name : named.tag);
      std::string groupKey = std::to_string(reinterpret_cast<uintptr_t>(group.fetcher));
      std::string key = groupKey + (byDigest ? "@" + ref.id : ":" + named.tag + "|" + prefer.architecture + "|" + prefer.os) +
                        "|" + spec.importPolicy.importMode;
      if (!byDigest && prefer.architecture.empty() && prefer.os.empty()) {
        fetchedBySpec_.insert(groupKey + ":" + named.tag + "|" + spec.importPolicy.importMode);
      }
      if (!jobs.count(key)) {
        jobs.emplace(key, Job{group, byDigest ? ref.id : named.tag, R.normalized, preserve, prefer});
        order.push_back(key);
      }
      sameRequest[key].push_back(i);
    }
    for (const auto& key : order) {
      const Job& job = jobs.at(key);
      std::vector<size_t> indices = sameRequest[key];
      ++outstanding_;
      job.group.fetcher->importImage(job.tagOrDigest, job.normalized, job.preserveOriginal, job.prefer,
                                     job.group.literal, [this, indices](ImageOutcome outcome) {
                                       for (size_t i : indices) {
                                         images[i].status = outcome.status;
                                         images[i].image = outcome.image;
                                         images[i].manifests = outcome.manifests;
                                         ++imagesDone_;
                                       }
                                       jobDone();
                                     });
    }
  }

  void startRepository(const RepositoryImportSpec& spec) {
    repository.emplace();
    ReferenceParse parsed = parseDockerImageReference(spec.from.name);
    if (!parsed.ok()) {
      repository->status = invalidNameStatus(spec.from.name, std::string(parsed.error));
      return;
    }
    DockerImageReference literal = *parsed.ref;
    Group group = groupFor(literal, spec.importPolicy.insecure);
    int cap = owner_.settings_.maxTagsPerRepository;
    if (cap == 0) {  // upstream quirk: nothing listed, an empty success
      repository->status = successStatus();
      return;
    }
    std::string groupKey = std::to_string(reinterpret_cast<uintptr_t>(group.fetcher));
    std::string mode = spec.importPolicy.importMode;
    bool preserve = mode == "PreserveOriginal";
    ++outstanding_;
    group.fetcher->listTags([this, group, literal, cap, groupKey, mode, preserve,
                             refAsWritten = spec.from.name](RepositoryFetcher::TagList list) {
      if (list.error) {
        repository->status = repositoryListFailure(refAsWritten, *list.error);
        return jobDone();
      }
      std::vector<std::string> tags = prioritizeTags(std::move(list.tags));
      size_t take = cap < 0 ? tags.size() : std::min(tags.size(), static_cast<size_t>(cap));
      std::vector<std::string> imported(tags.begin(), tags.begin() + static_cast<std::ptrdiff_t>(take));
      for (size_t i = take; i < tags.size(); ++i) {
        if (fetchedBySpec_.count(groupKey + ":" + tags[i] + "|" + mode)) {
          imported.push_back(tags[i]);
        } else {
          repository->additionalTags.push_back(tags[i]);
        }
      }
      repositoryTagCount_ = imported.size();
      repository->images.resize(imported.size());
      auto remaining = std::make_shared<size_t>(imported.size());
      if (imported.empty()) {
        repository->status = repositoryAggregate(0);
        return jobDone();
      }
      for (size_t i = 0; i < imported.size(); ++i) {
        repository->images[i].tag = imported[i];
        DockerImageReference named = literal;
        named.id.clear();
        named.tag = imported[i];
        NamedReference R = nameForMessages(named);
        auto record = [this, i, remaining](ImageOutcome outcome) {
          auto& entry = repository->images[i];
          entry.status = std::move(outcome.status);
          entry.image = std::move(outcome.image);
          entry.manifests = std::move(outcome.manifests);
          ++imagesDone_;
          if (--*remaining > 0) return;
          size_t failed = 0;
          for (const auto& e : repository->images)
            if (e.status.status != "Success") ++failed;
          repository->status = repositoryAggregate(failed);
          jobDone();
        };
        if (R.failure) {
          record(ImageOutcome{*R.failure, std::nullopt, {}});
          continue;
        }
        group.fetcher->importImage(imported[i], R.normalized, preserve, PlatformPreference{}, literal, record);
      }
    });
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
  size_t imagesDone_ = 0;
  size_t repositoryTagCount_ = 0;
  std::map<std::string, std::unique_ptr<RegistryEndpoint>> endpoints_;
  std::vector<std::unique_ptr<RepositoryFetcher>> fetchers_;
  std::map<std::string, Group> groups_;
  std::set<std::string> fetchedBySpec_;
};

Importer::Importer(ImageStreamImport request, ImportSettings settings)
    : request_(std::move(request)), settings_(std::move(settings)) {
  request_.status = ImageStreamImportStatus{};  // a client-supplied status is discarded
  startPass(true);
}

Importer::~Importer() = default;

void Importer::startPass(bool withCredentials) {
  pass_ = std::make_unique<Pass>(*this, withCredentials);
  pass_->start([this] { passFinished(); });
}

void Importer::passFinished() {
  if (!firstPass_) {
    bool retry = false;
    for (const auto& image : pass_->images) {
      if (image.status.reason == "Unauthorized" && containsIgnoringCase(image.status.message, "username or password")) {
        retry = true;
      }
    }
    if (retry) {
      // Spec §3.12: the whole import again without credentials; images still Unauthorized keep
      // their first answer.
      firstPass_ = std::move(pass_);
      return startPass(false);
    }
  } else {
    for (size_t i = 0; i < pass_->images.size(); ++i) {
      if (pass_->images[i].status.reason == "Unauthorized") pass_->images[i] = firstPass_->images[i];
    }
  }
  finish();
}

void Importer::finish() {
  imagesTotal_ = pass_->imagesTotal();
  request_.status.images = std::move(pass_->images);
  request_.status.repository = std::move(pass_->repository);
  if (request_.spec.import) {
    StreamUpdateInput input;
    input.current = settings_.current;
    input.nowUnix = settings_.nowUnix;
    input.defaultImportMode = settings_.defaultImportMode;
    StreamUpdateResult update = applyImport(request_, input);
    if (update.failure) failure_ = std::move(update.failure);

  } else {
    // Spec §3.13: raw manifests and configs are dropped unless asked for (sub-manifests never are).
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

ImportProgress Importer::progress() const {
  ImportProgress p;
  p.requestsDone = transport_.requestsDone();
  p.requestsKnown = transport_.requestsKnown();
  if (done_) {
    p.imagesDone = p.imagesTotal = imagesTotal_;
  } else if (pass_) {
    p.imagesDone = pass_->imagesDone();
    p.imagesTotal = pass_->imagesTotal();
  }
  return p;
}

}  // namespace isimport

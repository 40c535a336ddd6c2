#include "supply/discovery.h"

#include <algorithm>
#include <functional>
#include <set>

#include "registry/digest.h"
#include "model/reference.h"
#include "registry/manifest.h"
#include "registry/once_cache.h"
#include "registry/url.h"
#include "supply/artifact_format.h"
#include "supply/sigstore_bundle.h"

namespace isimport {
namespace {

// Whether `answeredFrom` (a response's URL after redirects; "" when there were none) has the
// scheme and host of `asked`.
bool sameOrigin(const std::string& asked, const std::string& answeredFrom) {
  if (answeredFrom.empty() || answeredFrom == asked) return true;
  std::optional<UrlReference> a = parseUrlReference(asked), b = parseUrlReference(answeredFrom);
  return a && b && a->scheme == b->scheme && a->host == b->host;
}

const std::vector<std::string>& indexAccept() {
  static const std::vector<std::string> accept{std::string(media::kOciIndex)};
  return accept;
}

// Artifacts are image manifests (OCI or Docker schema 2; cosign writes either) and, rarely,
// indexes; a parent index may be an OCI index or a Docker list.
const std::vector<std::string>& manifestAccept() {
  static const std::vector<std::string> accept{std::string(media::kOciManifest), std::string(media::kSchema2),
                                               std::string(media::kOciIndex), std::string(media::kDockerList)};
  return accept;
}

// The hex of a sha256 digest, for the tags cosign and the referrers tag schema derive from it
// (`sha256:<hex>` → `sha256-<hex>`).
std::string digestTag(const std::string& digest) {
  std::string tag = digest;
  if (size_t colon = tag.find(':'); colon != std::string::npos) tag[colon] = '-';
  return tag;
}

constexpr size_t kLayersRead = 100;  // per artifact manifest; a cosign tag gains a layer per signature
constexpr size_t kMaxCosignLayers = 1000;

// BuildKit's index annotations tying an attestation manifest to the image it describes (moby/buildkit
// docs/attestations/attestation-storage.md).
const std::string kBuildkitReferenceType = "vnd.docker.reference.type";
const std::string kBuildkitReferenceDigest = "vnd.docker.reference.digest";
constexpr std::string_view kBuildkitAttestationManifest = "attestation-manifest";

// The layers whose bytes a verdict or a summary reads: signature payloads, DSSE envelopes,
// sigstore bundles, in-toto statements, SBOM documents, and Notation's JWS envelopes (whose
// certificate names the signer) (docs/supply-chain.md §9.2).
bool layerNeedsBlob(std::string_view mediaType) {
  std::string type = normalizedMediaType(mediaType);
  return type == supply_media::kCosignSimpleSigning || type == supply_media::kDsseEnvelope ||
         type == supply_media::kInToto || sigstoreBundleVersion(mediaType).has_value() ||
         type == "application/spdx+json" || type == "text/spdx+json" || type == "application/vnd.cyclonedx+json" ||
         type == "application/jose+json";
}

}  // namespace

// ---- a repository: its registry connection, and the indexes several subjects read -----------

class Discovery::Repository {
 public:
  struct IndexAnswer {
    OciIndexRead index;
    std::string error;  // the request failed (not: the answer was no index)
  };
  using IndexDone = std::function<void(const IndexAnswer&)>;

  Repository(Transport& transport, const SubjectTarget& subject, const DiscoverySettings& settings)
      : endpoint_(transport, subject.host, limitsOf(settings)),
        path_(subject.repositoryPath),
        insecure_(subject.insecure),
        credentials_(settings.keyring.lookup(subject.credentialRef)),
        settings_(settings) {}

  const std::string& path() const { return path_; }

  void get(std::string path, const std::vector<std::string>& accept, uint64_t cap, const char* what,
           RegistryEndpoint::Done done) {
    RegistryCall call;
    call.path = std::move(path);
    call.accept = accept;
    call.repository = path_;
    call.credentials = credentials_;
    call.insecure = insecure_;
    call.maxBodyBytes = cap;
    call.whatIsCapped = what;
    endpoint_.call(std::move(call), std::move(done));
  }

  // The index `reference` (a digest or a tag) names, fetched once for every subject of the
  // repository that asks (the entries of one list share their list).
  void index(const std::string& reference, IndexDone done) {
    indexes_.get(
        reference,
        [this, reference](std::function<void(IndexAnswer)> store) {
          get("/v2/" + path_ + "/manifests/" + reference, manifestAccept(), settings_.indexBytes, "image index",
              [reference, store](CallOutcome outcome) {
                IndexAnswer answer;
                if (!outcome.ok()) {
                  answer.error = outcome.error.text;
                } else {
                  answer.index = readOciIndex(outcome.response->header("content-type"), outcome.response->body, 10000);
                  std::optional<std::string> actual = digestWithAlgorithmOf(reference, outcome.response->body);
                  if (actual && *actual != reference) answer.index = OciIndexRead{{}, 0, "the index does not have the digest it was asked by"};
                }
                store(std::move(answer));
              });
        },
        std::move(done));
  }

 private:
  static EndpointLimits limitsOf(const DiscoverySettings& settings) {
    EndpointLimits limits;
    limits.requestTimeoutMs = settings.requestTimeoutMs;
    return limits;
  }

  RegistryEndpoint endpoint_;
  std::string path_;
  bool insecure_;
  std::optional<BasicCredentials> credentials_;
  const DiscoverySettings& settings_;
  OnceCache<std::string, IndexAnswer> indexes_;
};

// ---- one repository and digest: the lookups of docs/supply-chain.md §9.2 ----------------------

class Discovery::Lookup {
 public:
  Lookup(Repository& repository, const SubjectTarget& subject, const DiscoverySettings& settings,
         std::function<void()> onDone)
      : repo_(repository), subject_(subject), settings_(settings), onDone_(std::move(onDone)) {}

  const Findings& findings() const { return findings_; }
  bool done() const { return started_ && pending_ == 0; }

  void start() {
    started_ = true;
    ++pending_;  // held until everything below is issued, so no early ending counts as the last
    referrersPage("/v2/" + repo_.path() + "/referrers/" + subject_.digest, 0);
    for (const char* suffix : {".sig", ".att", ".sbom"}) cosignTag(suffix);
    buildkitAttestations();
    finishOne();
  }

 private:
  // Spends one request of the subject's budget; false (and a note, once) when it is spent.
  bool spend(const std::string& what) {
    if (findings_.requests < settings_.maxRequests) {
      ++findings_.requests;
      return true;
    }
    if (!budgetNoted_) {
      budgetNoted_ = true;
      findings_.errors.push_back("stopped after " + std::to_string(settings_.maxRequests) +
                                 " requests for this image (maxRequestsPerSubject); not read: " + what + " and anything after it");
    }
    return false;
  }

  // No HTTP answer (the registry cannot be reached, a deadline, a cancel): said once per lookup,
  // with the first such failure's words, instead of once per request.
  void unreachable(const CallOutcome& outcome) {
    if (unreachableNoted_) return;
    unreachableNoted_ = true;
    findings_.errors.push_back("the registry did not answer: " + outcome.error.text);
  }

  // The answers arrive in any order; the artifacts are listed in the order of the lookups (the
  // steps of docs/supply-chain.md §9.2) and, within one, of the list that named them, so that an
  // answer does not depend on timing.
  void finishOne() {
    if (--pending_ != 0) return;
    auto rank = [](const FoundArtifact& a) {
      std::string_view by = a.foundBy;
      int step = by == kFoundByReferrers ? 0 : by == kFoundByReferrersTag ? 1 : by == kFoundByCosignTag ? 2 : 3;
      return std::pair(step, a.position);
    };
    std::stable_sort(findings_.artifacts.begin(), findings_.artifacts.end(),
                     [&](const FoundArtifact& x, const FoundArtifact& y) { return rank(x) < rank(y); });
    onDone_();
  }

  // 1. The referrers API. A registry that has it answers 200 with an index (an empty one when
  // nothing refers to the digest); anything else — 404, another code, a redirect elsewhere, a body
  // that is no index — means the fallback (docs/supply-chain.md §9.2).
  void referrersPage(std::string url, size_t page) {
    if (!spend("the referrers list")) return;
    ++pending_;
    repo_.get(url, indexAccept(), settings_.indexBytes, "referrers list", [this, page](CallOutcome outcome) {
      if (!outcome.ok()) {
        // A success over the cap is worth saying (a list too long to read). No answer at all is
        // not: a browser hides the answers of registries without the API whose 404 for an unknown
        // route carries no CORS headers (Distribution 2.8), and a registry that really does not
        // answer is said by the fallback's own requests.
        if (outcome.status >= 200 && outcome.status < 300) findings_.errors.push_back("referrers list: " + outcome.error.text);
        if (page == 0) referrersTag();
        return finishOne();
      }
      OciIndexRead read = readOciIndex(outcome.response->header("content-type"), outcome.response->body, settings_.maxRequests);
      // A list served by another origin than the registry's (a redirect elsewhere, as GHCR's to
      // its web site) is not the registry's answer: it falls back like any other non-answer.
      if (read.error.empty() && !sameOrigin(outcome.url, outcome.response->finalUrl)) {
        read.error = "the referrers list was served by another origin (" + outcome.response->finalUrl + ")";
      }
      if (!read.error.empty()) {
        if (page == 0) referrersTag();
        else findings_.errors.push_back("referrers list page " + std::to_string(page + 1) + ": " + read.error);
        return finishOne();
      }
      noteCut(read, "the referrers list");
      for (size_t i = 0; i < read.manifests.size(); ++i) {
        fetchArtifact(kFoundByReferrers, std::move(read.manifests[i]), page * 100000 + i);
      }
      std::string linkError;
      std::optional<std::string> next = nextLink(outcome.response->header("link"), outcome.url, &linkError);
      if (!linkError.empty()) findings_.errors.push_back("referrers list: " + linkError);
      if (next && !pagesRead_.insert(outcome.url).second) next.reset();
      if (next && pagesRead_.count(*next)) {
        findings_.errors.push_back("referrers list: the Link leads back to a page already read: " + *next);
      } else if (next && page + 1 >= settings_.maxReferrerPages) {
        findings_.errors.push_back("referrers list: more than " + std::to_string(settings_.maxReferrerPages) + " pages; the rest not read");
      } else if (next) {
        referrersPage(*next, page + 1);
      }
      finishOne();
    });
  }

  // 2. The referrers tag schema: an index tagged sha256-<hex>; anything but an index: none.
  void referrersTag() {
    if (!spend("the referrers tag")) return;
    ++pending_;
    std::string tag = digestTag(subject_.digest);
    repo_.get("/v2/" + repo_.path() + "/manifests/" + tag, indexAccept(), settings_.indexBytes, "referrers tag",
              [this, tag](CallOutcome outcome) {
                if (!outcome.ok()) {
                  if (outcome.status == 0) unreachable(outcome);
                  else if (outcome.status != 404) findings_.errors.push_back("referrers tag " + tag + ": " + outcome.error.text);
                  return finishOne();
                }
                OciIndexRead read = readOciIndex(outcome.response->header("content-type"), outcome.response->body,
                                                 settings_.maxRequests);
                noteCut(read, "the referrers tag " + tag);
                for (size_t i = 0; i < read.manifests.size(); ++i) {
                  fetchArtifact(kFoundByReferrersTag, std::move(read.manifests[i]), i);
                }
                finishOne();
              });
  }

  // 3. cosign's tags: one manifest each, whose layers are the signatures (attestations, SBOMs).
  void cosignTag(const std::string& suffix) {
    std::string tag = digestTag(subject_.digest) + suffix;
    if (!spend("the tag " + tag)) return;
    ++pending_;
    repo_.get("/v2/" + repo_.path() + "/manifests/" + tag, manifestAccept(), settings_.manifestBytes, "cosign tag",
              [this, tag, suffix](CallOutcome outcome) {
                if (!outcome.ok()) {
                  if (outcome.status == 0) unreachable(outcome);
                  else if (outcome.status != 404) findings_.errors.push_back("tag " + tag + ": " + outcome.error.text);
                  return finishOne();
                }
                FoundArtifact artifact;
                artifact.foundBy = kFoundByCosignTag;
                artifact.cosignTag = suffix;
                artifact.position = suffix == ".sig" ? 0 : suffix == ".att" ? 1 : 2;
                artifact.digest = sha256Digest(outcome.response->body);
                artifact.manifest = readArtifactManifest(outcome.response->header("content-type"), outcome.response->body, kLayersRead);
                artifact.listed = {artifact.manifest.mediaType, artifact.digest, artifact.manifest.artifactType,
                                   static_cast<int64_t>(outcome.response->body.size()), {}, {}, {}, {}};
                readLayers(std::move(artifact));
                finishOne();
              });
  }

  // 4. BuildKit's attestation manifests sit in the subject's index beside it.
  void buildkitAttestations() {
    std::string parent = !subject_.listDigest.empty() ? subject_.listDigest : subject_.isList ? "" : subject_.tag;
    if (parent.empty() || !spend("the index of " + parent)) return;
    ++pending_;
    repo_.index(parent, [this, parent](const Repository::IndexAnswer& answer) {
      if (!answer.error.empty() && !subject_.listDigest.empty()) {
        findings_.errors.push_back("index " + parent + ": " + answer.error);
      }
      for (size_t position = 0; position < answer.index.manifests.size(); ++position) {
        const OciDescriptor& entry = answer.index.manifests[position];
        auto type = entry.annotations.find(kBuildkitReferenceType);
        auto of = entry.annotations.find(kBuildkitReferenceDigest);
        if (type == entry.annotations.end() || type->second != kBuildkitAttestationManifest) continue;
        if (of == entry.annotations.end() || of->second != subject_.digest) continue;
        fetchArtifact(kFoundByIndex, entry, position);
      }
      finishOne();
    });
  }

  void noteCut(const OciIndexRead& read, const std::string& what) {
    if (read.listed > read.manifests.size()) {
      findings_.errors.push_back(what + " names " + std::to_string(read.listed) + " artifacts; only the first " +
                                 std::to_string(read.manifests.size()) + " were read");
    }
  }

  // An artifact named by a descriptor: its manifest by digest, checked, then its layers.
  void fetchArtifact(const char* foundBy, OciDescriptor listed, size_t position) {
    if (!seen_.insert(listed.digest).second) return;  // listed twice (a page repeated, API and index)
    if (!isValidDigest(listed.digest)) {
      findings_.errors.push_back("a referrer with an invalid digest " + listed.digest + " was skipped");
      return;
    }
    if (!spend("the artifact " + listed.digest)) return;
    ++pending_;
    repo_.get("/v2/" + repo_.path() + "/manifests/" + listed.digest, manifestAccept(), settings_.manifestBytes,
              "artifact manifest", [this, foundBy, listed, position](CallOutcome outcome) {
                FoundArtifact artifact;
                artifact.foundBy = foundBy;
                artifact.position = position;
                artifact.digest = listed.digest;
                artifact.listed = listed;
                auto unreadable = [&](std::string why) {
                  artifact.error = std::move(why);
                  findings_.errors.push_back("the artifact " + listed.digest + " could not be read: " + artifact.error);
                  findings_.artifacts.push_back(std::move(artifact));
                  finishOne();
                };
                if (!outcome.ok()) return unreadable(outcome.error.text);
                std::optional<std::string> actual = digestWithAlgorithmOf(listed.digest, outcome.response->body);
                if (!actual || *actual != listed.digest) {
                  artifact.refused = true;
                  return unreadable("the manifest served for " + listed.digest + " has the digest " +
                                    (actual ? *actual : std::string("of an unsupported algorithm")));
                }
                artifact.manifest = readArtifactManifest(outcome.response->header("content-type"), outcome.response->body, kLayersRead);
                // A referrer is only a referrer of what its own subject names; the list that named
                // it is the registry's (or a client's) word (docs/supply-chain.md §9.2).
                bool viaSubject = std::string_view(foundBy) == kFoundByReferrers || std::string_view(foundBy) == kFoundByReferrersTag;
                if (artifact.manifest.error.empty() && viaSubject && artifact.manifest.subjectDigest != subject_.digest) {
                  findings_.errors.push_back("the referrer " + listed.digest + " names " +
                                             (artifact.manifest.subjectDigest ? "the subject " + *artifact.manifest.subjectDigest
                                                                              : std::string("no subject")) +
                                             ", not this image: left out");
                  return finishOne();
                }
                readLayers(std::move(artifact));
                finishOne();
              });
  }

  // The blobs a verdict needs, each checked against its descriptor; the artifact is recorded
  // once they have all arrived.
  void readLayers(FoundArtifact artifact) {
    if (!artifact.manifest.error.empty()) {
      artifact.error = "not a manifest isimport can read: " + artifact.manifest.error;
      findings_.artifacts.push_back(std::move(artifact));
      return;
    }
    // cosign reads at most 1000 signatures from one manifest and refuses the rest of such a manifest
    // (cosign pkg/oci/remote/signatures.go, maxLayers): isimport does not vouch for more than it would.
    if (artifact.manifest.layersListed > kMaxCosignLayers) {
      artifact.error = "the manifest lists " + std::to_string(artifact.manifest.layersListed) +
                       " layers; cosign refuses a manifest of more than " + std::to_string(kMaxCosignLayers) + ", so none is read";
      artifact.refused = true;
      artifact.manifest.layers.clear();
      findings_.errors.push_back("the artifact " + artifact.digest + ": " + artifact.error);
      findings_.artifacts.push_back(std::move(artifact));
      return;
    }
    if (artifact.manifest.layersListed > artifact.manifest.layers.size()) {
      findings_.errors.push_back("the artifact " + artifact.digest + " lists " + std::to_string(artifact.manifest.layersListed) +
                                 " layers; only the first " + std::to_string(artifact.manifest.layers.size()) + " were read");
    }
    // A layer repeated with the same annotations (cosign appends on every signing) is one
    // signature: it is read, and judged, once.
    std::set<std::string> distinct;
    std::vector<OciDescriptor> layers;
    for (OciDescriptor& layer : artifact.manifest.layers) {
      std::string key = layer.digest;
      for (const auto& [name, value] : layer.annotations) key += "\n" + name + "=" + value;
      if (distinct.insert(key).second) layers.push_back(std::move(layer));
    }
    artifact.manifest.layers = std::move(layers);
    size_t slot = findings_.artifacts.size();
    for (const OciDescriptor& layer : artifact.manifest.layers) artifact.layers.push_back({layer, std::nullopt, "", false});
    findings_.artifacts.push_back(std::move(artifact));
    for (size_t i = 0; i < findings_.artifacts[slot].layers.size(); ++i) {
      const OciDescriptor& layer = findings_.artifacts[slot].layers[i].descriptor;
      if (!layerNeedsBlob(layer.mediaType)) continue;
      if (!isValidDigest(layer.digest)) {
        findings_.artifacts[slot].layers[i].error = "the layer's digest " + layer.digest + " is not valid";
        continue;
      }
      readBlob(layer.digest, {slot, i});
    }
  }

  // A blob, fetched once per lookup however many layers name it: every layer waiting for it gets
  // the bytes (each checked against its own descriptor's size) or the reason they are missing.
  struct LayerSlot {
    size_t artifact, layer;
  };
  struct BlobRead {
    std::optional<std::string> bytes;
    std::string error;
    bool mismatch = false;
  };

  void readBlob(const std::string& digest, LayerSlot slot) {
    blobs_.get(
        digest,
        [this, digest](std::function<void(BlobRead)> store) {
          if (!spend("the blob " + digest)) return store({std::nullopt, "not read: the request budget for this image was spent", false});
          ++pending_;
          repo_.get("/v2/" + repo_.path() + "/blobs/" + digest, {}, settings_.blobBytes, "artifact blob",
                    [this, digest, store](CallOutcome outcome) {
                      BlobRead read;
                      if (!outcome.ok()) {
                        read.error = outcome.status == 404 ? "blob unknown to registry" : outcome.error.text;
                      } else if (std::optional<std::string> actual = digestWithAlgorithmOf(digest, outcome.response->body);
                                 !actual || *actual != digest) {
                        read.error = "the bytes served do not have the layer's digest " + digest;
                        read.mismatch = true;
                      } else {
                        read.bytes = std::move(outcome.response->body);
                      }
                      store(std::move(read));
                      finishOne();
                    });
        },
        [this, slot](const BlobRead& read) { settle(read, slot); });
  }

  void settle(const BlobRead& read, LayerSlot slot) {
    FoundLayer& found = findings_.artifacts[slot.artifact].layers[slot.layer];
    found.error = read.error;
    found.mismatch = read.mismatch;
    if (!read.bytes) return;
    if (static_cast<int64_t>(read.bytes->size()) != found.descriptor.size) {
      found.error = "the layer's descriptor says " + std::to_string(found.descriptor.size) + " bytes; " +
                    std::to_string(read.bytes->size()) + " were served";
      found.mismatch = true;
      return;
    }
    found.blob = read.bytes;
  }

  Repository& repo_;
  const SubjectTarget& subject_;
  const DiscoverySettings& settings_;
  std::function<void()> onDone_;
  Findings findings_;
  size_t pending_ = 0;
  bool started_ = false, budgetNoted_ = false, unreachableNoted_ = false;
  std::set<std::string> seen_, pagesRead_;
  OnceCache<std::string, BlobRead> blobs_;  // by digest: each read once per lookup
};

// ---- the whole discovery ------------------------------------------------------------------------

Discovery::Discovery(std::vector<SubjectTarget> subjects, DiscoverySettings settings)
    : subjects_(std::move(subjects)), settings_(std::move(settings)) {
  std::vector<Lookup*> fresh;
  for (const SubjectTarget& subject : subjects_) {
    std::string key = subject.host + "/" + subject.repositoryPath + "@" + subject.digest;
    auto [it, inserted] = lookups_.try_emplace(key);
    if (inserted) {
      it->second = std::make_unique<Lookup>(repositoryOf(subject), subject, settings_, [this] { ++lookupsDone_; });
      fresh.push_back(it->second.get());
    }
    lookupOf_.push_back(it->second.get());
  }
  for (Lookup* lookup : fresh) lookup->start();
}

Discovery::~Discovery() = default;

Discovery::Repository& Discovery::repositoryOf(const SubjectTarget& subject) {
  std::string key = subject.host + "/" + subject.repositoryPath + (subject.insecure ? " insecure" : "");
  auto& slot = repositories_[key];
  if (!slot) slot = std::make_unique<Repository>(transport_, subject, settings_);
  return *slot;
}

std::vector<HttpRequest> Discovery::takeRequests() { return transport_.takeOutbox(); }

bool Discovery::feed(const HttpResponse& response) { return transport_.deliver(response); }

bool Discovery::done() const { return lookupsDone_ == lookups_.size(); }

DiscoveryProgress Discovery::progress() const {
  return {transport_.requestsDone(), transport_.requestsKnown(), lookupsDone_, lookups_.size()};
}

const Findings& Discovery::findings(size_t i) const { return lookupOf_[i]->findings(); }

}  // namespace isimport

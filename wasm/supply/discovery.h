// Finding what vouches for each subject (docs/supply-chain.md §9.2), sans-IO like the importer: it
// hands out HTTP requests through the same registry endpoints (ping, auth, retries, caps) and is
// fed their answers in any order. For each repository and digest, once:
//   1. the OCI 1.1 referrers API, GET /v2/<name>/referrers/<digest>, paged by Link; any answer but
//      a 200 with an image index falls back to
//   2. the referrers tag schema, the index tagged sha256-<hex> (not an index: no referrers);
//   3. cosign's tags sha256-<hex>.sig, .att and .sbom (404: none);
//   4. BuildKit's attestation manifests: the entries of the subject's index (a list kept whole, or
//      the index its tag names now) whose vnd.docker.reference.digest is the subject.
// Each artifact found is fetched by digest and checked (its digest, its subject), and the blobs a
// verdict needs (signature payloads, envelopes, bundles, SBOM documents) are fetched and checked
// against their descriptors. Every lookup is bounded by the subject's artifact budget; a lookup
// that fails is reported with its repository and never stops the others.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "registry/credentials.h"
#include "registry/registry_endpoint.h"
#include "registry/transport.h"
#include "supply/artifact_manifest.h"
#include "supply/subjects.h"

namespace isimport {

struct DiscoverySettings {
  size_t maxRequests = 100;     // per subject: every request of its lookups (pages, tags, manifests, blobs)
  size_t maxReferrerPages = 10;
  uint64_t indexBytes = 4 << 20, manifestBytes = 4 << 20, blobBytes = 4 << 20;
  uint32_t requestTimeoutMs = kDefaultRequestTimeoutMs;
  Keyring keyring;
};

// A layer of an artifact, with its blob when a verdict needs it.
struct FoundLayer {
  OciDescriptor descriptor;
  std::optional<std::string> blob;  // checked against the descriptor's digest and size
  std::string error;                // why the blob is missing
  bool mismatch = false;            // it was served, but not as its descriptor says (a lie, not an outage)
};

inline constexpr const char* kFoundByReferrers = "referrers";
inline constexpr const char* kFoundByReferrersTag = "referrers-tag";
inline constexpr const char* kFoundByCosignTag = "cosign-tag";
inline constexpr const char* kFoundByIndex = "index";

struct FoundArtifact {
  std::string foundBy;         // kFoundBy…
  std::string cosignTag;       // ".sig", ".att", ".sbom" for cosign's tags
  size_t position = 0;         // where its lookup listed it (the answer's order, whatever the timing)
  std::string digest;          // the manifest's digest
  OciDescriptor listed;        // the descriptor that named it (referrers, index entry)
  OciManifestRead manifest;
  std::vector<FoundLayer> layers;  // the layers read (at most the budget), parallel to manifest.layers
  std::string error;           // why the artifact could not be read
  bool refused = false;        // it was served, but as no honest registry serves it (a lie, not an outage)
};

struct Findings {
  std::vector<FoundArtifact> artifacts;
  std::vector<std::string> errors;  // lookups that failed, in words (the repository is the subject's)
  size_t requests = 0;              // requests this subject's lookups made
};

struct DiscoveryProgress {
  size_t requestsDone = 0, requestsKnown = 0, subjectsDone = 0, subjectsTotal = 0;
};

class Discovery {
 public:
  Discovery(std::vector<SubjectTarget> subjects, DiscoverySettings settings);
  ~Discovery();

  std::vector<HttpRequest> takeRequests();
  bool feed(const HttpResponse& response);  // false for an id that is not outstanding
  bool done() const;
  DiscoveryProgress progress() const;

  const std::vector<SubjectTarget>& subjects() const { return subjects_; }
  // What was found for subjects()[i] (subjects with the same repository and digest share it).
  const Findings& findings(size_t i) const;

 private:
  class Lookup;
  class Repository;
  Repository& repositoryOf(const SubjectTarget& subject);

  std::vector<SubjectTarget> subjects_;
  DiscoverySettings settings_;
  Transport transport_;
  std::map<std::string, std::unique_ptr<Repository>> repositories_;
  std::map<std::string, std::unique_ptr<Lookup>> lookups_;  // repository + digest
  std::vector<Lookup*> lookupOf_;                           // per subject
  size_t lookupsDone_ = 0;
};

}  // namespace isimport

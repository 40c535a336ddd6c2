// What isi.supplyChain() answers (docs/supply-chain.md §9.6), declared as field lists like the
// model: for each subject (an image of an ImageStreamImport answer) the artifacts that vouch for
// it, each with what it is, where it was found and whether its signature held, and the decision of
// the image policy that governs it; and the repositories that could not be read. The encoder writes
// these; web/lib/boundary.d.ts is generated from them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/fields.h"

namespace isimport {

inline constexpr const char* kArtifactKinds[] = {"signature", "attestation", "sbom", "other"};
inline constexpr const char* kArtifactFormats[] = {"cosign", "sigstore-bundle", "notation", "in-toto",
                                                   "spdx",   "cyclonedx",       "buildkit", "unknown"};
inline constexpr const char* kFoundBy[] = {"referrers", "referrers-tag", "cosign-tag", "index"};
inline constexpr const char* kVerificationStates[] = {"verified", "failed", "unverified"};
inline constexpr const char* kPolicyKinds[] = {"ClusterImagePolicy", "ImagePolicy"};
inline constexpr const char* kPolicyDecisions[] = {"admit", "deny", "not-evaluated"};

// Whether an artifact's signature held: "verified" only when every check held
// (docs/supply-chain.md §9.5); `key` the fingerprint (SHA256:<hex> of the SPKI) of the key it
// verified with, or that a failed check was made with when there was one key to blame.
struct Verification {
  static constexpr const char* kGoType = "isimport.Verification";
  std::string state = "unverified";
  std::string key;
  std::string reason;
};
ISIMPORT_FIELDS(Verification) {
  v.field("state", o.state, kAlways, kVerificationStates);
  v.field("key", o.key, kOmitEmpty);
  v.field("reason", o.reason, kAlways);
}

// What an SBOM or an attestation says in a line: the document's name and its number of packages
// (SBOMs), the builder and the source (provenance).
struct ArtifactSummary {
  static constexpr const char* kGoType = "isimport.ArtifactSummary";
  std::string name;
  std::optional<int64_t> packages;
  std::string builder, source;
};
ISIMPORT_FIELDS(ArtifactSummary) {
  v.field("name", o.name, kOmitEmpty);
  v.field("packages", o.packages, kOmitEmpty);
  v.field("builder", o.builder, kOmitEmpty);
  v.field("source", o.source, kOmitEmpty);
}

struct Artifact {
  static constexpr const char* kGoType = "isimport.Artifact";
  std::string digest, mediaType, artifactType;
  std::string kind = "other";
  std::string format = "unknown";
  std::string foundBy;
  std::string predicateType;
  std::optional<ArtifactSummary> summary;
  Verification verification;
};
ISIMPORT_FIELDS(Artifact) {
  v.field("digest", o.digest, kAlways);
  v.field("mediaType", o.mediaType, kAlways);
  v.field("artifactType", o.artifactType, kAlways);
  v.field("kind", o.kind, kAlways, kArtifactKinds);
  v.field("format", o.format, kAlways, kArtifactFormats);
  v.field("foundBy", o.foundBy, kAlways, kFoundBy);
  v.field("predicateType", o.predicateType, kOmitEmpty);
  v.field("summary", o.summary, kOmitEmpty);
  v.field("verification", o.verification, kAlways);
}

// The image policy that governs a subject and what it decides (docs/image-policy.md §11).
struct PolicyDecision {
  static constexpr const char* kGoType = "isimport.PolicyDecision";
  std::string kind, name, scope;
  std::string decision = "not-evaluated";
  std::string reason;
};
ISIMPORT_FIELDS(PolicyDecision) {
  v.field("kind", o.kind, kAlways, kPolicyKinds);
  v.field("name", o.name, kAlways);
  v.field("scope", o.scope, kAlways);
  v.field("decision", o.decision, kAlways, kPolicyDecisions);
  v.field("reason", o.reason, kAlways);
}

// One image of the answer: where in the answer it is (`status.images[0]`,
// `status.images[0].manifests[1]`, `status.repository.images[2]`), its repository
// (registry/namespace/name) and digest, the platform of a list entry, what vouches for it, and the
// policy's decision (null when no policy's scope matches it).
struct Subject {
  static constexpr const char* kGoType = "isimport.Subject";
  std::string source, repository, digest, platform;
  std::vector<Artifact> artifacts;
  std::optional<PolicyDecision> policy;
};
ISIMPORT_FIELDS(Subject) {
  v.field("source", o.source, kAlways);
  v.field("repository", o.repository, kAlways);
  v.field("digest", o.digest, kAlways);
  v.field("platform", o.platform, kOmitEmpty);
  v.field("artifacts", o.artifacts, kAlways);
  v.field("policy", o.policy, kAlways);
}

// A repository (or one subject's lookup in it) that could not be read: reported, never fatal to
// the others.
struct SupplyError {
  static constexpr const char* kGoType = "isimport.SupplyError";
  std::string repository, message;
};
ISIMPORT_FIELDS(SupplyError) {
  v.field("repository", o.repository, kAlways);
  v.field("message", o.message, kAlways);
}

struct SupplyAnswer {
  static constexpr const char* kGoType = "isimport.SupplyChain";
  std::vector<Subject> subjects;
  std::vector<SupplyError> errors;
};
ISIMPORT_FIELDS(SupplyAnswer) {
  v.field("subjects", o.subjects, kAlways);
  v.field("errors", o.errors, kAlways);
}

}  // namespace isimport

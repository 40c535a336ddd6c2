// What CRI-O would decide when a pod pulls an image, under the ClusterImagePolicy/ImagePolicy
// objects that govern it (docs/image-policy.md §11.6): containers/image
// signature/policy_eval_sigstore.go (`isRunningImageAllowed`: one accepted signature suffices;
// `isSignatureAccepted` and internal/sigstore_payload.go `VerifySigstorePayload` for what accepts
// one) over the sigstore signatures CRI-O reads, those of the cosign `sha256-<hex>.sig` tag.
// Cryptography and payload parsing are done by others; this takes their findings.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "supply/image_policy.h"

namespace isimport {

// One simple-signing signature from the subject's .sig tag, as already checked by the caller.
struct CandidateSignature {
  std::string dockerReference;          // the payload's critical.identity.docker-reference
  bool digestMatches = false;           // its critical.image.docker-manifest-digest is the subject's
  bool cosignType = false;              // its critical.type is "cosign container image signature"
  std::vector<std::string> verifiedBy;  // fingerprints ("SHA256:<hex>") of keys whose check held
};

struct PullSubject {
  std::string pullReference;                   // "registry.example.com:5000/ns/repo@sha256:<hex>"
  std::vector<CandidateSignature> signatures;  // in the order the tag lists them
  bool unreadSignatures = false;  // signatures exist in forms CRI-O does not read (bundles, referrers, Notation)
};

inline constexpr std::string_view kAdmit = "admit";
inline constexpr std::string_view kDeny = "deny";
inline constexpr std::string_view kNotEvaluated = "not-evaluated";

struct PolicyVerdict {
  std::string decision;  // "admit" | "deny" | "not-evaluated"
  std::string reason;    // a sentence for a person
};

// One policy's verdict. `keyFingerprints` are those of the policy's keyData (the caller reads
// them); an empty list when the key could not be read.
PolicyVerdict decideUnderPolicy(const ImagePolicyObject& policy, std::span<const std::string> keyFingerprints,
                                const PullSubject& subject);

struct PullDecision {
  std::string decision;  // "admit" | "deny" | "not-evaluated"
  std::string reason;
  std::string scope;                   // the matched scope ("" when no policy governs)
  std::vector<size_t> policies;        // the governing policies (indices into the input)
  std::vector<PolicyVerdict> verdicts;  // one per governing policy, same order
};

// The decision for `subject` pulled in `podNamespace`: the governing policies (policy_scope.h),
// each judged; every one must admit. `keyFingerprints[i]` belongs to `policies[i]` (the list may be
// shorter: missing entries count as no readable key).
PullDecision decidePull(std::span<const ImagePolicyObject> policies,
                        std::span<const std::vector<std::string>> keyFingerprints, std::string_view podNamespace,
                        const PullSubject& subject);

}  // namespace isimport

#include "supply/policy_decision.h"

#include <algorithm>

#include "supply/named_reference.h"
#include "supply/policy_scope.h"
#include "supply/signed_identity.h"

namespace isimport {
namespace {

std::string policyName(const ImagePolicyObject& p) {
  return p.clusterScoped() ? "ClusterImagePolicy " + p.metadata.name
                           : "ImagePolicy " + p.metadata.nameSpace + "/" + p.metadata.name;
}

std::string joinKeys(std::span<const std::string> keys) {
  std::string out;
  for (size_t i = 0; i < keys.size(); ++i) out += (i ? ", " : "") + keys[i];
  return out;
}

// The cosign tag the signatures were read from: "sha256-<hex>.sig".
std::string sigTagOf(std::string_view pullReference) {
  NamedReferenceParse parsed = parseNormalizedReference(pullReference);
  if (!parsed.ref || parsed.ref->digest.empty()) return "the .sig tag";
  std::string tag = parsed.ref->digest;
  std::replace(tag.begin(), tag.end(), ':', '-');
  return "the " + tag + ".sig tag";
}

PolicyVerdict verdict(std::string_view decision, std::string reason) { return {std::string(decision), std::move(reason)}; }

}  // namespace

PolicyVerdict decideUnderPolicy(const ImagePolicyObject& policy, std::span<const std::string> keyFingerprints,
                                const PullSubject& subject) {
  const PolicyRootOfTrust& root = policy.spec.policy.rootOfTrust;
  if (root.policyType == "FulcioCAWithRekor") {
    return verdict(kNotEvaluated, "keyless signatures (a Fulcio certificate logged in Rekor) are not verified in the browser");
  }
  if (root.policyType == "PKI") {
    return verdict(kNotEvaluated, "signatures by X.509 certificates of a private PKI are not verified in the browser");
  }
  if (root.policyType != "PublicKey" || !root.publicKey) return verdict(kNotEvaluated, "the policy has no public key");
  if (keyFingerprints.empty()) return verdict(kNotEvaluated, "the policy's keyData could not be read as a public key");

  std::string tag = sigTagOf(subject.pullReference);
  std::string keys = (keyFingerprints.size() == 1 ? "the policy's key " : "the policy's keys ") + joinKeys(keyFingerprints);
  std::string unread = subject.unreadSignatures
                           ? " (signatures also exist as sigstore bundles, OCI referrers or Notation signatures, which CRI-O does not read)"
                           : "";
  if (subject.signatures.empty()) {
    return verdict(kDeny, "a signature is required, but " + tag + " holds none" + unread);
  }
  // policy_eval_sigstore.go: each signature is checked in VerifySigstorePayload's order (the
  // cryptographic signature, the payload's type, the identity, the digest); one accepted is enough.
  std::vector<std::string> rejections;
  bool anyByKey = false;
  for (size_t i = 0; i < subject.signatures.size(); ++i) {
    const CandidateSignature& sig = subject.signatures[i];
    std::string label = "signature " + std::to_string(i + 1);
    auto byKey = std::find_first_of(sig.verifiedBy.begin(), sig.verifiedBy.end(), keyFingerprints.begin(), keyFingerprints.end());
    if (byKey == sig.verifiedBy.end()) {
      rejections.push_back(label + " does not verify with " + keys);
      continue;
    }
    anyByKey = true;
    if (!sig.cosignType) {
      rejections.push_back(label + " is signed by " + *byKey + ", but its payload is not of cosign's type");
      continue;
    }
    IdentityMatch identity = matchSignedIdentity(policy.spec.policy.signedIdentity, subject.pullReference, sig.dockerReference);
    if (!identity.accepted) {
      rejections.push_back(label + " is signed by the policy's key, but " + identity.reason);
      continue;
    }
    if (!sig.digestMatches) {
      rejections.push_back(label + " is signed by the policy's key, but it is for another manifest digest");
      continue;
    }
    std::string how = policy.spec.policy.signedIdentity ? policy.spec.policy.signedIdentity->matchPolicy : "MatchRepoDigestOrExact";
    std::string accepted = label + " in " + tag + " is signed by " + *byKey + " and names " + sig.dockerReference +
                           ", which " + how + " accepts";
    if (!root.publicKey->rekorKeyData.data.empty()) {
      return verdict(kNotEvaluated, accepted + "; but the policy also requires a Rekor inclusion proof (rekorKeyData), which is not checked here");
    }
    return verdict(kAdmit, accepted);
  }
  if (!anyByKey) return verdict(kDeny, "no signature in " + tag + " verifies with " + keys + unread);
  std::string reason = "none of the " + std::to_string(subject.signatures.size()) + " signatures in " + tag + " is accepted: ";
  for (size_t i = 0; i < rejections.size(); ++i) reason += (i ? "; " : "") + rejections[i];
  return verdict(kDeny, reason + unread);
}

PullDecision decidePull(std::span<const ImagePolicyObject> policies,
                        std::span<const std::vector<std::string>> keyFingerprints, std::string_view podNamespace,
                        const PullSubject& subject) {
  PullDecision out;
  GoverningPolicies governing = governingPolicies(policies, podNamespace, subject.pullReference);
  if (!governing.error.empty()) {
    out.decision = kNotEvaluated;
    out.reason = "the pull reference " + subject.pullReference + " cannot be read: " + governing.error;
    return out;
  }
  out.scope = governing.scope;
  out.policies = governing.indices;
  if (governing.indices.empty()) {
    out.decision = kAdmit;
    out.reason = "no ClusterImagePolicy or ImagePolicy scope matches " + subject.pullReference +
                 "; they do not restrict this pull (the node's default policy, from image.config.openshift.io, still applies)";
    return out;
  }
  // CRI-O requires every requirement of the scope to hold (policy_eval.go `IsRunningImageAllowed`).
  const PolicyVerdict* deny = nullptr;
  const PolicyVerdict* open = nullptr;
  size_t denyIndex = 0, openIndex = 0;
  for (size_t index : governing.indices) {
    std::span<const std::string> keys;
    if (index < keyFingerprints.size()) keys = keyFingerprints[index];
    out.verdicts.push_back(decideUnderPolicy(policies[index], keys, subject));
  }
  for (size_t k = 0; k < out.verdicts.size(); ++k) {
    if (!deny && out.verdicts[k].decision == kDeny) deny = &out.verdicts[k], denyIndex = governing.indices[k];
    if (!open && out.verdicts[k].decision == kNotEvaluated) open = &out.verdicts[k], openIndex = governing.indices[k];
  }
  std::string on = " (scope " + governing.scope + ")";
  if (deny) {
    out.decision = kDeny;
    out.reason = policyName(policies[denyIndex]) + on + ": " + deny->reason;
  } else if (open) {
    out.decision = kNotEvaluated;
    out.reason = policyName(policies[openIndex]) + on + ": " + open->reason;
  } else {
    out.decision = kAdmit;
    out.reason.clear();
    for (size_t k = 0; k < out.verdicts.size(); ++k) {
      out.reason += (k ? "; " : "") + policyName(policies[governing.indices[k]]) + on + ": " + out.verdicts[k].reason;
    }
  }
  return out;
}

}  // namespace isimport

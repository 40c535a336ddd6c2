// ClusterImagePolicy/ImagePolicy bodies (docs/image-policy.md §11.2, §11.3): any text gives exactly
// a policy or a Status, never a crash; an accepted policy's scopes are then used for scope lookup,
// identity matching and a decision with the first bytes as the pull and signed references.
#include "fuzz_support.h"
#include "supply/image_policy.h"
#include "supply/policy_decision.h"
#include "supply/policy_scope.h"
#include "supply/signed_identity.h"

using namespace isimport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  PolicyRead read = readImagePolicy(text);
  fuzz::check(read.policy.has_value() != read.status.has_value(), "a policy or a Status");
  if (read.status) {
    fuzz::check(read.status->code == 400 || read.status->code == 404 || read.status->code == 413 ||
                    read.status->code == 422,
                "a refusal is 400, 404, 413 or 422", read.status->message);
    if (read.status->code == 422) fuzz::check(read.status->details && !read.status->details->causes.empty(), "422 has causes");
  }
  // The text itself as references: any bytes must be answered.
  std::string_view pull = text.substr(0, text.size() / 2), signedRef = text.substr(text.size() / 2);
  (void)policyScopesFor(pull);
  (void)matchSignedIdentity(std::nullopt, pull, signedRef);
  if (read.policy) {
    fuzz::check(!read.policy->spec.scopes.empty(), "an accepted policy has scopes");
    std::vector<ImagePolicyObject> policies = {*read.policy};
    std::vector<std::vector<std::string>> keys = {{"SHA256:00"}};
    for (const std::string& scope : read.policy->spec.scopes) {
      PullSubject subject{scope, {CandidateSignature{scope, true, true, {"SHA256:00"}}}, false};
      PullDecision d = decidePull(policies, keys, read.policy->metadata.nameSpace, subject);
      fuzz::check(d.decision == "admit" || d.decision == "deny" || d.decision == "not-evaluated", "a decision word");
      (void)matchSignedIdentity(read.policy->spec.policy.signedIdentity, scope, signedRef);
    }
  }
  return 0;
}

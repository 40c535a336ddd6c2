// Whether a signature's claimed identity (the docker-reference of its payload) is accepted for the
// image being pulled, under a policy's signedIdentity, exactly as containers/image
// signature/policy_reference_match.go decides it (docs/image-policy.md §11.5).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "supply/image_policy.h"

namespace isimport {

struct IdentityMatch {
  bool accepted = false;
  std::string reason;  // a sentence saying why not (empty when accepted)
};

// `identity` absent means MatchRepoDigestOrExact (machine-config-operator helpers.go
// `policyItemFromSpec`). `pullReference` is what the pod pulls; `signedReference` the signature's
// docker-reference, parsed as ParseNormalizedNamed does.
IdentityMatch matchSignedIdentity(const std::optional<PolicySignedIdentity>& identity, std::string_view pullReference,
                                  std::string_view signedReference);

}  // namespace isimport

// Which ClusterImagePolicy/ImagePolicy objects govern one pull (docs/image-policy.md §11.4): the
// scopes containers/image looks up for a docker reference, most specific first
// (docker/policyconfiguration/naming.go, signature/policy_eval.go `requirementsForImageRef`), over
// the scopes the machine-config operator writes for the pod's namespace
// (container_runtime_config_controller.go `getValidScopePolicies`, helpers.go
// `updateNamespacedPolicyJSONs`).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "supply/image_policy.h"

namespace isimport {

struct PolicyScopes {
  std::vector<std::string> scopes;  // the exact identity first, then repository, namespaces, host, wildcards
  std::string error;                // why the reference cannot be pulled through the docker transport
};

// The scope keys looked up for `pullReference`, in order: name@digest (or name:tag; a name alone
// gets :latest), the name and each parent namespace up to host[:port], then "*.<domain>" for each
// shorter domain suffix of the host without its port.
PolicyScopes policyScopesFor(std::string_view pullReference);

// runtime-utils registries.go `ScopeIsNestedInsideScope`, quirks included: equal, a path under a
// non-wildcard scope, or under a "*.domain" scope by host suffix (a sub-scope with ':' is compared
// on the part before its first ':', and only when that part has no '/').
bool scopeIsNestedInsideScope(std::string_view subScope, std::string_view superScope);

struct OverriddenScope {
  size_t policy;      // index of the ImagePolicy
  std::string scope;  // its scope, equal to or nested under a ClusterImagePolicy scope
};

struct GoverningPolicies {
  std::string scope;            // the scope key that matched ("" when none did)
  std::vector<size_t> indices;  // the policies on that scope (indices into the input), all of which apply
  std::vector<OverriddenScope> overridden;  // the namespace's ImagePolicy scopes the MCO drops
  std::string error;            // the pull reference does not parse
};

// The policies among `policies` that govern pulling `pullReference` in namespace `podNamespace`.
// ClusterImagePolicy scopes apply everywhere; an ImagePolicy applies only in its own namespace,
// and not on a scope equal to or nested inside any ClusterImagePolicy scope.
GoverningPolicies governingPolicies(std::span<const ImagePolicyObject> policies, std::string_view podNamespace,
                                    std::string_view pullReference);

}  // namespace isimport

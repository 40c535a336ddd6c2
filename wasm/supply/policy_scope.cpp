#include "supply/policy_scope.h"

#include <algorithm>

#include "supply/named_reference.h"

namespace isimport {

PolicyScopes policyScopesFor(std::string_view pullReference) {
  PolicyScopes out;
  NamedReferenceParse parsed = parseNormalizedReference(pullReference);
  if (!parsed.ref) {
    out.error = parsed.error;
    return out;
  }
  NamedReference ref = *parsed.ref;
  // docker transport `newReference`: a tag and a digest together are refused; a bare name gets
  // "latest" (docker/docker_transport.go, reference.TagNameOnly).
  if (!ref.tag.empty() && !ref.digest.empty()) {
    out.error = "Docker references with both a tag and digest are currently not supported";
    return out;
  }
  if (ref.nameOnly()) ref.tag = "latest";
  // policyconfiguration `DockerReferenceIdentity`.
  out.scopes.push_back(ref.digest.empty() ? ref.name + ":" + ref.tag : ref.name + "@" + ref.digest);
  // naming.go `PolicyConfigurationNamespaces`.
  std::string name = ref.name;
  while (true) {
    out.scopes.push_back(name);
    size_t slash = name.rfind('/');
    if (slash == std::string::npos) break;
    name.resize(slash);
  }
  if (size_t colon = name.find(':'); colon != std::string::npos) name.resize(colon);
  for (size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.')) {
    name.erase(0, dot + 1);
    out.scopes.push_back("*." + name);
  }
  return out;
}

bool scopeIsNestedInsideScope(std::string_view sub, std::string_view super) {
  if (sub == super) return true;
  if (sub.size() > super.size() && sub.starts_with(super) && sub[super.size()] == '/') return true;
  if (!super.starts_with("*.")) return false;
  std::string_view suffix = super.substr(1);  // ".example.com"
  if (sub.find(':') != std::string_view::npos) {
    std::string_view host = sub.substr(0, sub.find(':'));
    return host.ends_with(suffix) && host.find('/') == std::string_view::npos;
  }
  return sub.substr(0, sub.find('/')).ends_with(suffix);
}

GoverningPolicies governingPolicies(std::span<const ImagePolicyObject> policies, std::string_view podNamespace,
                                    std::string_view pullReference) {
  GoverningPolicies out;
  PolicyScopes lookup = policyScopesFor(pullReference);
  if (!lookup.error.empty()) {
    out.error = lookup.error;
    return out;
  }
  // The scope → policies map of the namespace's policy file: every ClusterImagePolicy scope, then
  // the namespace's ImagePolicy scopes that no ClusterImagePolicy scope covers.
  std::vector<std::pair<std::string_view, size_t>> entries;
  for (size_t i = 0; i < policies.size(); ++i) {
    if (!policies[i].clusterScoped()) continue;
    for (const std::string& scope : policies[i].spec.scopes) entries.emplace_back(scope, i);
  }
  size_t clusterEntries = entries.size();
  for (size_t i = 0; i < policies.size(); ++i) {
    const ImagePolicyObject& p = policies[i];
    if (p.clusterScoped() || p.metadata.nameSpace != podNamespace) continue;
    for (const std::string& scope : p.spec.scopes) {
      bool covered = std::any_of(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(clusterEntries),
                                 [&](const auto& e) { return scopeIsNestedInsideScope(scope, e.first); });
      if (covered) {
        out.overridden.push_back({i, scope});
      } else {
        entries.emplace_back(scope, i);
      }
    }
  }
  // policy_eval.go `requirementsForImageRef`: the first key found, most specific first.
  for (const std::string& key : lookup.scopes) {
    for (const auto& [scope, index] : entries) {
      if (scope != key) continue;
      out.scope = key;
      if (std::find(out.indices.begin(), out.indices.end(), index) == out.indices.end()) out.indices.push_back(index);
    }
    if (!out.scope.empty()) break;
  }
  return out;
}

}  // namespace isimport

// The string rules of the v1 ClusterImagePolicy/ImagePolicy CRDs (openshift/api
// config/v1/zz_generated.crd-manifests/0000_10_config-operator_01_clusterimagepolicies.crd.yaml,
// the `x-kubernetes-validations` of spec.scopes[*] and of the signedIdentity repository and
// prefixes), as hand-written matchers of the regular expressions the CEL rules use
// (docs/image-policy.md §11.3). Each answers whether that one rule holds.
#pragma once

#include <string_view>

namespace isimport {

// Scope rule 1: the host part (before the first '/') has a '.', or is "localhost" (a port allowed).
bool scopeHasQualifiedHost(std::string_view scope);
// Scope rule 2 (only for scopes holding '*'): `^\*(?:\.<dns label>)+$`.
bool scopeWildcardWellFormed(std::string_view scope);
// Scope rule 3 (only for scopes without '*'): host[:port] or localhost[:port], optional path
// components, optional :tag, optional @digest.
bool scopeReferenceWellFormed(std::string_view scope);

// Repository/prefix rule 1: when it ends in ":<tag-like>" it must be exactly localhost:<port>.
bool identityHasNoTag(std::string_view repository);
// Repository/prefix rule 2: host[:port] or localhost[:port], then optional path components.
bool identityRepositoryWellFormed(std::string_view repository);

// `self.matches('^\\S+@\\S+$')` (RE2's \S: not one of space, \t, \n, \f, \r).
bool looksLikeEmail(std::string_view value);
// The hostname rule of pkiCertificateSubject: a DNS-1123 subdomain, optionally after "*.".
bool pkiHostnameWellFormed(std::string_view value);
// CEL's isURL (Kubernetes' URL library: Go's url.ParseRequestURI succeeds), approximated: an
// absolute URI with a scheme or an absolute path, without control characters or spaces.
bool celIsUrl(std::string_view value);

}  // namespace isimport

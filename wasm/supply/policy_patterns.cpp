// The CRD string rules of policy_patterns.h, as scanners (no std::regex: bounded, no exceptions).
#include "supply/policy_patterns.h"

#include "model/reference.h"
#include "validation/format_rules.h"

namespace isimport {
namespace {

bool isAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool isLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool isDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// `[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]`
bool isDomainComponent(std::string_view s) {
  if (s.empty() || !isAlnum(s.front()) || !isAlnum(s.back())) return false;
  for (char c : s) {
    if (!isAlnum(c) && c != '-') return false;
  }
  return true;
}

// `(<component>(\.<component>)+(:[0-9]+)?)|(localhost(:[0-9]+)?)`
bool isHostPort(std::string_view s) {
  size_t colon = s.find(':');
  if (colon != std::string_view::npos) {
    if (!isDigits(s.substr(colon + 1))) return false;
    s = s.substr(0, colon);
  }
  if (s == "localhost") return true;
  size_t parts = 0;
  while (true) {
    size_t dot = s.find('.');
    if (!isDomainComponent(s.substr(0, dot))) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    s = s.substr(dot + 1);
  }
  return parts >= 2;
}

// `[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*`: runs of lower-case letters and digits joined by
// one '.', one '_', two '_' or any number of '-'.
bool isPathComponent(std::string_view s) {
  if (s.empty() || !isLowerAlnum(s.front()) || !isLowerAlnum(s.back())) return false;
  size_t i = 0;
  while (i < s.size()) {
    if (isLowerAlnum(s[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < s.size() && !isLowerAlnum(s[i])) ++i;
    std::string_view sep = s.substr(start, i - start);
    bool dashes = sep.find_first_not_of('-') == std::string_view::npos;
    if (!(sep == "." || sep == "_" || sep == "__" || dashes)) return false;
  }
  return true;
}

// host[:port] then `(/<component>)*`.
bool isHostAndPath(std::string_view s) {
  size_t slash = s.find('/');
  if (!isHostPort(s.substr(0, slash))) return false;
  while (slash != std::string_view::npos) {
    s = s.substr(slash + 1);
    slash = s.find('/');
    if (!isPathComponent(s.substr(0, slash))) return false;
  }
  return true;
}

}  // namespace

bool scopeHasQualifiedHost(std::string_view scope) {
  std::string_view host = scope.substr(0, scope.find('/'));
  if (host.find('.') != std::string_view::npos) return true;
  return host.substr(0, host.find(':')) == "localhost";
}

bool scopeWildcardWellFormed(std::string_view scope) {
  if (scope.size() < 3 || scope.substr(0, 2) != "*.") return false;
  std::string_view rest = scope.substr(2);
  while (true) {
    size_t dot = rest.find('.');
    if (!isDomainComponent(rest.substr(0, dot))) return false;
    if (dot == std::string_view::npos) return true;
    rest = rest.substr(dot + 1);
  }
}

bool scopeReferenceWellFormed(std::string_view scope) {
  size_t at = scope.find('@');
  if (at != std::string_view::npos) {
    if (!matchesDigestGrammar(scope.substr(at + 1))) return false;
    scope = scope.substr(0, at);
  }
  if (isHostAndPath(scope)) return true;
  // A tag has no ':' and no '/', so only the last ':' can start one.
  size_t colon = scope.rfind(':');
  if (colon == std::string_view::npos) return false;
  return matchesTagGrammar(scope.substr(colon + 1)) && isHostAndPath(scope.substr(0, colon));
}

bool identityHasNoTag(std::string_view repository) {
  // An unanchored search: a line feed before the ':' does not matter, and a tag has no ':', so
  // only the last ':' can start the tail.
  size_t colon = repository.rfind(':');
  if (colon == std::string_view::npos) return true;
  if (!matchesTagGrammar(repository.substr(colon + 1))) return true;
  return repository.substr(0, colon) == "localhost" && isDigits(repository.substr(colon + 1));
}

bool identityRepositoryWellFormed(std::string_view repository) { return isHostAndPath(repository); }

bool looksLikeEmail(std::string_view value) {
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') return false;
  }
  size_t at = value.find('@', 1);
  while (at != std::string_view::npos) {
    if (at + 1 < value.size()) return true;
    at = value.find('@', at + 1);
  }
  return false;
}

bool pkiHostnameWellFormed(std::string_view value) {
  if (value.substr(0, 2) == "*.") value = value.substr(2);
  return isDns1123Subdomain(value).empty();
}

bool celIsUrl(std::string_view value) {
  if (value.empty()) return false;
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7f || c == ' ') return false;
  }
  if (value.front() == '/') return true;
  size_t colon = value.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  if (!((value[0] >= 'a' && value[0] <= 'z') || (value[0] >= 'A' && value[0] <= 'Z'))) return false;
  for (char c : value.substr(0, colon)) {
    if (!isAlnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

}  // namespace isimport

// The name and format rules of validation (see format_rules.h).
#include "validation/format_rules.h"

#include <cstdint>

#include "go/cold_code.h"
#include "go/go_text.h"  // goQuote

ISIMPORT_COLD_CODE_BEGIN

namespace isimport {
namespace {

// ---------------------------------------------------------------------------------------------
// Character classes and hand-written matchers
// ---------------------------------------------------------------------------------------------

bool isLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool isAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isAsciiAlnum(char c) { return isAsciiLetter(c) || (c >= '0' && c <= '9'); }
bool isHexDigit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// ^[a-z0-9]+(?:[._-][a-z0-9]+)*$ — runs of lower-case alphanumerics joined by single separators.
bool matchesRepositoryComponent(std::string_view s) {
  bool afterSeparator = true;  // the start behaves like a separator: an alphanumeric must follow
  for (char c : s) {
    if (isLowerAlnum(c)) {
      afterSeparator = false;
    } else if (c == '.' || c == '_' || c == '-') {
      if (afterSeparator) return false;
      afterSeparator = true;
    } else {
      return false;
    }
  }
  return !afterSeparator;
}

// ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$
bool matchesDnsLabel(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.back() == '-') return false;
  for (char c : s) {
    if (!isLowerAlnum(c) && c != '-') return false;
  }
  return true;
}

// ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$
bool matchesDnsSubdomain(std::string_view s) {
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    if (!matchesDnsLabel(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start))) {
      return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

// ^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$
bool matchesQualifiedNamePart(std::string_view s) {
  if (s.empty() || !isAsciiAlnum(s.front()) || !isAsciiAlnum(s.back())) return false;
  for (char c : s) {
    if (!isAsciiAlnum(c) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

// ^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$
bool matchesLabelValue(std::string_view s) { return s.empty() || matchesQualifiedNamePart(s); }

// ---------------------------------------------------------------------------------------------
// Message texts (k8s.io/apimachinery/pkg/util/validation)
// ---------------------------------------------------------------------------------------------

std::string maxLenError(size_t length) { return "must be no more than " + std::to_string(length) + " characters"; }

std::string regexError(std::string_view message, std::string_view expression,
                       std::initializer_list<std::string_view> examples) {
  std::string out(message);
  if (examples.size() == 0) return out + " (regex used for validation is '" + std::string(expression) + "')";
  out += " (e.g. ";
  bool first = true;
  for (std::string_view example : examples) {
    if (!first) out += " or ";
    first = false;
    out += "'";
    out += example;
    out += "', ";
  }
  out += "regex used for validation is '";
  out += expression;
  out += "')";
  return out;
}

constexpr std::string_view kRepositoryComponentExpression = "[a-z0-9]+(?:[._-][a-z0-9]+)*";
constexpr std::string_view kDnsLabelExpression = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
constexpr std::string_view kDnsSubdomainExpression =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
constexpr std::string_view kQualifiedNameExpression = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
constexpr std::string_view kLabelValueExpression = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
constexpr std::string_view kQualifiedNameMessage =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

constexpr size_t kQualifiedNameMaxLength = 63;
constexpr size_t kLabelValueMaxLength = 63;
constexpr size_t kDnsLabelMaxLength = 63;
constexpr size_t kDnsSubdomainMaxLength = 253;

}  // namespace

// ---------------------------------------------------------------------------------------------
// Name and format rules
// ---------------------------------------------------------------------------------------------

// Unanchored `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][[:xdigit:]]{32,}`: some ':'
// followed by at least 32 hex digits, preceded by a run of alphanumerics that holds a letter (the
// shortest match starts at that letter).
bool containsImageDigest(std::string_view s) {
  for (size_t colon = 0; colon < s.size(); ++colon) {
    if (s[colon] != ':') continue;
    size_t hex = 0;
    while (colon + 1 + hex < s.size() && hex < 32 && isHexDigit(s[colon + 1 + hex])) ++hex;
    if (hex < 32) continue;
    for (size_t k = colon; k > 0 && isAsciiAlnum(s[k - 1]); --k) {
      if (isAsciiLetter(s[k - 1])) return true;
    }
  }
  return false;
}

// ^ *([A-Za-z0-9][A-Za-z0-9!#$&^_-]{0,126})\/([A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}) *$
bool matchesMediaType(std::string_view s) {
  auto typeChar = [](char c) {
    return isAsciiAlnum(c) || c == '!' || c == '#' || c == '$' || c == '&' || c == '^' || c == '_' || c == '-';
  };
  auto subtypeChar = [&](char c) { return typeChar(c) || c == '.' || c == '+'; };
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  // Neither class holds ' ' or '/', so each part is the maximal run of its class.
  size_t typeStart = i;
  if (i >= s.size() || !isAsciiAlnum(s[i])) return false;
  while (i < s.size() && typeChar(s[i])) ++i;
  if (i - typeStart > 127 || i >= s.size() || s[i] != '/') return false;
  ++i;
  size_t subtypeStart = i;
  if (i >= s.size() || !isAsciiAlnum(s[i])) return false;
  while (i < s.size() && subtypeChar(s[i])) ++i;
  if (i - subtypeStart > 127) return false;
  while (i < s.size() && s[i] == ' ') ++i;
  return i == s.size();
}

std::vector<std::string> validatePathSegmentName(std::string_view name, bool prefix) {
  if (!prefix) {
    if (name == ".") return {"may not be '.'"};
    if (name == "..") return {"may not be '..'"};
  }
  std::vector<std::string> reasons;
  if (name.find('/') != std::string_view::npos) reasons.push_back("may not contain '/'");
  if (name.find('%') != std::string_view::npos) reasons.push_back("may not contain '%'");
  return reasons;
}

std::vector<std::string> validateImageStreamName(std::string_view name, bool prefix) {
  std::vector<std::string> reasons = validatePathSegmentName(name, prefix);
  if (!reasons.empty()) return reasons;
  if (!matchesRepositoryComponent(name)) return {"must match " + goQuote(kRepositoryComponentExpression)};
  return {};
}

std::vector<std::string> validateDnsLabelName(std::string_view name, bool prefix) {
  if (prefix && name.size() > 1 && name.back() == '-') {
    // maskTrailingDash: upstream drops the last two characters and appends 'a'.
    std::string masked(name.substr(0, name.size() - 2));
    masked += 'a';
    return isDns1123Label(masked);
  }
  return isDns1123Label(name);
}

std::vector<std::string> isDns1123Label(std::string_view value) {
  std::vector<std::string> errs;
  if (value.size() > kDnsLabelMaxLength) errs.push_back(maxLenError(kDnsLabelMaxLength));
  if (!matchesDnsLabel(value)) {
    if (matchesDnsSubdomain(value)) {
      errs.push_back("must not contain dots");  // a valid subdomain: only the dots are wrong
    } else {
      errs.push_back(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
                                "must start and end with an alphanumeric character",
                                kDnsLabelExpression, {"my-name", "123-abc"}));
    }
  }
  return errs;
}

std::vector<std::string> isDns1123Subdomain(std::string_view value) {
  std::vector<std::string> errs;
  if (value.size() > kDnsSubdomainMaxLength) errs.push_back(maxLenError(kDnsSubdomainMaxLength));
  if (!matchesDnsSubdomain(value)) {
    errs.push_back(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
                              "'.', and must start and end with an alphanumeric character",
                              kDnsSubdomainExpression, {"example.com"}));
  }
  return errs;
}

std::vector<std::string> isQualifiedName(std::string_view value) {
  std::vector<std::string> errs;
  size_t slash = value.find('/');
  std::string_view name = value;
  if (slash != std::string_view::npos) {
    if (value.find('/', slash + 1) != std::string_view::npos) {
      return {"a qualified name " + regexError(kQualifiedNameMessage, kQualifiedNameExpression, {"MyName", "my.name", "123-abc"}) +
              " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"};
    }
    std::string_view prefix = value.substr(0, slash);
    name = value.substr(slash + 1);
    if (prefix.empty()) {
      errs.push_back("prefix part must be non-empty");
    } else {
      for (std::string& msg : isDns1123Subdomain(prefix)) errs.push_back("prefix part " + msg);
    }
  }
  if (name.empty()) {
    errs.push_back("name part must be non-empty");
  } else if (name.size() > kQualifiedNameMaxLength) {
    errs.push_back("name part " + maxLenError(kQualifiedNameMaxLength));
  }
  if (!matchesQualifiedNamePart(name)) {
    errs.push_back("name part " + regexError(kQualifiedNameMessage, kQualifiedNameExpression, {"MyName", "my.name", "123-abc"}));
  }
  return errs;
}

std::vector<std::string> isValidLabelValue(std::string_view value) {
  std::vector<std::string> errs;
  if (value.size() > kLabelValueMaxLength) errs.push_back(maxLenError(kLabelValueMaxLength));
  if (!matchesLabelValue(value)) {
    errs.push_back(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                              "and must start and end with an alphanumeric character",
                              kLabelValueExpression, {"MyValue", "my_value", "12345"}));
  }
  return errs;
}

}  // namespace isimport

ISIMPORT_COLD_CODE_END

#include "import/tag_order.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string_view>

#include "go/cold_code.h"

ISIMPORT_COLD_CODE_BEGIN

namespace isimport {
namespace {

// A version as blang/semver v4 parses it (build metadata is checked but never compared).
struct PreRelease {
  bool numeric = false;
  uint64_t number = 0;
  std::string text;
};

struct Version {
  uint64_t major = 0, minor = 0, patch = 0;
  std::vector<PreRelease> pre;
};

bool onlyDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// semver's alphanum set: ASCII letters, digits and '-'.
bool onlyAlphanum(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  });
}

bool leadingZero(std::string_view s) { return s.size() > 1 && s[0] == '0'; }

// strconv.ParseUint(s, 10, 64).
std::optional<uint64_t> parseUint(std::string_view s) {
  if (s.empty()) return std::nullopt;
  uint64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    uint64_t digit = static_cast<uint64_t>(c - '0');
    if (n > (UINT64_MAX - digit) / 10) return std::nullopt;
    n = n * 10 + digit;
  }
  return n;
}

std::optional<uint64_t> versionNumber(std::string_view s) {
  if (!onlyDigits(s) || leadingZero(s)) return std::nullopt;
  return parseUint(s);
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    size_t at = s.find(sep);
    parts.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return parts;
    s = s.substr(at + 1);
  }
}

// semver.Parse.
std::optional<Version> parseSemver(std::string_view s) {
  if (s.empty()) return std::nullopt;
  size_t dot1 = s.find('.');
  if (dot1 == std::string_view::npos) return std::nullopt;
  size_t dot2 = s.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos) return std::nullopt;
  Version v;
  auto major = versionNumber(s.substr(0, dot1));
  auto minor = versionNumber(s.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!major || !minor) return std::nullopt;
  v.major = *major;
  v.minor = *minor;

  std::string_view patch = s.substr(dot2 + 1);
  std::vector<std::string_view> build, pre;
  if (size_t plus = patch.find('+'); plus != std::string_view::npos) {
    build = split(patch.substr(plus + 1), '.');
    patch = patch.substr(0, plus);
  }
  if (size_t dash = patch.find('-'); dash != std::string_view::npos) {
    pre = split(patch.substr(dash + 1), '.');
    patch = patch.substr(0, dash);
  }
  auto patchNumber = versionNumber(patch);
  if (!patchNumber) return std::nullopt;
  v.patch = *patchNumber;

  for (std::string_view p : pre) {
    if (p.empty()) return std::nullopt;
    PreRelease part;
    if (onlyDigits(p)) {
      if (leadingZero(p)) return std::nullopt;
      auto n = parseUint(p);
      if (!n) return std::nullopt;
      part.numeric = true;
      part.number = *n;
    } else if (onlyAlphanum(p)) {
      part.text = std::string(p);
    } else {
      return std::nullopt;
    }
    v.pre.push_back(std::move(part));
  }
  for (std::string_view b : build) {
    if (b.empty() || !onlyAlphanum(b)) return std::nullopt;
  }
  return v;
}

int compare(uint64_t a, uint64_t b) { return a == b ? 0 : (a > b ? 1 : -1); }

int comparePre(const PreRelease& a, const PreRelease& b) {
  if (a.numeric && !b.numeric) return -1;
  if (!a.numeric && b.numeric) return 1;
  if (a.numeric) return compare(a.number, b.number);
  return a.text == b.text ? 0 : (a.text > b.text ? 1 : -1);
}

// semver.Version.Compare.
int compareVersions(const Version& a, const Version& b) {
  if (int c = compare(a.major, b.major)) return c;
  if (int c = compare(a.minor, b.minor)) return c;
  if (int c = compare(a.patch, b.patch)) return c;
  if (a.pre.empty() && b.pre.empty()) return 0;
  if (a.pre.empty()) return 1;
  if (b.pre.empty()) return -1;
  size_t i = 0;
  for (; i < a.pre.size() && i < b.pre.size(); ++i) {
    if (int c = comparePre(a.pre[i], b.pre[i])) return c;
  }
  if (i == a.pre.size() && i == b.pre.size()) return 0;
  return i == a.pre.size() ? -1 : 1;
}

enum Priority { kLatest, kMinor, kFull, kOther };

struct Prioritized {
  std::string tag;
  Priority priority = kOther;
  Version version;
  std::string_view prefix;
};

bool asciiDigit(char c) { return c >= '0' && c <= '9'; }

// `^\d+\.\d+` at the start of s: the length matched, or 0.
size_t minorPrefix(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && asciiDigit(s[i])) ++i;
  if (i == 0 || i >= s.size() || s[i] != '.') return 0;
  size_t j = i + 1;
  while (j < s.size() && asciiDigit(s[j])) ++j;
  return j == i + 1 ? 0 : j;
}

bool wordChar(char c) {
  return asciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

Prioritized prioritize(const std::string& tag) {
  Prioritized p;
  p.tag = tag;
  if (tag == "latest") {
    p.priority = kLatest;
    return p;
  }
  std::string_view shortTag = tag;
  if (!tag.empty() && tag[0] == 'v') {
    p.prefix = "v";
    shortTag.remove_prefix(1);
  }
  // 5.1.3
  if (auto v = parseSemver(shortTag)) {
    p.priority = kFull;
    p.version = std::move(*v);
    return p;
  }
  size_t minor = minorPrefix(shortTag);
  // 5.1
  if (minor != 0 && minor == shortTag.size()) {
    if (auto v = parseSemver(std::string(shortTag) + ".0")) {
      p.priority = kMinor;
      p.version = std::move(*v);
      return p;
    }
  }
  // 5.1-rc1 (`^(\d+\.\d+)-\w+$`), read as 5.1.0-rc1
  if (minor != 0 && minor + 1 < shortTag.size() && shortTag[minor] == '-' &&
      std::all_of(shortTag.begin() + static_cast<std::ptrdiff_t>(minor) + 1, shortTag.end(), wordChar)) {
    std::string withPatch = std::string(shortTag.substr(0, minor)) + ".0" + std::string(shortTag.substr(minor));
    if (auto v = parseSemver(withPatch)) {
      p.priority = kMinor;
      p.version = std::move(*v);
      return p;
    }
  }
  p.priority = kOther;
  return p;
}

bool less(const Prioritized& a, const Prioritized& b) {
  if (a.priority != b.priority) return a.priority < b.priority;
  if (a.priority == kOther) return a.tag < b.tag;
  int c = compareVersions(a.version, b.version);
  if (c > 0) return true;  // newer first
  return c == 0 && a.prefix < b.prefix;
}

}  // namespace

TagClass classifyTag(const std::string& tag) {
  switch (prioritize(tag).priority) {
    case kLatest: return TagClass::Latest;
    case kMinor: return TagClass::MinorVersion;
    case kFull: return TagClass::FullVersion;
    case kOther: break;
  }
  return TagClass::Other;
}

std::string_view tagClassName(TagClass c) {
  switch (c) {
    case TagClass::Latest: return "latest";
    case TagClass::MinorVersion: return "minor";
    case TagClass::FullVersion: return "full";
    case TagClass::Other: break;
  }
  return "other";
}

std::vector<std::string> prioritizeTags(std::vector<std::string> tags) {
  std::set<std::string> unique;
  for (std::string& t : tags) unique.insert(t.empty() ? std::string("latest") : std::move(t));
  std::vector<Prioritized> items;
  items.reserve(unique.size());
  for (const std::string& t : unique) items.push_back(prioritize(t));
  // Upstream's sort.Sort is not stable; ties (versions differing only in build metadata) keep
  // the lexicographic order here, which is what Go's insertion sort gives for up to 12 tags.
  std::stable_sort(items.begin(), items.end(), less);
  std::vector<std::string> out;
  out.reserve(items.size());
  for (Prioritized& p : items) out.push_back(std::move(p.tag));
  return out;
}

}  // namespace isimport

ISIMPORT_COLD_CODE_END

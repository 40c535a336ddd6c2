#include "registry/credentials.h"

#include "go/base64.h"

#include <algorithm>
#include <cstdint>

#include "go/go_text.h"  // goDecodeRune
#include "json/go_json_scan.h"
#include "registry/url.h"

namespace isimport {
namespace {

// ---------------------------------------------------------------------------------------------
// The "auth" field: Go's base64 StdEncoding (when the trimmed value ends in '=') or RawStdEncoding.
// ---------------------------------------------------------------------------------------------

bool isAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

// credentialprovider's decodeDockerConfigFieldAuth; returns Go's error text or "".
std::string decodeAuthField(std::string_view field, BasicCredentials& out) {
  std::string_view trimmed = field;
  while (!trimmed.empty() && isAsciiSpace(trimmed.back())) trimmed.remove_suffix(1);
  while (!trimmed.empty() && isAsciiSpace(trimmed.front())) trimmed.remove_prefix(1);
  bool padded = !trimmed.empty() && trimmed.back() == '=';
  Base64Decoded result = base64Decode(field, padded);
  if (!result.bytes) return "illegal base64 data at input byte " + std::to_string(result.errorOffset);
  const std::string& decoded = *result.bytes;
  size_t colon = decoded.find(':');
  if (colon == std::string::npos) {
    return "unable to parse auth field, must be formatted as base64(username:password)";
  }
  out.username = decoded.substr(0, colon);
  out.password = decoded.substr(colon + 1);
  return "";
}

// ---------------------------------------------------------------------------------------------
// Decoding the config documents as json.Unmarshal does.
// ---------------------------------------------------------------------------------------------

std::string cannot(goscan::Kind kind, std::string_view goType, std::string_view structField = {}) {
  return json::unmarshalTypeErrorText(json::goValueName(kind), goType, structField);
}

struct RawEntry {
  std::string location;  // the config key as written
  BasicCredentials credentials;
};

// DockerConfigEntry.UnmarshalJSON. Returns Go's error text or "".
std::string decodeEntry(const goscan::Value& value, BasicCredentials& out) {
  if (value.kind == goscan::Kind::Null) return "";
  if (value.kind != goscan::Kind::Object) {
    return cannot(value.kind, "credentialprovider.dockerConfigEntryWithAuth");
  }
  std::string username, password, auth, firstError;
  for (const auto& [key, member] : goscan::members(value)) {
    std::string* field = nullptr;
    const char* name = nullptr;
    std::string email;
    if (goscan::keyMatches(key, "username")) {
      field = &username;
      name = "username";
    } else if (goscan::keyMatches(key, "password")) {
      field = &password;
      name = "password";
    } else if (goscan::keyMatches(key, "email")) {
      field = &email;
      name = "email";
    } else if (goscan::keyMatches(key, "auth")) {
      field = &auth;
      name = "auth";
    } else {
      continue;
    }
    if (member.kind == goscan::Kind::String) {
      *field = goscan::stringOf(member);
    } else if (member.kind != goscan::Kind::Null && firstError.empty()) {
      firstError = cannot(member.kind, "string", std::string("dockerConfigEntryWithAuth.") + name);
    }
  }
  if (!firstError.empty()) return firstError;
  out.username = username;
  out.password = password;
  if (auth.empty()) return "";
  return decodeAuthField(auth, out);
}

// A DockerConfig map (registry key → entry) into `entries`; a repeated key replaces its entry, as
// a Go map does. Returns Go's error text or "".
std::string decodeConfigMap(const goscan::Value& map, std::vector<RawEntry>& entries) {
  for (const auto& member : goscan::members(map)) {
    // Named copies: clang 14 (Emscripten 3.1.6) cannot capture structured bindings in lambdas.
    const auto& location = member.first;
    const auto& value = member.second;
    BasicCredentials credentials;
    if (std::string error = decodeEntry(value, credentials); !error.empty()) return error;
    auto same = std::find_if(entries.begin(), entries.end(), [&](const RawEntry& e) { return e.location == location; });
    if (same != entries.end()) {
      same->credentials = std::move(credentials);
    } else {
      entries.push_back(RawEntry{location, std::move(credentials)});
    }
  }
  return "";
}

// ---------------------------------------------------------------------------------------------
// Matching (credentialprovider's URLsMatch with filepath.Match on each host label).
// ---------------------------------------------------------------------------------------------

struct MatchResult {
  bool ok = false;
  bool bad = false;  // ErrBadPattern
  std::string_view rest;
};

// filepath.getEsc.
bool getEsc(std::string_view& chunk, char32_t& r) {
  if (chunk.empty() || chunk[0] == '-' || chunk[0] == ']') return false;
  if (chunk[0] == '\\') {
    chunk.remove_prefix(1);
    if (chunk.empty()) return false;
  }
  DecodedRune d = goDecodeRune(chunk, 0);
  if (!d.valid && d.width == 1) return false;
  r = d.rune;
  chunk.remove_prefix(d.width);
  return !chunk.empty();
}

// filepath.matchChunk (Unix: '\\' escapes, '/' is the separator).
MatchResult matchChunk(std::string_view chunk, std::string_view s) {
  bool failed = false;
  while (!chunk.empty()) {
    if (!failed && s.empty()) failed = true;
    char c = chunk[0];
    if (c == '[') {
      char32_t r = 0;
      if (!failed) {
        DecodedRune d = goDecodeRune(s, 0);
        r = d.rune;
        s.remove_prefix(d.width);
      }
      chunk.remove_prefix(1);
      bool negated = false;
      if (!chunk.empty() && chunk[0] == '^') {
        negated = true;
        chunk.remove_prefix(1);
      }
      bool match = false;
      int ranges = 0;
      while (true) {
        if (!chunk.empty() && chunk[0] == ']' && ranges > 0) {
          chunk.remove_prefix(1);
          break;
        }
        char32_t lo = 0, hi = 0;
        if (!getEsc(chunk, lo)) return MatchResult{false, true, {}};
        hi = lo;
        if (chunk[0] == '-') {
          chunk.remove_prefix(1);
          if (!getEsc(chunk, hi)) return MatchResult{false, true, {}};
        }
        if (lo <= r && r <= hi) match = true;
        ++ranges;
      }
      if (match == negated) failed = true;
    } else if (c == '?') {
      if (!failed) {
        if (s[0] == '/') failed = true;
        s.remove_prefix(goDecodeRune(s, 0).width);
      }
      chunk.remove_prefix(1);
    } else {
      if (c == '\\') {
        chunk.remove_prefix(1);
        if (chunk.empty()) return MatchResult{false, true, {}};
      }
      if (!failed) {
        if (chunk[0] != s[0]) failed = true;
        s.remove_prefix(1);
      }
      chunk.remove_prefix(1);
    }
  }
  if (failed) return MatchResult{};
  return MatchResult{true, false, s};
}

// filepath.scanChunk.
void scanChunk(std::string_view& pattern, bool& star, std::string_view& chunk) {
  star = false;
  while (!pattern.empty() && pattern[0] == '*') {
    pattern.remove_prefix(1);
    star = true;
  }
  bool inRange = false;
  size_t i = 0;
  for (; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\') {
      if (i + 1 < pattern.size()) ++i;
    } else if (c == '[') {
      inRange = true;
    } else if (c == ']') {
      inRange = false;
    } else if (c == '*' && !inRange) {
      break;
    }
  }
  chunk = pattern.substr(0, i);
  pattern = pattern.substr(i);
}

// filepath.Match; a malformed pattern matches nothing (upstream ignores the error as a mismatch).
bool globMatch(std::string_view pattern, std::string_view name) {
  while (!pattern.empty()) {
    bool star = false;
    std::string_view chunk;
    scanChunk(pattern, star, chunk);
    if (star && chunk.empty()) return name.find('/') == std::string_view::npos;
    MatchResult m = matchChunk(chunk, name);
    if (m.ok && (m.rest.empty() || !pattern.empty())) {
      name = m.rest;
      continue;
    }
    if (m.bad) return false;
    bool advanced = false;
    if (star) {
      for (size_t i = 0; i < name.size() && name[i] != '/'; ++i) {
        MatchResult t = matchChunk(chunk, name.substr(i + 1));
        if (t.ok) {
          if (pattern.empty() && !t.rest.empty()) continue;
          name = t.rest;
          advanced = true;
          break;
        }
        if (t.bad) return false;
      }
    }
    if (!advanced) return false;
  }
  return name.empty();
}

// net.SplitHostPort; on error the whole text is the host and the port is empty.
void splitHostPort(std::string_view hostport, std::string_view& host, std::string_view& port) {
  host = hostport;
  port = {};
  size_t i = hostport.rfind(':');
  if (i == std::string_view::npos) return;
  size_t j = 0, k = 0;
  std::string_view h;
  if (!hostport.empty() && hostport[0] == '[') {
    size_t end = hostport.find(']');
    if (end == std::string_view::npos) return;
    if (end + 1 == hostport.size()) return;
    if (end + 1 != i) return;
    h = hostport.substr(1, end - 1);
    j = 1;
    k = end + 1;
  } else {
    h = hostport.substr(0, i);
    if (h.find(':') != std::string_view::npos) return;
  }
  if (hostport.substr(j).find('[') != std::string_view::npos) return;
  if (hostport.substr(k).find(']') != std::string_view::npos) return;
  host = h;
  port = hostport.substr(i + 1);
}

std::vector<std::string_view> splitLabels(std::string_view host) {
  std::vector<std::string_view> labels;
  while (true) {
    size_t dot = host.find('.');
    labels.push_back(host.substr(0, dot));
    if (dot == std::string_view::npos) return labels;
    host = host.substr(dot + 1);
  }
}

// credentialprovider.URLsMatchStr(glob, target).
bool urlsMatch(std::string_view glob, std::string_view target) {
  auto globUrl = parseUrlReference("https://" + std::string(glob));
  auto targetUrl = parseUrlReference("https://" + std::string(target));
  if (!globUrl || !targetUrl) return false;
  std::string_view globHost, globPort, targetHost, targetPort;
  splitHostPort(globUrl->host, globHost, globPort);
  splitHostPort(targetUrl->host, targetHost, targetPort);
  if (globPort != targetPort) return false;
  std::vector<std::string_view> globLabels = splitLabels(globHost);
  std::vector<std::string_view> targetLabels = splitLabels(targetHost);
  if (globLabels.size() != targetLabels.size()) return false;
  if (targetUrl->path.compare(0, globUrl->path.size(), globUrl->path) != 0) return false;
  for (size_t i = 0; i < globLabels.size(); ++i) {
    if (!globMatch(globLabels[i], targetLabels[i])) return false;
  }
  return true;
}

// credentialprovider.isDefaultRegistryMatch.
bool isDockerHubImage(std::string_view image) {
  size_t slash = image.find('/');
  std::string_view first = image.substr(0, slash);
  if (first.empty()) return false;
  if (slash == std::string_view::npos) return true;
  if (first == "docker.io" || first == "index.docker.io") return true;
  return first.find_first_of(".:") == std::string_view::npos;
}

// BasicDockerKeyring.Add's key normalization; nullopt when Go's url.Parse refuses the location.
std::optional<std::string> normalizeKey(std::string_view location) {
  std::string value(location);
  if (value.rfind("https://", 0) != 0 && value.rfind("http://", 0) != 0) value = "https://" + value;
  auto parsed = parseUrlReference(value);
  if (!parsed) return std::nullopt;
  std::string path = parsed->path;
  if (path.rfind("/v2/", 0) == 0 || path.rfind("/v1/", 0) == 0) path = path.substr(3);
  if (!path.empty() && path != "/") return parsed->host + path;
  return parsed->host;
}

}  // namespace

Keyring Keyring::fromDockerConfig(std::string_view json, std::string& error) {
  error.clear();
  Keyring keyring;
  goscan::Scan scan = goscan::checkValid(json);
  if (!scan.ok) {
    error = scan.error;
    return keyring;
  }
  goscan::Value root = goscan::valueOf(json);
  if (root.kind == goscan::Kind::Null) return keyring;
  if (root.kind != goscan::Kind::Object) {
    error = cannot(root.kind, "credentialprovider.DockerConfigJSON");
    return keyring;
  }

  auto members = goscan::members(root);
  bool configJson = std::any_of(members.begin(), members.end(), [](const auto& m) {
    return goscan::keyMatches(m.first, "auths") ||
           (m.second.kind != goscan::Kind::Object && m.second.kind != goscan::Kind::Null);
  });

  std::vector<RawEntry> entries;
  if (configJson) {
    std::string firstError;
    for (const auto& [key, value] : members) {
      if (goscan::keyMatches(key, "auths")) {
        if (value.kind == goscan::Kind::Object) {
          if (std::string e = decodeConfigMap(value, entries); !e.empty()) {
            error = e;
            return keyring;
          }
        } else if (value.kind == goscan::Kind::Null) {
          entries.clear();
        } else if (firstError.empty()) {
          firstError = cannot(value.kind, "credentialprovider.DockerConfig", "DockerConfigJSON.auths");
        }
      } else if (goscan::keyMatches(key, "HttpHeaders")) {
        if (value.kind == goscan::Kind::Object) {
          for (const auto& header : goscan::members(value)) {
            const goscan::Value& v = header.second;
            if (v.kind != goscan::Kind::String && v.kind != goscan::Kind::Null && firstError.empty()) {
              firstError = cannot(v.kind, "string", "DockerConfigJSON.HttpHeaders");
            }
          }
        } else if (value.kind != goscan::Kind::Null && firstError.empty()) {
          firstError = cannot(value.kind, "map[string]string", "DockerConfigJSON.HttpHeaders");
        }
      }
    }
    if (!firstError.empty()) {
      error = firstError;
      return keyring;
    }
  } else if (std::string e = decodeConfigMap(root, entries); !e.empty()) {
    error = e;
    return keyring;
  }

  for (RawEntry& raw : entries) {
    if (auto key = normalizeKey(raw.location)) keyring.entries_.push_back(Entry{*key, std::move(raw.credentials)});
  }
  std::stable_sort(keyring.entries_.begin(), keyring.entries_.end(),
                   [](const Entry& a, const Entry& b) { return a.key > b.key; });
  return keyring;
}

std::vector<BasicCredentials> Keyring::lookupAll(std::string_view image) const {
  std::vector<BasicCredentials> found;
  for (const Entry& e : entries_) {
    if (urlsMatch(e.key, image)) found.push_back(e.credentials);
  }
  if (!found.empty() || !isDockerHubImage(image)) return found;
  for (const Entry& e : entries_) {
    if (e.key == "index.docker.io") found.push_back(e.credentials);
  }
  return found;
}

std::optional<BasicCredentials> Keyring::lookup(std::string_view image) const {
  std::vector<BasicCredentials> all = lookupAll(image);
  if (all.empty()) return std::nullopt;
  return all.front();
}

std::vector<std::string> Keyring::keys() const {
  std::vector<std::string> out;
  for (const Entry& e : entries_)
    if (out.empty() || out.back() != e.key) out.push_back(e.key);
  return out;
}

}  // namespace isimport

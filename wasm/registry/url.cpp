#include "registry/url.h"

#include <algorithm>
#include <cctype>

#include "go/go_text.h"  // goQuote

namespace isimport {
namespace {

// Go net/url's encoding modes.
enum class Mode { Path, Host, Zone, UserPassword, QueryComponent, Fragment };

bool isAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool isHex(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int unhex(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// Go's shouldEscape.
bool shouldEscape(unsigned char c, Mode mode) {
  if (isAlnum(c)) return false;
  if (mode == Mode::Host || mode == Mode::Zone) {
    switch (c) {
      case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+': case ',':
      case ';': case '=': case ':': case '[': case ']': case '<': case '>': case '"':
        return false;
      default: break;
    }
  }
  switch (c) {
    case '-': case '_': case '.': case '~': return false;
    case '$': case '&': case '+': case ',': case '/': case ':': case ';': case '=': case '?': case '@':
      switch (mode) {
        case Mode::Path: return c == '?';
        case Mode::UserPassword: return c == '@' || c == '/' || c == '?' || c == ':';
        case Mode::QueryComponent: return true;
        case Mode::Fragment: return false;
        default: break;
      }
      break;
    default: break;
  }
  if (mode == Mode::Fragment) {
    switch (c) {
      case '!': case '(': case ')': case '*': return false;
      default: break;
    }
  }
  return true;
}

std::string escape(std::string_view s, Mode mode) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (c == ' ' && mode == Mode::QueryComponent) {
      out += '+';
    } else if (shouldEscape(c, mode)) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Go's unescape; on failure `error` gets Go's text.
std::optional<std::string> unescape(std::string_view s, Mode mode, std::string& error) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '%') {
      if (i + 2 >= s.size() || !isHex(static_cast<unsigned char>(s[i + 1])) ||
          !isHex(static_cast<unsigned char>(s[i + 2]))) {
        error = "invalid URL escape " + goQuote(s.substr(i, 3));
        return std::nullopt;
      }
      if (mode == Mode::Host && unhex(static_cast<unsigned char>(s[i + 1])) < 8 && s.substr(i, 3) != "%25") {
        error = "invalid URL escape " + goQuote(s.substr(i, 3));
        return std::nullopt;
      }
      i += 3;
      continue;
    }
    if ((mode == Mode::Host || mode == Mode::Zone) && c < 0x80 && shouldEscape(c, mode)) {
      error = "invalid character " + goQuote(s.substr(i, 1)) + " in host name";
      return std::nullopt;
    }
    ++i;
  }
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '%') {
      out += static_cast<char>(unhex(static_cast<unsigned char>(s[i + 1])) * 16 +
                               unhex(static_cast<unsigned char>(s[i + 2])));
      i += 3;
    } else {
      out += (c == '+' && mode == Mode::QueryComponent) ? ' ' : c;
      ++i;
    }
  }
  return out;
}

// Go's validEncoded for paths.
bool validEncodedPath(std::string_view s) {
  for (unsigned char c : s) {
    switch (c) {
      case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+': case ',':
      case ';': case '=': case ':': case '@': case '[': case ']': case '%':
        continue;
      default:
        if (shouldEscape(c, Mode::Path)) return false;
    }
  }
  return true;
}

// URL.EscapedPath() of a path given as written.
std::string escapedPath(std::string_view raw) {
  if (validEncodedPath(raw)) return std::string(raw);
  std::string error;
  auto decoded = unescape(raw, Mode::Path, error);
  return decoded ? escape(*decoded, Mode::Path) : std::string(raw);
}

bool validOptionalPort(std::string_view port) {
  if (port.empty()) return true;
  if (port[0] != ':') return false;
  return std::all_of(port.begin() + 1, port.end(), [](char b) { return b >= '0' && b <= '9'; });
}

std::optional<std::string> parseHost(std::string_view host, std::string& error) {
  if (!host.empty() && host[0] == '[') {
    size_t close = host.rfind(']');
    if (close == std::string_view::npos) {
      error = "missing ']' in host";
      return std::nullopt;
    }
    std::string_view colonPort = host.substr(close + 1);
    if (!validOptionalPort(colonPort)) {
      error = "invalid port " + goQuote(colonPort) + " after host";
      return std::nullopt;
    }
  } else if (size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    std::string_view colonPort = host.substr(colon);
    if (!validOptionalPort(colonPort)) {
      error = "invalid port " + goQuote(colonPort) + " after host";
      return std::nullopt;
    }
  }
  return unescape(host, Mode::Host, error);
}

bool validUserinfo(std::string_view s) {
  for (unsigned char c : s) {
    if (isAlnum(c)) continue;
    switch (c) {
      case '-': case '.': case '_': case ':': case '~': case '!': case '$': case '&': case '\'':
      case '(': case ')': case '*': case '+': case ',': case ';': case '=': case '%': case '@':
        continue;
      default: return false;
    }
  }
  return true;
}

// Go's parse(rawURL, viaRequest=false) for the part before '#'.
bool parseNoFragment(std::string_view raw, UrlReference& u, std::string& error) {
  for (unsigned char c : raw) {
    if (c < 0x20 || c == 0x7f) {
      error = "net/url: invalid control character in URL";
      return false;
    }
  }
  if (raw == "*") {
    u.path = u.rawPath = "*";
    return true;
  }
  // Scheme.
  std::string_view rest = raw;
  for (size_t i = 0; i < raw.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
    if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
      if (i == 0) break;
      continue;
    }
    if (c == ':') {
      if (i == 0) {
        error = "missing protocol scheme";
        return false;
      }
      u.scheme = std::string(raw.substr(0, i));
      for (char& ch : u.scheme) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      rest = raw.substr(i + 1);
    }
    break;
  }
  // Query.
  if (!rest.empty() && rest.back() == '?' && std::count(rest.begin(), rest.end(), '?') == 1) {
    u.forceQuery = true;
    rest.remove_suffix(1);
  } else if (size_t q = rest.find('?'); q != std::string_view::npos) {
    u.query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  if (rest.empty() || rest[0] != '/') {
    if (!u.scheme.empty()) {
      u.opaque = std::string(rest);
      return true;
    }
    std::string_view segment = rest.substr(0, rest.find('/'));
    if (segment.find(':') != std::string_view::npos) {
      error = "first path segment in URL cannot contain colon";
      return false;
    }
  }
  if ((!u.scheme.empty() || rest.substr(0, 3) != "///") && rest.substr(0, 2) == "//") {
    std::string_view authority = rest.substr(2);
    rest = {};
    if (size_t slash = authority.find('/'); slash != std::string_view::npos) {
      rest = authority.substr(slash);
      authority = authority.substr(0, slash);
    }
    u.hasAuthority = true;
    size_t at = authority.rfind('@');
    auto host = parseHost(at == std::string_view::npos ? authority : authority.substr(at + 1), error);
    if (!host) return false;
    u.host = std::move(*host);
    if (at != std::string_view::npos) {
      std::string_view userinfo = authority.substr(0, at);
      if (!validUserinfo(userinfo)) {
        error = "net/url: invalid userinfo";
        return false;
      }
      size_t colon = userinfo.find(':');
      if (!unescape(userinfo.substr(0, colon), Mode::UserPassword, error)) return false;
      if (colon != std::string_view::npos && !unescape(userinfo.substr(colon + 1), Mode::UserPassword, error)) {
        return false;
      }
      u.hasUserinfo = true;
      u.userinfo = std::string(userinfo);
    }
  }
  auto path = unescape(rest, Mode::Path, error);
  if (!path) return false;
  u.path = std::move(*path);
  u.rawPath = std::string(rest);
  return true;
}

// Go's resolvePath: merge and remove dot segments.
std::string resolvePath(std::string_view base, std::string_view ref) {
  std::string full;
  if (ref.empty()) {
    full = std::string(base);
  } else if (ref[0] != '/') {
    size_t slash = base.rfind('/');
    full = std::string(slash == std::string_view::npos ? std::string_view() : base.substr(0, slash + 1));
    full += ref;
  } else {
    full = std::string(ref);
  }
  if (full.empty()) return "";

  std::string dst = "/";
  bool first = true;
  std::string_view remaining = full;
  std::string_view elem;
  bool found = true;
  while (found) {
    size_t slash = remaining.find('/');
    found = slash != std::string_view::npos;
    elem = found ? remaining.substr(0, slash) : remaining;
    remaining = found ? remaining.substr(slash + 1) : std::string_view();
    if (elem == ".") {
      first = false;
      continue;
    }
    if (elem == "..") {
      std::string str = dst.substr(1);
      size_t index = str.rfind('/');
      dst = "/";
      if (index == std::string::npos) {
        first = true;
      } else {
        dst += str.substr(0, index);
      }
    } else {
      if (!first) dst += '/';
      dst += elem;
      first = false;
    }
  }
  if (elem == "." || elem == "..") dst += '/';
  if (dst.size() > 1 && dst[1] == '/') dst.erase(0, 1);
  return dst;
}

// Go's URL.String() without the fragment; `path` is already in escaped form.
std::string render(const UrlReference& u, const std::string& path, bool omitHost) {
  std::string out;
  if (!u.scheme.empty()) {
    out += u.scheme;
    out += ':';
  }
  if (!u.opaque.empty()) {
    out += u.opaque;
  } else {
    if (!u.scheme.empty() || !u.host.empty() || u.hasUserinfo) {
      if (!(omitHost && u.host.empty() && !u.hasUserinfo)) {
        if (!u.host.empty() || !path.empty() || u.hasUserinfo) out += "//";
        if (u.hasUserinfo) {
          out += u.userinfo;
          out += '@';
        }
        out += escape(u.host, Mode::Host);
      }
    }
    if (!path.empty() && path[0] != '/' && !u.host.empty()) out += '/';
    if (out.empty()) {
      std::string_view segment = std::string_view(path).substr(0, path.find('/'));
      if (segment.find(':') != std::string_view::npos) out += "./";
    }
    out += path;
  }
  if (u.forceQuery || !u.query.empty()) {
    out += '?';
    out += u.query;
  }
  return out;
}

bool omitsHost(const UrlReference& u) {
  return !u.scheme.empty() && !u.hasAuthority && !u.rawPath.empty() && u.rawPath[0] == '/';
}

}  // namespace

std::optional<UrlReference> parseUrlReference(std::string_view text, std::string* error) {
  size_t hash = text.find('#');
  std::string_view main = text.substr(0, hash);
  UrlReference u;
  std::string err;
  if (!parseNoFragment(main, u, err)) {
    if (error) *error = "parse " + goQuote(main) + ": " + err;
    return std::nullopt;
  }
  if (hash != std::string_view::npos) {
    auto fragment = unescape(text.substr(hash + 1), Mode::Fragment, err);
    if (!fragment) {
      if (error) *error = "parse " + goQuote(text) + ": " + err;
      return std::nullopt;
    }
    u.fragment = std::move(*fragment);
  }
  return u;
}

std::optional<Url> parseUrl(std::string_view text) {
  auto ref = parseUrlReference(text);
  if (!ref || ref->scheme.empty() || !ref->hasAuthority || ref->host.empty() || !ref->opaque.empty()) {
    return std::nullopt;
  }
  Url url;
  url.scheme = ref->scheme;
  url.userinfo = ref->userinfo;
  url.host = escape(ref->host, Mode::Host);
  for (char& c : url.host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  url.path = escapedPath(ref->rawPath);
  url.query = ref->query;
  return url;
}

std::string toString(const Url& url) {
  std::string out = url.scheme + "://";
  if (!url.userinfo.empty()) out += url.userinfo + "@";
  out += url.host;
  if (!url.path.empty() && url.path[0] != '/') out += '/';
  out += url.path;
  if (!url.query.empty()) out += "?" + url.query;
  return out;
}

std::string hostOf(std::string_view text) {
  auto url = parseUrl(text);
  return url ? url->host : std::string();
}

std::optional<std::string> resolveUrl(std::string_view base, std::string_view reference) {
  auto b = parseUrlReference(base);
  auto r = parseUrlReference(reference);
  if (!b || !r) return std::nullopt;
  UrlReference out = *r;
  if (out.scheme.empty()) out.scheme = b->scheme;
  std::string path;
  bool omitHost = omitsHost(*r);
  if (!r->scheme.empty() || !r->host.empty() || r->hasUserinfo) {
    path = resolvePath(escapedPath(r->rawPath), "");
  } else if (!r->opaque.empty()) {
    out.host.clear();
    out.hasUserinfo = false;
    out.userinfo.clear();
  } else {
    if (r->rawPath.empty() && !r->forceQuery && r->query.empty()) out.query = b->query;
    out.host = b->host;
    out.hasUserinfo = b->hasUserinfo;
    out.userinfo = b->userinfo;
    omitHost = omitsHost(*b);
    path = resolvePath(escapedPath(b->rawPath), escapedPath(r->rawPath));
  }
  return render(out, escapedPath(path), omitHost);
}

std::string queryEscape(std::string_view value) { return escape(value, Mode::QueryComponent); }

std::string encodeQuery(const std::vector<std::pair<std::string, std::string>>& values) {
  std::vector<std::pair<std::string, std::string>> sorted = values;
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  for (const auto& [key, value] : sorted) {
    if (!out.empty()) out += '&';
    out += queryEscape(key);
    out += '=';
    out += queryEscape(value);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> parseQuery(std::string_view rawQuery) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!rawQuery.empty()) {
    size_t amp = rawQuery.find('&');
    std::string_view pair = rawQuery.substr(0, amp);
    rawQuery = amp == std::string_view::npos ? std::string_view() : rawQuery.substr(amp + 1);
    if (pair.find(';') != std::string_view::npos || pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string error;
    auto key = unescape(pair.substr(0, eq), Mode::QueryComponent, error);
    if (!key) continue;
    auto value = unescape(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1),
                          Mode::QueryComponent, error);
    if (!value) continue;
    out.emplace_back(std::move(*key), std::move(*value));
  }
  return out;
}

std::optional<std::string> nextLink(std::string_view linkHeader, std::string_view requestUrl, std::string* error) {
  if (linkHeader.empty()) return std::nullopt;
  std::string_view first = linkHeader.substr(0, linkHeader.find(';'));
  while (!first.empty() && (first.front() == '<' || first.front() == '>')) first.remove_prefix(1);
  while (!first.empty() && (first.back() == '<' || first.back() == '>')) first.remove_suffix(1);
  if (!parseUrlReference(first, error)) return std::nullopt;
  auto resolved = resolveUrl(requestUrl, first);
  if (!resolved && error) *error = "invalid request URL " + goQuote(requestUrl);
  return resolved;
}

}  // namespace isimport

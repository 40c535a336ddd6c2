#include "registry/media_type.h"

#include <map>

namespace isimport {
namespace {

bool isTSpecial(char c) {
  switch (c) {
    case '(': case ')': case '<': case '>': case '@': case ',': case ';': case ':': case '\\':
    case '"': case '/': case '[': case ']': case '?': case '=':
      return true;
    default:
      return false;
  }
}

bool isTokenChar(char c) {
  auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u < 0x7F && !isTSpecial(c);
}

std::string_view consumeToken(std::string_view v, std::string_view& rest) {
  size_t n = 0;
  while (n < v.size() && isTokenChar(v[n])) ++n;
  rest = v.substr(n);
  return v.substr(0, n);
}

// Width of the Unicode white space (unicode.IsSpace) starting at `s`, 0 when none.
size_t spaceWidth(std::string_view s) {
  if (s.empty()) return 0;
  switch (s[0]) {
    case ' ': case '\t': case '\n': case '\v': case '\f': case '\r': return 1;
    default: break;
  }
  if (s.size() >= 2 && s[0] == '\xC2' && (s[1] == '\x85' || s[1] == '\xA0')) return 2;
  return 0;
}

std::string_view trimLeftSpace(std::string_view s) {
  while (size_t w = spaceWidth(s)) s.remove_prefix(w);
  return s;
}

std::string_view trimSpace(std::string_view s) {
  s = trimLeftSpace(s);
  for (;;) {
    if (!s.empty() && spaceWidth(s.substr(s.size() - 1)) == 1) {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && spaceWidth(s.substr(s.size() - 2)) == 2) {
      s.remove_suffix(2);
    } else {
      return s;
    }
  }
}

std::string lowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view consumeValue(std::string_view v, std::string& value) {
  value.clear();
  if (v.empty()) return v;
  if (v[0] != '"') {
    std::string_view rest;
    value = std::string(consumeToken(v, rest));
    return rest;
  }
  for (size_t i = 1; i < v.size(); ++i) {
    char r = v[i];
    if (r == '"') return v.substr(i + 1);
    if (r == '\\' && i + 1 < v.size() && isTSpecial(v[i + 1])) {
      value += v[i + 1];
      ++i;
      continue;
    }
    if (r == '\r' || r == '\n') {
      value.clear();
      return v;
    }
    value += r;
  }
  value.clear();
  return v;  // no closing quote
}

// One "; name=value" parameter; empty `param` when there is none.
std::string_view consumeMediaParam(std::string_view v, std::string& param, std::string& value) {
  param.clear();
  value.clear();
  std::string_view rest = trimLeftSpace(v);
  if (rest.empty() || rest[0] != ';') return v;
  rest = trimLeftSpace(rest.substr(1));
  std::string_view name = consumeToken(rest, rest);
  if (name.empty()) return v;
  rest = trimLeftSpace(rest);
  if (rest.empty() || rest[0] != '=') return v;
  rest = trimLeftSpace(rest.substr(1));
  std::string_view before = rest;
  std::string_view after = consumeValue(rest, value);
  if (value.empty() && after.size() == before.size()) return v;
  param = lowerAscii(name);
  return after;
}

}  // namespace

MediaTypeParse parseMediaType(std::string_view header) {
  MediaTypeParse result;
  std::string_view base = header.substr(0, header.find(';'));
  std::string type = std::string(trimSpace(lowerAscii(base)));
  std::string_view rest;
  std::string_view major = consumeToken(type, rest);
  if (major.empty()) {
    result.error = "mime: no media type";
    return result;
  }
  if (!rest.empty()) {
    if (rest[0] != '/') {
      result.error = "mime: expected slash after first token";
      return result;
    }
    std::string_view minor = consumeToken(rest.substr(1), rest);
    if (minor.empty()) {
      result.error = "mime: expected token after slash";
      return result;
    }
    if (!rest.empty()) {
      result.error = "mime: unexpected content after media subtype";
      return result;
    }
  }
  std::map<std::string, std::string> params;
  std::map<std::string, std::map<std::string, std::string>> continuation;
  std::string_view v = header.substr(base.size());
  while (!v.empty()) {
    v = trimLeftSpace(v);
    if (v.empty()) break;
    std::string key, value;
    std::string_view after = consumeMediaParam(v, key, value);
    if (key.empty()) {
      if (trimSpace(after) == ";") break;  // a trailing semicolon is allowed
      result.error = "mime: invalid media parameter";
      return result;
    }
    std::map<std::string, std::string>* pmap = &params;
    if (size_t star = key.find('*'); star != std::string::npos) pmap = &continuation[key.substr(0, star)];
    if (auto it = pmap->find(key); it != pmap->end() && it->second != value) {
      result.error = "mime: duplicate parameter name";
      return result;
    }
    (*pmap)[key] = value;
    v = after;
  }
  result.type = std::move(type);
  return result;
}

}  // namespace isimport

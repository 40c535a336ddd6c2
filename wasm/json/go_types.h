// What both decoders of the model (text_decoder.h for request bodies, typed_decoder.h for
// registry documents) know of Go: the Go type names encoding/json prints in its type errors, which
// model structs describe themselves, and how a case-insensitive struct matches member names.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/fields.h"

namespace isimport {

template <class T>
concept Described = requires { T::kGoType; };

template <class T>
constexpr bool kLooseKeys = false;
template <class T>
  requires requires { T::kLooseKeys; }
constexpr bool kLooseKeys<T> = T::kLooseKeys;

// ---- Go type names, as encoding/json prints them in type errors ------------------------------

template <class T> struct GoType;
template <> struct GoType<std::string> { static std::string name() { return "string"; } };
template <> struct GoType<bool> { static std::string name() { return "bool"; } };
template <> struct GoType<int64_t> { static std::string name() { return "int64"; } };
template <> struct GoType<int32_t> { static std::string name() { return "int32"; } };
template <> struct GoType<Bytes> { static std::string name() { return "[]uint8"; } };
template <> struct GoType<StringMap> { static std::string name() { return "map[string]string"; } };
template <> struct GoType<StringSet> { static std::string name() { return "map[string]struct {}"; } };
template <> struct GoType<Empty> { static std::string name() { return "struct {}"; } };
template <Described T> struct GoType<T> { static std::string name() { return T::kGoType; } };
template <class T> struct GoType<std::optional<T>> { static std::string name() { return GoType<T>::name(); } };
template <class T> struct GoType<std::vector<T>> { static std::string name() { return "[]" + GoType<T>::name(); } };

// How encoding/json matches a member name to a field name when no name matches exactly: both
// folded to upper case rune by rune (Go 1.21's foldName), so ASCII letters match either case and
// the two runes whose upper case is ASCII, U+0131 (ı → I) and U+017F (ſ → S), match too. Code that
// looks members up ahead of decoding (gojson::lastMember, the time checks of image_config.cpp, the
// type header of codec.cpp) uses it as well, so all agree on which member decoding reaches.
inline bool goFoldEqual(std::string_view a, std::string_view b) {
  // The next folded rune of s at i as one byte: ASCII upper-cased, ı and ſ as I and S, any other
  // multi-byte rune as 0x80 plus its length (so it equals only a rune of the same bytes: checked by
  // comparing the bytes themselves).
  auto next = [](std::string_view s, size_t& i) -> int {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
    }
    if (i + 1 < s.size() && c == 0xC4 && static_cast<unsigned char>(s[i + 1]) == 0xB1) return i += 2, 'I';
    if (i + 1 < s.size() && c == 0xC5 && static_cast<unsigned char>(s[i + 1]) == 0xBF) return i += 2, 'S';
    return -1;
  };
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    size_t i0 = i, j0 = j;
    int x = next(a, i), y = next(b, j);
    if (x < 0 || y < 0) {
      // Other non-ASCII runes fold only to themselves in names: compare one UTF-8 byte at a time.
      if (a[i0] != b[j0]) return false;
      i = i0 + 1;
      j = j0 + 1;
      continue;
    }
    if (x != y) return false;
  }
  return i == a.size() && j == b.size();
}

}  // namespace isimport

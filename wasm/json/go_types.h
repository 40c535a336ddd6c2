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

// How encoding/json matches a member name to a field name when no name matches exactly (Go 1.21's
// foldName): rune by rune, each folded to the smallest rune of its Unicode fold set, so ASCII
// letters match either case and the two non-ASCII runes folded with ASCII letters, U+212A (the
// Kelvin sign, K) and U+017F (ſ, S), match too. Code that looks members up ahead of decoding
// (gojson::lastMember, the time checks of image_config.cpp, the type header of codec.cpp,
// goscan::keyMatches) uses it as well, so all agree on which member decoding reaches.
inline bool goFoldEqual(std::string_view a, std::string_view b) {
  // The next rune of s at i folded, when it folds to ASCII (else -1 and i unchanged).
  auto next = [](std::string_view s, size_t& i) -> int {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
    }
    if (s.substr(i, 3) == "\xE2\x84\xAA") return i += 3, 'K';
    if (s.substr(i, 2) == "\xC5\xBF") return i += 2, 'S';
    return -1;
  };
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    int x = next(a, i), y = next(b, j);
    if (x < 0 || y < 0) {
      // Any other rune folds to a rune that is not ASCII: it matches only the same bytes.
      if (x >= 0 || y >= 0 || a[i] != b[j]) return false;
      ++i;
      ++j;
      continue;
    }
    if (x != y) return false;
  }
  return i == a.size() && j == b.size();
}

}  // namespace isimport

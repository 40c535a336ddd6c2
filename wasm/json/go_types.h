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

// How a kLooseKeys struct matches a member name to a field name: case-insensitively, folding ASCII
// letters only. Code that looks members up ahead of decoding (gojson::lastMember, the time checks
// of image_config.cpp) uses it too, so both agree on which member decoding reaches.
inline bool asciiEqualFold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace isimport

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

#include "go/go_text.h"  // sameText
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
template <> struct GoType<Text> { static std::string name() { return "string"; } };
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

// ---- structs as data ------------------------------------------------------------------------

// A model struct as both decoders see it: the Go type name type errors print, whether keys match
// case-insensitively (and unknown keys are dropped), and its fields in declaration order, each
// with its JSON name, where it lies in the struct and the decoder of its type (`Decode`, a
// function pointer of the decoder's). Structs are decoded from these tables by one function per
// decoder rather than by code written out per struct: that code was a third of a module.
template <class Decode>
struct StructShape {
  static constexpr size_t kMaxFields = 64;  // the decoders note the fields seen in a bit set
  struct Field {
    const char* name;
    size_t offset;
    Decode decode;
    size_t nameLength;  // a member's key is compared by length first: most candidates end there
  };
  const char* goType;
  bool looseKeys;
  size_t count = 0;
  Field fields[kMaxFields];  // an array, not a vector: a shape allocates nothing
};

// Notes each field of a struct walked by its `fields` list into its shape; `erase` gives the
// decoder of a member type M (`erase.template operator()<M>()`).
template <class Decode, class Erase>
struct ShapeCollector {
  StructShape<Decode>& shape;
  const char* base;  // the struct walked
  Erase erase;
  template <class M>
  void field(const char* name, M& member, unsigned) {
    if (shape.count == StructShape<Decode>::kMaxFields) __builtin_trap();  // needs a wider bit set
    size_t offset = static_cast<size_t>(reinterpret_cast<const char*>(&member) - base);
    shape.fields[shape.count++] = {name, offset, erase.template operator()<M>(), std::char_traits<char>::length(name)};
  }
  // A field that takes one of a few words (fields.h): decoded as its type is.
  template <class M, class Words>
  void field(const char* name, M& member, unsigned flags, const Words&) {
    field(name, member, flags);
  }
};

// T's shape, from its `fields` list walked on a default-constructed T (the offsets are those of
// its members).
template <Described T, class Decode, class Erase>
StructShape<Decode> shapeOf(Erase erase) {
  StructShape<Decode> shape{T::kGoType, kLooseKeys<T>, 0, {}};
  T probe{};
  ShapeCollector<Decode, Erase> collect{shape, reinterpret_cast<const char*>(&probe), erase};
  fields(collect, probe);
  return shape;
}

inline constexpr size_t kNoField = ~size_t{0};

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

// The field a member named `key` fills, or kNoField. Exact names are unique, so the search starts
// at `hint` (the field after the one matched last: members mostly come in declaration order); a
// case-insensitive match is the first in declaration order, as encoding/json picks it.
template <class Decode>
size_t fieldNamed(const StructShape<Decode>& shape, std::string_view key, size_t hint) {
  if (shape.looseKeys) {
    for (size_t i = 0; i < shape.count; ++i) {
      if (goFoldEqual(key, shape.fields[i].name)) return i;
    }
    return kNoField;
  }
  auto sameName = [key](const typename StructShape<Decode>::Field& field) {
    return sameText(std::string_view(field.name, field.nameLength), key);
  };
  for (size_t i = hint; i < shape.count; ++i) {
    if (sameName(shape.fields[i])) return i;
  }
  for (size_t i = 0; i < hint && i < shape.count; ++i) {
    if (sameName(shape.fields[i])) return i;
  }
  return kNoField;
}

}  // namespace isimport

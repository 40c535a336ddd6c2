// Decodes JSON text straight into model types, the way the
// apiserver's decoder (sigs.k8s.io/json over encoding/json) does: case-sensitive keys (case-folded
// for kLooseKeys structs, which also drop unknown keys), unknown and duplicate fields collected as
// strict errors with their paths, the first type error kept in Go's words, null accepted anywhere
// as "leave empty". One walk over the text through json::Cursor, which checks the syntax on the
// way (in.failed() says it met a fault); no tree, and a string is copied only into the field it
// fills. Used by codec.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "go/go_text.h"
#include "go/time_text.h"
#include "json/decode_errors.h"
#include "json/go_types.h"
#include "json/json_text.h"
#include "json/json_writer.h"
#include "model/fields.h"

namespace isimport {

class TextDecoder {
 public:
  // With `borrow`, string fields may view `text` (model/text.h): it must outlive the object.
  explicit TextDecoder(std::string_view text, bool borrow = false) : in_(text), borrows_(borrow) {}

  json::Cursor& in() { return in_; }
  bool borrows() const { return borrows_; }
  std::string& scratch() { return scratch_; }
  std::string& keyScratch() { return keyScratch_; }
  const DecodeErrors& errors() const { return errors_; }
  bool fatal() const { return errors_.fatal(); }

  // The recording of decode_errors.h, with this decoder's place and the byte at the cursor (the
  // start of the value being read, unless `at` says where it began).
  [[gnu::cold, gnu::noinline]] void typeError(std::string_view jsonValue, const std::string& goType,
                                              size_t at = SIZE_MAX) {
    errors_.typeError(jsonValue, goType, path_, static_cast<int64_t>(at == SIZE_MAX ? in_.offset() : at));
  }
  [[gnu::cold, gnu::noinline]] void plainError(std::string text) { errors_.plainError(std::move(text)); }
  [[gnu::cold, gnu::noinline]] void fatalError(std::string text) { errors_.fatalError(std::move(text)); }
  [[gnu::cold, gnu::noinline]] void fatalTypeError(std::string_view jsonValue, const std::string& goType) {
    errors_.fatalTypeError(jsonValue, goType, path_, static_cast<int64_t>(in_.offset()));
  }
  [[gnu::cold, gnu::noinline]] void duplicateField(std::string_view name) {
    errors_.duplicateField(path_, name, static_cast<int64_t>(in_.keyOffset()));
  }
  [[gnu::cold, gnu::noinline]] void unknownField(std::string_view name) {
    errors_.unknownField(path_, name, static_cast<int64_t>(in_.keyOffset()));
  }
  struct FieldScope {
    TextDecoder& d;
    FieldScope(TextDecoder& dec, const char* name, const char* ownerGoType) : d(dec) {
      d.path_.pushField(name, ownerGoType);
    }
    ~FieldScope() { d.path_.pop(); }
  };
  struct IndexScope {
    TextDecoder& d;
    IndexScope(TextDecoder& dec, size_t index) : d(dec) { d.path_.pushIndex(index); }
    ~IndexScope() { d.path_.pop(); }
  };
  struct LooseScope : DecodeErrors::LooseScope {
    explicit LooseScope(TextDecoder& dec) : DecodeErrors::LooseScope(dec.errors_) {}
  };

 private:
  json::Cursor in_;
  bool borrows_ = false;
  std::string scratch_, keyScratch_;
  DecodeErrors errors_;
  DecodePath path_;
};

// ---- scalars -------------------------------------------------------------------------------------

// A value of the wrong kind: Go's type error, and the value skipped.
[[gnu::cold, gnu::noinline]] inline void mismatch(TextDecoder& d, json::Kind kind, const std::string& goType) {
  d.typeError(json::goValueName(kind), goType);
  d.in().skipValue();
}
// The same for a Go type whose name is spelled out only then.
template <class G>
[[gnu::cold, gnu::noinline]] void mismatchOf(TextDecoder& d, json::Kind kind) {
  mismatch(d, kind, GoType<G>::name());
}

inline void decodeValue(TextDecoder& d, std::string& out) {
  json::Kind k = d.in().kind();
  if (k == json::Kind::Null) return d.in().null();
  if (k != json::Kind::String) return mismatch(d, k, "string");
  out = d.in().string(d.scratch());
}

// A string field views the text when the decoder may borrow it and the string had no escape (an
// escaped one was unescaped into the scratch string, which the next string reuses).
inline void decodeValue(TextDecoder& d, Text& out) {
  json::Kind k = d.in().kind();
  if (k == json::Kind::Null) return d.in().null();
  if (k != json::Kind::String) return mismatch(d, k, "string");
  std::string_view value = d.in().string(d.scratch());
  if (d.borrows() && value.data() != d.scratch().data()) {
    out.borrow(value);
  } else {
    out = value;
  }
}

inline void decodeValue(TextDecoder& d, bool& out) {
  json::Kind k = d.in().kind();
  if (k == json::Kind::Null) return d.in().null();
  if (k != json::Kind::Bool) return mismatch(d, k, "bool");
  out = d.in().boolean();
}

template <class Int>
  requires std::is_same_v<Int, int64_t> || std::is_same_v<Int, int32_t>
void decodeValue(TextDecoder& d, Int& out) {
  json::Kind k = d.in().kind();
  if (k == json::Kind::Null) return d.in().null();
  if (k != json::Kind::Number) return mismatchOf<Int>(d, k);
  size_t start = d.in().offset();
  std::string_view literal = d.in().number();
  std::optional<int64_t> v = goParseInt64(literal);  // strconv.ParseInt(literal, 10, 64), as Go does
  bool fits = v && (std::is_same_v<Int, int64_t> || (*v >= INT32_MIN && *v <= INT32_MAX));
  if (!fits) return d.typeError("number " + std::string(literal), GoType<Int>::name(), start);
  out = static_cast<Int>(*v);
}

// metav1.Time implements json.Unmarshaler: a failure there ends decoding at once.
inline void decodeValue(TextDecoder& d, Time& out) {
  json::Kind k = d.in().kind();
  if (k == json::Kind::Null) {
    d.in().null();
    out = Time{};
    return;
  }
  if (k != json::Kind::String) {
    d.fatalTypeError(json::goValueName(k), "string");
    return d.in().skipValue();
  }
  std::string_view text = d.in().string(d.scratch());
  auto seconds = parseRfc3339(text);
  if (!seconds) {
    return d.fatalError("parsing time " + json::quote(text) + " as \"2006-01-02T15:04:05Z07:00\": cannot parse " +
                        json::quote(text) + " as RFC 3339");
  }
  out = Time{true, *seconds};
}

void decodeBase64(TextDecoder& d, std::string_view text, Bytes& out);

inline void decodeValue(TextDecoder& d, Bytes& out) {
  json::Kind k = d.in().kind();
  if (k == json::Kind::Null) return d.in().null();
  if (k != json::Kind::String) return mismatch(d, k, "[]uint8");
  decodeBase64(d, d.in().string(d.scratch()), out);
}

inline void decodeValue(TextDecoder& d, RawJson& out) {
  if (d.in().kind() == json::Kind::Null) {
    d.in().null();
    out.text.clear();
    return;
  }
  out.text = json::compactValue(d.in().rawValue());
}

inline void decodeValue(TextDecoder& d, Empty&) {
  json::Kind k = d.in().kind();
  if (k != json::Kind::Null && k != json::Kind::Object) return mismatch(d, k, "struct {}");
  d.in().skipValue();
}

// ---- containers ----------------------------------------------------------------------------------

template <class T>
void decodeValue(TextDecoder& d, std::optional<T>& out);
template <class T>
void decodeValue(TextDecoder& d, std::vector<T>& out);
template <class V>
void decodeValue(TextDecoder& d, std::map<std::string, V>& out);
template <Described T>
void decodeValue(TextDecoder& d, T& out);

// The next value, decoded into `out` unless decoding already ended (then only skipped).
template <class T>
void decodeOrSkip(TextDecoder& d, T& out) {
  if (d.fatal()) return d.in().skipValue();
  decodeValue(d, out);
}

template <class T>
void decodeValue(TextDecoder& d, std::optional<T>& out) {
  if (d.in().kind() == json::Kind::Null) {
    d.in().null();
    out.reset();
    return;
  }
  if (!out) out.emplace();
  decodeValue(d, *out);
}

// How the one array decoder (decodeArray) handles a std::vector<T> without code per T beyond
// these four small functions: emptying it, growing it by one default element, decoding an element
// and naming its Go type.
struct TextArray {
  void (*clear)(void*);
  void* (*append)(void*);
  void (*decodeElement)(TextDecoder&, void*);
  std::string (*goTypeName)();
};
void decodeArray(TextDecoder& d, void* out, const TextArray& array);

template <class T>
void decodeErased(TextDecoder& d, void* member);

template <class T>
void decodeValue(TextDecoder& d, std::vector<T>& out) {
  static constexpr TextArray array{
      [](void* v) { static_cast<std::vector<T>*>(v)->clear(); },
      [](void* v) -> void* { return &static_cast<std::vector<T>*>(v)->emplace_back(); },
      &decodeErased<T>,
      &GoType<std::vector<T>>::name,
  };
  decodeArray(d, &out, array);
}

// Calls `member(key)` for each member of the object at the cursor, with the cursor at its value
// (which `member` reads). After a fatal error Go stops reading members: the rest is only walked to
// its end. (The key may live in keyScratch, which a nested value reuses: read it first.)
template <class Member>
void forEachMember(TextDecoder& d, Member&& member) {
  d.in().beginObject();
  std::string_view key;
  while (d.in().nextMember(key, d.keyScratch())) {
    if (d.fatal()) {
      d.in().skipValue();
      continue;
    }
    member(key);
  }
}

template <class V>
void decodeValue(TextDecoder& d, std::map<std::string, V>& out) {
  json::Kind k = d.in().kind();
  if (k == json::Kind::Null) {
    d.in().null();
    out.clear();
    return;
  }
  if (k != json::Kind::Object) return mismatchOf<std::map<std::string, V>>(d, k);
  // Go decodes into the existing map; the last duplicate wins.
  forEachMember(d, [&](std::string_view key) {
    auto [it, inserted] = out.try_emplace(std::string(key));
    if (!inserted) {
      d.duplicateField(key);
      it->second = V{};
    }
    decodeOrSkip(d, it->second);
  });
}

// ---- structs ---------------------------------------------------------------------------------------

using TextDecode = void (*)(TextDecoder&, void*);
using TextStruct = StructShape<TextDecode>;

// Decodes a JSON object (or null) at the cursor into the struct at `out` described by `shape`.
void decodeStruct(TextDecoder& d, void* out, const TextStruct& shape);

template <class M>
void decodeErased(TextDecoder& d, void* member) {
  decodeOrSkip(d, *static_cast<M*>(member));
}

// T's shape, built on first use; constant afterwards.
template <Described T>
const TextStruct& textStructOf() {
  static const TextStruct shape = shapeOf<T, TextDecode>([]<class M>() -> TextDecode { return &decodeErased<M>; });
  return shape;
}

template <Described T>
void decodeValue(TextDecoder& d, T& out) {
  decodeStruct(d, &out, textStructOf<T>());
}

}  // namespace isimport

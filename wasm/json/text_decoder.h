// Decodes JSON text (checked by json::checkSyntax) straight into model types, the way the
// apiserver's decoder (sigs.k8s.io/json over encoding/json) does: case-sensitive keys (case-folded
// for kLooseKeys structs, which also drop unknown keys), unknown and duplicate fields collected as
// strict errors with their paths, the first type error kept in Go's words, null accepted anywhere
// as "leave empty". One walk over the text through json::Cursor; no tree, and a string is copied
// only into the field it fills. Used by codec.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>

#include "go/go_text.h"
#include "go/time_text.h"
#include "json/go_types.h"
#include "json/json_text.h"
#include "json/json_writer.h"
#include "model/fields.h"

namespace isimport {

class TextDecoder {
 public:
  explicit TextDecoder(std::string_view text) : in_(text) {}

  json::Cursor& in() { return in_; }
  std::string& scratch() { return scratch_; }
  std::string& keyScratch() { return keyScratch_; }

  // First type error (Go keeps only the first) or fatal error. After a fatal one the values left
  // are skipped, not decoded.
  const std::string& error() const { return error_; }
  bool fatal() const { return fatal_; }
  const std::vector<std::string>& strictErrors() const { return strict_; }

  [[gnu::cold, gnu::noinline]] void typeError(std::string_view jsonValue, const std::string& goType) {
    if (!error_.empty()) return;
    error_ = json::unmarshalTypeErrorText(jsonValue, goType, goContext());
  }
  [[gnu::cold, gnu::noinline]] void plainError(std::string text) {
    if (error_.empty()) error_ = std::move(text);
  }
  // An error returned by a field's own UnmarshalJSON ends decoding, and wins over a type error
  // saved earlier (Go's decoder returns it instead of the saved one).
  [[gnu::cold, gnu::noinline]] void fatalError(std::string text) {
    if (fatal_) return;
    error_ = std::move(text);
    fatal_ = true;
  }
  // A type error raised inside an UnmarshalJSON: Go adds the field context to it on the way out.
  [[gnu::cold, gnu::noinline]] void fatalTypeError(std::string_view jsonValue, const std::string& goType) {
    if (fatal_) return;
    error_.clear();
    typeError(jsonValue, goType);
    fatal_ = true;
  }

  // Strict errors: de-duplicated by text and capped at 100, as sigs.k8s.io/json does. Out of line
  // (as every error path here): they are rare, and each struct's decoding would carry a copy.
  [[gnu::cold, gnu::noinline]] void strictError(std::string text) {
    if (strict_.size() >= 100 || !seenStrict_.insert(text).second) return;
    strict_.push_back(std::move(text));
  }
  [[gnu::cold, gnu::noinline]] void duplicateField(std::string_view name) {
    if (!loose_) strictError("duplicate field " + json::quote(childPath(name)));
  }
  [[gnu::cold, gnu::noinline]] void unknownField(std::string_view name) {
    if (!loose_) strictError("unknown field " + json::quote(childPath(name)));
  }
  [[gnu::cold, gnu::noinline]] std::string childPath(std::string_view key) const {
    std::string p = path();
    if (!p.empty()) p += '.';
    p += key;
    return p;
  }

  // Where decoding is, as a stack of fields and indices; the paths are spelled out only for an
  // error: the field path with indices (strict errors) and Go's struct-field stack without them,
  // after the innermost struct's short type name (type errors).
  struct FieldScope {
    TextDecoder& d;
    FieldScope(TextDecoder& dec, const char* name, const char* ownerGoType) : d(dec) {
      d.push(Frame{name, 0, ownerGoType});
    }
    ~FieldScope() { --d.depth_; }
  };
  struct IndexScope {
    TextDecoder& d;
    IndexScope(TextDecoder& dec, size_t index) : d(dec) { d.push(Frame{nullptr, index, nullptr}); }
    ~IndexScope() { --d.depth_; }
  };
  [[gnu::cold, gnu::noinline]] std::string path() const {
    std::string p;
    for (size_t i = 0; i < depth_; ++i) {
      const Frame& f = frames_[i];
      if (f.name) {
        if (!p.empty()) p += '.';
        p += f.name;
      } else {
        p += '[';
        p += std::to_string(f.index);
        p += ']';
      }
    }
    return p;
  }
  // "Struct.field.path" (the struct of the innermost field), or "" outside any struct field.
  [[gnu::cold, gnu::noinline]] std::string goContext() const {
    std::string fields;
    std::string_view owner;
    for (size_t i = 0; i < depth_; ++i) {
      const Frame& f = frames_[i];
      if (!f.name) continue;
      if (!fields.empty()) fields += '.';
      fields += f.name;
      owner = f.ownerGoType;
    }
    if (fields.empty()) return "";
    auto dot = owner.rfind('.');
    std::string context(dot == std::string_view::npos ? owner : owner.substr(dot + 1));
    return context + "." + fields;
  }

  // Inside a kLooseKeys struct the apiserver does not apply strict checks.
  struct LooseScope {
    TextDecoder& d;
    bool was;
    explicit LooseScope(TextDecoder& dec) : d(dec), was(dec.loose_) { d.loose_ = true; }
    ~LooseScope() { d.loose_ = was; }
  };
  bool loose() const { return loose_; }

 private:
  json::Cursor in_;
  std::string scratch_, keyScratch_;
  std::string error_;
  bool fatal_ = false;
  bool loose_ = false;
  std::vector<std::string> strict_;
  std::unordered_set<std::string> seenStrict_;
  struct Frame {
    const char* name;         // a struct field's JSON name, or null for a list index
    size_t index;
    const char* ownerGoType;  // the Go type of the struct holding the field
  };
  std::vector<Frame> frames_;  // the first depth_ are in use; grown only when full
  size_t depth_ = 0;
  void push(const Frame& frame) {
    if (depth_ == frames_.size()) grow();
    frames_[depth_++] = frame;
  }
  [[gnu::noinline]] void grow() { frames_.resize(frames_.size() * 2 + 16); }
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
  std::string_view literal = d.in().number();
  std::optional<int64_t> v = goParseInt64(literal);  // strconv.ParseInt(literal, 10, 64), as Go does
  bool fits = v && (std::is_same_v<Int, int64_t> || (*v >= INT32_MIN && *v <= INT32_MAX));
  if (!fits) return d.typeError("number " + std::string(literal), GoType<Int>::name());
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

// Decodes a json::Tree into model types the way the apiserver's JSON decoder
// (sigs.k8s.io/json over encoding/json) does: case-sensitive keys, unknown and duplicate fields
// collected as strict errors with their paths, the first type error kept with Go's wording, and
// null accepted anywhere as "leave empty". Used by codec.cpp only.
#pragma once

#include <string>

#include "go/time_text.h"
#include "json/decode_errors.h"
#include "json/go_types.h"
#include "json/json_tree.h"
#include "json/json_writer.h"
#include "model/fields.h"

namespace isimport {

// ---- the decoder state -------------------------------------------------------------------------

class TypedDecoder {
 public:
  explicit TypedDecoder(const json::Tree& tree) : tree_(tree) {}

  const json::Tree& tree() const { return tree_; }
  const DecodeErrors& errors() const { return errors_; }
  const std::string& error() const { return errors_.error(); }
  bool fatal() const { return errors_.fatal(); }

  // The recording of decode_errors.h, with this decoder's place (a tree keeps no byte offsets).
  void typeError(std::string_view jsonValue, const std::string& goType) {
    errors_.typeError(jsonValue, goType, path_, -1);
  }
  void plainError(std::string text) { errors_.plainError(std::move(text)); }
  void fatalError(std::string text) { errors_.fatalError(std::move(text)); }
  void fatalTypeError(std::string_view jsonValue, const std::string& goType) {
    errors_.fatalTypeError(jsonValue, goType, path_, -1);
  }
  void unknownField(std::string_view key) { errors_.unknownField(path_, key, -1); }
  void duplicateField(std::string_view key) { errors_.duplicateField(path_, key, -1); }

  struct FieldScope {
    TypedDecoder& d;
    FieldScope(TypedDecoder& dec, const char* name, const char* ownerGoType) : d(dec) {
      d.path_.pushField(name, ownerGoType);
    }
    ~FieldScope() { d.path_.pop(); }
  };
  struct IndexScope {
    TypedDecoder& d;
    IndexScope(TypedDecoder& dec, size_t index) : d(dec) { d.path_.pushIndex(index); }
    ~IndexScope() { d.path_.pop(); }
  };
  struct LooseScope : DecodeErrors::LooseScope {
    explicit LooseScope(TypedDecoder& dec) : DecodeErrors::LooseScope(dec.errors_) {}
  };

 private:
  const json::Tree& tree_;
  DecodeErrors errors_;
  DecodePath path_;
};

// ---- scalars -------------------------------------------------------------------------------------

// A Go string, held as a std::string or as a model's Text (always a copy here: the tree goes).
template <class S>
  requires std::is_same_v<S, std::string> || std::is_same_v<S, Text>
void decodeValue(TypedDecoder& d, json::NodeId id, S& out) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) return;
  if (n.kind != json::Kind::String) return d.typeError(json::goValueName(n.kind), "string");
  out = n.text;
}

inline void decodeValue(TypedDecoder& d, json::NodeId id, bool& out) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) return;
  if (n.kind != json::Kind::Bool) return d.typeError(json::goValueName(n.kind), "bool");
  out = n.boolean;
}

template <class Int>
  requires std::is_same_v<Int, int64_t> || std::is_same_v<Int, int32_t>
void decodeValue(TypedDecoder& d, json::NodeId id, Int& out) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) return;
  if (n.kind != json::Kind::Number) return d.typeError(json::goValueName(n.kind), GoType<Int>::name());
  bool fits = n.integral && (std::is_same_v<Int, int64_t> || (n.integer >= INT32_MIN && n.integer <= INT32_MAX));
  if (!fits) return d.typeError("number " + n.text, GoType<Int>::name());
  out = static_cast<Int>(n.integer);
}

// metav1.Time implements json.Unmarshaler: a failure there ends decoding at once.
inline void decodeValue(TypedDecoder& d, json::NodeId id, Time& out) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) {
    out = Time{};
    return;
  }
  if (n.kind != json::Kind::String) return d.fatalTypeError(json::goValueName(n.kind), "string");
  auto seconds = parseRfc3339(n.text);
  if (!seconds) {
    return d.fatalError("parsing time " + json::quote(n.text) + " as \"2006-01-02T15:04:05Z07:00\": cannot parse " +
                        json::quote(n.text) + " as RFC 3339");
  }
  out = Time{true, *seconds};
}

void decodeBase64(TypedDecoder& d, const std::string& text, Bytes& out);

inline void decodeValue(TypedDecoder& d, json::NodeId id, Bytes& out) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) return;
  if (n.kind != json::Kind::String) return d.typeError(json::goValueName(n.kind), "[]uint8");
  decodeBase64(d, n.text, out);
}

inline void decodeValue(TypedDecoder& d, json::NodeId id, RawJson& out) {
  const json::Node& n = d.tree().at(id);
  out.text = n.kind == json::Kind::Null ? std::string() : json::compactText(d.tree(), id);
}

inline void decodeValue(TypedDecoder& d, json::NodeId id, Empty&) {
  const json::Node& n = d.tree().at(id);
  if (n.kind != json::Kind::Null && n.kind != json::Kind::Object) {
    d.typeError(json::goValueName(n.kind), "struct {}");
  }
}

// ---- containers ----------------------------------------------------------------------------------

template <class T>
void decodeValue(TypedDecoder& d, json::NodeId id, std::optional<T>& out);
template <class T>
void decodeValue(TypedDecoder& d, json::NodeId id, std::vector<T>& out);
template <class V>
void decodeValue(TypedDecoder& d, json::NodeId id, std::map<std::string, V>& out);
template <Described T>
void decodeValue(TypedDecoder& d, json::NodeId id, T& out);

template <class T>
void decodeValue(TypedDecoder& d, json::NodeId id, std::optional<T>& out) {
  if (d.tree().at(id).kind == json::Kind::Null) {
    out.reset();
    return;
  }
  if (!out) out.emplace();
  decodeValue(d, id, *out);
}

// How the one array decoder (decodeArray) handles a std::vector<T> without code per T beyond
// these small functions: emptying it, sizing it, reaching an element, decoding one and naming
// its Go type.
struct TreeArray {
  void (*clear)(void*);
  void (*resize)(void*, size_t);
  void* (*at)(void*, size_t);
  void (*decodeElement)(TypedDecoder&, json::NodeId, void*);
  std::string (*goTypeName)();
};
void decodeArray(TypedDecoder& d, json::NodeId id, void* out, const TreeArray& array);

template <class M>
void decodeTreeErased(TypedDecoder& d, json::NodeId id, void* member);

template <class T>
void decodeValue(TypedDecoder& d, json::NodeId id, std::vector<T>& out) {
  static constexpr TreeArray array{
      [](void* v) { static_cast<std::vector<T>*>(v)->clear(); },
      [](void* v, size_t n) { static_cast<std::vector<T>*>(v)->resize(n); },
      [](void* v, size_t i) -> void* { return &(*static_cast<std::vector<T>*>(v))[i]; },
      &decodeTreeErased<T>,
      &GoType<std::vector<T>>::name,
  };
  decodeArray(d, id, &out, array);
}

template <class V>
void decodeValue(TypedDecoder& d, json::NodeId id, std::map<std::string, V>& out) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) {
    out.clear();
    return;
  }
  if (n.kind != json::Kind::Object) {
    return d.typeError(json::goValueName(n.kind), GoType<std::map<std::string, V>>::name());
  }
  // Go decodes into the existing map; the last duplicate wins.
  for (uint32_t i = 0; i < n.count && !d.fatal(); ++i) {
    const std::string& key = d.tree().key(n, i);
    auto [it, inserted] = out.try_emplace(key);
    if (!inserted) {
      d.duplicateField(key);
      it->second = V{};
    }
    decodeValue(d, d.tree().child(n, i), it->second);
  }
}

// ---- structs ---------------------------------------------------------------------------------------

using TreeDecode = void (*)(TypedDecoder&, json::NodeId, void*);
using TreeStruct = StructShape<TreeDecode>;

// Decodes the object (or null) at node `id` into the struct at `out` described by `shape`.
void decodeStruct(TypedDecoder& d, json::NodeId id, void* out, const TreeStruct& shape);

template <class M>
void decodeTreeErased(TypedDecoder& d, json::NodeId id, void* member) {
  decodeValue(d, id, *static_cast<M*>(member));
}

// T's shape, built on first use; constant afterwards.
template <Described T>
const TreeStruct& treeStructOf() {
  static const TreeStruct shape = shapeOf<T, TreeDecode>([]<class M>() -> TreeDecode { return &decodeTreeErased<M>; });
  return shape;
}

template <Described T>
void decodeValue(TypedDecoder& d, json::NodeId id, T& out) {
  decodeStruct(d, id, &out, treeStructOf<T>());
}

}  // namespace isimport

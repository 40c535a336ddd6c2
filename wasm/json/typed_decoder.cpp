#include "json/typed_decoder.h"

namespace isimport {

void decodeArray(TypedDecoder& d, json::NodeId id, void* out, const TreeArray& array) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) {
    array.clear(out);
    return;
  }
  if (n.kind != json::Kind::Array) return d.typeError(json::goValueName(n.kind), array.goTypeName());
  array.clear(out);
  array.resize(out, n.count);
  for (uint32_t i = 0; i < n.count && !d.fatal(); ++i) {
    TypedDecoder::IndexScope scope(d, i);
    array.decodeElement(d, d.tree().child(n, i), array.at(out, i));
  }
}

void decodeStruct(TypedDecoder& d, json::NodeId id, void* out, const TreeStruct& shape) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) return;
  if (n.kind != json::Kind::Object) return d.typeError(json::goValueName(n.kind), shape.goType);
  std::optional<TypedDecoder::LooseScope> loose;
  if (shape.looseKeys) loose.emplace(d);
  uint64_t seen = 0;
  size_t next = 0;
  for (uint32_t i = 0; i < n.count && !d.fatal(); ++i) {
    const std::string& key = d.tree().key(n, i);
    size_t index = fieldNamed(shape, key, next);
    if (index == kNoField) {
      d.unknownField(key);
      continue;
    }
    const TreeStruct::Field& field = shape.fields[index];
    uint64_t bit = uint64_t{1} << index;
    // Go decodes the later value over the earlier one: structs and maps merge, the rest is replaced.
    if (seen & bit) d.duplicateField(field.name);
    seen |= bit;
    next = index + 1;
    TypedDecoder::FieldScope scope(d, field.name, shape.goType);
    field.decode(d, d.tree().child(n, i), static_cast<char*>(out) + field.offset);
  }
}

}  // namespace isimport

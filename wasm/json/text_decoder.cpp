#include "json/text_decoder.h"

namespace isimport {

void decodeArray(TextDecoder& d, void* out, const TextArray& array) {
  json::Kind k = d.in().kind();
  if (k == json::Kind::Null) {
    d.in().null();
    array.clear(out);
    return;
  }
  if (k != json::Kind::Array) return mismatch(d, k, array.goTypeName());
  array.clear(out);
  d.in().beginArray();
  for (size_t i = 0; d.in().nextElement(); ++i) {
    TextDecoder::IndexScope scope(d, i);
    array.decodeElement(d, array.append(out));
  }
}

void decodeStruct(TextDecoder& d, void* out, const TextStruct& shape) {
  json::Kind k = d.in().kind();
  if (k == json::Kind::Null) return d.in().null();
  if (k != json::Kind::Object) return mismatch(d, k, shape.goType);
  std::optional<TextDecoder::LooseScope> loose;
  if (shape.looseKeys) loose.emplace(d);
  uint64_t seen = 0;
  size_t next = 0;
  forEachMember(d, [&](std::string_view key) {
    size_t index = fieldNamed(shape, key, next);
    if (index == kNoField) {
      d.unknownField(key);
      return d.in().skipValue();
    }
    const TextStruct::Field& field = shape.fields[index];
    uint64_t bit = uint64_t{1} << index;
    // Go decodes the later value over the earlier one: structs and maps merge, the rest is replaced.
    if (seen & bit) d.duplicateField(field.name);
    seen |= bit;
    next = index + 1;
    TextDecoder::FieldScope scope(d, field.name, shape.goType);
    field.decode(d, static_cast<char*>(out) + field.offset);
  });
}

}  // namespace isimport

#include "json/decode_errors.h"

#include "json/json_tree.h"

namespace isimport {

std::string DecodePath::path() const {
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

std::string DecodePath::childPath(std::string_view key) const {
  std::string p = path();
  if (!p.empty()) p += '.';
  p += key;
  return p;
}

std::string DecodePath::goContext() const {
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

void DecodeErrors::typeError(std::string_view jsonValue, const std::string& goType, const DecodePath& at,
                             int64_t byteOffset) {
  if (!error_.empty()) return;
  std::string context = at.goContext();
  error_ = json::unmarshalTypeErrorText(jsonValue, goType, context);
  // Only a value inside a struct field has a place worth pointing at.
  if (!context.empty()) typeFinding_ = Diagnostic{"typeError", "error", at.path(), byteOffset, goType, error_, ""};
}

void DecodeErrors::plainError(std::string text) {
  if (error_.empty()) error_ = std::move(text);
}

void DecodeErrors::fatalError(std::string text) {
  if (fatal_) return;
  error_ = std::move(text);
  typeFinding_ = Diagnostic{};
  fatal_ = true;
}

void DecodeErrors::fatalTypeError(std::string_view jsonValue, const std::string& goType, const DecodePath& at,
                                  int64_t byteOffset) {
  if (fatal_) return;
  error_.clear();
  typeFinding_ = Diagnostic{};
  typeError(jsonValue, goType, at, byteOffset);
  fatal_ = true;
}

void DecodeErrors::unknownField(const DecodePath& at, std::string_view key, int64_t byteOffset) {
  if (!loose_) strictError("unknownField", at.childPath(key), byteOffset);
}

void DecodeErrors::duplicateField(const DecodePath& at, std::string_view key, int64_t byteOffset) {
  if (!loose_) strictError("duplicateField", at.childPath(key), byteOffset);
}

void DecodeErrors::strictError(const char* kind, std::string path, int64_t byteOffset) {
  if (strict_.size() >= 100) return;
  bool unknown = kind[0] == 'u';
  std::string text = (unknown ? "unknown field " : "duplicate field ") + json::quote(path);
  if (!seenStrict_.insert(text).second) return;
  strictFindings_.push_back(Diagnostic{kind, "error", std::move(path), byteOffset, "", text, ""});
  strict_.push_back(std::move(text));
}

}  // namespace isimport

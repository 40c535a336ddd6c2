// Writes model types as Go's encoding/json writes the v1 structs: fields in declaration order,
// `omitempty` dropping empty scalars, slices, maps and nil pointers but never structs, unset
// non-omitempty slices/maps/pointers as null, times as RFC 3339 UTC seconds. Used by codec.cpp
// and the importer's answers.
#pragma once

#include "go/time_text.h"
#include "json/json_writer.h"
#include "model/fields.h"

namespace isimport {

std::string encodeBase64(const std::string& bytes);

inline bool isEmptyValue(const std::string& v) { return v.empty(); }
inline bool isEmptyValue(const Text& v) { return v.empty(); }
inline bool isEmptyValue(bool v) { return !v; }
inline bool isEmptyValue(int64_t v) { return v == 0; }
inline bool isEmptyValue(int32_t v) { return v == 0; }
inline bool isEmptyValue(size_t v) { return v == 0; }
template <class T> bool isEmptyValue(const std::optional<T>& v) { return !v.has_value(); }
template <class T> bool isEmptyValue(const std::vector<T>& v) { return v.empty(); }
template <class V> bool isEmptyValue(const std::map<std::string, V>& v) { return v.empty(); }
template <class T> bool isEmptyValue(const T&) { return false; }  // structs (Time included) are never omitted

inline void encodeValue(json::Writer& w, const std::string& v) { w.string(v); }
inline void encodeValue(json::Writer& w, const Text& v) { w.string(v); }
inline void encodeValue(json::Writer& w, bool v) { w.boolean(v); }
inline void encodeValue(json::Writer& w, int64_t v) { w.integer(v); }
inline void encodeValue(json::Writer& w, int32_t v) { w.integer(v); }
inline void encodeValue(json::Writer& w, size_t v) { w.integer(static_cast<int64_t>(v)); }  // counts
inline void encodeValue(json::Writer& w, const Time& v) {
  if (!v.set) return w.null();
  w.string(formatRfc3339(v.unixSeconds));
}
inline void encodeValue(json::Writer& w, const Bytes& v) { w.string(encodeBase64(v.data)); }
inline void encodeValue(json::Writer& w, const RawJson& v) {
  if (v.text.empty()) return w.null();
  w.raw(v.text);
}
inline void encodeValue(json::Writer& w, const Empty&) {
  w.beginObject();
  w.endObject();
}

template <class T> void encodeValue(json::Writer& w, const std::optional<T>& v);
template <class T> void encodeValue(json::Writer& w, const std::vector<T>& v);
template <class V> void encodeValue(json::Writer& w, const std::map<std::string, V>& v);
template <class T> requires requires { T::kGoType; } void encodeValue(json::Writer& w, const T& v);

template <class T>
void encodeValue(json::Writer& w, const std::optional<T>& v) {
  if (!v) return w.null();
  encodeValue(w, *v);
}

template <class T>
void encodeValue(json::Writer& w, const std::vector<T>& v) {
  w.beginArray();
  for (const T& item : v) encodeValue(w, item);
  w.endArray();
}

template <class V>
void encodeValue(json::Writer& w, const std::map<std::string, V>& v) {
  w.beginObject();  // std::map iterates in byte order, as Go sorts map keys
  for (const auto& [key, value] : v) {
    w.key(key);
    encodeValue(w, value);
  }
  w.endObject();
}

struct FieldWriter {
  json::Writer& w;
  template <class M>
  void field(const char* name, const M& member, unsigned flags) {
    if ((flags & kOmitEmpty) && isEmptyValue(member)) return;
    w.key(name);
    encodeValue(w, member);
  }
  // A field that takes one of a few words (fields.h): written as it is.
  template <class M, class Words>
  void field(const char* name, const M& member, unsigned flags, const Words&) {
    field(name, member, flags);
  }
};

template <class T>
  requires requires { T::kGoType; }
void encodeValue(json::Writer& w, const T& v) {
  w.beginObject();
  FieldWriter fw{w};
  fields(fw, v);
  w.endObject();
}

template <class T>
std::string toJson(const T& value) {
  json::Writer w;
  encodeValue(w, value);
  return w.take();
}

}  // namespace isimport

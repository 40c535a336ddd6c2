// How model types describe their JSON fields. Every struct of the model has one `fields` function
// listing its members in Go declaration order with their JSON names and tags; the codec, the
// schema generator and the tests all walk that one list, so the wire form has a single source.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "model/text.h"

namespace isimport {

enum FieldFlag : unsigned {
  kAlways = 0,        // emitted even when empty (no omitempty tag)
  kOmitEmpty = 1,     // Go `omitempty`: empty strings, false, 0, nil/empty slices and maps, nil pointers
  kRequired = 2,      // the server refuses a request without it, so the JSON Schema requires it
};

// A string field that takes one of a few words has them as a fourth argument:
//   v.field("kind", o.kind, kAlways, kDiagnosticKinds);
// (the encoder writes the string as it is; the TypeScript generator writes the words' union).
// Only types that cross to JavaScript use it; the model's own fields do not.

// Declares the field list of `Type`, usable on const and mutable objects alike:
//   ISIMPORT_FIELDS(ObjectReference) { v.field("kind", o.kind, kOmitEmpty); ... }
#define ISIMPORT_FIELDS(Type)                                                       \
  template <class V, class S>                                                       \
    requires std::is_same_v<std::remove_const_t<S>, Type>                           \
  void fields(V& v, S& o)

// A time with whole-second precision, as metav1.Time serialises. Unset prints as null.
struct Time {
  bool set = false;
  int64_t unixSeconds = 0;
  friend bool operator==(const Time&, const Time&) = default;
};

// Opaque bytes, carried as base64 in JSON (Go []byte).
struct Bytes {
  std::string data;
  friend bool operator==(const Bytes&, const Bytes&) = default;
};

// A JSON value kept verbatim (compact form), for fields whose content the server does not type.
struct RawJson {
  std::string text;
  friend bool operator==(const RawJson&, const RawJson&) = default;
};

// Value type of Go's map[string]struct{}: prints as {}.
struct Empty {
  friend bool operator==(const Empty&, const Empty&) = default;
};

using StringMap = std::map<std::string, std::string>;
using StringSet = std::map<std::string, Empty>;

}  // namespace isimport

// One finding about a request body, as the core hands it across the boundary: what kind of finding,
// where (the field path and, when the decoder saw it, the byte of the JSON text), and the text the
// API server words it with. JavaScript turns `byteOffset` or `path` into line:column and reads
// nothing out of `message` (docs/boundary.md).
#pragma once

#include <cstdint>
#include <string>

#include "model/fields.h"

namespace isimport {

// The kinds, as their JSON names. unknownField / duplicateField: a strict-decoding finding
// (sigs.k8s.io/json); typeError: encoding/json's UnmarshalTypeError; syntax: the scanner's;
// cause: a field the server refused (a 422 cause, or the field a 400/500 answer is about);
// warning: any other warning text.
inline constexpr const char* kDiagnosticKinds[] = {"unknownField", "duplicateField", "typeError",
                                                   "syntax",       "cause",          "warning"};
inline constexpr const char* kDiagnosticSeverities[] = {"error", "warning"};

struct Diagnostic {
  static constexpr const char* kGoType = "isimport.CoreDiagnostic";
  std::string kind;               // one of kDiagnosticKinds
  std::string severity = "error";  // one of kDiagnosticSeverities
  std::string path;               // the field path ("spec.images[0].from.kind"); "" for the whole body
  int64_t byteOffset = -1;        // the byte of the JSON text it was found at; -1 when not known
  std::string goType;             // typeError: the Go type the value did not fit
  std::string message;            // the text, as the server words it
  std::string value;              // cause: the offending string, when the text quotes one (a map's
                                  // key or value, which the path alone does not point at)
};
ISIMPORT_FIELDS(Diagnostic) {
  v.field("kind", o.kind, kAlways, kDiagnosticKinds);
  v.field("severity", o.severity, kAlways, kDiagnosticSeverities);
  v.field("path", o.path, kAlways);
  v.field("byteOffset", o.byteOffset, kAlways);
  v.field("goType", o.goType, kOmitEmpty);
  v.field("message", o.message, kAlways);
  v.field("value", o.value, kOmitEmpty);
}

}  // namespace isimport

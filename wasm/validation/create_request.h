// The apiserver's create path up to and including validation (docs/validation.md §2.1 steps 1–5): decode and
// default, fill or check the namespace, then validate the kind's rules and answer 422 when they fail.
#pragma once

#include "json/codec.h"

namespace isimport {

struct CreateOptions {
  DecodeOptions decode;
  std::string requestNamespace = "default";  // the namespace of the request URL
  bool namespaceGiven = false;  // true when the caller named the request namespace explicitly
};

struct CreateOutcome {
  bool valid = false;
  std::string kind;
  std::optional<Object> object;          // decoded and defaulted (present unless decoding failed)
  std::vector<std::string> warnings;     // Warn-mode field warnings
  std::optional<Status> status;          // the error answer when !valid (400, 413, 422 or 500)
  std::optional<size_t> syntaxOffset;    // a JSON syntax error: the byte it was found at
  std::vector<Diagnostic> diagnostics;   // every finding, with its kind, path and byte (json/diagnostic.h)
  std::string apiVersionInData, kindInData;  // as the body wrote them
  bool rootItems = false;                    // the body's root has an "items" member
};

CreateOutcome validateCreate(std::string_view text, const CreateOptions& options = {});

}  // namespace isimport

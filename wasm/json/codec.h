// Reading and writing the three kinds as the API server does: strict decoding with Go's error
// texts, v1 defaulting, and byte-exact Go JSON output.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "json/diagnostic.h"
#include "model/defaults.h"
#include "model/image_stream_import.h"

namespace isimport {

enum class FieldValidation { Strict, Warn, Ignore };

// "Strict" | "Warn" | "Ignore", as the fieldValidation query parameter spells them.
std::optional<FieldValidation> parseFieldValidation(std::string_view text);

struct DecodeOptions {
  FieldValidation fieldValidation = FieldValidation::Strict;
  std::string defaultKind = "ImageStreamImport";  // the endpoint's kind, used when the body names none
  std::string defaultImportMode = kDefaultImportMode;  // the cluster's configured import mode
  size_t maxBodyBytes = 3 * 1024 * 1024;          // the apiserver's MaxRequestBodyBytes
  // Read the common body (an object of defaultKind, nothing to report) in one pass; false takes
  // the server's steps one by one for every body (the fuzzer compares the two).
  bool onePass = true;
  // Let the object's string fields view `text` instead of copying it (model/text.h): only for a
  // caller that is done with the object before the text goes.
  bool borrowText = false;
};

using Object = std::variant<ImageStreamImport, ImageStream, Image>;

struct DecodeResult {
  std::optional<Object> object;         // present when decoding succeeded (already defaulted)
  std::string kind;                     // kind the body was decoded as
  std::vector<std::string> warnings;    // Warn mode: unknown/duplicate field texts
  std::optional<Status> failure;        // the HTTP error Status (400 or 413) when decoding failed
  std::optional<size_t> syntaxOffset;   // a JSON syntax error: the byte it was found at
  std::vector<Diagnostic> diagnostics;  // the failure's findings, then the warnings'
  std::string apiVersionInData;         // apiVersion and kind as the body wrote them ("" when
  std::string kindInData;               // absent or unreadable)
  bool rootItems = false;               // the root object has an "items" member (a list, to kubectl)
  CheckedFromNames checkedFromNames;    // an ImageStreamImport's: what defaulting parsed (defaults.h)
};

DecodeResult decodeObject(std::string_view text, const DecodeOptions& options = {});

std::string encodeObject(const Object& object);
std::string encodeStatus(const Status& status);
std::string encodeStatusCause(const StatusCause& cause);

std::string_view kindOf(const Object& object);

}  // namespace isimport

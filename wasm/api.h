// The library's entry points as plain text in, JSON text out: what the embind glue exposes to
// JavaScript (one crossing per call) and what native tests and tools call directly.
#pragma once

#include <string>
#include <string_view>

namespace isimport {

// Decodes `text` (a JSON document) with `optionsJson` ({"fieldValidation": "Strict"|"Warn"|"Ignore",
// "kind": "ImageStreamImport"|"ImageStream"|"Image"}; both optional) and answers
// {"ok": bool, "kind": string, "object"?: {...}, "warnings": [string], "status"?: Status}.
std::string decodeJson(std::string_view text, std::string_view optionsJson);

std::string_view libraryVersion();

}  // namespace isimport

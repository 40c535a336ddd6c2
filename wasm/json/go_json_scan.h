// Go's encoding/json scanner: the syntax errors it reports (texts such as `invalid character '<'
// looking for beginning of value`, its nesting limit of 10000) for json.Unmarshal (checkValid) and
// json.Decoder's first-value reading (`EOF`, `unexpected EOF`, trailing bytes ignored). It is the
// one scanner of the core: registry_json.h parses registry documents only after checkValid.
//
// Also a tree-less reading of the small documents of the registry protocol's edges (error bodies,
// token answers, docker config files): navigation, string unescaping with Go's replacement rules
// and case-insensitive field matching. Their decoding texts end up in user-visible statuses.
//
// The scanner keeps its nesting on a heap stack and navigation works directly on text already
// checked by checkValid/firstValue; nothing recurses, so deeply nested input cannot exhaust the
// stack.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json/json_tree.h"

namespace isimport::goscan {

struct Scan {
  bool ok = false;
  std::string error;  // Go's text when !ok
  size_t end = 0;     // one past the value (firstValue) or the text size (checkValid); when !ok,
                      // the offset of the byte Go stopped at (the text size at its end)
};

// json.Unmarshal's validity check: exactly one value, surrounded by optional whitespace.
Scan checkValid(std::string_view text);

// json.Decoder.Decode's reading of the first value: "EOF" for empty input, "unexpected EOF" for a
// truncated value, syntax errors as Go; bytes after the value are not looked at.
Scan firstValue(std::string_view text);

// The kinds of JSON values are json_tree.h's; json::goValueName gives Go's name of each
// ("string", "number", "object" …) for UnmarshalTypeError texts.
using Kind = json::Kind;

// One value inside checked text.
struct Value {
  Kind kind = Kind::Null;
  std::string_view raw;  // the value's exact text
};

// The value starting at raw text `text` (leading whitespace skipped). `text` must be valid.
Value valueOf(std::string_view text);
std::vector<std::pair<std::string, Value>> members(const Value& object);
std::vector<Value> elements(const Value& array);
// A string value unescaped as Go does (invalid UTF-8 and lone surrogates become U+FFFD).
std::string stringOf(const Value& string);
// One escape of a string literal Go's scanner accepted (`text[at]` is its backslash), appended to
// `out` as encoding/json decodes it: a surrogate pair is one rune, a lone one U+FFFD. Returns the
// offset after it.
size_t appendEscape(std::string& out, std::string_view text, size_t at);

// Whether a JSON member name selects a Go struct field of that name (exact or case-folded, with
// Go's folding of U+212A KELVIN SIGN to K and U+017F LONG S to S).
bool keyMatches(std::string_view key, std::string_view fieldName);

}  // namespace isimport::goscan

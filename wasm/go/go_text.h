// Go's text conventions that the core's messages follow, wherever they come from: strconv.Quote
// (what %q prints), unicode.IsPrint, utf8.DecodeRuneInString with its U+FFFD for bad bytes, and
// strconv.ParseInt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace isimport {

// Go's strconv.Quote (what %q prints for a string).
std::string goQuote(std::string_view value);
// Go's unicode.IsPrint / strconv.IsPrint (letters, marks, numbers, punctuation, symbols and the
// ASCII space), Unicode 15.0.0 as in the Go releases OpenShift builds with.
bool goIsPrint(char32_t rune);

// Decodes one rune the way Go's utf8.DecodeRuneInString does: on an invalid or truncated sequence
// it yields U+FFFD with width 1.
struct DecodedRune {
  char32_t rune;
  size_t width;
  bool valid;
};
DecodedRune goDecodeRune(std::string_view text, size_t offset);

// Appends the rune at `offset` as Go hands a string's runes on (ranging over it, strings.Map,
// encoding/json's string reading): a valid sequence as it is, an invalid or truncated one as
// U+FFFD. Returns the bytes read.
size_t appendGoRune(std::string& out, std::string_view text, size_t offset);

// utf8.AppendRune for a rune known to be valid (not a surrogate, at most U+10FFFF).
void appendUtf8(std::string& out, char32_t rune);

// strconv.ParseInt(text, 10, 64): the value, or nullopt with Go's reason in `why` ("invalid syntax",
// "value out of range"). Unlike Go, a non-digit after an overflowing run of digits reads as "invalid
// syntax" (Go reports the overflow).
std::optional<int64_t> goParseInt64(std::string_view text, const char** why = nullptr);

// Whether two texts are the same bytes, compared here one by one. The texts the hot path compares
// are short names, and in the wasm build std::string's == is a call to memcmp (and to strlen, for a
// literal) whose loop is no faster than this one.
constexpr bool sameText(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace isimport

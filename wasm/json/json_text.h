// JSON text read in place: a syntax check with Go's verdicts, then a cursor that walks text the
// check passed, value by value, without building a tree. This is how request bodies reach the
// typed model (text_decoder.h): one check, one walk, no intermediate nodes or strings.
//
// checkSyntax agrees with Go's scanner (go_json_scan.h) on which texts are valid, and when one is
// not, asks that scanner for Go's words and the byte; it is only faster. One deliberate
// difference, kept from the tree reader it replaces: invalid UTF-8 inside a string is refused
// (Go would read each bad byte as U+FFFD; the library refuses such bytes before the core anyway).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "json/json_tree.h"  // Kind

namespace isimport::json {

// A member of the root object the check was asked to note (the last of that name, as Go keeps).
struct RootMember {
  bool present = false;  // a member matched (null values count: Go leaves the field as it was)
  Kind kind = Kind::Null;
  size_t offset = 0;     // where the last non-null value starts
};

struct SyntaxCheck {
  bool ok = false;
  std::string error;  // Go's text (or the UTF-8 refusal) when !ok
  size_t offset = 0;  // the byte the error was found at
  Kind root = Kind::Null;
  // With names to note: per name, the last non-null member whose key matches it as encoding/json
  // matches struct fields (goFoldEqual); and the first such member that holds neither a string nor
  // null (Go's first type error), as an index into the names, or -1.
  RootMember noted[2];
  int firstNonString = -1;
  // With names to note, also: the root object has a member named exactly "items" (what kubectl
  // reads as a list), so that callers need not search the text for one.
  bool rootItems = false;
};

// Exactly one JSON value surrounded by optional whitespace, nested at most 10000 deep (Go's
// limit), strings in valid UTF-8. Up to two member names of the root object can be noted on the
// way (codec.cpp's apiVersion and kind), so that no second pass is needed to find them.
SyntaxCheck checkSyntax(std::string_view text, std::string_view note0 = {}, std::string_view note1 = {});

// Walks JSON text value by value, checking it on the way, so that a request body is read in one
// pass (text_decoder.h). Every method expects the value kind it reads to be next (after
// whitespace); kind() says which one that is. At the first fault (anything checkSyntax would
// refuse) the cursor stops: failed() answers true, it moves to the end, and every later read
// answers an empty value, so that loops over members and elements end. What the fault was, and
// Go's words for it, is checkSyntax's to say.
class Cursor {
 public:
  // How a string's invalid UTF-8 is met: refused (as checkSyntax refuses it), or read as Go reads
  // it (text Go's scanner accepted; the registry's answers).
  enum class Utf8 { Refuse, AsGo };
  explicit Cursor(std::string_view text, size_t offset = 0, Utf8 utf8 = Utf8::Refuse)
      : text_(text), pos_(offset), goUtf8_(utf8 == Utf8::AsGo) {}

  Kind kind();
  size_t offset() const { return pos_; }
  bool failed() const { return failed_; }
  // After the root value: nothing but whitespace may follow. False when the text failed anywhere.
  bool finish();

  void skipValue();  // one whole value (checked as checkSyntax checks it; containers at any depth)
  bool boolean();    // true or false
  void null();
  std::string_view number();  // the literal
  // A string value, unescaped as Go does (escaped lone surrogates become U+FFFD). With no escape
  // in it, the text itself, else `scratch` filled with the unescaped bytes.
  std::string_view string(std::string& scratch);
  // The raw bytes of the next value (for compact copies); empty when it fails.
  std::string_view rawValue();

  // Objects: beginObject(), then nextMember(key) until it answers false (it consumes the closing
  // brace); after a true, the member's value is next.
  void beginObject();
  bool nextMember(std::string_view& key, std::string& scratch);
  // Where the key of the member nextMember() last read begins (its opening quote).
  size_t keyOffset() const { return keyOffset_; }
  // Arrays: beginArray(), then nextElement() until false.
  void beginArray();
  bool nextElement();

 private:
  void skipSpace();
  // string() for a string with an escape, a control byte or a byte beyond ASCII, from its quote.
  [[gnu::noinline]] std::string_view generalString(std::string& scratch);
  unsigned char peek();  // the next byte after whitespace; 0 at the end
  void fail();
  void open(unsigned char bracket);
  void close();
  const unsigned char* here() const;
  const unsigned char* end() const;
  void moveTo(const unsigned char* p);

  std::string_view text_;
  size_t pos_ = 0;
  size_t keyOffset_ = 0;
  size_t depth_ = 0;    // containers open around the cursor (Go allows 10000)
  bool first_ = false;  // just inside a container: no member or element read yet
  bool failed_ = false;
  bool goUtf8_ = false;
};

// The compact text of a raw JSON value (whitespace dropped, strings re-escaped as Go's encoder
// writes them, members in document order): what a RawExtension-like field keeps.
std::string compactValue(std::string_view raw);

}  // namespace isimport::json

// The core's JSON readers against each other: the fast syntax check must agree with Go's scanner
// (same verdict, same words, same byte) except where it refuses invalid UTF-8, which Go reads; the
// decoder's cursor accepts what the check accepts; a tree prints compactly to a text that parses
// to the same print; the registry reader accepts exactly what Go's scanner accepts.
#include "fuzz_support.h"
#include "json/go_json_scan.h"
#include "json/json_text.h"
#include "registry/registry_json.h"

using namespace isimport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  json::SyntaxCheck fast = json::checkSyntax(text, "apiVersion", "kind");
  goscan::Scan go = goscan::checkValid(text);
  if (!go.ok) {
    fuzz::check(!fast.ok, "what Go refuses, the fast check refuses", go.error);
    fuzz::check(fast.error == go.error && fast.offset == go.end, "in Go's words, at Go's byte", fast.error + " / " + go.error);
  } else if (!fast.ok) {
    fuzz::check(fast.error.rfind("invalid UTF-8 in string literal", 0) == 0, "the fast check refuses Go-valid text only for invalid UTF-8", fast.error);
  }
  // The decoder's cursor checks what it walks as the syntax check does.
  json::Cursor walk(text);
  walk.skipValue();
  fuzz::check(walk.finish() == fast.ok, "the cursor accepts what the syntax check accepts");
  json::ParseResult parsed = json::parse(text);
  fuzz::check(parsed.ok == fast.ok, "the tree reader agrees with the syntax check");
  if (parsed.ok) {
    std::string printed = json::compactText(parsed.tree, 0);
    json::ParseResult again = json::parse(printed);
    fuzz::check(again.ok && json::compactText(again.tree, 0) == printed, "a compact print parses to the same print", printed);
  }
  gojson::Document doc = gojson::parse(text);
  fuzz::check(doc.ok == go.ok, "the registry reader accepts what Go's scanner accepts");
  return 0;
}

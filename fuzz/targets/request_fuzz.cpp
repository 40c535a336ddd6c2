// A request body through decoding and validation, as validate() and the API server's create path
// see it: every fieldValidation mode and endpoint kind, with and without a namespace. The answer
// is JSON; the compact verdict agrees with it; a decoding whose strings view the text agrees with
// one that copies them; and a decoded object, encoded and decoded again, encodes to the same bytes
// (nothing lost or invented on the way).
#include "boundary/api.h"
#include "fuzz_support.h"
#include "json/codec.h"

using namespace isimport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::Input in(data, size);
  uint8_t mode = in.byte();
  ValidateRequest request;
  request.fieldValidation = mode % 3;
  request.kind = (mode / 3) % 3;
  request.withObject = (mode & 0x40) != 0;
  if (mode & 0x80) {
    request.namespaceGiven = true;
    request.nameSpace = "fuzz";
  }
  std::string_view text = in.rest();

  // The whole answer (asking for the object makes it JSON, never the compact number).
  ValidateRequest whole = request;
  whole.withObject = true;
  std::string answer;
  validateCompact(text, whole, answer);
  json::Tree tree = fuzz::mustBeJson(answer, "validateCompact's JSON answer");
  const json::Node* valid = fuzz::member(tree, 0, "valid");
  fuzz::check(valid && valid->kind == json::Kind::Bool, "the answer says whether the body is valid", answer);
  const json::Node* warnings = fuzz::member(tree, 0, "warnings");
  fuzz::check(warnings && warnings->kind == json::Kind::Array, "the answer lists its warnings", answer);
  fuzz::check(valid->boolean || fuzz::member(tree, 0, "status"), "an invalid body has a Status", answer);
  // Each finding has a kind and, when it has a byte, one inside the body.
  const json::Node* diagnostics = fuzz::member(tree, 0, "diagnostics");
  fuzz::check(diagnostics && diagnostics->kind == json::Kind::Array, "the answer lists its findings", answer);
  for (uint32_t i = 0; i < diagnostics->count; ++i) {
    json::NodeId finding = tree.child(*diagnostics, i);
    const json::Node* kind = fuzz::member(tree, finding, "kind");
    const json::Node* at = fuzz::member(tree, finding, "byteOffset");
    fuzz::check(kind && kind->kind == json::Kind::String && !kind->text.empty(), "a finding has a kind", answer);
    fuzz::check(at && at->integral && at->integer >= -1 && at->integer <= static_cast<int64_t>(text.size()),
                "a finding's byte is -1 or inside the body", answer);
  }

  std::string compactAnswer;
  int code = validateCompact(text, request, compactAnswer);
  bool plain = valid->boolean && warnings->count == 0 && !request.withObject;
  if (code >= 0) fuzz::check(plain, "a compact verdict only for a valid body with nothing to report", answer);
  else fuzz::mustBeJson(compactAnswer, "validateCompact's answer");

  static constexpr FieldValidation kModes[] = {FieldValidation::Strict, FieldValidation::Warn, FieldValidation::Ignore};
  static constexpr const char* kKinds[] = {"ImageStreamImport", "ImageStream", "Image"};
  DecodeOptions options;
  options.fieldValidation = kModes[request.fieldValidation];
  options.defaultKind = kKinds[request.kind];
  DecodeResult decoded = decodeObject(text, options);
  fuzz::check(decoded.object.has_value() != decoded.failure.has_value(), "a decode gives an object or a failure");
  // The one-pass read of the common body answers exactly what the server's steps one by one do.
  DecodeOptions stepByStep = options;
  stepByStep.onePass = false;
  DecodeResult checked = decodeObject(text, stepByStep);
  fuzz::check(checked.object.has_value() == decoded.object.has_value() && checked.kind == decoded.kind &&
                  checked.warnings == decoded.warnings && checked.syntaxOffset == decoded.syntaxOffset &&
                  checked.apiVersionInData == decoded.apiVersionInData && checked.kindInData == decoded.kindInData &&
                  checked.rootItems == decoded.rootItems && checked.diagnostics.size() == decoded.diagnostics.size(),
              "one pass and the steps one by one agree", std::string(text));
  if (checked.failure) fuzz::check(encodeStatus(*checked.failure) == encodeStatus(*decoded.failure), "one pass fails as the steps do");
  if (checked.object) fuzz::check(encodeObject(*checked.object) == encodeObject(*decoded.object), "one pass decodes as the steps do");
  // String fields that view the text (as validate() decodes) read the same object as copies do,
  // also after the object has been moved and copied.
  DecodeOptions borrowing = options;
  borrowing.borrowText = true;
  DecodeResult viewed = decodeObject(text, borrowing);
  fuzz::check(viewed.object.has_value() == decoded.object.has_value(), "views decode whatever copies decode");
  if (viewed.object) {
    Object moved = std::move(*viewed.object);
    Object copied = moved;
    fuzz::check(encodeObject(moved) == encodeObject(*decoded.object) && encodeObject(copied) == encodeObject(moved),
                "views of the text decode as copies do", std::string(text));
  }
  if (decoded.object) {
    std::string once = encodeObject(*decoded.object);
    // Go escapes <, > and & as \u003c…: an encoding may outgrow the body limit.
    if (once.size() <= options.maxBodyBytes) {
      DecodeOptions strict;
      strict.defaultKind = options.defaultKind;
      DecodeResult again = decodeObject(once, strict);
      fuzz::check(again.object.has_value(), "an encoded object decodes strictly",
                  once + "\n" + (again.failure ? again.failure->message : ""));
      fuzz::check(encodeObject(*again.object) == once, "re-decoding an encoded object gives the same bytes", once);
    }
  }
  if (mode & 0x20) fuzz::mustBeJson(decodeJson(text, "{\"fieldValidation\":\"Warn\"}"), "decodeJson's answer");
  return 0;
}

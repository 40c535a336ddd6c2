#include "json/codec.h"

#include "go/base64.h"
#include "go/go_text.h"  // sameText
#include "json/json_text.h"
#include "json/text_decoder.h"
#include "json/typed_encoder.h"
#include "model/defaults.h"
#include "model/status_builders.h"

namespace isimport {

void decodeBase64(TextDecoder& d, std::string_view text, Bytes& out) {
  Base64Decoded decoded = base64Decode(text);
  if (!decoded.bytes) return d.plainError("illegal base64 data at input byte " + std::to_string(decoded.errorOffset));
  out.data = std::move(*decoded.bytes);
}

std::string encodeBase64(const std::string& bytes) { return base64Encode(bytes); }

namespace {

constexpr std::string_view kGroupVersion = "image.openshift.io/v1";

// The apiserver's short description of a body it could not recognise (30 bytes at most).
std::string summarizeBody(std::string_view body) {
  constexpr size_t kMax = 30;
  if (body.empty()) return "<empty>";
  if (body[0] == '{') return body.size() > kMax ? std::string(body.substr(0, kMax)) + " ..." : std::string(body);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : body.substr(0, kMax)) {
    hex += kHex[c >> 4];
    hex += kHex[c & 15];
  }
  return body.size() > kMax ? hex + " ..." : hex;
}

Status unrecognized(const std::string& expectedKind, const std::string& cause, std::string_view body) {
  return badRequest("the object provided is unrecognized (must be of type " + expectedKind + "): " + cause + " (" +
                    summarizeBody(body) + ")");
}

// `bodyKind` is the kind the body named; `intoKind` the kind it was being decoded into.
Status cannotBeHandled(const std::string& bodyKind, const std::string& intoKind, const std::string& cause) {
  return badRequest(bodyKind + " in version \"v1\" cannot be handled as a " + intoKind + ": " + cause);
}

// apiVersion and kind, read the way the apiserver's "find kind" pass reads them.
struct TypeHeader {
  std::string apiVersion, kind, error;
};

constexpr std::string_view kTypeFields[] = {"apiVersion", "kind"};

// The root's apiVersion and kind as the apiserver's "find kind" pass reads them (encoding/json into
// a struct of two strings: keys matched as Go matches struct fields, the last one kept), from the
// members the syntax check noted.
TypeHeader readTypeHeader(std::string_view text, const json::SyntaxCheck& check) {
  TypeHeader header;
  if (check.root == json::Kind::Null) return header;
  if (check.root != json::Kind::Object) {
    header.error = json::unmarshalTypeErrorText(json::goValueName(check.root),
                                                "struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; "
                                                "Kind string \"json:\\\"kind,omitempty\\\"\" }");
    return header;
  }
  if (check.firstNonString >= 0) {
    const json::RootMember& bad = check.noted[check.firstNonString];
    // Go names the field by its own name, whatever case the key was written in.
    header.error = json::unmarshalTypeErrorText(json::goValueName(bad.kind), "string",
                                                "." + std::string(kTypeFields[check.firstNonString]));
    return header;
  }
  std::string scratch;
  std::string* targets[] = {&header.apiVersion, &header.kind};
  for (int i = 0; i < 2; ++i) {
    const json::RootMember& member = check.noted[i];
    if (member.kind != json::Kind::String) continue;
    json::Cursor at(text, member.offset);
    *targets[i] = at.string(scratch);
  }
  return header;
}

// What the server sets on a decoded object: its defaults, kind and apiVersion.
template <class T>
void completeAsServer(T& object, const DecodeOptions& options, DecodeResult& result) {
  if constexpr (std::is_same_v<T, ImageStreamImport>) applyDefaults(object, options.defaultImportMode, &result.checkedFromNames);
  if constexpr (std::is_same_v<T, ImageStream>) applyDefaults(object, options.defaultImportMode);
  // (Literals: a view of one outlives every object.)
  object.kind.borrow(T::kKind);
  object.apiVersion.borrow(kGroupVersion);
}

// The decoded object's answer: the strict errors as the mode says, then the object completed.
template <class T>
DecodeResult finishDecoded(T& object, const std::string& kind, const DecodeErrors& errors, const DecodeOptions& options) {
  DecodeResult result;
  result.kind = kind;
  const auto& strict = errors.strictErrors();
  if (!strict.empty()) {
    if (options.fieldValidation == FieldValidation::Strict) {
      std::string joined;
      for (const auto& e : strict) joined += (joined.empty() ? "" : ", ") + e;
      result.failure = cannotBeHandled(kind, kind, "strict decoding error: " + joined);
      result.diagnostics = errors.strictFindings();
      return result;
    }
    if (options.fieldValidation == FieldValidation::Warn) {
      result.warnings = strict;
      result.diagnostics = errors.strictFindings();
      for (Diagnostic& warning : result.diagnostics) warning.severity = "warning";
    }
  }
  completeAsServer(object, options, result);
  result.object = std::move(object);
  return result;
}

// The body decoded as `kind` after the syntax check passed it.
template <class T>
DecodeResult decodeAs(std::string_view text, const std::string& kind, const DecodeOptions& options) {
  T object;
  TextDecoder decoder(text, options.borrowText);
  decodeValue(decoder, object);
  const DecodeErrors& errors = decoder.errors();
  if (!decoder.in().finish()) {
    // The cursor checks what checkSyntax checked: after its pass, this cannot be.
    DecodeResult result;
    result.kind = kind;
    result.failure = errorStatus("InternalError", 500, "Internal error occurred: the JSON decoder refused text the syntax check accepted");
    return result;
  }
  if (!errors.error().empty()) {
    DecodeResult result;
    result.kind = kind;
    result.failure = cannotBeHandled(kind, kind, errors.error());
    if (!errors.typeFinding().kind.empty()) result.diagnostics.push_back(errors.typeFinding());
    return result;
  }
  return finishDecoded(object, kind, errors, options);
}

// The common body in one pass: an object of the endpoint's kind, read into that kind while its
// syntax is checked, straight into `result`. It answers (true) only when nothing in the body
// needs the server's other steps in their order (a syntax error, which Go finds before anything
// else; a type or field error; an apiVersion or kind other than the endpoint's, read by the
// "find kind" pass first); then the answer is the one those steps give, since each of them passes
// such a body unchanged.
template <class T>
bool decodeInOnePass(std::string_view text, const DecodeOptions& options, DecodeResult& result) {
  T& object = result.object.emplace().template emplace<T>();
  TextDecoder decoder(text, options.borrowText);
  if (decoder.in().kind() != json::Kind::Object) return false;
  decodeValue(decoder, object);
  const DecodeErrors& errors = decoder.errors();
  if (!decoder.in().finish() || !errors.error().empty() || !errors.strictErrors().empty()) return false;
  if (!object.apiVersion.empty() && !sameText(object.apiVersion, kGroupVersion)) return false;
  if (!object.kind.empty() && !sameText(object.kind, T::kKind)) return false;
  result.apiVersionInData = object.apiVersion;
  result.kindInData = object.kind;
  result.kind = T::kKind;
  completeAsServer(object, options, result);
  return true;
}

bool decodeInOnePass(std::string_view text, const DecodeOptions& options, DecodeResult& result) {
  if (sameText(options.defaultKind, ImageStreamImport::kKind)) return decodeInOnePass<ImageStreamImport>(text, options, result);
  if (sameText(options.defaultKind, ImageStream::kKind)) return decodeInOnePass<ImageStream>(text, options, result);
  if (sameText(options.defaultKind, Image::kKind)) return decodeInOnePass<Image>(text, options, result);
  return false;
}

}  // namespace

std::optional<FieldValidation> parseFieldValidation(std::string_view text) {
  if (text == "Strict") return FieldValidation::Strict;
  if (text == "Warn") return FieldValidation::Warn;
  if (text == "Ignore") return FieldValidation::Ignore;
  return std::nullopt;
}

DecodeResult decodeObject(std::string_view text, const DecodeOptions& options) {
  DecodeResult result;
  if (text.size() > options.maxBodyBytes) {
    result.failure = requestEntityTooLarge(static_cast<int64_t>(options.maxBodyBytes));
    return result;
  }
  if (options.onePass) {
    if (decodeInOnePass(text, options, result)) return result;
    result = DecodeResult{};
  }
  // The server's words are encoding/json's: what Go's scanner says, and where.
  json::SyntaxCheck syntax = json::checkSyntax(text, kTypeFields[0], kTypeFields[1]);
  if (!syntax.ok) {
    result.syntaxOffset = syntax.offset;
    result.failure = unrecognized(options.defaultKind, "couldn't get version/kind; json parse error: " + syntax.error, text);
    result.diagnostics.push_back(Diagnostic{"syntax", "error", "", static_cast<int64_t>(syntax.offset), "", syntax.error, ""});
    return result;
  }
  result.rootItems = syntax.rootItems;
  TypeHeader header = readTypeHeader(text, syntax);
  result.apiVersionInData = header.apiVersion;
  result.kindInData = header.kind;
  if (!header.error.empty()) {
    result.failure = unrecognized(options.defaultKind, "couldn't get version/kind; json parse error: " + header.error, text);
    result.diagnostics.push_back(Diagnostic{"cause", "error", "", -1, "", result.failure->message, ""});
    return result;
  }
  if (!header.apiVersion.empty() && header.apiVersion != kGroupVersion) {
    result.failure = badRequest("the API version in the data (" + header.apiVersion +
                                ") does not match the expected API version (" + std::string(kGroupVersion) + ")");
    result.diagnostics.push_back(Diagnostic{"cause", "error", "apiVersion", -1, "", result.failure->message, ""});
    return result;
  }
  std::string kind = header.kind.empty() ? options.defaultKind : header.kind;
  if (kind == ImageStreamImport::kKind) result = decodeAs<ImageStreamImport>(text, kind, options);
  else if (kind == ImageStream::kKind) result = decodeAs<ImageStream>(text, kind, options);
  else if (kind == Image::kKind) result = decodeAs<Image>(text, kind, options);
  if (result.object || result.failure) {
    result.apiVersionInData = header.apiVersion;
    result.kindInData = header.kind;
    result.rootItems = syntax.rootItems;
    return result;
  }
  result.kind = kind;
  result.failure = cannotBeHandled(kind, options.defaultKind, "no kind " + json::quote(kind) + " is registered for version \"" +
                                             std::string(kGroupVersion) + "\"");
  result.diagnostics.push_back(Diagnostic{"cause", "error", "kind", -1, "", result.failure->message, ""});
  return result;
}

std::string encodeObject(const Object& object) {
  return std::visit([](const auto& o) { return toJson(o); }, object);
}

std::string encodeStatus(const Status& status) { return toJson(status); }

std::string encodeStatusCause(const StatusCause& cause) { return toJson(cause); }

std::string_view kindOf(const Object& object) {
  return std::visit([](const auto& o) -> std::string_view { return o.kind; }, object);
}

}  // namespace isimport

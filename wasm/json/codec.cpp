#include "json/codec.h"

#include "go/base64.h"
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

template <class T>
DecodeResult decodeAs(std::string_view text, const std::string& kind, const DecodeOptions& options) {
  DecodeResult result;
  result.kind = kind;
  T object;
  TextDecoder decoder(text);
  decodeValue(decoder, object);
  const DecodeErrors& errors = decoder.errors();
  if (!errors.error().empty()) {
    result.failure = cannotBeHandled(kind, kind, errors.error());
    if (!errors.typeFinding().kind.empty()) result.diagnostics.push_back(errors.typeFinding());
    return result;
  }
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
  if constexpr (!std::is_same_v<T, Image>) applyDefaults(object, options.defaultImportMode);
  object.kind = kind;
  object.apiVersion = std::string(kGroupVersion);
  result.object = std::move(object);
  return result;
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

const std::string& kindOf(const Object& object) {
  return std::visit([](const auto& o) -> const std::string& { return o.kind; }, object);
}

}  // namespace isimport

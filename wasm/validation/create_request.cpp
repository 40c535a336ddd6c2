#include "validation/create_request.h"

#include "go/cold_code.h"
#include "json/json_tree.h"
#include "model/status_builders.h"
#include "validation/field_error.h"
#include "validation/validation.h"

ISIMPORT_COLD_CODE_BEGIN

namespace isimport {
namespace {

constexpr std::string_view kGroup = "image.openshift.io";

// apiserver's name generator appends five characters from this alphabet; any fixed choice is a
// name the generator could have produced.
constexpr std::string_view kGeneratedSuffix = "x7k2q";

ErrorList validateObject(const Object& object, const CheckedFromNames& checkedFromNames) {
  return std::visit(
      [&](const auto& o) -> ErrorList {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, ImageStreamImport>) return validateImageStreamImport(o, &checkedFromNames);
        else if constexpr (std::is_same_v<T, ImageStream>) return validateImageStream(o);
        else return validateImage(o);
      },
      object);
}

ObjectMeta& metadataOf(Object& object) {
  return std::visit([](auto& o) -> ObjectMeta& { return o.metadata; }, object);
}

// The answer's findings: those of the refusal, then the warnings' (Warn-mode fields).
void addFindings(CreateOutcome& outcome, std::vector<Diagnostic> refusal, std::vector<Diagnostic>& warnings) {
  outcome.diagnostics = std::move(refusal);
  for (Diagnostic& warning : warnings) outcome.diagnostics.push_back(std::move(warning));
}

// A 400/500 about one field of the body.
std::vector<Diagnostic> aboutField(const Status& status, const char* path) {
  return {Diagnostic{"cause", "error", path, -1, "", status.message, ""}};
}

// A 422's causes (one per field error, in order), each at its field, with the string it quotes.
std::vector<Diagnostic> ofCauses(const Status& status, const ErrorList& errors) {
  std::vector<Diagnostic> out;
  if (!status.details) return out;
  const auto& causes = status.details->causes;
  for (size_t i = 0; i < causes.size(); ++i) {
    const StatusCause& cause = causes[i];
    Diagnostic finding{"cause", "error", cause.field, -1, "",
                       cause.field.empty() ? cause.message : cause.field + ": " + cause.message, ""};
    const FieldError& e = errors[i];
    std::string quoted = std::string(fieldErrorTypeText(e.type)) + ": \"";
    if (cause.message.rfind(quoted, 0) == 0) {
      json::ParseResult value = json::parse(e.value.text());
      if (value.ok && value.tree.at(0).kind == json::Kind::String) finding.value = value.tree.at(0).text;
    }
    out.push_back(std::move(finding));
  }
  return out;
}

}  // namespace

CreateOutcome validateCreate(std::string_view text, const CreateOptions& options) {
  CreateOutcome outcome;
  DecodeResult decoded = decodeObject(text, options.decode);
  outcome.kind = decoded.kind.empty() ? options.decode.defaultKind : decoded.kind;
  outcome.apiVersionInData = std::move(decoded.apiVersionInData);
  outcome.kindInData = std::move(decoded.kindInData);
  outcome.rootItems = decoded.rootItems;
  outcome.warnings = std::move(decoded.warnings);
  if (!decoded.object) {
    outcome.status = std::move(decoded.failure);
    outcome.syntaxOffset = decoded.syntaxOffset;
    outcome.diagnostics = std::move(decoded.diagnostics);
    return outcome;
  }
  std::vector<Diagnostic>& warnings = decoded.diagnostics;
  outcome.object = std::move(decoded.object);
  Object& object = *outcome.object;
  ObjectMeta& meta = metadataOf(object);

  // Image is cluster-scoped: the server drops a namespace it was sent. The others take the
  // request's namespace.
  if (std::holds_alternative<Image>(object)) {
    meta.nameSpace.clear();
  } else if (meta.nameSpace.empty()) {
    meta.nameSpace = options.requestNamespace;
  } else if (options.namespaceGiven && meta.nameSpace != options.requestNamespace) {
    outcome.status = badRequest("the namespace of the provided object does not match the namespace sent on the request");
    addFindings(outcome, aboutField(*outcome.status, "metadata.namespace"), warnings);
    return outcome;
  }

  // Only generateName: ImageStreamImport is never stored, so its REST layer refuses to invent a
  // name; the stored kinds get a generated one before validation.
  bool generated = false;
  if (meta.name.empty() && !meta.generateName.empty()) {
    if (std::holds_alternative<ImageStreamImport>(object)) {
      outcome.status = internalErrorStatus("metadata.name was not generated");
      addFindings(outcome, aboutField(*outcome.status, "metadata.generateName"), warnings);
      return outcome;
    }
    meta.name = meta.generateName + std::string(kGeneratedSuffix);
    generated = true;
  }
  // An ImageStream is created with its status reset and generation 1 (its strategy's
  // PrepareForCreate); validate that, and answer with what the caller wrote.
  ErrorList errors;
  if (auto* stream = std::get_if<ImageStream>(&object)) {
    ImageStream created = *stream;
    created.status = ImageStreamStatus{};
    created.metadata.generation = 1;
    errors = validateImageStream(created);
  } else {
    errors = validateObject(object, decoded.checkedFromNames);
  }
  std::string name = meta.name.str();
  if (generated) meta.name.clear();  // the answer keeps what the caller wrote
  if (!errors.empty()) {
    outcome.status = invalidStatus(outcome.kind, kGroup, name, errors);
    addFindings(outcome, ofCauses(*outcome.status, errors), warnings);
    return outcome;
  }
  outcome.valid = true;
  addFindings(outcome, {}, warnings);
  return outcome;
}

}  // namespace isimport

ISIMPORT_COLD_CODE_END

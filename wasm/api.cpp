#include "api.h"

#include "create_request.h"
#include "json_tree.h"
#include "json_writer.h"

namespace isimport {
namespace {

// Reads the options object; unknown keys are ignored so newer callers can talk to older cores.
bool readOptions(std::string_view optionsJson, CreateOptions& options, std::string& error) {
  if (optionsJson.empty()) return true;
  json::ParseResult parsed = json::parse(optionsJson);
  if (!parsed.ok || parsed.tree.at(0).kind != json::Kind::Object) {
    error = "options must be a JSON object";
    return false;
  }
  const json::Tree& t = parsed.tree;
  const json::Node& root = t.at(0);
  for (uint32_t i = 0; i < root.count; ++i) {
    const std::string& key = t.key(root, i);
    const json::Node& value = t.at(t.child(root, i));
    if (value.kind == json::Kind::Null) continue;
    if (key == "fieldValidation") {
      auto mode = value.kind == json::Kind::String ? parseFieldValidation(value.text) : std::nullopt;
      if (!mode) {
        error = "fieldValidation must be one of Strict, Warn, Ignore";
        return false;
      }
      options.decode.fieldValidation = *mode;
    } else if (key == "kind") {
      if (value.kind != json::Kind::String || (value.text != "ImageStreamImport" && value.text != "ImageStream" &&
                                               value.text != "Image")) {
        error = "kind must be one of ImageStreamImport, ImageStream, Image";
        return false;
      }
      options.decode.defaultKind = value.text;
    } else if (key == "namespace") {
      if (value.kind != json::Kind::String) {
        error = "namespace must be a string";
        return false;
      }
      options.requestNamespace = value.text;
      options.namespaceGiven = true;
    }
  }
  return true;
}

std::string usageError(const std::string& message) {
  json::Writer out;
  out.beginObject();
  out.key("usageError");
  out.string(message);
  out.endObject();
  return out.take();
}

void writeWarnings(json::Writer& out, const std::vector<std::string>& warnings) {
  out.key("warnings");
  out.beginArray();
  for (const auto& w : warnings) out.string(w);
  out.endArray();
}

}  // namespace

std::string decodeJson(std::string_view text, std::string_view optionsJson) {
  CreateOptions options;
  std::string optionsError;
  if (!readOptions(optionsJson, options, optionsError)) return usageError(optionsError);
  DecodeResult result = decodeObject(text, options.decode);
  json::Writer out;
  out.beginObject();
  out.key("ok");
  out.boolean(result.object.has_value());
  out.key("kind");
  out.string(result.kind.empty() ? options.decode.defaultKind : result.kind);
  if (result.object) {
    out.key("object");
    out.raw(encodeObject(*result.object));
  }
  writeWarnings(out, result.warnings);
  if (result.failure) {
    out.key("status");
    out.raw(encodeStatus(*result.failure));
  }
  out.endObject();
  return out.take();
}

std::string validateJson(std::string_view text, std::string_view optionsJson) {
  CreateOptions options;
  std::string optionsError;
  if (!readOptions(optionsJson, options, optionsError)) return usageError(optionsError);
  CreateOutcome outcome = validateCreate(text, options);
  json::Writer out;
  out.beginObject();
  out.key("valid");
  out.boolean(outcome.valid);
  out.key("kind");
  out.string(outcome.kind);
  out.key("causes");
  out.beginArray();
  if (outcome.status && outcome.status->details) {
    for (const auto& cause : outcome.status->details->causes) out.raw(encodeStatusCause(cause));
  }
  out.endArray();
  writeWarnings(out, outcome.warnings);
  if (outcome.status) {
    out.key("status");
    out.raw(encodeStatus(*outcome.status));
  }
  if (outcome.object) {
    out.key("object");
    out.raw(encodeObject(*outcome.object));
  }
  out.endObject();
  return out.take();
}

std::string_view libraryVersion() { return "0.1.0"; }

}  // namespace isimport

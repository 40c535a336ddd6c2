#include "api.h"

#include "json/json_tree.h"
#include "json/json_writer.h"
#include "json/options_object.h"
#include "model/reference.h"
#include "validation/create_request.h"

namespace isimport {
namespace {

// Reads the options of decodeJson and validateJson (api.h); "" or the usage error.
std::string readOptions(std::string_view optionsJson, CreateOptions& options) {
  return readOptionsObject(optionsJson, [&](const std::string& key, const json::Tree& tree, json::NodeId id) {
    const json::Node& value = tree.at(id);
    if (key == "fieldValidation") {
      auto mode = value.kind == json::Kind::String ? parseFieldValidation(value.text) : std::nullopt;
      if (!mode) return std::string("fieldValidation must be one of Strict, Warn, Ignore");
      options.decode.fieldValidation = *mode;
    } else if (key == "kind") {
      if (value.kind != json::Kind::String || (value.text != "ImageStreamImport" && value.text != "ImageStream" &&
                                               value.text != "Image")) {
        return std::string("kind must be one of ImageStreamImport, ImageStream, Image");
      }
      options.decode.defaultKind = value.text;
    } else if (key == "namespace") {
      options.namespaceGiven = true;
      return readStringOption(key, value, options.requestNamespace);
    }
    return std::string();
  });
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
  if (std::string optionsError = readOptions(optionsJson, options); !optionsError.empty()) {
    return usageError(optionsError);
  }
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
  if (std::string optionsError = readOptions(optionsJson, options); !optionsError.empty()) {
    return usageError(optionsError);
  }
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

std::string parseReferenceJson(std::string_view text) {
  ReferenceParse parsed = parseDockerImageReference(text);
  json::Writer out;
  out.beginObject();
  out.key("valid");
  out.boolean(parsed.ok());
  if (!parsed.ok()) {
    out.key("error");
    out.string(parsed.error);
    out.endObject();
    return out.take();
  }
  const DockerImageReference& ref = *parsed.ref;
  auto field = [&](const char* name, const std::string& value) {
    out.key(name);
    out.string(value);
  };
  field("registry", ref.registry);
  field("namespace", ref.nameSpace);
  field("name", ref.name);
  field("tag", ref.tag);
  field("id", ref.id);
  field("exact", ref.exact());
  DockerImageReference defaulted = ref.dockerClientDefaults();
  field("repository", defaulted.repositoryName());
  field("registryUrl", defaulted.registryUrl());
  // The form importer messages name the image by (Distribution's normalized reference).
  if (NormalizedReference normalized = normalizedString(ref); normalized.ok()) field("normalized", normalized.value);
  out.endObject();
  return out.take();
}

std::string_view libraryVersion() { return "0.1.0"; }

}  // namespace isimport

#include "api.h"

#include "codec.h"
#include "json_tree.h"
#include "json_writer.h"

namespace isimport {
namespace {

// Reads the options object; unknown keys are ignored so newer callers can talk to older cores.
bool readOptions(std::string_view optionsJson, DecodeOptions& options, std::string& error) {
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
      options.fieldValidation = *mode;
    } else if (key == "kind") {
      if (value.kind != json::Kind::String || (value.text != "ImageStreamImport" && value.text != "ImageStream" &&
                                               value.text != "Image")) {
        error = "kind must be one of ImageStreamImport, ImageStream, Image";
        return false;
      }
      options.defaultKind = value.text;
    }
  }
  return true;
}

}  // namespace

std::string decodeJson(std::string_view text, std::string_view optionsJson) {
  DecodeOptions options;
  std::string optionsError;
  json::Writer out;
  out.beginObject();
  if (!readOptions(optionsJson, options, optionsError)) {
    out.key("ok");
    out.boolean(false);
    out.key("usageError");
    out.string(optionsError);
    out.endObject();
    return out.take();
  }
  DecodeResult result = decodeObject(text, options);
  out.key("ok");
  out.boolean(result.object.has_value());
  out.key("kind");
  out.string(result.kind.empty() ? options.defaultKind : result.kind);
  if (result.object) {
    out.key("object");
    out.raw(encodeObject(*result.object));
  }
  out.key("warnings");
  out.beginArray();
  for (const auto& w : result.warnings) out.string(w);
  out.endArray();
  if (result.failure) {
    out.key("status");
    out.raw(encodeStatus(*result.failure));
  }
  out.endObject();
  return out.take();
}

std::string_view libraryVersion() { return "0.1.0"; }

}  // namespace isimport

#include "json/schema.h"

#include <map>
#include <set>

#include "json/json_tree.h"
#include "json/json_writer.h"
#include "json/typed_decoder.h"  // Described, kLooseKeys, GoType
#include "model/image_stream_import.h"

namespace isimport {
namespace {

// Collects one schema fragment per C++ type; struct types become shared definitions.
class SchemaBuilder {
 public:
  std::map<std::string, std::string> definitions;  // Go type name → schema text

  std::string of(const std::string*) { return R"({"type":"string"})"; }
  std::string of(const Text*) { return R"({"type":"string"})"; }
  std::string of(const bool*) { return R"({"type":"boolean"})"; }
  std::string of(const int64_t*) { return R"({"type":"integer"})"; }
  std::string of(const int32_t*) { return R"({"type":"integer","minimum":-2147483648,"maximum":2147483647})"; }
  std::string of(const Time*) { return R"({"type":["string","null"],"format":"date-time"})"; }
  std::string of(const Bytes*) { return R"({"type":"string","contentEncoding":"base64"})"; }
  std::string of(const RawJson*) { return "{}"; }
  std::string of(const Empty*) { return R"({"type":"object"})"; }

  template <class T>
  std::string of(const std::optional<T>*) {
    return R"({"anyOf":[)" + of(static_cast<const T*>(nullptr)) + R"(,{"type":"null"}]})";
  }
  template <class T>
  std::string of(const std::vector<T>*) {
    return R"({"type":["array","null"],"items":)" + of(static_cast<const T*>(nullptr)) + "}";
  }
  template <class V>
  std::string of(const std::map<std::string, V>*) {
    return R"({"type":["object","null"],"additionalProperties":)" + of(static_cast<const V*>(nullptr)) + "}";
  }
  template <Described T>
  std::string of(const T*) {
    std::string name = T::kGoType;
    if (!definitions.count(name)) {
      definitions[name] = "";  // reserve first: types may nest
      definitions[name] = objectSchema<T>({});
    }
    return R"({"$ref":"#/definitions/)" + name + R"("})";
  }

  // The object schema of T; `extra` adds constraints on top-level type fields (kind, apiVersion).
  template <Described T>
  std::string objectSchema(const std::map<std::string, std::string>& extra) {
    PropertyCollector collector{*this, extra, {}, {}};
    T sample;
    fields(collector, sample);
    std::string out = R"({"type":"object","properties":{)" + collector.properties + "}";
    if (!collector.required.empty()) out += R"(,"required":[)" + collector.required + "]";
    out += std::string(R"(,"additionalProperties":)") + (kLooseKeys<T> ? "true" : "false") + "}";
    return out;
  }

 private:
  struct PropertyCollector {
    SchemaBuilder& builder;
    const std::map<std::string, std::string>& extra;
    std::string properties, required;
    template <class M>
    void field(const char* name, const M&, unsigned flags) {
      if (!properties.empty()) properties += ',';
      auto it = extra.find(name);
      properties += json::quote(name) + ":" +
                    (it != extra.end() ? it->second : builder.of(static_cast<const M*>(nullptr)));
      if (flags & kRequired) {
        if (!required.empty()) required += ',';
        required += json::quote(name);
      }
    }
  };
};

// Indents compact JSON two spaces per level (schemas are shallow; recursion is fine here).
void pretty(const json::Tree& t, json::NodeId id, int depth, std::string& out) {
  const json::Node& n = t.at(id);
  std::string pad(static_cast<size_t>(depth + 1) * 2, ' ');
  std::string closePad(static_cast<size_t>(depth) * 2, ' ');
  if ((n.kind == json::Kind::Object || n.kind == json::Kind::Array) && n.count > 0) {
    bool object = n.kind == json::Kind::Object;
    out += object ? "{\n" : "[\n";
    for (uint32_t i = 0; i < n.count; ++i) {
      out += pad;
      if (object) out += json::quote(t.key(n, i)) + ": ";
      pretty(t, t.child(n, i), depth + 1, out);
      out += i + 1 < n.count ? ",\n" : "\n";
    }
    out += closePad + (object ? "}" : "]");
  } else {
    out += json::compactText(t, id);
  }
}

template <class T>
SchemaFile schemaFor(const char* fileName, const char* description) {
  SchemaBuilder builder;
  std::map<std::string, std::string> typeHeader = {
      {"kind", std::string(R"({"type":"string","enum":[)") + json::quote(T::kKind) + "]}"},
      {"apiVersion", R"({"type":"string","enum":["image.openshift.io/v1"]})"},
  };
  std::string root = builder.objectSchema<T>(typeHeader);
  std::string definitions;
  for (const auto& [name, schema] : builder.definitions) {
    definitions += (definitions.empty() ? "" : ",") + json::quote(name) + ":" + schema;
  }
  // Splice the draft marker, title and definitions in front of the root object's own keywords.
  std::string text = std::string(R"({"$schema":"http://json-schema.org/draft-07/schema#","title":)") +
                     json::quote(T::kKind) + R"(,"description":)" + json::quote(description) +
                     R"(,"x-kubernetes-group-version-kind":[{"group":"image.openshift.io","kind":)" +
                     json::quote(T::kKind) + R"(,"version":"v1"}],)" + root.substr(1, root.size() - 2) +
                     R"(,"definitions":{)" + definitions + "}}";
  json::ParseResult parsed = json::parse(text);
  std::string out;
  pretty(parsed.tree, 0, 0, out);
  return SchemaFile{fileName, out + "\n"};
}

}  // namespace

std::vector<SchemaFile> generateSchemas() {
  return {
      schemaFor<ImageStreamImport>("imagestreamimport-image-v1.json",
                                   "ImageStreamImport (image.openshift.io/v1) as the OpenShift API server decodes it. "
                                   "Generated from isimport's C++ model; do not edit."),
      schemaFor<ImageStream>("imagestream-image-v1.json",
                             "ImageStream (image.openshift.io/v1) as the OpenShift API server decodes it. "
                             "Generated from isimport's C++ model; do not edit."),
      schemaFor<Image>("image-image-v1.json",
                       "Image (image.openshift.io/v1) as the OpenShift API server decodes it. "
                       "Generated from isimport's C++ model; do not edit."),
  };
}

}  // namespace isimport

// See sbom_summary.h. Detection follows what the documents declare of themselves: SPDX's
// `spdxVersion` (spdx-spec `schemas/spdx-schema.json`, required) and CycloneDX's `bomFormat`
// (CycloneDX `schema/bom-1.5.schema.json`, required, the constant "CycloneDX").
#include "supply/sbom_summary.h"

#include "supply/json_object.h"

namespace isimport {
namespace {

SbomRead failure(std::string why) {
  SbomRead r;
  r.error = std::move(why);
  return r;
}

// The length of the array member `key` (absent or null: 0), or an error.
std::optional<size_t> arrayLength(const supply::JsonObject& o, std::string_view key, std::string& error) {
  const json::Node* n = o.node(key);
  if (!n || n->kind == json::Kind::Null) return 0;
  if (n->kind != json::Kind::Array) {
    error = o.path(key) + " is " + supply::kindName(n->kind) + ", not an array";
    return std::nullopt;
  }
  return n->count;
}

}  // namespace

SbomRead summarizeSbomAt(const json::Tree& tree, json::NodeId id, std::string_view where) {
  supply::JsonObject o(tree, id, std::string(where));
  std::string error = o.check({}, false);
  if (!error.empty()) return failure(error);
  SbomSummary out;
  const json::Node* spdx = o.node("spdxVersion");
  const json::Node* bomFormat = o.node("bomFormat");
  if (spdx && spdx->kind == json::Kind::String && spdx->text.rfind("SPDX-", 0) == 0) {
    out.format = "spdx";
    out.version = spdx->text;
    supply::JsonObject::Text name = o.string("name", false);
    if (!name.error.empty()) return failure(name.error);
    out.name = name.value;
    auto count = arrayLength(o, "packages", error);
    if (!count) return failure(error);
    out.packages = *count;
  } else if (bomFormat && bomFormat->kind == json::Kind::String && bomFormat->text == "CycloneDX") {
    out.format = "cyclonedx";
    supply::JsonObject::Text version = o.string("specVersion", false);
    if (!version.error.empty()) return failure(version.error);
    out.version = version.value;
    if (const json::Node* metadata = o.node("metadata"); metadata && metadata->kind != json::Kind::Null) {
      auto m = o.object("metadata", false, error);
      if (!m) return failure(error);
      if (const json::Node* component = m->node("component"); component && component->kind != json::Kind::Null) {
        auto c = m->object("component", false, error);
        if (!c) return failure(error);
        supply::JsonObject::Text name = c->string("name", false);
        if (!name.error.empty()) return failure(name.error);
        out.name = name.value;
      }
    }
    auto count = arrayLength(o, "components", error);
    if (!count) return failure(error);
    out.packages = *count;
  } else if (o.find("@context") || o.find("@graph")) {
    return failure(std::string(where.empty() ? "the document" : where) + " is JSON-LD (SPDX 3?): only SPDX 2 JSON and CycloneDX JSON are summarised");
  } else if (spdx) {
    return failure(o.path("spdxVersion") + " is not a string starting \"SPDX-\"");
  } else if (bomFormat) {
    return failure(o.path("bomFormat") + " is not \"CycloneDX\"");
  } else {
    return failure(std::string(where.empty() ? "the document" : where) + " is neither SPDX (spdxVersion) nor CycloneDX (bomFormat)");
  }
  SbomRead result;
  result.summary = std::move(out);
  return result;
}

SbomRead summarizeSbom(std::string_view json) {
  supply::JsonDocument doc = supply::parseJsonDocument(json, kMaxSbomBytes, "SBOM");
  if (!doc.ok) return failure(doc.error);
  return summarizeSbomAt(doc.tree, 0, "");
}

}  // namespace isimport

#include "registry/registry_json.h"

#include <cmath>
#include <cstdlib>
#include <vector>

#include "go/go_text.h"
#include "go/time_text.h"
#include "json/go_json_scan.h"
#include "json/json_text.h"

namespace isimport::gojson {

Document parse(std::string_view text) {
  Document doc;
  // The fast check first (it agrees with Go's scanner on valid texts); Go's own scanner only when
  // it refuses, for Go's words and for what Go still accepts (invalid UTF-8 read as U+FFFD).
  if (json::checkSyntax(text).ok) {
    doc.tree = json::treeOfValidText(text);
    doc.ok = true;
    return doc;
  }
  if (goscan::Scan scan = goscan::checkValid(text); !scan.ok) {
    doc.error = std::move(scan.error);
    return doc;
  }
  doc.tree = json::treeOfValidText(text);
  doc.ok = true;
  return doc;
}

std::optional<double> float64Of(const json::Node& number) {
  if (number.integral) return static_cast<double>(number.integer);
  double v = std::strtod(number.text.c_str(), nullptr);
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<std::string> firstFloat64Overflow(const json::Tree& tree, json::NodeId id) {
  std::vector<json::NodeId> stack{id};
  while (!stack.empty()) {
    json::NodeId at = stack.back();
    stack.pop_back();
    const json::Node& n = tree.at(at);
    if (n.kind == json::Kind::Number) {
      if (!float64Of(n)) return n.text;
    } else if (n.kind == json::Kind::Array || n.kind == json::Kind::Object) {
      for (uint32_t i = n.count; i-- > 0;) stack.push_back(tree.child(n, i));
    }
  }
  return std::nullopt;
}

std::optional<json::NodeId> lastMember(const json::Tree& tree, json::NodeId object, std::string_view key,
                                       bool foldCase) {
  const json::Node& n = tree.at(object);
  if (n.kind != json::Kind::Object) return std::nullopt;
  std::optional<json::NodeId> found;
  for (uint32_t i = 0; i < n.count; ++i) {
    const std::string& name = tree.key(n, i);
    if (foldCase ? goFoldEqual(name, key) : name == key) found = tree.child(n, i);
  }
  return found;
}

}  // namespace isimport::gojson

namespace isimport {

void decodeValue(TypedDecoder& d, json::NodeId id, GoInt& out) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) return;
  if (n.kind != json::Kind::Number) return d.typeError(json::goValueName(n.kind), "int");
  if (!n.integral) return d.typeError(("number " + n.text).c_str(), "int");
  out.value = n.integer;
}

void decodeValue(TypedDecoder& d, json::NodeId id, GoDigest& out) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) return;
  if (n.kind != json::Kind::String) return d.typeError(json::goValueName(n.kind), "digest.Digest");
  out.value = n.text;
}

// A time that fails inside its UnmarshalJSON ends decoding; TypedDecoder keeps an earlier type error
// instead, so callers that need Go's precedence check time fields first (see image_config.cpp).
void decodeValue(TypedDecoder& d, json::NodeId id, GoTime& out) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) return;  // time.Time leaves itself unchanged on null
  if (n.kind != json::Kind::String) return d.fatalError("Time.UnmarshalJSON: input is not a JSON string");
  GoTimeParse parsed = goParseRfc3339(n.text);
  if (!parsed.unixSeconds) return d.fatalError(parsed.error);
  out.time = Time{true, *parsed.unixSeconds};
}

void decodeValue(TypedDecoder& d, json::NodeId id, GoMetaTime& out) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) {
    out.time = Time{};
    return;
  }
  if (n.kind != json::Kind::String) {
    // The inner string decoding's type error, given the field's context by the outer decoder.
    d.typeError(json::goValueName(n.kind), "string");
    return d.fatalError("");
  }
  GoTimeParse parsed = goParseRfc3339(n.text);
  if (!parsed.unixSeconds) return d.fatalError(parsed.error);
  out.time = Time{true, *parsed.unixSeconds};
}

void decodeValue(TypedDecoder&, json::NodeId id, GoRawMessage& out) {
  out.present = true;
  out.id = id;
}

}  // namespace isimport

// The options objects JavaScript hands the core's entry points (api.h, import_session.h), read
// alike: empty text means every default, anything but a JSON object is refused, null members count
// as absent, unknown keys are ignored (so newer callers can talk to older cores), and the first
// refused member ends the reading.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "json/json_tree.h"

namespace isimport {

// Calls read(key, tree, id) for each member that is not null, in order; `read` answers "" or its
// refusal. Returns the first refusal ("options must be a JSON object" for text that is not one),
// or "".
template <class Read>
std::string readOptionsObject(std::string_view text, Read read) {
  if (text.empty()) return "";
  json::ParseResult parsed = json::parse(text);
  if (!parsed.ok || parsed.tree.at(0).kind != json::Kind::Object) return "options must be a JSON object";
  const json::Tree& tree = parsed.tree;
  const json::Node& root = tree.at(0);
  for (uint32_t i = 0; i < root.count; ++i) {
    json::NodeId id = tree.child(root, i);
    if (tree.at(id).kind == json::Kind::Null) continue;
    if (std::string refusal = read(tree.key(root, i), tree, id); !refusal.empty()) return refusal;
  }
  return "";
}

// The refusals members share. A string member: `out` takes its text, or "<key> must be a string".
inline std::string readStringOption(const std::string& key, const json::Node& value, std::string& out) {
  if (value.kind != json::Kind::String) return key + " must be a string";
  out = value.text;
  return "";
}

// An integer member in [min, max]: `out` takes it, or "<key> must be an integer from <min> to <max>".
inline std::string readIntegerOption(const std::string& key, const json::Node& value, int64_t min, int64_t max,
                                     int64_t& out) {
  if (value.kind != json::Kind::Number || !value.integral || value.integer < min || value.integer > max) {
    return key + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
  }
  out = value.integer;
  return "";
}

}  // namespace isimport

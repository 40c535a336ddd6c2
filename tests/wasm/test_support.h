// Helpers shared by the native tests: fixture files and compact JSON of a document.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "json_tree.h"

namespace isimport::testing {

inline std::string readFixture(const std::string& name) {
  std::ifstream in(std::string(ISIMPORT_SOURCE_DIR) + "/tests/fixtures/" + name, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The document re-written compactly, members in their original order.
inline std::string compact(const std::string& text) {
  json::ParseResult parsed = json::parse(text);
  return parsed.ok ? json::compactText(parsed.tree, 0) : "<invalid: " + parsed.error + ">";
}

}  // namespace isimport::testing

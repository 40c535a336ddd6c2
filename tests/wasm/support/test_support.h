// Helpers shared by the native tests: files of the repository (fixtures, committed schemas) and
// compact JSON of a document.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "json/json_tree.h"

namespace isimport::testing {

// A file of the repository, by its path from the repository's root ("" when it cannot be read).
inline std::string readRepoFile(const std::string& path) {
  std::ifstream in(std::string(ISIMPORT_SOURCE_DIR) + "/" + path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline std::string readFixture(const std::string& name) { return readRepoFile("tests/fixtures/" + name); }

// The document re-written compactly, members in their original order.
inline std::string compact(const std::string& text) {
  json::ParseResult parsed = json::parse(text);
  return parsed.ok ? json::compactText(parsed.tree, 0) : "<invalid: " + parsed.error + ">";
}

}  // namespace isimport::testing

#include "json/schema.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <sstream>

#include "support/test_support.h"

// The generator of web/lib/model.d.ts lives in the schema_gen tool; its main is left out here.
#define ISIMPORT_SCHEMA_GEN_NO_MAIN
#include "../../tools/schema_gen.cpp"

namespace isimport {
namespace {

using testing::readRepoFile;

TEST(Schemas, CommittedFilesMatchTheModel) {
  for (const auto& file : generateSchemas()) {
    EXPECT_EQ(readRepoFile("schemas/" + file.fileName), file.text)
        << "schemas/" << file.fileName << " is stale: run build/native/schema_gen";
  }
}

TEST(Schemas, CommittedModelDeclarationsMatchTheModel) {
  model_dts::ModelDts dts = model_dts::generateModelDts();
  ASSERT_EQ(dts.error, "");
  EXPECT_EQ(readRepoFile("web/lib/model.d.ts"), dts.text)
      << "web/lib/model.d.ts is stale: run build/native/schema_gen";
}

// The boundary's declarations and the options table, from the option lists and the Diagnostic.
TEST(Schemas, CommittedBoundaryDeclarationsMatchTheOptionLists) {
  EXPECT_EQ(readRepoFile("web/lib/boundary.d.ts"), boundary_dts::generateBoundaryDts())
      << "web/lib/boundary.d.ts is stale: run build/native/schema_gen";
  EXPECT_EQ(readRepoFile("docs/options.md"), boundary_dts::generateOptionsDoc())
      << "docs/options.md is stale: run build/native/schema_gen";
}

// api.d.ts hands the generated model to consumers: every type model.d.ts declares is re-exported.
TEST(Schemas, ApiDeclarationsReExportTheWholeModel) {
  std::string api = readRepoFile("web/lib/api.d.ts");
  auto words = [](const std::string& text) {
    std::set<std::string> out;
    std::string word;
    for (char c : text + " ") {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
        word += c;
      } else if (!word.empty()) {
        out.insert(word);
        word.clear();
      }
    }
    return out;
  };
  size_t begin = api.find("export type {");
  size_t end = api.find("} from './model.js';", begin);
  ASSERT_TRUE(begin != std::string::npos && end != std::string::npos)
      << "web/lib/api.d.ts has no `export type { … } from './model.js';`";
  std::set<std::string> reExported = words(api.substr(begin, end - begin));
  std::istringstream dts(model_dts::generateModelDts().text);
  int declared = 0;
  for (std::string line; std::getline(dts, line);) {
    for (std::string prefix : {"export interface ", "export type "}) {
      if (line.rfind(prefix, 0) != 0) continue;
      std::string name = line.substr(prefix.size(), line.find_first_of(" <={", prefix.size()) - prefix.size());
      ++declared;
      EXPECT_TRUE(reExported.count(name)) << name << " (web/lib/model.d.ts) is not re-exported by web/lib/api.d.ts";
    }
  }
  EXPECT_GT(declared, 30);
}

TEST(Schemas, StrictWhereTheDecoderIsStrictAndLooseInsideRawExtensions) {
  auto files = generateSchemas();
  ASSERT_EQ(files.size(), 3u);
  json::ParseResult isi = json::parse(files[0].text);
  ASSERT_TRUE(isi.ok);
  const std::string& text = files[0].text;
  EXPECT_NE(text.find("\"$schema\": \"http://json-schema.org/draft-07/schema#\""), std::string::npos);
  EXPECT_EQ(text.find("\"$ref\": \"http"), std::string::npos);  // standalone
  // The root refuses unknown fields and does not require status.
  EXPECT_NE(text.find("\"required\": [\n    \"metadata\",\n    \"spec\"\n  ]"), std::string::npos);
  // DockerImage matches keys case-insensitively upstream, so it cannot refuse unknown keys.
  auto docker = text.find("\"docker10.DockerImage\": {");
  ASSERT_NE(docker, std::string::npos);
  auto nextAdditional = text.find("\"additionalProperties\"", text.find("\"Size\"", docker));
  EXPECT_EQ(text.substr(nextAdditional, 28), "\"additionalProperties\": true");
}

}  // namespace
}  // namespace isimport

#include "json/schema.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace isimport {
namespace {

using testing::readRepoFile;

TEST(Schemas, CommittedFilesMatchTheModel) {
  for (const auto& file : generateSchemas()) {
    EXPECT_EQ(readRepoFile("schemas/" + file.fileName), file.text)
        << "schemas/" << file.fileName << " is stale: run build/native/schema_gen schemas";
  }
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

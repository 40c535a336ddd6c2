// Registry JSON read as Go's encoding/json reads it: strings with invalid UTF-8 or unpaired
// surrogates, numbers beyond float64, and typed decoding with Go's type names (the scanner's error
// texts are go_json_scan_test.cpp's).
#include <gtest/gtest.h>

#include "registry/registry_json.h"

namespace isimport {
namespace {

TEST(RegistryJson, NestingLimitIsGos) {
  EXPECT_TRUE(gojson::parse(std::string(10000, '[') + std::string(10000, ']')).ok);
  std::string hostile(1000000, '[');
  EXPECT_EQ(gojson::parse(hostile).error, "invalid character '[' exceeded max depth");
}

TEST(RegistryJson, StringsReadAsGoReadsThem) {
  auto text = [](std::string_view json) {
    gojson::Document doc = gojson::parse(json);
    return doc.ok ? doc.tree.at(0).text : "<" + doc.error + ">";
  };
  EXPECT_EQ(text("\"a\xFF" "b\""), "a\xEF\xBF\xBD" "b");            // invalid byte → U+FFFD
  EXPECT_EQ(text("\"\xE2\x82\""), "\xEF\xBF\xBD\xEF\xBF\xBD");      // truncated sequence: one per byte
  EXPECT_EQ(text("\"\xED\xA0\x80\""), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // UTF-8 surrogate
  EXPECT_EQ(text("\"\\ud800\""), "\xEF\xBF\xBD");
  EXPECT_EQ(text("\"\\udc00x\""), "\xEF\xBF\xBDx");
  EXPECT_EQ(text("\"\\ud800\\u0041\""), "\xEF\xBF\xBD" "A");
  EXPECT_EQ(text("\"\\ud83d\\ude00\""), "\xF0\x9F\x98\x80");
  EXPECT_EQ(text("\"\\u0000\""), std::string(1, '\0'));
  EXPECT_EQ(text("\"caf\xC3\xA9\""), "caf\xC3\xA9");
}

struct Sized {
  static constexpr const char* kGoType = "test.Sized";
  static constexpr bool kLooseKeys = true;
  int64_t size = 0;
  GoInt version;
  GoDigest digest;
  std::string name;
};
ISIMPORT_FIELDS(Sized) {
  v.field("size", o.size, kOmitEmpty);
  v.field("version", o.version, kOmitEmpty);
  v.field("digest", o.digest, kOmitEmpty);
  v.field("name", o.name, kOmitEmpty);
}

TEST(RegistryJson, NumbersBeyondFloat64FailOnlyWhereRead) {
  Sized s;
  EXPECT_EQ(gojson::unmarshal("{\"other\": 1e400, \"name\": \"x\", \"more\": [-1e99999]}", s), "");
  EXPECT_EQ(s.name, "x");
  EXPECT_EQ(gojson::unmarshal("{\"size\": 1e400}", s),
            "json: cannot unmarshal number 1e400 into Go struct field Sized.size of type int64");
  std::string huge = "1" + std::string(400, '0');
  EXPECT_EQ(gojson::unmarshal("{\"size\": " + huge + "}", s),
            "json: cannot unmarshal number " + huge + " into Go struct field Sized.size of type int64");
  EXPECT_EQ(gojson::unmarshal("{\"size\": 9223372036854775808}", s),
            "json: cannot unmarshal number 9223372036854775808 into Go struct field Sized.size of type int64");
  EXPECT_EQ(gojson::unmarshal("{\"size\": 1.5}", s),
            "json: cannot unmarshal number 1.5 into Go struct field Sized.size of type int64");
  gojson::Document doc = gojson::parse("[1, 1e400, 2]");
  ASSERT_TRUE(doc.ok);
  EXPECT_EQ(gojson::firstFloat64Overflow(doc.tree, 0), "1e400");
}

TEST(RegistryJson, GoTypeNamesInTypeErrors) {
  Sized s;
  EXPECT_EQ(gojson::unmarshal("{\"version\": \"2\"}", s),
            "json: cannot unmarshal string into Go struct field Sized.version of type int");
  EXPECT_EQ(gojson::unmarshal("{\"version\": 2.0}", s),
            "json: cannot unmarshal number 2.0 into Go struct field Sized.version of type int");
  EXPECT_EQ(gojson::unmarshal("{\"digest\": 5}", s),
            "json: cannot unmarshal number into Go struct field Sized.digest of type digest.Digest");
  EXPECT_EQ(gojson::unmarshal("[]", s), "json: cannot unmarshal array into Go value of type test.Sized");
  // Keys match case-insensitively; the last duplicate wins; unknown keys are ignored.
  Sized t;
  EXPECT_EQ(gojson::unmarshal("{\"SIZE\": 1, \"Size\": 7, \"Version\": 3, \"Digest\": \"sha256:x\", \"x\": {}}", t), "");
  EXPECT_EQ(t.size, 7);
  EXPECT_EQ(t.version.value, 3);
  EXPECT_EQ(t.digest.value, "sha256:x");
}

TEST(RegistryJson, LastMember) {
  gojson::Document doc = gojson::parse("{\"a\": 1, \"A\": 2, \"a\": 3}");
  ASSERT_TRUE(doc.ok);
  EXPECT_EQ(doc.tree.at(*gojson::lastMember(doc.tree, 0, "a", false)).integer, 3);
  EXPECT_EQ(doc.tree.at(*gojson::lastMember(doc.tree, 0, "A", false)).integer, 2);
  EXPECT_EQ(doc.tree.at(*gojson::lastMember(doc.tree, 0, "A", true)).integer, 3);
  EXPECT_EQ(gojson::lastMember(doc.tree, 0, "b", true), std::nullopt);
}

}  // namespace
}  // namespace isimport

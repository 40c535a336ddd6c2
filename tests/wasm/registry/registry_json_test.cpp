// Registry JSON read as Go's encoding/json reads it: strings with invalid UTF-8 or unpaired
// surrogates, numbers beyond float64, and typed decoding with Go's type names (the scanner's error
// texts are go_json_scan_test.cpp's).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <random>

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

// The literal readers that replace strtod, against glibc's strtod (correctly rounded, as
// strconv.ParseFloat is) as the oracle: Go's int(float64) and float64's range.
int64_t oracleInt(const std::string& literal) {
  double v = std::strtod(literal.c_str(), nullptr);
  if (std::isnan(v) || v >= 9223372036854775808.0 || v < -9223372036854775808.0) return INT64_MIN;
  return static_cast<int64_t>(v);
}
bool oracleOverflows(const std::string& literal) { return !std::isfinite(std::strtod(literal.c_str(), nullptr)); }

json::Node numberNode(const std::string& literal) {
  gojson::Document doc = gojson::parse(literal);
  EXPECT_TRUE(doc.ok) << literal;
  return doc.tree.at(0);
}

TEST(RegistryJson, NumberLiteralsRoundAsParseFloatDoes) {
  const char* edges[] = {
      "0", "-0", "0.0", "0e5000", "1e-5000", "0.5", "-0.5", "1.5", "2.5", "-2.5", "123.456e-2", "1e2", "1E+2",
      "0.99999999999999994", "0.99999999999999995", "0.999999999999999944488848768742172978818416595458984375",
      "0.999999999999999944488848768742172978818416595458984376", "0.999999999999999999",
      "4503599627370495.5", "4503599627370496.5", "4503599627370497.5", "9007199254740992.5", "9007199254740993.0",
      "9007199254740993.0000000001", "9007199254740995.0", "18014398509481986.0", "18014398509481990.0",
      "9223372036854775295.0", "9223372036854775296.0", "9223372036854775807.5", "9223372036854775808.0",
      "-9223372036854775808.0", "-9223372036854775809.0", "1e19", "12345678901234567890.5", "1e308",
      "1.7976931348623157e308", "1.7976931348623158e308", "1.797693134862315807937289714053e308",
      "1.7976931348623158079372897140530341507993413271003782693617377898044496829276475094664901797758720709633028641669288791094655554785194040263065748867150582068190890200070838367627385484581771153176447573027006985557136695962284291481986083493647529271907416844436551070434271155969950809304288017790417449779e308",
      "1.797693134862315807937289714053034150799341327100378269361737789804449682927647509466490179775872070963302864166928879109465555478519404026306574886715058206819089020007083836762738548458177115317644757302700698555713669596228429148198608349364752927190741684443655107043427115596995080930428801779041744977e308",
      "1e309", "-1e309", "1e400", "100000000000000000000000000000000000000000000e300",
  };
  for (const char* literal : edges) {
    json::Node n = numberNode(literal);
    EXPECT_EQ(gojson::goIntOfFloat64Literal(n), oracleInt(literal)) << literal;
    EXPECT_EQ(gojson::overflowsFloat64(n), oracleOverflows(literal)) << literal;
  }
  // Random literals around the places where rounding decides: long digit runs of 9s and 0s,
  // halfway digits, every magnitude up to and beyond 2^63 and float64's top.
  std::mt19937_64 rng(20261202);
  const std::string alphabet = "0123456789999990000055";
  for (int round = 0; round < 100000; ++round) {
    std::string digits;
    size_t length = 1 + rng() % 30;
    for (size_t i = 0; i < length; ++i) digits += alphabet[rng() % alphabet.size()];
    std::string literal = (rng() % 4 == 0 ? "-" : "");
    size_t point = rng() % (length + 1);
    literal += point == 0 ? "0" : digits.substr(0, point);
    if (point == 0 && digits[0] == '0') literal = literal.substr(0, literal.size());
    if (point < length) literal += "." + digits.substr(point);
    if (rng() % 3 == 0) literal += "e" + std::to_string(static_cast<int>(rng() % 640) - 320);
    // JSON has no leading zeros in the integer part: strip them (keep one).
    size_t sign = literal[0] == '-' ? 1 : 0;
    while (literal.size() > sign + 1 && literal[sign] == '0' && std::isdigit(static_cast<unsigned char>(literal[sign + 1]))) literal.erase(sign, 1);
    json::Node n = numberNode(literal);
    ASSERT_EQ(gojson::goIntOfFloat64Literal(n), oracleInt(literal)) << literal;
    ASSERT_EQ(gojson::overflowsFloat64(n), oracleOverflows(literal)) << literal;
  }
}

}  // namespace
}  // namespace isimport

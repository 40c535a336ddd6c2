// The flat tree registry answers and options are read into: Go's verdicts on the text, literals
// kept for numbers, members in document order with duplicates, any depth Go allows without
// recursion.
#include <gtest/gtest.h>

#include "json/json_tree.h"

namespace isimport::json {
namespace {

TEST(JsonTree, MembersKeepDocumentOrderAndDuplicates) {
  ParseResult parsed = parse(R"({"b": 1, "a": [true, null, "x"], "b": {}})");
  ASSERT_TRUE(parsed.ok) << parsed.error;
  const Node& root = parsed.tree.at(0);
  ASSERT_EQ(root.count, 3u);
  EXPECT_EQ(parsed.tree.key(root, 0), "b");
  EXPECT_EQ(parsed.tree.key(root, 1), "a");
  EXPECT_EQ(parsed.tree.key(root, 2), "b");
  const Node& array = parsed.tree.at(parsed.tree.child(root, 1));
  ASSERT_EQ(array.kind, Kind::Array);
  ASSERT_EQ(array.count, 3u);
  EXPECT_TRUE(parsed.tree.at(parsed.tree.child(array, 0)).boolean);
  EXPECT_EQ(parsed.tree.at(parsed.tree.child(array, 1)).kind, Kind::Null);
  EXPECT_EQ(parsed.tree.at(parsed.tree.child(array, 2)).text, "x");
  EXPECT_EQ(parsed.tree.at(parsed.tree.child(root, 2)).kind, Kind::Object);
  EXPECT_EQ(compactText(parsed.tree, 0), R"({"b":1,"a":[true,null,"x"],"b":{}})");
}

TEST(JsonTree, NumbersKeepTheirLiteral) {
  auto number = [](std::string_view text) { return parse(text).tree.at(0); };
  EXPECT_TRUE(number("-9223372036854775808").integral);
  EXPECT_EQ(number("-9223372036854775808").integer, INT64_MIN);
  EXPECT_FALSE(number("9223372036854775808").integral);  // beyond int64: the literal only
  EXPECT_EQ(number("9223372036854775808").text, "9223372036854775808");
  EXPECT_FALSE(number("1.0").integral);
  EXPECT_EQ(number("1e999").text, "1e999");
  EXPECT_EQ(number("-0").integer, 0);
}

TEST(JsonTree, RefusesWhatGoRefusesInGosWords) {
  EXPECT_EQ(parse("{\"a\": 1,}").error, "invalid character '}' looking for beginning of object key string");
  EXPECT_EQ(parse("").error, "unexpected end of JSON input");
  EXPECT_EQ(parse("\xEF\xBB\xBF{}").error, "invalid character 'ï' looking for beginning of value");
  EXPECT_EQ(parse("[1] 2").error, "invalid character '2' after top-level value");
  EXPECT_FALSE(parse("\"\xFF\"").ok);  // invalid UTF-8 in a string: refused here, U+FFFD for registry answers
  EXPECT_EQ(parse(std::string(10001, '[')).error, "invalid character '[' exceeded max depth");
}

TEST(JsonTree, DeepestDocumentGoAcceptsNeedsNoRecursion) {
  std::string deep = std::string(10000, '[') + std::string(10000, ']');
  ParseResult parsed = parse(deep);
  ASSERT_TRUE(parsed.ok);
  EXPECT_EQ(parsed.tree.nodes.size(), 10000u);
  EXPECT_EQ(compactText(parsed.tree, 0), deep);
}

TEST(JsonTree, TextGoAcceptedReadsInvalidBytesAsReplacementCharacters) {
  Tree tree = treeOfValidText("{\"k\xFF\": \"v\xC3\"}");
  ASSERT_EQ(tree.at(0).count, 1u);
  EXPECT_EQ(tree.key(tree.at(0), 0), "k\xEF\xBF\xBD");  // keys too (Go unquotes them alike)
  EXPECT_EQ(tree.at(tree.child(tree.at(0), 0)).text, "v\xEF\xBF\xBD");
}

}  // namespace
}  // namespace isimport::json

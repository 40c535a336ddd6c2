// Go's encoding/json scanner as the core's one scanner (go_json_scan.h): json.Unmarshal's syntax
// errors and nesting limit, json.Decoder's first-value reading, and the tree-less reading of small
// documents (strings unescaped as Go does, case-insensitive field names).
#include "json/go_json_scan.h"

#include <gtest/gtest.h>

namespace isimport {
namespace {

std::string syntax(std::string_view text) {
  goscan::Scan s = goscan::checkValid(text);
  return s.ok ? "ok" : s.error;
}

TEST(GoJsonScan, UnmarshalSyntaxErrorsReadAsGo) {
  EXPECT_EQ(syntax(""), "unexpected end of JSON input");
  EXPECT_EQ(syntax("  "), "unexpected end of JSON input");
  EXPECT_EQ(syntax("   "), "unexpected end of JSON input");
  EXPECT_EQ(syntax("{"), "unexpected end of JSON input");
  EXPECT_EQ(syntax("[1,"), "unexpected end of JSON input");
  EXPECT_EQ(syntax(R"({"a":)"), "unexpected end of JSON input");
  EXPECT_EQ(syntax(R"("abc)"), "unexpected end of JSON input");
  EXPECT_EQ(syntax("<html>"), "invalid character '<' looking for beginning of value");
  EXPECT_EQ(syntax("<html><body>404</body></html>"), "invalid character '<' looking for beginning of value");
  EXPECT_EQ(syntax("[1,]"), "invalid character ']' looking for beginning of value");
  EXPECT_EQ(syntax(R"({"a" 1})"), "invalid character '1' after object key");
  EXPECT_EQ(syntax(R"({"a":1 "b":2})"), "invalid character '\"' after object key:value pair");
  EXPECT_EQ(syntax("[1 2]"), "invalid character '2' after array element");
  EXPECT_EQ(syntax("{1:2}"), "invalid character '1' looking for beginning of object key string");
  EXPECT_EQ(syntax("{'a':1}"), "invalid character '\\'' looking for beginning of object key string");
  EXPECT_EQ(syntax("{}x"), "invalid character 'x' after top-level value");
  EXPECT_EQ(syntax("{} x"), "invalid character 'x' after top-level value");
  EXPECT_EQ(syntax("01"), "invalid character '1' after top-level value");
  EXPECT_EQ(syntax("not json"), "invalid character 'o' in literal null (expecting 'u')");
  EXPECT_EQ(syntax("nul"), "invalid character ' ' in literal null (expecting 'l')");  // Go feeds a space at EOF
  EXPECT_EQ(syntax("nul!"), "invalid character '!' in literal null (expecting 'l')");
  EXPECT_EQ(syntax("tx"), "invalid character 'x' in literal true (expecting 'r')");
  EXPECT_EQ(syntax("tru"), "invalid character ' ' in literal true (expecting 'e')");
  EXPECT_EQ(syntax("fals"), "invalid character ' ' in literal false (expecting 'e')");
  EXPECT_EQ(syntax("1."), "invalid character ' ' after decimal point in numeric literal");
  EXPECT_EQ(syntax("-"), "invalid character ' ' in numeric literal");
  EXPECT_EQ(syntax("-x"), "invalid character 'x' in numeric literal");
  EXPECT_EQ(syntax("1e"), "invalid character ' ' in exponent of numeric literal");
  EXPECT_EQ(syntax("1e+"), "invalid character ' ' in exponent of numeric literal");
  EXPECT_EQ(syntax(R"("\x")"), "invalid character 'x' in string escape code");
  EXPECT_EQ(syntax(R"("\u12g4")"), "invalid character 'g' in \\u hexadecimal character escape");
  // The offending byte is printed as Go's quoteChar prints it.
  EXPECT_EQ(syntax("\"a\nb\""), "invalid character '\\n' in string literal");
  EXPECT_EQ(syntax("\"a\tb\""), "invalid character '\\t' in string literal");
  EXPECT_EQ(syntax(std::string_view("\"\0\"", 3)), "invalid character '\\x00' in string literal");
  EXPECT_EQ(syntax("'a'"), "invalid character '\\'' looking for beginning of value");
  EXPECT_EQ(syntax("\\"), "invalid character '\\\\' looking for beginning of value");
  EXPECT_EQ(syntax("\x01"), "invalid character '\\x01' looking for beginning of value");
  EXPECT_EQ(syntax("\x7f"), "invalid character '\\x7f' looking for beginning of value");
  EXPECT_EQ(syntax("\x80"), "invalid character '\\u0080' looking for beginning of value");
  EXPECT_EQ(syntax("\xEF\xBB\xBF{}"), "invalid character '\xC3\xAF' looking for beginning of value");  // a BOM: 'ï'
  EXPECT_EQ(syntax(R"( {"a":[1,-2.5e+3,true,false,null,"\u00e9\ud83d\ude00"]} )"), "ok");
  EXPECT_EQ(syntax(" {\"a\": [1, 2.5e-3, true, false, null, \"\\u00e9\\n\"]} "), "ok");
}

TEST(GoJsonScan, NestingLimitIsGos) {
  EXPECT_EQ(syntax(std::string(10000, '[') + std::string(10000, ']')), "ok");
  EXPECT_EQ(syntax(std::string(10001, '[') + std::string(10001, ']')), "invalid character '[' exceeded max depth");
  EXPECT_EQ(syntax(std::string(10001, '[')), "invalid character '[' exceeded max depth");
  // Hostile depth is refused without recursion.
  EXPECT_EQ(syntax(std::string(1000000, '{')), "invalid character '{' looking for beginning of object key string");
}

TEST(GoJsonScan, DecoderReadsTheFirstValueOnly) {
  EXPECT_EQ(goscan::firstValue("").error, "EOF");
  EXPECT_EQ(goscan::firstValue(" \n").error, "EOF");
  EXPECT_EQ(goscan::firstValue("{").error, "unexpected EOF");
  EXPECT_EQ(goscan::firstValue("1.").error, "unexpected EOF");
  EXPECT_EQ(goscan::firstValue("<html>").error, "invalid character '<' looking for beginning of value");
  goscan::Scan s = goscan::firstValue(R"({"token":"a"} trailing garbage)");
  ASSERT_TRUE(s.ok);
  EXPECT_EQ(s.end, 13u);
  s = goscan::firstValue("123x");
  ASSERT_TRUE(s.ok);
  EXPECT_EQ(s.end, 3u);
}

TEST(GoJsonScan, StringsUnescapeAsGo) {
  auto str = [](std::string_view raw) { return goscan::stringOf(goscan::valueOf(raw)); };
  EXPECT_EQ(str(R"("a\"b\\c\/d\n")"), "a\"b\\c/d\n");
  EXPECT_EQ(str(R"("\u00e9")"), "\xC3\xA9");
  EXPECT_EQ(str(R"("\ud83d\ude00")"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(str(R"("\ud83dx")"), "\xEF\xBF\xBDx");  // lone surrogate → U+FFFD
  EXPECT_EQ(str("\"a\xFF" "b\""), "a\xEF\xBF\xBD" "b");  // invalid UTF-8 → U+FFFD
}

TEST(GoJsonScan, FieldNamesMatchCaseInsensitively) {
  EXPECT_TRUE(goscan::keyMatches("errors", "Errors"));
  EXPECT_TRUE(goscan::keyMatches("ERRORS", "Errors"));
  EXPECT_TRUE(goscan::keyMatches("Access_Token", "access_token"));
  EXPECT_TRUE(goscan::keyMatches("\xE2\x84\xAA" "ey", "key"));  // KELVIN SIGN folds to K
  EXPECT_FALSE(goscan::keyMatches("error", "Errors"));
}

}  // namespace
}  // namespace isimport

// Go's text conventions (go_text.h): strconv.Quote, unicode.IsPrint, utf8.DecodeRuneInString.
#include "go/go_text.h"

#include <gtest/gtest.h>

namespace isimport {
namespace {

// ---------------------------------------------------------------------------------------------
// Go's strconv.Quote
// ---------------------------------------------------------------------------------------------

TEST(GoQuote, PlainAsciiIsKeptInDoubleQuotes) {
  EXPECT_EQ(goQuote(""), R"("")");
  EXPECT_EQ(goQuote("foo bar"), R"("foo bar")");
  EXPECT_EQ(goQuote("a-|///bbb"), R"("a-|///bbb")");
  EXPECT_EQ(goQuote("<&>'`~"), R"("<&>'`~")");  // no HTML escaping, unlike JSON
}

TEST(GoQuote, QuoteAndBackslashAreEscaped) {
  EXPECT_EQ(goQuote("a\"b\\c"), R"("a\"b\\c")");
}

TEST(GoQuote, ControlCharactersUseShortEscapesOrHex) {
  EXPECT_EQ(goQuote("\a\b\f\n\r\t\v"), R"("\a\b\f\n\r\t\v")");
  EXPECT_EQ(goQuote(std::string("\x00\x01\x1f\x7f", 4)), R"("\x00\x01\x1f\x7f")");
  EXPECT_EQ(goQuote("\x1b[0m"), R"("\x1b[0m")");
}

TEST(GoQuote, PrintableUnicodeIsKeptLiterally) {
  EXPECT_EQ(goQuote("caf\xC3\xA9"), "\"caf\xC3\xA9\"");            // é
  EXPECT_EQ(goQuote("\xE6\x97\xA5\xE6\x9C\xAC"), "\"\xE6\x97\xA5\xE6\x9C\xAC\"");  // 日本
  EXPECT_EQ(goQuote("\xF0\x9F\x98\x80"), "\"\xF0\x9F\x98\x80\"");   // U+1F600
  EXPECT_EQ(goQuote("\xEF\xBF\xBD"), "\"\xEF\xBF\xBD\"");           // a real U+FFFD is a symbol
  EXPECT_EQ(goQuote("\xCC\x81"), "\"\xCC\x81\"");                   // U+0301, a combining mark
}

TEST(GoQuote, NonPrintableUnicodeUsesLowerCaseEscapes) {
  EXPECT_EQ(goQuote("\xC2\x85"), R"("\u0085")");          // C1 control
  EXPECT_EQ(goQuote("\xC2\xA0"), R"("\u00a0")");          // no-break space (Zs)
  EXPECT_EQ(goQuote("\xC2\xAD"), R"("\u00ad")");          // soft hyphen (Cf)
  EXPECT_EQ(goQuote("\xE2\x80\x8B"), R"("\u200b")");      // zero-width space (Cf)
  EXPECT_EQ(goQuote("\xE2\x80\xA8"), R"("\u2028")");      // line separator (Zl)
  EXPECT_EQ(goQuote("\xE3\x80\x80"), R"("\u3000")");      // ideographic space (Zs)
  EXPECT_EQ(goQuote("\xEE\x80\x80"), R"("\ue000")");      // private use
  EXPECT_EQ(goQuote("\xCD\xB8"), R"("\u0378")");          // unassigned
  EXPECT_EQ(goQuote("\xEF\xBB\xBF"), R"("\ufeff")");      // byte order mark
  EXPECT_EQ(goQuote("\xF3\xA0\x80\x81"), R"("\U000e0001")");  // language tag (Cf)
  EXPECT_EQ(goQuote("\xF4\x8F\xBF\xBF"), R"("\U0010ffff")");  // noncharacter
}

TEST(GoQuote, UnicodeFifteenCharactersArePrintable) {
  // U+1FAE8 SHAKING FACE and U+1E030 (Cyrillic modifier letter) were added in Unicode 15.0,
  // the tables of the Go releases that build OpenShift 4.x today.
  EXPECT_EQ(goQuote("\xF0\x9F\xAB\xA8"), "\"\xF0\x9F\xAB\xA8\"");
  EXPECT_EQ(goQuote("\xF0\x9E\x80\xB0"), "\"\xF0\x9E\x80\xB0\"");
}

TEST(GoQuote, InvalidUtf8IsShownBytePerByte) {
  EXPECT_EQ(goQuote("a\xFF" "b"), R"("a\xffb")");
  EXPECT_EQ(goQuote("\xE2\x82"), R"("\xe2\x82")");             // truncated sequence
  EXPECT_EQ(goQuote("\xE2\x82" "A"), R"("\xe2\x82A")");
  EXPECT_EQ(goQuote("\xED\xA0\x80"), R"("\xed\xa0\x80")");     // an encoded surrogate
  EXPECT_EQ(goQuote("\xC0\x80"), R"("\xc0\x80")");             // overlong NUL
  EXPECT_EQ(goQuote("\xF4\x90\x80\x80"), R"("\xf4\x90\x80\x80")");  // above U+10FFFF
  EXPECT_EQ(goQuote("\x80"), R"("\x80")");
}

TEST(GoIsPrint, MatchesGoDefinition) {
  EXPECT_TRUE(goIsPrint(' '));
  EXPECT_TRUE(goIsPrint('~'));
  EXPECT_FALSE(goIsPrint('\t'));
  EXPECT_FALSE(goIsPrint(0x7F));
  EXPECT_FALSE(goIsPrint(0xA0));
  EXPECT_TRUE(goIsPrint(0xA1));
  EXPECT_TRUE(goIsPrint(0x4E00));
  EXPECT_FALSE(goIsPrint(0xD800));
  EXPECT_FALSE(goIsPrint(0x110000));
  EXPECT_TRUE(goIsPrint(0x20000));
  EXPECT_FALSE(goIsPrint(0xF0000));  // supplementary private use
}

TEST(GoDecodeRune, BehavesLikeUtf8DecodeRuneInString) {
  DecodedRune r = goDecodeRune("\xE2\x82\xAC", 0);
  EXPECT_EQ(r.rune, 0x20ACu);
  EXPECT_EQ(r.width, 3u);
  EXPECT_TRUE(r.valid);
  r = goDecodeRune("\xE2\x82", 0);
  EXPECT_EQ(r.rune, 0xFFFDu);
  EXPECT_EQ(r.width, 1u);
  EXPECT_FALSE(r.valid);
  r = goDecodeRune("\xF0\x90\x80\x80", 0);
  EXPECT_EQ(r.rune, 0x10000u);
  EXPECT_EQ(r.width, 4u);
}

}  // namespace
}  // namespace isimport

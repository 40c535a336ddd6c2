// Field errors: every type's texts and cause code, value rendering (Go %q versus JSON), paths,
// the aggregate message and the 422 / 500 Status answers (spec §2.5, §2.6).
#include "field_error.h"

#include <gtest/gtest.h>

#include "codec.h"

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

// ---------------------------------------------------------------------------------------------
// Values, paths, types
// ---------------------------------------------------------------------------------------------

TEST(BadValue, RendersEachGoKind) {
  EXPECT_EQ(BadValue::goString("x<y").text(), R"("x<y")");
  EXPECT_EQ(BadValue::namedString("x<y").text(), R"("x\u003cy")");  // JSON escapes HTML characters
  EXPECT_EQ(BadValue::namedString("Invalid").text(), R"("Invalid")");
  EXPECT_EQ(BadValue::namedString("a\xFF").text(), R"("a\ufffd")");
  EXPECT_EQ(BadValue::namedString("\x01\x7f").text(), "\"\\u0001\x7f\"");
  EXPECT_EQ(BadValue::goString("\x01\x7f").text(), R"("\x01\x7f")");
  EXPECT_EQ(BadValue::integer(-2).text(), "-2");
  EXPECT_EQ(BadValue::boolean(true).text(), "true");
  EXPECT_EQ(BadValue::null().text(), "null");
  EXPECT_EQ(BadValue::json(R"({"a":"b"})").text(), R"({"a":"b"})");
  EXPECT_TRUE(BadValue::omitted().isOmitted());
  EXPECT_EQ(BadValue().text(), R"("")");
}

TEST(FieldPath, PrintsLikeApimachinery) {
  FieldPath spec("spec");
  EXPECT_EQ(spec.child("images").index(0).child("from", "kind").str(), "spec.images[0].from.kind");
  EXPECT_EQ(FieldPath("status").child("tags").key("latest").child("items").index(2).child("dockerImageReference").str(),
            "status.tags[latest].items[2].dockerImageReference");
  EXPECT_EQ(FieldPath("spec").child("tags").key("a.b/c d").str(), "spec.tags[a.b/c d]");  // keys are not quoted
  EXPECT_EQ(FieldPath().child("metadata").child("name").str(), "metadata.name");       // a nil root
  EXPECT_EQ(FieldPath().child("dockerImageManifests").index(3).child("size").str(), "dockerImageManifests[3].size");
  EXPECT_EQ(FieldPath().index(1).str(), "[1]");
}

TEST(FieldErrorType, ReasonCodesAndWords) {
  struct Row {
    FieldErrorType type;
    const char* reason;
    const char* words;
  };
  const Row rows[] = {
      {FieldErrorType::NotFound, "FieldValueNotFound", "Not found"},
      {FieldErrorType::Required, "FieldValueRequired", "Required value"},
      {FieldErrorType::Duplicate, "FieldValueDuplicate", "Duplicate value"},
      {FieldErrorType::Invalid, "FieldValueInvalid", "Invalid value"},
      {FieldErrorType::NotSupported, "FieldValueNotSupported", "Unsupported value"},
      {FieldErrorType::Forbidden, "FieldValueForbidden", "Forbidden"},
      {FieldErrorType::TooLong, "FieldValueTooLong", "Too long"},
      {FieldErrorType::TooMany, "FieldValueTooMany", "Too many"},
      {FieldErrorType::Internal, "InternalError", "Internal error"},
      {FieldErrorType::TypeInvalid, "FieldValueTypeInvalid", "Invalid value"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(fieldErrorReason(row.type), row.reason);
    EXPECT_EQ(fieldErrorTypeText(row.type), row.words);
  }
}

// ---------------------------------------------------------------------------------------------
// Message bodies
// ---------------------------------------------------------------------------------------------

TEST(FieldErrorBody, RequiredShowsOnlyTheDetail) {
  FieldPath p("metadata");
  EXPECT_EQ(fieldRequired(p.child("namespace"), "").errorBody(), "Required value");
  FieldError e = fieldRequired(p.child("name"), "name or generateName is required");
  EXPECT_EQ(e.errorBody(), "Required value: name or generateName is required");
  EXPECT_EQ(e.error(), "metadata.name: Required value: name or generateName is required");
  EXPECT_EQ(e.reason(), "FieldValueRequired");
  EXPECT_EQ(e.field, "metadata.name");
}

TEST(FieldErrorBody, InvalidShowsValueThenDetail) {
  FieldError e = fieldInvalid(FieldPath("spec").child("images").index(0).child("from", "kind"),
                              BadValue::goString("ImageStreamTag"), "only DockerImage is supported");
  EXPECT_EQ(e.errorBody(), R"(Invalid value: "ImageStreamTag": only DockerImage is supported)");
  EXPECT_EQ(e.error(), R"(spec.images[0].from.kind: Invalid value: "ImageStreamTag": only DockerImage is supported)");
  EXPECT_EQ(fieldInvalid(FieldPath("x"), BadValue::integer(-2), "").errorBody(), "Invalid value: -2");
  EXPECT_EQ(fieldInvalid(FieldPath("x"), BadValue::null(), "d").errorBody(), "Invalid value: null: d");
  EXPECT_EQ(fieldInvalid(FieldPath("x"), BadValue::omitted(), "d").errorBody(), "Invalid value: d");
}

TEST(FieldErrorBody, ForbiddenTooLongInternal) {
  EXPECT_EQ(fieldForbidden(FieldPath("metadata").child("namespace"), "not allowed on this type").error(),
            "metadata.namespace: Forbidden: not allowed on this type");
  EXPECT_EQ(fieldForbidden(FieldPath("a"), "").errorBody(), "Forbidden");
  EXPECT_EQ(fieldTooLong(FieldPath("metadata").child("annotations"), 262144).error(),
            "metadata.annotations: Too long: may not be more than 262144 bytes");
  EXPECT_EQ(fieldTooLong(FieldPath("a"), 1).errorBody(), "Too long: may not be more than 1 byte");
  EXPECT_EQ(fieldTooLong(FieldPath("a"), -1).errorBody(), "Too long: value is too long");
  FieldError internal = fieldInternal(FieldPath("a"), "boom");
  EXPECT_EQ(internal.errorBody(), "Internal error: boom");
  EXPECT_EQ(internal.reason(), "InternalError");
}

TEST(FieldErrorBody, NotSupportedDuplicateNotFoundTooManyTypeInvalid) {
  EXPECT_EQ(fieldNotSupported(FieldPath("dryRun"), BadValue::json(R"(["x"])"), {"All"}).errorBody(),
            R"(Unsupported value: ["x"]: supported values: "All")");
  EXPECT_EQ(fieldNotSupported(FieldPath("f"), BadValue::goString("x"), {"", "Ignore", "Strict"}).errorBody(),
            R"(Unsupported value: "x": supported values: "", "Ignore", "Strict")");
  EXPECT_EQ(fieldNotSupported(FieldPath("f"), BadValue::goString("x"), {}).errorBody(), R"(Unsupported value: "x")");
  EXPECT_EQ(fieldDuplicate(FieldPath("t"), BadValue::goString("a")).errorBody(), R"(Duplicate value: "a")");
  EXPECT_EQ(fieldNotFound(FieldPath("t"), BadValue::goString("a")).errorBody(), R"(Not found: "a")");
  EXPECT_EQ(fieldTooMany(FieldPath("t"), 5, 4).errorBody(), "Too many: 5: must have at most 4 items");
  EXPECT_EQ(fieldTooMany(FieldPath("t"), 2, 1).errorBody(), "Too many: 2: must have at most 1 item");
  EXPECT_EQ(fieldTooMany(FieldPath("t"), -1, -1).errorBody(), "Too many: has too many items");
  FieldError typeInvalid = fieldTypeInvalid(FieldPath("t"), BadValue::goString("a"), "must be int");
  EXPECT_EQ(typeInvalid.errorBody(), R"(Invalid value: "a": must be int)");
  EXPECT_EQ(typeInvalid.reason(), "FieldValueTypeInvalid");
}

// ---------------------------------------------------------------------------------------------
// Aggregate
// ---------------------------------------------------------------------------------------------

TEST(Aggregate, EmptyOneSeveralAndDuplicates) {
  FieldError a = fieldRequired(FieldPath("a"), "");
  FieldError b = fieldInvalid(FieldPath("b"), BadValue::goString("x"), "bad");
  EXPECT_EQ(aggregateError({}), "");
  EXPECT_EQ(aggregateError({a}), "a: Required value");
  EXPECT_EQ(aggregateError({a, b}), R"([a: Required value, b: Invalid value: "x": bad])");
  EXPECT_EQ(aggregateError({a, a}), "a: Required value");  // deduplicated down to one: no brackets
  EXPECT_EQ(aggregateError({a, b, a, b}), R"([a: Required value, b: Invalid value: "x": bad])");
  EXPECT_EQ(aggregateError({b, a}), R"([b: Invalid value: "x": bad, a: Required value])");  // order kept
}

// ---------------------------------------------------------------------------------------------
// Status answers
// ---------------------------------------------------------------------------------------------

TEST(InvalidStatus, MatchesTheSpecExampleByteForByte) {
  ErrorList errors{fieldInvalid(FieldPath("spec").child("images").index(0).child("from", "kind"),
                                BadValue::goString("ImageStreamTag"), "only DockerImage is supported")};
  Status s = invalidStatus("ImageStreamImport", "image.openshift.io", "foo", errors);
  EXPECT_EQ(encodeStatus(s),
            R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",)"
            R"("message":"ImageStreamImport.image.openshift.io \"foo\" is invalid: spec.images[0].from.kind: Invalid value: \"ImageStreamTag\": only DockerImage is supported",)"
            R"("reason":"Invalid",)"
            R"("details":{"name":"foo","group":"image.openshift.io","kind":"ImageStreamImport",)"
            R"("causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"ImageStreamTag\": only DockerImage is supported","field":"spec.images[0].from.kind"}]},)"
            R"("code":422})");
}

TEST(InvalidStatus, CausesKeepDuplicatesWhileTheMessageDropsThem) {
  FieldError dup = fieldRequired(FieldPath("a"), "");
  Status s = invalidStatus("ImageStream", "image.openshift.io", "x", {dup, dup});
  EXPECT_EQ(s.message, R"(ImageStream.image.openshift.io "x" is invalid: a: Required value)");
  ASSERT_TRUE(s.details);
  EXPECT_EQ(s.details->causes.size(), 2u);
}

TEST(InvalidStatus, NoErrorsAndNoGroup) {
  Status s = invalidStatus("Thing", "", "n", {});
  EXPECT_EQ(s.message, R"(Thing "n" is invalid)");
  EXPECT_EQ(s.code, 422);
  EXPECT_EQ(s.reason, "Invalid");
  ASSERT_TRUE(s.details);
  EXPECT_TRUE(s.details->causes.empty());
  EXPECT_EQ(s.details->group, "");
  // Kind and group both empty (as in the per-image statuses of spec §3.9).
  Status bare = invalidStatus("", "", "", {fieldRequired(FieldPath("a"), "")});
  EXPECT_EQ(bare.message, R"( "" is invalid: a: Required value)");
}

TEST(InvalidStatus, NameIsGoQuoted) {
  Status s = invalidStatus("ImageStreamImport", "image.openshift.io", "a\"b\n", {});
  EXPECT_EQ(s.message, R"(ImageStreamImport.image.openshift.io "a\"b\n" is invalid)");
}

TEST(InternalErrorStatus, Shape) {
  Status s = internalErrorStatus("metadata.name was not generated");
  EXPECT_EQ(encodeStatus(s),
            R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",)"
            R"("message":"Internal error occurred: metadata.name was not generated","reason":"InternalError",)"
            R"("details":{"causes":[{"message":"metadata.name was not generated"}]},"code":500})");
}

}  // namespace
}  // namespace isimport

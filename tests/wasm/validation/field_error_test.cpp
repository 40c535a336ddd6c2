// Field errors: every type's texts and cause code, value rendering (Go %q versus JSON), paths,
// the aggregate message and the 422 / 500 Status answers (docs/validation.md §2.5, §2.6). Go's %q itself is
// go_text_test.cpp's.
#include "validation/field_error.h"

#include <gtest/gtest.h>

#include "json/codec.h"

namespace isimport {
namespace {

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
  // Kind and group both empty (as in the per-image statuses of docs/import.md §3.9).
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

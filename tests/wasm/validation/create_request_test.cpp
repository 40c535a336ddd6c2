// The create path end to end: decode, namespace, validation, and the exact answers.
#include "validation/create_request.h"

#include <gtest/gtest.h>

#include "boundary/api.h"

namespace isimport {
namespace {

TEST(CreateRequest, InvalidAnswerIsTheServers422) {
  CreateOutcome out = validateCreate(R"({"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1",
    "metadata":{"name":"foo","namespace":"foo"},
    "spec":{"images":[{"from":{"kind":"ImageStreamTag","name":"other:latest"}}]}})");
  EXPECT_FALSE(out.valid);
  ASSERT_TRUE(out.status);
  EXPECT_EQ(encodeStatus(*out.status),
            R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",)"
            R"("message":"ImageStreamImport.image.openshift.io \"foo\" is invalid: spec.images[0].from.kind: Invalid value: \"ImageStreamTag\": only DockerImage is supported",)"
            R"("reason":"Invalid","details":{"name":"foo","group":"image.openshift.io","kind":"ImageStreamImport",)"
            R"("causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"ImageStreamTag\": only DockerImage is supported","field":"spec.images[0].from.kind"}]},)"
            R"("code":422})");
}

TEST(CreateRequest, TwoErrorsAggregateInUpstreamOrder) {  // docs/acceptance.md §5.1 V31
  CreateOutcome out = validateCreate(R"({"metadata":{"name":"a/b","namespace":"foo"},
    "spec":{"images":[{"from":{"kind":"X","name":"nginx"}}]}})");
  ASSERT_TRUE(out.status);
  EXPECT_EQ(out.status->message,
            "ImageStreamImport.image.openshift.io \"a/b\" is invalid: [spec.images[0].from.kind: Invalid value: \"X\": "
            "only DockerImage is supported, metadata.name: Invalid value: \"a/b\": may not contain '/']");
  ASSERT_EQ(out.status->details->causes.size(), 2u);
  EXPECT_EQ(out.status->details->causes[1].field, "metadata.name");
}

TEST(CreateRequest, NamespaceFilledFromTheRequestOrCheckedAgainstIt) {
  const char* body = R"({"metadata":{"name":"web"},"spec":{"images":[{"from":{"kind":"DockerImage","name":"nginx"}}]}})";
  CreateOutcome filled = validateCreate(body);
  EXPECT_TRUE(filled.valid);
  EXPECT_EQ(std::get<ImageStreamImport>(*filled.object).metadata.nameSpace, "default");

  CreateOptions options;
  options.requestNamespace = "team";
  options.namespaceGiven = true;
  CreateOutcome mismatch = validateCreate(
      R"({"metadata":{"name":"web","namespace":"other"},"spec":{"images":[{"from":{"kind":"DockerImage","name":"nginx"}}]}})",
      options);
  ASSERT_TRUE(mismatch.status);
  EXPECT_EQ(mismatch.status->code, 400);
  EXPECT_EQ(mismatch.status->message,
            "the namespace of the provided object does not match the namespace sent on the request");
}

TEST(CreateRequest, GenerateNameOnlyIsAnInternalErrorForImports) {
  CreateOutcome out = validateCreate(
      R"({"metadata":{"generateName":"web-","namespace":"n"},"spec":{"images":[{"from":{"kind":"DockerImage","name":"nginx"}}]}})");
  ASSERT_TRUE(out.status);
  EXPECT_EQ(out.status->code, 500);
  EXPECT_EQ(out.status->message, "Internal error occurred: metadata.name was not generated");
}

TEST(CreateRequest, NullDocumentDecodesThenFailsValidation) {
  CreateOutcome out = validateCreate("null");
  ASSERT_TRUE(out.status);
  EXPECT_EQ(out.status->code, 422);
  EXPECT_EQ(out.status->message,
            "ImageStreamImport.image.openshift.io \"\" is invalid: [spec.images: Invalid value: null: you must specify "
            "at least one image or a repository import, metadata.name: Required value: name or generateName is required]");
}

TEST(CreateRequest, JsonApiCarriesCausesWarningsAndObject) {
  std::string answer = validateJson(R"({"metadata":{"name":"web","x":1},"spec":{"images":[{"from":{"kind":"DockerImage","name":"nginx:1"}}]}})",
                                    R"({"fieldValidation":"Warn","namespace":"ns"})");
  EXPECT_EQ(answer,
            R"({"valid":true,"kind":"ImageStreamImport","causes":[],"warnings":["unknown field \"metadata.x\""],)"
            R"("diagnostics":[{"kind":"unknownField","severity":"warning","path":"metadata.x","byteOffset":26,)"
            R"("message":"unknown field \"metadata.x\""}],)"
            R"("object":{"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"web","namespace":"ns","creationTimestamp":null},)"
            R"("spec":{"import":false,"images":[{"from":{"kind":"DockerImage","name":"nginx:1"},"to":{"name":"1"},)"
            R"("importPolicy":{"importMode":"Legacy"},"referencePolicy":{"type":"Source"}}]},"status":{}}})");
  EXPECT_EQ(validateJson("{}", R"({"fieldValidation":"Loose"})"),
            R"x({"usageError":"fieldValidation must be one of Strict, Warn, Ignore (got \"Loose\")"})x");
}

}  // namespace
}  // namespace isimport

namespace isimport {
namespace {

TEST(CreateRequest, ImageNamespaceIsDroppedAsForClusterScopedKinds) {
  CreateOutcome out = validateCreate(
      R"({"kind":"Image","metadata":{"name":"sha256:0000000000000000000000000000000000000000000000000000000000000000","namespace":"x"},"dockerImageReference":"quay.io/a/b@sha256:0000000000000000000000000000000000000000000000000000000000000000"})");
  EXPECT_TRUE(out.valid) << (out.status ? out.status->message : "");
}

TEST(CreateRequest, ImageStreamStatusIsNotValidatedOnCreate) {
  CreateOutcome out = validateCreate(
      R"({"kind":"ImageStream","metadata":{"name":"s","namespace":"n"},"status":{"tags":[{"tag":"a","items":[{"dockerImageReference":""}]}]}})");
  EXPECT_TRUE(out.valid) << (out.status ? out.status->message : "");
}

}  // namespace
}  // namespace isimport

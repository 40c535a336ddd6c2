#include "json/codec.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace isimport {
namespace {

using testing::compact;
using testing::readFixture;

DecodeResult decodeWith(const std::string& text, FieldValidation mode) {
  DecodeOptions options;
  options.fieldValidation = mode;
  return decodeObject(text, options);
}

std::string failureMessage(const DecodeResult& r) { return r.failure ? r.failure->message : "<no failure>"; }

TEST(CodecRoundTrip, EveryFieldOfEveryTypeSurvivesUnchanged) {
  std::string text = readFixture("every-field.imagestreamimport.json");
  DecodeResult r = decodeObject(text);
  ASSERT_TRUE(r.object) << failureMessage(r);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(encodeObject(*r.object), compact(text));
}

TEST(CodecRoundTrip, StringsThatViewTheTextDecodeAsCopiesDo) {
  std::string text = readFixture("every-field.imagestreamimport.json");
  DecodeOptions borrowing;
  borrowing.borrowText = true;
  DecodeResult viewed = decodeObject(text, borrowing);
  ASSERT_TRUE(viewed.object) << failureMessage(viewed);
  EXPECT_EQ(encodeObject(*viewed.object), compact(text));
  // The unescaped names are views of the text; the defaults written over empty fields are not.
  const auto& isi = std::get<ImageStreamImport>(*viewed.object);
  auto inText = [&](const Text& field) { return field.data() >= text.data() && field.data() < text.data() + text.size(); };
  EXPECT_TRUE(inText(isi.metadata.name));
  EXPECT_TRUE(inText(isi.spec.images.at(0).from.name));
  DecodeResult copied = decodeObject(text);
  EXPECT_FALSE(inText(std::get<ImageStreamImport>(*copied.object).metadata.name));
}

TEST(CodecRoundTrip, AnEscapedStringIsCopiedEvenWhenTheDecoderMayView) {
  std::string text = R"({"metadata":{"name":"n\u0061me","namespace":"ns"},"spec":{"import":false,"images":[{"from":{"kind":"DockerImage","name":"a"}}]}})";
  DecodeOptions borrowing;
  borrowing.borrowText = true;
  DecodeResult viewed = decodeObject(text, borrowing);
  ASSERT_TRUE(viewed.object) << failureMessage(viewed);
  const Text& name = std::get<ImageStreamImport>(*viewed.object).metadata.name;
  EXPECT_EQ(name, "name");
  EXPECT_FALSE(name.data() >= text.data() && name.data() < text.data() + text.size());
}

TEST(CodecRoundTrip, ImageStreamAndImageAreFirstClass) {
  std::string stream =
      R"({"kind":"ImageStream","apiVersion":"image.openshift.io/v1","metadata":{"name":"s","namespace":"n","creationTimestamp":null},)"
      R"("spec":{"lookupPolicy":{"local":false},"tags":[{"name":"a","annotations":null,"from":{"kind":"ImageStreamTag","name":"b"},)"
      R"("generation":1,"importPolicy":{"importMode":"PreserveOriginal"},"referencePolicy":{"type":"Source"}}]},)"
      R"("status":{"dockerImageRepository":""}})";
  DecodeResult s = decodeObject(stream);
  ASSERT_TRUE(s.object) << failureMessage(s);
  EXPECT_EQ(s.kind, "ImageStream");
  EXPECT_EQ(encodeObject(*s.object), stream);

  std::string image =
      R"({"kind":"Image","apiVersion":"image.openshift.io/v1","metadata":{"name":"sha256:ab","creationTimestamp":null},)"
      R"("dockerImageReference":"r@sha256:ab","dockerImageLayers":[{"name":"sha256:01","size":3,"mediaType":"m"}]})";
  DecodeResult i = decodeObject(image);
  ASSERT_TRUE(i.object) << failureMessage(i);
  EXPECT_EQ(i.kind, "Image");
  EXPECT_EQ(encodeObject(*i.object), image);
}

TEST(CodecWrite, GoRulesForEmptyValues) {
  ImageStreamImport isi;
  isi.kind = "ImageStreamImport";
  std::string text = encodeObject(Object{isi});
  // metadata is a struct (never omitted) whose creationTimestamp prints null; spec.import always
  // printed; status always printed as an object.
  EXPECT_EQ(text, R"({"kind":"ImageStreamImport","metadata":{"creationTimestamp":null},"spec":{"import":false},"status":{}})");

  ImageStream stream;
  TagReference tag;
  tag.name = "t";
  stream.spec.tags.push_back(tag);
  NamedTagEventList history;
  history.tag = "t";
  stream.status.tags.push_back(history);
  EXPECT_EQ(encodeObject(Object{stream}),
            R"({"metadata":{"creationTimestamp":null},"spec":{"lookupPolicy":{"local":false},"tags":[{"name":"t",)"
            R"("annotations":null,"generation":null,"importPolicy":{},"referencePolicy":{"type":""}}]},)"
            R"("status":{"dockerImageRepository":"","tags":[{"tag":"t","items":null}]}})");
}

TEST(CodecWrite, StringsEscapedAsGoDoes) {
  ImageStreamImport isi;
  isi.metadata.name = "<a&b>\u2028\x01\b\f\t\"\\";
  std::string text = encodeObject(Object{isi});
  EXPECT_NE(text.find(R"("name":"\u003ca\u0026b\u003e\u2028\u0001\b\f\t\"\\")"), std::string::npos) << text;
}

TEST(CodecWrite, TimesInUtcWholeSeconds) {
  DecodeResult r = decodeObject(
      R"({"metadata":{"name":"x","creationTimestamp":"2016-06-23T23:23:37.987+02:00"},"spec":{"images":[]}})");
  ASSERT_TRUE(r.object) << failureMessage(r);
  EXPECT_NE(encodeObject(*r.object).find(R"("creationTimestamp":"2016-06-23T21:23:37Z")"), std::string::npos);
}

TEST(CodecDefaults, ToTagImportModeAndReferencePolicy) {
  DecodeResult r = decodeObject(R"({"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1",
    "metadata":{"name":"web","namespace":"demo"},
    "spec":{"import":false,"images":[
      {"from":{"kind":"DockerImage","name":"quay.io/org/web:1.2"}},
      {"from":{"kind":"DockerImage","name":"nginx"}},
      {"from":{"kind":"DockerImage","name":"nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000"}},
      {"from":{"kind":"DockerImage","name":"nginx:1"},"to":{"name":"explicit"}}],
     "repository":{"from":{"kind":"DockerImage","name":"quay.io/org/web"}}}})");
  ASSERT_TRUE(r.object) << failureMessage(r);
  const auto& isi = std::get<ImageStreamImport>(*r.object);
  ASSERT_TRUE(isi.spec.images[0].to);
  EXPECT_EQ(isi.spec.images[0].to->name, "1.2");
  EXPECT_FALSE(isi.spec.images[1].to);
  EXPECT_FALSE(isi.spec.images[2].to);
  EXPECT_EQ(isi.spec.images[3].to->name, "explicit");
  for (const auto& image : isi.spec.images) {
    EXPECT_EQ(image.importPolicy.importMode, "Legacy");
    EXPECT_EQ(image.referencePolicy.type, "Source");
  }
  EXPECT_EQ(isi.spec.repository->importPolicy.importMode, "Legacy");
  EXPECT_EQ(isi.spec.repository->referencePolicy.type, "Source");
  EXPECT_EQ(encodeObject(*r.object).substr(0, 236),
            R"({"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"web","namespace":"demo","creationTimestamp":null},"spec":{"import":false,"repository":{"from":{"kind":"DockerImage","name":"quay.io/org/web"},"importPo)");
}

// ---- fieldValidation ----------------------------------------------------------------------------

constexpr const char* kUnknownAndDuplicate =
    R"({"kind":"ImageStreamImport","kind":"ImageStreamImport","metadata":{"name":"x"},)"
    R"("spec":{"images":[{"frm":{"kind":"DockerImage"},"from":{"kind":"DockerImage","name":"a:1"}}]}})";

TEST(CodecFieldValidation, StrictRefusesWithServerText) {
  DecodeResult r = decodeWith(kUnknownAndDuplicate, FieldValidation::Strict);
  ASSERT_FALSE(r.object);
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->code, 400);
  EXPECT_EQ(r.failure->reason, "BadRequest");
  EXPECT_EQ(r.failure->message,
            "ImageStreamImport in version \"v1\" cannot be handled as a ImageStreamImport: strict decoding error: "
            "duplicate field \"kind\", unknown field \"spec.images[0].frm\"");
  EXPECT_EQ(encodeStatus(*r.failure).substr(0, 60), R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"F)");
}

TEST(CodecFieldValidation, WarnReturnsWarningsAndGoesOn) {
  DecodeResult r = decodeWith(kUnknownAndDuplicate, FieldValidation::Warn);
  ASSERT_TRUE(r.object) << failureMessage(r);
  EXPECT_EQ(r.warnings, (std::vector<std::string>{"duplicate field \"kind\"", "unknown field \"spec.images[0].frm\""}));
  EXPECT_EQ(std::get<ImageStreamImport>(*r.object).spec.images[0].from.name, "a:1");
}

TEST(CodecFieldValidation, IgnoreSaysNothing) {
  DecodeResult r = decodeWith(kUnknownAndDuplicate, FieldValidation::Ignore);
  ASSERT_TRUE(r.object);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(CodecFieldValidation, NestedPathsAndMapDuplicates) {
  DecodeResult r = decodeWith(
      R"({"metadata":{"name":"x","labels":{"a":"1","a":"2"},"bogus":1},"spec":{"repository":{"from":{"nam":"q"}},)"
      R"("images":[{},{"importPolicy":{"mode":"x"}}]},"status":{"images":[{"image":{"dockerImageLayers":[{"nme":"x"}]}}]}})",
      FieldValidation::Warn);
  ASSERT_TRUE(r.object) << failureMessage(r);
  EXPECT_EQ(r.warnings, (std::vector<std::string>{
                            "duplicate field \"metadata.labels.a\"", "unknown field \"metadata.bogus\"",
                            "unknown field \"spec.repository.from.nam\"", "unknown field \"spec.images[1].importPolicy.mode\"",
                            "unknown field \"status.images[0].image.dockerImageLayers[0].nme\""}));
  EXPECT_EQ(std::get<ImageStreamImport>(*r.object).metadata.labels.at("a"), "2");  // the last duplicate wins
}

TEST(CodecFieldValidation, RawExtensionContentIsNotStrict) {
  DecodeResult r = decodeWith(
      R"({"status":{"images":[{"image":{"dockerImageMetadata":{"Id":"x","id":"y","StopSignal":"TERM","config":{"env":["A=1"]}}}}]}})",
      FieldValidation::Strict);
  ASSERT_TRUE(r.object) << failureMessage(r);
  const auto& meta = *std::get<ImageStreamImport>(*r.object).status.images[0].image->dockerImageMetadata;
  EXPECT_EQ(meta.id, "y");  // keys match case-insensitively, the last one wins
  EXPECT_EQ(meta.config->env, std::vector<std::string>{"A=1"});
}

// ---- type errors --------------------------------------------------------------------------------

struct TypeErrorCase {
  const char* document;
  const char* message;
};

class CodecTypeErrors : public ::testing::TestWithParam<TypeErrorCase> {};

TEST_P(CodecTypeErrors, RefusedWithGoText) {
  DecodeResult r = decodeObject(GetParam().document);
  ASSERT_FALSE(r.object);
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->code, 400);
  EXPECT_EQ(r.failure->message, GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CodecTypeErrors,
    ::testing::Values(
        TypeErrorCase{R"({"spec":{"import":"yes"}})",
                      "ImageStreamImport in version \"v1\" cannot be handled as a ImageStreamImport: json: cannot "
                      "unmarshal string into Go struct field ImageStreamImportSpec.spec.import of type bool"},
        TypeErrorCase{R"({"spec":{"images":[{"from":{"name":5}}]}})",
                      "ImageStreamImport in version \"v1\" cannot be handled as a ImageStreamImport: json: cannot "
                      "unmarshal number into Go struct field ObjectReference.spec.images.from.name of type string"},
        TypeErrorCase{R"({"spec":{"images":{}}})",
                      "ImageStreamImport in version \"v1\" cannot be handled as a ImageStreamImport: json: cannot "
                      "unmarshal object into Go struct field ImageStreamImportSpec.spec.images of type "
                      "[]v1.ImageImportSpec"},
        TypeErrorCase{R"({"spec":"x"})",
                      "ImageStreamImport in version \"v1\" cannot be handled as a ImageStreamImport: json: cannot "
                      "unmarshal string into Go struct field ImageStreamImport.spec of type v1.ImageStreamImportSpec"},
        TypeErrorCase{R"({"metadata":{"generation":1.5}})",
                      "ImageStreamImport in version \"v1\" cannot be handled as a ImageStreamImport: json: cannot "
                      "unmarshal number 1.5 into Go struct field ObjectMeta.metadata.generation of type int64"},
        TypeErrorCase{R"({"metadata":{"labels":{"a":1}}})",
                      "ImageStreamImport in version \"v1\" cannot be handled as a ImageStreamImport: json: cannot "
                      "unmarshal number into Go struct field ObjectMeta.metadata.labels of type string"},
        TypeErrorCase{R"({"metadata":{"creationTimestamp":"yesterday"}})",
                      "ImageStreamImport in version \"v1\" cannot be handled as a ImageStreamImport: parsing time "
                      "\"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as RFC 3339"},
        TypeErrorCase{R"({"status":{"images":[{"status":{"code":4294967296}}]}})",
                      "ImageStreamImport in version \"v1\" cannot be handled as a ImageStreamImport: json: cannot "
                      "unmarshal number 4294967296 into Go struct field Status.status.images.status.code of type "
                      "int32"},
        TypeErrorCase{R"({"kind":"ImageStream","spec":{"tags":[{"generation":"1"}]}})",
                      "ImageStream in version \"v1\" cannot be handled as a ImageStream: json: cannot unmarshal "
                      "string into Go struct field TagReference.spec.tags.generation of type int64"},
        TypeErrorCase{R"({"kind":"Image","dockerImageSignatures":["***"]})",
                      "Image in version \"v1\" cannot be handled as a Image: illegal base64 data at input byte 0"}));

TEST(CodecTypeErrors, AnUnmarshalerErrorWinsOverAnEarlierTypeError) {
  DecodeResult r = decodeObject(R"({"metadata":{"generation":"x","creationTimestamp":"never"}})");
  ASSERT_TRUE(r.failure);
  EXPECT_NE(r.failure->message.find("parsing time \"never\""), std::string::npos) << r.failure->message;
}

TEST(CodecTypeErrors, TypeErrorWinsOverStrictErrors) {
  DecodeResult r = decodeObject(R"({"unknown":1,"spec":{"import":1}})");
  ASSERT_TRUE(r.failure);
  EXPECT_NE(r.failure->message.find("cannot unmarshal number"), std::string::npos) << r.failure->message;
}

TEST(CodecKinds, KindAndApiVersionChecks) {
  DecodeResult wrongGroup = decodeObject(R"({"apiVersion":"apps/v1","kind":"ImageStreamImport"})");
  EXPECT_EQ(failureMessage(wrongGroup),
            "the API version in the data (apps/v1) does not match the expected API version (image.openshift.io/v1)");
  DecodeResult unknownKind = decodeObject(R"({"apiVersion":"image.openshift.io/v1","kind":"Foo"})");
  EXPECT_EQ(failureMessage(unknownKind),
            "Foo in version \"v1\" cannot be handled as a ImageStreamImport: no kind \"Foo\" is registered for "
            "version \"image.openshift.io/v1\"");
  DecodeOptions asStream;
  asStream.defaultKind = "ImageStream";
  DecodeResult defaulted = decodeObject(R"({"metadata":{"name":"s"}})", asStream);
  ASSERT_TRUE(defaulted.object);
  EXPECT_EQ(kindOf(*defaulted.object), "ImageStream");
}

TEST(CodecKinds, TheKindIsFoundAsEncodingJsonFindsStructFields) {
  // The apiserver's find-kind pass is encoding/json into {APIVersion, Kind}: keys match in any case
  // (and with the Kelvin sign and ſ, which fold with K and S), escapes are read, the last member wins. The
  // strict decoding that follows is case-sensitive, so such a key is also an unknown field.
  DecodeOptions ignore;
  ignore.fieldValidation = FieldValidation::Ignore;
  for (const char* body : {R"({"KIND":"ImageStream"})", R"({"\u006bind":"ImageStream"})",
                           "{\"\xe2\x84\xaaind\":\"ImageStream\"}", R"({"kind":"Image","Kind":"ImageStream"})"}) {
    DecodeResult r = decodeObject(body, ignore);
    ASSERT_TRUE(r.object) << body << ": " << failureMessage(r);
    EXPECT_EQ(kindOf(*r.object), "ImageStream") << body;
  }
  EXPECT_EQ(failureMessage(decodeObject(R"({"KIND":"ImageStream"})")),
            "ImageStream in version \"v1\" cannot be handled as a ImageStream: strict decoding error: unknown field "
            "\"KIND\"");
  // A type error names the field as Go does, by its own name.
  EXPECT_EQ(failureMessage(decodeObject(R"({"ApiVersion":1})")),
            "the object provided is unrecognized (must be of type ImageStreamImport): couldn't get version/kind; json "
            "parse error: json: cannot unmarshal number into Go struct field .apiVersion of type string "
            "({\"ApiVersion\":1})");
  // ı folds with nothing ASCII: that key names no field.
  DecodeResult dotless = decodeObject("{\"k\xc4\xb1nd\":\"ImageStream\"}", ignore);
  ASSERT_TRUE(dotless.object);
  EXPECT_EQ(kindOf(*dotless.object), "ImageStreamImport");
  // null leaves what an earlier member set.
  DecodeResult kept = decodeObject(R"({"kind":"ImageStream","kind":null})", ignore);
  ASSERT_TRUE(kept.object);
  EXPECT_EQ(kindOf(*kept.object), "ImageStream");
}

TEST(Codec, JsonSyntaxErrorsInGosWordsWithTheByteTheyWereFoundAt) {
  struct Case {
    std::string body;
    std::string why;
    size_t offset;
  };
  for (const Case& c : std::vector<Case>{
           {"{\"metadata\": {\"name\": \"x\",}}", "invalid character '}' looking for beginning of object key string", 26},
           {"{\"a\": }", "invalid character '}' looking for beginning of value", 6},
           {"{\"a\": 1", "unexpected end of JSON input", 7},
           {"{\"a\": tru}", "invalid character '}' in literal true (expecting 'e')", 9},
           {"{} x", "invalid character 'x' after top-level value", 3},
       }) {
    DecodeResult r = decodeObject(c.body);
    ASSERT_TRUE(r.failure) << c.body;
    EXPECT_EQ(r.failure->code, 400);
    EXPECT_NE(r.failure->message.find("couldn't get version/kind; json parse error: " + c.why + " ("), std::string::npos)
        << r.failure->message;
    EXPECT_EQ(r.syntaxOffset, c.offset) << c.body;
  }
  EXPECT_FALSE(decodeObject(R"({"kind": "ImageStreamImport"})").syntaxOffset);
}

}  // namespace
}  // namespace isimport

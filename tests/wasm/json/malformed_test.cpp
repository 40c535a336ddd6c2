// Hostile and malformed request bodies: each is refused with a 400 or 413 Status and a message
// that says what is wrong, and the decoder keeps working afterwards.
#include <gtest/gtest.h>

#include "json/codec.h"
#include "support/test_support.h"

namespace isimport {
namespace {

struct Malformed {
  std::string name;
  std::string body;
  int code;
  std::string messageContains;
};

std::string repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::vector<Malformed> malformedBodies() {
  const std::string unrecognized = "the object provided is unrecognized (must be of type ImageStreamImport): ";
  const std::string cannot = "ImageStreamImport in version \"v1\" cannot be handled as a ImageStreamImport: ";
  return {
      {"empty", "", 400, unrecognized + "couldn't get version/kind; json parse error: "},
      {"whitespace", " \n\t ", 400, "json parse error"},
      {"array", "[]", 400, "cannot unmarshal array into Go value of type struct"},
      {"array of objects", R"([{"kind":"ImageStreamImport"}])", 400, "cannot unmarshal array"},
      {"string", R"("ImageStreamImport")", 400, "cannot unmarshal string into Go value"},
      {"number", "42", 400, "cannot unmarshal number into Go value"},
      {"boolean", "true", 400, "cannot unmarshal bool into Go value"},
      {"truncated object", "{", 400, "json parse error"},
      {"truncated member", R"({"kind":)", 400, "json parse error"},
      {"missing close", R"({"metadata":{"name":"x"})", 400, "json parse error"},
      {"trailing brace", "{}}", 400, "json parse error"},
      {"two documents", "{} {}", 400, "json parse error"},
      {"100000-deep arrays", repeat("[", 100000) + repeat("]", 100000), 400, "exceeded max depth"},
      {"100000-deep objects", repeat(R"({"a":)", 100000) + "1" + repeat("}", 100000), 400, "exceeded max depth"},
      {"body over 3 MiB", R"({"metadata":{"name":")" + std::string(3 * 1024 * 1024, 'a') + R"("}})", 413,
       "Request entity too large: limit is 3145728"},
      {"invalid UTF-8", "{\"metadata\":{\"name\":\"\xff\"}}", 400, "invalid"},
      {"overlong UTF-8", "{\"metadata\":{\"name\":\"\xc0\xaf\"}}", 400, "json parse error"},
      {"truncated UTF-8", "{\"metadata\":{\"name\":\"\xe2\x82\"}}", 400, "json parse error"},
      {"raw NUL in string", std::string("{\"metadata\":{\"name\":\"a\0b\"}}", 26), 400, "json parse error"},
      {"NUL after document", std::string("{}\0", 3), 400, "json parse error"},
      {"byte order mark", "\xEF\xBB\xBF{}", 400, "invalid character 'ï' looking for beginning of value"},
      {"number for string", R"({"metadata":{"name":1}})", 400,
       cannot + "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string"},
      // Valid JSON to Go: the int64 field refuses the number, in Go's words.
      {"1e999", R"({"metadata":{"generation":1e999}})", 400, "json: cannot unmarshal number 1e999 into Go struct field ObjectMeta.metadata.generation of type int64"},
      {"NaN", R"({"metadata":{"generation":NaN}})", 400, "json parse error"},
      {"huge integer", R"({"metadata":{"generation":123456789012345678901234567890}})", 400,
       "cannot unmarshal number 123456789012345678901234567890 into Go struct field ObjectMeta.metadata.generation"},
      {"single quotes", "{'kind':'ImageStreamImport'}", 400, "json parse error"},
      {"comment", R"({"kind":"ImageStreamImport" /* c */})", 400, "json parse error"},
      {"trailing comma", R"({"kind":"ImageStreamImport",})", 400, "json parse error"},
      {"raw tab in string", "{\"kind\":\"Image\tStreamImport\"}", 400, "json parse error"},
      {"bad escape", R"({"kind":"\x41"})", 400, "json parse error"},
      // Go reads a lone surrogate escape as U+FFFD: then no such kind is registered.
      {"lone surrogate", R"({"kind":"\ud800"})", 400, "no kind \"\xef\xbf\xbd\" is registered"},
      {"kind is a number", R"({"kind":5})", 400,
       "json: cannot unmarshal number into Go struct field .kind of type string"},
      {"unknown kind", R"({"kind":"Pod"})", 400, "no kind \"Pod\" is registered"},
      {"foreign group", R"({"apiVersion":"apps/v1","kind":"Deployment"})", 400,
       "does not match the expected API version (image.openshift.io/v1)"},
      {"non-string key", R"({1:2})", 400, "json parse error"},
      {"bad literal", R"({"spec":{"import":tru}})", 400, "json parse error"},
      {"images of numbers", R"({"spec":{"images":[1,2]}})", 400,
       "cannot unmarshal number into Go struct field ImageStreamImportSpec.spec.images of type v1.ImageImportSpec"},
      {"8 MB string", R"({"metadata":{"name":")" + std::string(8 * 1000 * 1000, 'x') + R"("}})", 413,
       "Request entity too large"},
      {"time as number", R"({"metadata":{"creationTimestamp":1}})", 400,
       "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string"},
      {"leap-less February 29", R"({"metadata":{"creationTimestamp":"2025-02-29T00:00:00Z"}})", 400,
       "parsing time \"2025-02-29T00:00:00Z\""},
  };
}

TEST(MalformedBodies, EachRefusedClearlyAndTheDecoderCarriesOn) {
  const std::string good = testing::readFixture("every-field.imagestreamimport.json");
  auto cases = malformedBodies();
  ASSERT_GE(cases.size(), 30u);
  for (const auto& c : cases) {
    DecodeResult r = decodeObject(c.body);
    ASSERT_FALSE(r.object) << c.name;
    ASSERT_TRUE(r.failure) << c.name;
    EXPECT_EQ(r.failure->code, c.code) << c.name;
    EXPECT_EQ(r.failure->status, "Failure") << c.name;
    EXPECT_NE(r.failure->message.find(c.messageContains), std::string::npos)
        << c.name << ": " << r.failure->message.substr(0, 300);
    DecodeResult after = decodeObject(good);
    ASSERT_TRUE(after.object) << "after " << c.name;
  }
}

TEST(MalformedBodies, NullAndEmptyObjectDecodeToAnEmptyObjectAsTheServerDoes) {
  // The server decodes these without complaint; validation then refuses them (missing name …).
  for (const char* body : {"null", "{}"}) {
    DecodeResult r = decodeObject(body);
    ASSERT_TRUE(r.object) << body;
    EXPECT_TRUE(std::get<ImageStreamImport>(*r.object).metadata.name.empty());
  }
}

TEST(MalformedBodies, DeepButLegalNestingInsideARawFieldIsKept) {
  std::string deep = repeat("[", 5000) + repeat("]", 5000);
  DecodeResult r = decodeObject(R"({"metadata":{"managedFields":[{"fieldsV1":)" + deep + "}]}}");
  ASSERT_TRUE(r.object) << (r.failure ? r.failure->message : "");
  EXPECT_EQ(std::get<ImageStreamImport>(*r.object).metadata.managedFields[0].fieldsV1->text, deep);
}

}  // namespace
}  // namespace isimport

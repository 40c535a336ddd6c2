// cosign's simple-signing payload read as containers/image reads it for CRI-O
// (docs/signatures.md §10.2): the payload openssl signed in the fixtures, then every way
// strictUnmarshalJSON refuses one.
#include <gtest/gtest.h>

#include "supply/simple_signing.h"
#include "support/test_support.h"

namespace isimport {
namespace {

constexpr std::string_view kType = "\"cosign container image signature\"";
constexpr std::string_view kDigest = "sha256:a59906e33509d14c036c8678d687bd4eec81ed7c4b8ce907b888c607f6a1e0e6";

std::string payload(std::string_view critical, std::string_view optional = "null") {
  return "{\"critical\":" + std::string(critical) + ",\"optional\":" + std::string(optional) + "}";
}
std::string critical(std::string_view type = kType, std::string_view digest = "",
                     std::string_view reference = "\"quay.io/example/app\"") {
  std::string d = digest.empty() ? "\"" + std::string(kDigest) + "\"" : std::string(digest);
  return "{\"identity\":{\"docker-reference\":" + std::string(reference) + "},\"image\":{\"docker-manifest-digest\":" + d +
         "},\"type\":" + std::string(type) + "}";
}

TEST(SimpleSigning, TheSignedFixtureReads) {
  SimpleSigningRead read = readSimpleSigningPayload(testing::readFixture("supply/signatures/simple-signing.json"));
  ASSERT_TRUE(read.payload) << read.error;
  EXPECT_EQ(read.payload->dockerReference, "quay.io/example/app");
  EXPECT_EQ(read.payload->dockerManifestDigest, kDigest);
  EXPECT_EQ(read.payload->creator, "isimport tests");
  EXPECT_EQ(read.payload->timestamp, 1700000000);
}

TEST(SimpleSigning, CosignsNullOptionalAndUnknownOptionalKeysAreTaken) {
  SimpleSigningRead read = readSimpleSigningPayload(payload(critical()));
  ASSERT_TRUE(read.payload) << read.error;
  EXPECT_EQ(read.payload->creator, std::nullopt);
  EXPECT_EQ(read.payload->timestamp, std::nullopt);
  // cosign -a key=value annotations land in optional, which is open.
  EXPECT_TRUE(readSimpleSigningPayload(payload(critical(), R"({"sha":"abc","nested":{"x":[1,2]}})")).payload);
}

TEST(SimpleSigning, ClosedObjectsRefuseUnknownMissingAndDuplicateKeys) {
  EXPECT_EQ(readSimpleSigningPayload("{\"critical\":" + critical() + "}").error, "optional is missing");
  EXPECT_EQ(readSimpleSigningPayload(payload(critical()).insert(1, "\"extra\":1,")).error, "the document: unknown key \"extra\"");
  EXPECT_EQ(readSimpleSigningPayload(payload(R"({"type":"cosign container image signature","image":{},"identity":{}})")).error,
            "critical.image.docker-manifest-digest is missing");
  EXPECT_EQ(readSimpleSigningPayload(payload(R"({"type":"cosign container image signature","identity":{"docker-reference":"a"}})")).error,
            "critical.image is missing");
  EXPECT_EQ(readSimpleSigningPayload(payload(critical(), R"({"creator":"a","creator":"b"})")).error,
            "optional: duplicate key \"creator\"");
  std::string twice = critical();
  twice.insert(1, "\"type\":\"cosign container image signature\",");
  EXPECT_EQ(readSimpleSigningPayload(payload(twice)).error, "critical: duplicate key \"type\"");
}

TEST(SimpleSigning, TheTypeAndTheDigestAreChecked) {
  EXPECT_EQ(readSimpleSigningPayload(payload(critical("\"atomic container signature\""))).error,
            "critical.type is \"atomic container signature\", not \"cosign container image signature\"");
  EXPECT_EQ(readSimpleSigningPayload(payload(critical("null"))).error,
            "critical.type is \"\", not \"cosign container image signature\"");
  EXPECT_EQ(readSimpleSigningPayload(payload(critical("7"))).error, "critical.type is a number, not a string");
  EXPECT_EQ(readSimpleSigningPayload(payload(critical(kType, "\"sha256:ABC\""))).error,
            "critical.image.docker-manifest-digest \"sha256:ABC\": invalid checksum digest length");
  EXPECT_EQ(readSimpleSigningPayload(payload(critical(kType, "\"md5:d41d8cd98f00b204e9800998ecf8427e\""))).error,
            "critical.image.docker-manifest-digest \"md5:d41d8cd98f00b204e9800998ecf8427e\": unsupported digest algorithm");
  // Any reference string is the signer's claim; the policy decides whether it matches.
  SimpleSigningRead empty = readSimpleSigningPayload(payload(critical(kType, {}, "\"\"")));
  ASSERT_TRUE(empty.payload) << empty.error;
  EXPECT_EQ(empty.payload->dockerReference, "");
}

TEST(SimpleSigning, OptionalMembersHaveTheirTypes) {
  EXPECT_EQ(readSimpleSigningPayload(payload(critical(), R"({"timestamp":1.5})")).error, "optional.timestamp is not an integer: 1.5");
  EXPECT_EQ(readSimpleSigningPayload(payload(critical(), R"({"timestamp":"now"})")).error, "optional.timestamp is a string, not a number");
  EXPECT_EQ(readSimpleSigningPayload(payload(critical(), R"({"creator":5})")).error, "optional.creator is a number, not a string");
  EXPECT_EQ(readSimpleSigningPayload(payload(critical(), "[]")).error, "optional is an array, not an object");
}

TEST(SimpleSigning, NotJsonOrTooBigIsRefused) {
  EXPECT_EQ(readSimpleSigningPayload("").error.substr(0, 24), "simple signing payload: ");
  EXPECT_EQ(readSimpleSigningPayload(payload(critical()) + "x").error.substr(0, 24), "simple signing payload: ");
  EXPECT_EQ(readSimpleSigningPayload("[]").error, "the document is an array, not an object");
  std::string big(kMaxSimpleSigningBytes + 1, ' ');
  EXPECT_EQ(readSimpleSigningPayload(big).error, "simple signing payload: 1048577 bytes, more than the 1048576 read");
}

}  // namespace
}  // namespace isimport

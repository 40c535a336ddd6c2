// DSSE envelopes and the bytes their signatures cover (docs/signatures.md §10.3): an envelope
// signed with openssl over the PAE the test rebuilds, then what readDsseEnvelope refuses.
#include <gtest/gtest.h>

#include "supply/dsse.h"
#include "supply/public_key.h"
#include "support/test_support.h"

namespace isimport {
namespace {

using testing::readFixture;

TEST(Dsse, PreAuthEncodingCountsBytes) {
  EXPECT_EQ(preAuthEncoding("http://example.com/HelloWorld", "hello world"),
            "DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  EXPECT_EQ(preAuthEncoding("", ""), "DSSEv1 0  0 ");
  // Lengths are of bytes, not characters: "é" is two.
  EXPECT_EQ(preAuthEncoding("t", "\xc3\xa9"), "DSSEv1 1 t 2 \xc3\xa9");
  EXPECT_EQ(preAuthEncoding("t", std::string("a\0b", 3)), std::string("DSSEv1 1 t 3 a\0b", 16));
}

TEST(Dsse, TheSignedFixtureGivesThePaeOpensslSigned) {
  DsseRead read = readDsseEnvelope(readFixture("supply/attestations/slsa-v1-github.dsse.json"));
  ASSERT_TRUE(read.envelope) << read.error;
  const DsseEnvelope& e = *read.envelope;
  EXPECT_EQ(e.payloadType, kInTotoPayloadType);
  ASSERT_EQ(e.signatures.size(), 1u);
  EXPECT_EQ(e.signatures[0].keyid, "");
  EXPECT_EQ(preAuthEncoding(e.payloadType, e.payload), readFixture("supply/attestations/slsa-v1-github.pae"));
  // The signature is cosign's ASN.1 form; WebCrypto gets it as r||s.
  auto raw = ecdsaSignatureForWebCrypto(e.signatures[0].sig, 32);
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->size(), 64u);
}

TEST(Dsse, UrlSafeBase64IsTakenAsTheSpecificationAllows) {
  // Two question marks and ">" are "Pz8+" in the standard alphabet, "Pz8-" in the URL one.
  DsseRead read = readDsseEnvelope(R"({"payloadType":"t","payload":"Pz8-","signatures":[{"sig":"Pz8_"}]})");
  ASSERT_TRUE(read.envelope) << read.error;
  EXPECT_EQ(read.envelope->payload, "\?\?>");
  EXPECT_EQ(read.envelope->signatures[0].sig, "\?\?\?");
  EXPECT_EQ(readDsseEnvelope(R"({"payloadType":"t","payload":"Pz8-+A==","signatures":[{"sig":"AA=="}]})").error,
            "payload is not base64");
  // Unpadded base64 is protobuf's, not the JSON envelope's.
  EXPECT_EQ(readDsseEnvelope(R"({"payloadType":"t","payload":"Pz8","signatures":[{"sig":"AA=="}]})").error, "payload is not base64");
}

TEST(Dsse, EnvelopesWithoutWhatVerificationNeedsAreRefused) {
  EXPECT_EQ(readDsseEnvelope(R"({"payloadType":"t","payload":"","signatures":[]})").error,
            "signatures is empty: an envelope without signatures");
  EXPECT_EQ(readDsseEnvelope(R"({"payloadType":"t","payload":""})").error, "signatures is missing: an envelope without signatures");
  EXPECT_EQ(readDsseEnvelope(R"({"payload":"","signatures":[{"sig":"AA=="}]})").error, "payloadType is missing");
  EXPECT_EQ(readDsseEnvelope(R"({"payloadType":"","payload":"","signatures":[{"sig":"AA=="}]})").error, "payloadType is empty");
  EXPECT_EQ(readDsseEnvelope(R"({"payloadType":"t","signatures":[{"sig":"AA=="}]})").error, "payload is missing");
  EXPECT_EQ(readDsseEnvelope(R"({"payloadType":"t","payload":"","signatures":[{"keyid":"k"}]})").error, "signatures[0].sig is missing");
  EXPECT_EQ(readDsseEnvelope(R"({"payloadType":"t","payload":"","signatures":[{"sig":""}]})").error, "signatures[0].sig is empty");
  EXPECT_EQ(readDsseEnvelope(R"({"payloadType":"t","payload":"","signatures":[{"sig":"AA==","keyid":7}]})").error,
            "signatures[0].keyid is a number, not a string");
  EXPECT_EQ(readDsseEnvelope(R"({"payloadType":"t","payloadType":"u","payload":"","signatures":[{"sig":"AA=="}]})").error,
            "the document: duplicate key \"payloadType\"");
  EXPECT_EQ(readDsseEnvelope(R"({"payloadType":"t","payload":"","signatures":[{"sig":"AA=="}],"extra":true})").error, "");
}

TEST(Dsse, SignatureCountIsBounded) {
  std::string many = R"({"payloadType":"t","payload":"","signatures":[)";
  for (size_t i = 0; i <= kMaxDsseSignatures; ++i) many += std::string(i ? "," : "") + R"({"sig":"AA=="})";
  many += "]}";
  EXPECT_EQ(readDsseEnvelope(many).error, "signatures has 33 entries, more than 32");
}

}  // namespace
}  // namespace isimport

// Sigstore bundles (docs/signatures.md §10.6): sigstore-go's and cosign's own test bundles in each
// of the three verification-material forms and both contents, then the bundles sigstore-go's
// validate refuses and the protojson rules on names and unknown fields.
#include <gtest/gtest.h>

#include "supply/public_key.h"
#include "supply/sigstore_bundle.h"
#include "support/test_support.h"

namespace isimport {
namespace {

using testing::readFixture;

SigstoreBundle mustRead(const std::string& fixture) {
  SigstoreBundleRead read = readSigstoreBundle(readFixture("supply/upstream/" + fixture));
  EXPECT_TRUE(read.bundle) << read.error;
  return read.bundle.value_or(SigstoreBundle{});
}

TEST(SigstoreBundle, PublicKeyAndMessageSignatureV03) {
  SigstoreBundle b = mustRead("sigstore-go.public-key-validity.sigstore.json");
  EXPECT_EQ(b.version, "v0.3");
  EXPECT_EQ(b.verificationMaterial, "publicKey");
  EXPECT_EQ(b.publicKeyHint, "IpekKjxVkmTfB4YqY8q5sGEAeVtF9x3m7jHdhAxpgjQ=");
  EXPECT_EQ(b.tlogEntries, 0u);
  EXPECT_EQ(b.rfc3161Timestamps, 1u);
  EXPECT_EQ(b.content, "messageSignature");
  EXPECT_EQ(b.messageDigestAlgorithm, "SHA2_256");
  EXPECT_EQ(b.messageDigest.size(), 32u);
  EXPECT_TRUE(ecdsaSignatureForWebCrypto(b.signature, 32));  // an ASN.1 ECDSA signature
}

TEST(SigstoreBundle, PublicKeyDsseV01WithAnInclusionPromise) {
  SigstoreBundle b = mustRead("sigstore-go.bundle-publish.json");
  EXPECT_EQ(b.version, "v0.1");
  EXPECT_EQ(b.publicKeyHint, "SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA");
  EXPECT_EQ(b.tlogEntries, 1u);  // its "inclusionProof": null is unset, as protojson reads it
  EXPECT_EQ(b.content, "dsseEnvelope");
  ASSERT_TRUE(b.dsseEnvelope);
  EXPECT_EQ(b.dsseEnvelope->payloadType, "application/vnd.in-toto+json");
  EXPECT_EQ(b.dsseEnvelope->signatures.size(), 1u);
}

TEST(SigstoreBundle, CertificateChainV01AndSingleCertificateV03) {
  SigstoreBundle chain = mustRead("sigstore-go.dsse.sigstore.json");
  EXPECT_EQ(chain.verificationMaterial, "x509CertificateChain");
  ASSERT_FALSE(chain.certificates.empty());
  EXPECT_EQ(static_cast<unsigned char>(chain.certificates[0][0]), 0x30u);  // DER SEQUENCE
  SigstoreBundle single = mustRead("cosign.oci-attestation.sigstore.json");
  EXPECT_EQ(single.version, "v0.3");
  EXPECT_EQ(single.verificationMaterial, "certificate");
  ASSERT_EQ(single.certificates.size(), 1u);
  EXPECT_EQ(single.certificates[0].substr(0, 2), "\x30\x82");
  EXPECT_EQ(single.tlogEntries, 1u);
}

TEST(SigstoreBundle, MediaTypesAsSigstoreGoReadsThem) {
  EXPECT_EQ(sigstoreBundleVersion("application/vnd.dev.sigstore.bundle+json;version=0.1"), "v0.1");
  EXPECT_EQ(sigstoreBundleVersion("application/vnd.dev.sigstore.bundle+json;version=0.3"), "v0.3");
  EXPECT_EQ(sigstoreBundleVersion("application/vnd.dev.sigstore.bundle.v0.3+json"), "v0.3");
  EXPECT_EQ(sigstoreBundleVersion("application/vnd.dev.sigstore.bundle.v0.3.1+json"), "v0.3.1");
  EXPECT_EQ(sigstoreBundleVersion("application/vnd.dev.sigstore.bundle+json; version=0.1"), std::nullopt);
  EXPECT_EQ(sigstoreBundleVersion("application/vnd.dev.sigstore.bundle.v03+json"), std::nullopt);  // semver: no leading zeros
  EXPECT_EQ(sigstoreBundleVersion("application/vnd.dev.sigstore.bundle.v1+json"), "v1");  // valid, then refused as too new
  EXPECT_EQ(sigstoreBundleVersion("application/vnd.dev.sigstore.bundle.v0.03+json"), std::nullopt);
  EXPECT_EQ(sigstoreBundleVersion("application/json"), std::nullopt);
}

std::string bundle(std::string_view mediaType, std::string_view material, std::string_view content) {
  return "{\"mediaType\":\"" + std::string(mediaType) + "\",\"verificationMaterial\":" + std::string(material) + "," +
         std::string(content) + "}";
}
constexpr std::string_view kV03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
constexpr std::string_view kKey = R"({"publicKey":{"hint":"k"}})";
constexpr std::string_view kSig = R"("messageSignature":{"signature":"AA=="})";

TEST(SigstoreBundle, ProtojsonNamesAndFields) {
  // The .proto's own names are JSON names too; base64 may be unpadded or URL-safe.
  SigstoreBundleRead snake = readSigstoreBundle(
      R"({"media_type":"application/vnd.dev.sigstore.bundle.v0.3+json","verification_material":{"public_key":{"hint":"k"}},)"
      R"("message_signature":{"message_digest":{"algorithm":1,"digest":"Pz8-"},"signature":"AA"}})");
  ASSERT_TRUE(snake.bundle) << snake.error;
  EXPECT_EQ(snake.bundle->messageDigestAlgorithm, "SHA2_256");
  EXPECT_EQ(snake.bundle->messageDigest, "\?\?>");
  EXPECT_EQ(readSigstoreBundle(bundle(kV03, R"({"publicKey":{"hint":"k","extra":1}})", kSig)).error,
            "verificationMaterial.publicKey: unknown field \"extra\"");
  EXPECT_EQ(readSigstoreBundle(bundle(kV03, kKey, kSig).insert(1, "\"timestamp\":1,")).error, "unknown field \"timestamp\"");
  EXPECT_EQ(readSigstoreBundle(R"({"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","media_type":"x"})").error,
            "mediaType is given twice (as mediaType and media_type)");
  EXPECT_EQ(readSigstoreBundle(bundle(kV03, kKey, R"("messageSignature":{"messageDigest":{"algorithm":"MD5"},"signature":"AA=="})")).error,
            "messageSignature.messageDigest.algorithm is not a HashAlgorithm of sigstore_common.proto");
}

TEST(SigstoreBundle, WhatSigstoreGoValidateRefuses) {
  EXPECT_EQ(readSigstoreBundle(bundle("application/json", kKey, kSig)).error,
            "mediaType \"application/json\" is not a sigstore bundle media type");
  EXPECT_EQ(readSigstoreBundle(bundle("application/vnd.dev.sigstore.bundle.v0.4+json", kKey, kSig)).error,
            "bundle version v0.4 is not supported (v0.1 to v0.3)");
  EXPECT_EQ(readSigstoreBundle(R"({"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json",)" + std::string(kSig) + "}").error,
            "verificationMaterial is missing");
  EXPECT_EQ(readSigstoreBundle(bundle(kV03, "{}", kSig)).error,
            "verificationMaterial has none of publicKey, x509CertificateChain, certificate");
  EXPECT_EQ(readSigstoreBundle(bundle(kV03, R"({"publicKey":{},"certificate":{"rawBytes":"AA=="}})", kSig)).error,
            "verificationMaterial has more than one of publicKey, x509CertificateChain, certificate");
  EXPECT_EQ(readSigstoreBundle(bundle(kV03, R"({"x509CertificateChain":{"certificates":[{"rawBytes":"AA=="}]}})", kSig)).error,
            "an x509CertificateChain in a v0.3 bundle: from v0.3 on, only one certificate");
  EXPECT_EQ(readSigstoreBundle(bundle(kSigstoreBundleV02, R"({"x509CertificateChain":{"certificates":[]}})", kSig)).error,
            "verificationMaterial.x509CertificateChain.certificates is empty");
  EXPECT_EQ(readSigstoreBundle(bundle(kV03, R"({"certificate":{"rawBytes":""}})", kSig)).error,
            "verificationMaterial.certificate.rawBytes is empty");
  EXPECT_EQ(readSigstoreBundle(bundle(kV03, R"({"publicKey":{},"tlogEntries":[{"logIndex":"1"}]})", kSig)).error,
            "a v0.3 bundle whose tlog entries have no inclusion proof");
  EXPECT_EQ(readSigstoreBundle(bundle(kSigstoreBundleV01, R"({"publicKey":{},"tlogEntries":[{"inclusionProof":{}}]})", kSig)).error,
            "a v0.1 bundle whose tlog entries have no inclusion promise");
  EXPECT_EQ(readSigstoreBundle(bundle(kV03, kKey, R"("other":1)")).error, "unknown field \"other\"");
  EXPECT_EQ(readSigstoreBundle(bundle(kV03, kKey, R"("messageSignature":null)")).error,
            "the bundle has no content: neither messageSignature nor dsseEnvelope");
  EXPECT_EQ(readSigstoreBundle(bundle(kV03, kKey, std::string(kSig) + R"(,"dsseEnvelope":{})")).error,
            "the bundle has both messageSignature and dsseEnvelope");
  EXPECT_EQ(readSigstoreBundle(bundle(kV03, kKey, R"("messageSignature":{})")).error, "messageSignature.signature is missing");
  EXPECT_EQ(readSigstoreBundle(bundle(kV03, kKey, R"("dsseEnvelope":{"payload":"","payloadType":"t","signatures":[],"x":1})")).error,
            "dsseEnvelope: unknown key \"x\"");
  std::string entries = R"({"publicKey":{},"tlogEntries":[)";
  for (size_t i = 0; i <= kMaxBundleTlogEntries; ++i) entries += std::string(i ? "," : "") + R"({"inclusionProof":{}})";
  EXPECT_EQ(readSigstoreBundle(bundle(kV03, entries + "]}", kSig)).error,
            "verificationMaterial.tlogEntries has 33 entries, more than 32");
}

}  // namespace
}  // namespace isimport

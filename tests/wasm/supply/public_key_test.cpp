// Public keys as a person pastes them (docs/signatures.md §10.1): keys made with openssl
// (tests/fixtures/supply/README.md), read into SPKI DER for WebCrypto, and every other kind of key
// or block refused with a reason that names it.
#include <gtest/gtest.h>

#include "registry/digest.h"
#include "supply/der.h"
#include "supply/json_object.h"
#include "supply/public_key.h"
#include "support/test_support.h"

namespace isimport {
namespace {

using testing::readFixture;

std::string key(const std::string& name) { return readFixture("supply/keys/" + name); }

std::string hexToBytes(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

TEST(PublicKey, EcdsaP256KeyIsItsSpkiAndFingerprint) {
  PublicKeyRead read = readPublicKeyPem(key("ec-p256.pub.pem"));
  ASSERT_TRUE(read.key) << read.error;
  EXPECT_EQ(read.key->algorithm, "ecdsa-p256");
  EXPECT_EQ(read.key->bits, 256);
  // The DER openssl wrote for the same key is what WebCrypto's importKey('spki') gets.
  EXPECT_EQ(read.key->spki, key("ec-p256.pub.der"));
  EXPECT_EQ(read.key->spki.size(), 91u);
  EXPECT_EQ(read.key->fingerprint, "SHA256:" + sha256Digest(key("ec-p256.pub.der")).substr(7));
}

TEST(PublicKey, EcdsaP384RsaAndEd25519Keys) {
  PublicKeyRead p384 = readPublicKeyPem(key("ec-p384.pub.pem"));
  ASSERT_TRUE(p384.key) << p384.error;
  EXPECT_EQ(p384.key->algorithm, "ecdsa-p384");
  EXPECT_EQ(p384.key->bits, 384);
  EXPECT_EQ(p384.key->spki, key("ec-p384.pub.der"));

  PublicKeyRead rsa2048 = readPublicKeyPem(key("rsa-2048.pub.pem"));
  ASSERT_TRUE(rsa2048.key) << rsa2048.error;
  EXPECT_EQ(rsa2048.key->algorithm, "rsa");
  EXPECT_EQ(rsa2048.key->bits, 2048);
  EXPECT_EQ(rsa2048.key->spki, key("rsa-2048.pub.der"));

  PublicKeyRead rsa3072 = readPublicKeyPem(key("rsa-3072.pub.pem"));
  ASSERT_TRUE(rsa3072.key) << rsa3072.error;
  EXPECT_EQ(rsa3072.key->bits, 3072);

  PublicKeyRead ed = readPublicKeyPem(key("ed25519.pub.pem"));
  ASSERT_TRUE(ed.key) << ed.error;
  EXPECT_EQ(ed.key->algorithm, "ed25519");
  EXPECT_EQ(ed.key->bits, 255);
  EXPECT_EQ(ed.key->spki, key("ed25519.pub.der"));
}

TEST(PublicKey, TextAroundTheBlockIsIgnoredAsGoPemDecodeIgnoresIt) {
  std::string pem = "my cosign key:\r\n" + key("ec-p256.pub.pem") + "trailing words\n";
  PublicKeyRead read = readPublicKeyPem(pem);
  ASSERT_TRUE(read.key) << read.error;
  EXPECT_EQ(read.key->spki, key("ec-p256.pub.der"));
  // CRLF line ends, as a Windows editor saves them.
  std::string crlf;
  for (char c : key("ed25519.pub.pem")) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_TRUE(readPublicKeyPem(crlf).key);
}

TEST(PublicKey, SmallRsaKeysAreRefusedAsSigstoreRefusesThem) {
  PublicKeyRead read = readPublicKeyPem(key("rsa-1024.pub.pem"));
  EXPECT_FALSE(read.key);
  EXPECT_EQ(read.error, "an RSA key of 1024 bits: sigstore requires at least 2048");
}

TEST(PublicKey, CurvesWebCryptoAndCosignDoNotShareAreNamed) {
  EXPECT_EQ(readPublicKeyPem(key("ec-p521.pub.pem")).error,
            "ECDSA curve P-521 (secp521r1, 1.3.132.0.35) is not supported: P-256 or P-384 only");
  EXPECT_EQ(readPublicKeyPem(key("ec-secp256k1.pub.pem")).error,
            "ECDSA curve secp256k1 (1.3.132.0.10) is not supported: P-256 or P-384 only");
  EXPECT_EQ(readPublicKeyPem(key("ec-p256-compressed.pub.pem")).error,
            "a compressed EC point: Go's crypto/x509 and WebCrypto take the uncompressed form only");
}

TEST(PublicKey, OtherBlocksAreNamed) {
  EXPECT_EQ(readPublicKeyPem(key("rsa-2048.pkcs1.pem")).error,
            "a PKCS #1 \"RSA PUBLIC KEY\" block: give the key as a \"PUBLIC KEY\" (SubjectPublicKeyInfo) block");
  EXPECT_EQ(readPublicKeyPem(key("ec-p256.key.pem")).error, "a private key (\"EC PRIVATE KEY\" block): give the public key");
  EXPECT_EQ(readPublicKeyPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").error,
            "a certificate, not a \"PUBLIC KEY\" block");
  EXPECT_EQ(readPublicKeyPem("").error, "no PEM block found");
  EXPECT_EQ(readPublicKeyPem("x-----BEGIN PUBLIC KEY-----\n").error, "no PEM block found");
  EXPECT_EQ(readPublicKeyPem("-----BEGIN PUBLIC KEY-----\nAAAA\n").error, "the \"PUBLIC KEY\" PEM block has no END line");
  EXPECT_EQ(readPublicKeyPem("-----BEGIN PUBLIC KEY-----\nA*AA\n-----END PUBLIC KEY-----").error,
            "the PEM body is not base64 (at byte 1)");
}

TEST(PublicKey, DerIsReadStrictly) {
  std::string der = key("ec-p256.pub.der");
  ASSERT_TRUE(readPublicKeyDer(der).key);
  EXPECT_EQ(readPublicKeyDer(der + std::string(1, '\0')).error, "trailing bytes after the SubjectPublicKeyInfo");
  EXPECT_EQ(readPublicKeyDer(der.substr(0, 90)).error, "SubjectPublicKeyInfo: element longer than the bytes that hold it");
  // The same SEQUENCE with its length in the long form: BER, not DER.
  std::string longForm = std::string("\x30\x81\x59", 3) + der.substr(2);
  EXPECT_EQ(readPublicKeyDer(longForm).error, "SubjectPublicKeyInfo: long-form length below 128");
  std::string indefinite = std::string("\x30\x80", 2) + der.substr(2) + std::string(2, '\0');
  EXPECT_EQ(readPublicKeyDer(indefinite).error, "SubjectPublicKeyInfo: indefinite length");
  EXPECT_EQ(readPublicKeyDer("").error, "SubjectPublicKeyInfo: truncated element");
}

TEST(PublicKey, UnknownAlgorithmsAreNamedByTheirOid) {
  // An X25519 key (a key-agreement key, no signatures): 1.3.101.110.
  std::string x25519 = std::string("\x30\x2a\x30\x05\x06\x03\x2b\x65\x6e\x03\x21\x00", 12) + std::string(32, '\x11');
  EXPECT_EQ(readPublicKeyDer(x25519).error,
            "public key algorithm X25519 (1.3.101.110) is not supported: ECDSA P-256/P-384, RSA or Ed25519 only");
  std::string made = std::string("\x30\x2b\x30\x06\x06\x04\x2a\x03\x04\x05\x03\x21\x00", 13) + std::string(32, '\x11');
  EXPECT_EQ(readPublicKeyDer(made).error,
            "public key algorithm 1.2.3.4.5 is not supported: ECDSA P-256/P-384, RSA or Ed25519 only");
  // Ed25519 with parameters (RFC 8410 says absent).
  std::string ed = key("ed25519.pub.der");
  std::string edWithNull = std::string("\x30\x2c\x30\x07\x06\x03\x2b\x65\x70\x05\x00", 11) + ed.substr(9);
  EXPECT_EQ(readPublicKeyDer(edWithNull).error, "an Ed25519 key with algorithm parameters");
}

TEST(PublicKey, DottedOidsAreMinimal) {
  EXPECT_EQ(der::dottedOid(std::string("\x2a\x86\x48\xce\x3d\x02\x01", 7)), "1.2.840.10045.2.1");
  EXPECT_EQ(der::dottedOid(std::string("\x2b\x81\x04\x00\x23", 5)), "1.3.132.0.35");
  EXPECT_EQ(der::dottedOid(std::string("\x2a\x80\x01", 3)), "");  // 0x80 padding
  EXPECT_EQ(der::dottedOid(std::string("\x2a\x86", 2)), "");      // unfinished arc
}

TEST(EcdsaSignature, DerSignaturesBecomeFixedRAndS) {
  std::string p256 = readFixture("supply/signatures/simple-signing.p256.sig.der");
  auto raw = ecdsaSignatureForWebCrypto(p256, 32);
  ASSERT_TRUE(raw);
  EXPECT_EQ(supply::lowerHex(*raw), readFixture("supply/signatures/simple-signing.p256.sig.rs.hex"));
  std::string p384 = readFixture("supply/signatures/simple-signing.p384.sig.der");
  auto raw384 = ecdsaSignatureForWebCrypto(p384, 48);
  ASSERT_TRUE(raw384);
  EXPECT_EQ(supply::lowerHex(*raw384), readFixture("supply/signatures/simple-signing.p384.sig.rs.hex"));
  // A P-384 signature does not fit P-256's halves, and is not 64 raw bytes either.
  EXPECT_EQ(ecdsaSignatureForWebCrypto(p384, 32), std::nullopt);
}

TEST(EcdsaSignature, ShortIntegersArePaddedAndRawSignaturesPassThrough) {
  // r = 1, s = 0x80 (needs its 0x00 sign byte).
  std::string der = std::string("\x30\x07\x02\x01\x01\x02\x02\x00\x80", 9);
  auto raw = ecdsaSignatureForWebCrypto(der, 32);
  ASSERT_TRUE(raw);
  EXPECT_EQ(*raw, std::string(31, '\0') + "\x01" + std::string(31, '\0') + "\x80");
  std::string rs = hexToBytes(readFixture("supply/signatures/simple-signing.p256.sig.rs.hex"));
  EXPECT_EQ(ecdsaSignatureForWebCrypto(rs, 32), rs);
}

TEST(EcdsaSignature, NonDerIntegersAreRefused) {
  EXPECT_EQ(ecdsaSignatureForWebCrypto(std::string("\x30\x08\x02\x02\x00\x01\x02\x02\x00\x80", 10), 32), std::nullopt);  // 0x00 not needed
  EXPECT_EQ(ecdsaSignatureForWebCrypto(std::string("\x30\x06\x02\x01\x81\x02\x01\x01", 8), 32), std::nullopt);  // negative r
  EXPECT_EQ(ecdsaSignatureForWebCrypto(std::string("\x30\x06\x02\x01\x00\x02\x01\x01", 8), 32), std::nullopt);  // r = 0
  EXPECT_EQ(ecdsaSignatureForWebCrypto(std::string("\x30\x06\x02\x01\x01\x02\x01\x01\x00", 9), 32), std::nullopt);  // trailing byte
  EXPECT_EQ(ecdsaSignatureForWebCrypto("", 32), std::nullopt);
  EXPECT_EQ(ecdsaSignatureForWebCrypto(std::string(64, 'x'), 0), std::nullopt);
}

}  // namespace
}  // namespace isimport

namespace isimport {
namespace {

TEST(PublicKey, AnEmptyBlockIsAnEmptyKeyNotTheRestOfTheText) {
  PublicKeyRead read = readPublicKeyPem("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\ntrailing text\n");
  ASSERT_FALSE(read.key.has_value());
  EXPECT_EQ(read.error, "SubjectPublicKeyInfo: truncated element") << "the body is empty, not the text after the block";
}

}  // namespace
}  // namespace isimport

// Certificates read only to describe them (docs/signatures.md §10.10): certificates made with
// openssl (tests/fixtures/supply/certificates/README.md), real Fulcio certificates from sigstore's
// test data, what the e2e registry pushes (e2e/registry/supply-keys.mjs makeCertificates), Notation
// JWS envelopes, and hand-built DER for each refusal. Nothing here is verified, and nothing says so.
#include <gtest/gtest.h>

#include "go/base64.h"
#include "supply/certificate_identity.h"
#include "supply/json_object.h"
#include "supply/sigstore_bundle.h"
#include "support/test_support.h"

namespace isimport {
namespace {

using testing::readFixture;
using Strings = std::vector<std::string>;

std::string cert(const std::string& name) { return readFixture("supply/certificates/" + name); }

CertificateIdentity mustRead(const std::string& pem) {
  CertificateRead read = readCertificatePem(pem);
  EXPECT_TRUE(read.certificate) << read.error;
  return read.certificate ? *read.certificate : CertificateIdentity{};
}

TEST(CertificateIdentity, FulcioLikeLeafWithEmailAndBothIssuerForms) {
  CertificateIdentity c = mustRead(cert("fulcio-email.pem"));
  EXPECT_EQ(c.version, 3);
  EXPECT_EQ(c.subject.commonName, "");
  EXPECT_EQ(c.subject.organization, "");
  EXPECT_EQ(c.issuer.commonName, "isimport-test-intermediate");
  EXPECT_EQ(c.issuer.organization, "isimport tests");
  EXPECT_FALSE(c.selfIssued);
  EXPECT_EQ(c.notBefore, "2024-01-01T00:00:00Z");
  EXPECT_EQ(c.notAfter, "2024-01-01T00:10:00Z");
  EXPECT_EQ(c.notBeforeUnix, 1704067200);
  EXPECT_EQ(c.notAfterUnix, 1704067800);
  EXPECT_EQ(c.emails, Strings{"user@example.com"});
  EXPECT_TRUE(c.uris.empty());
  EXPECT_EQ(c.oidcIssuer, "https://accounts.google.com");
  ASSERT_TRUE(c.publicKey) << c.publicKeyError;
  EXPECT_EQ(c.publicKey->algorithm, "ecdsa-p256");
  EXPECT_EQ(describeIdentity(c),
            "signed by user@example.com, issued by https://accounts.google.com (certificate by isimport-test-intermediate, "
            "valid 2024-01-01T00:00:00Z to 2024-01-01T00:10:00Z)");
  // The DER openssl wrote is what the PEM holds.
  EXPECT_EQ(c.der, cert("fulcio-email.der"));
  CertificateRead der = readCertificateDer(cert("fulcio-email.der"));
  ASSERT_TRUE(der.certificate) << der.error;
  EXPECT_EQ(describeIdentity(*der.certificate), describeIdentity(c));
}

TEST(CertificateIdentity, RsaLeafWithWorkflowUriAndGithubExtensions) {
  CertificateIdentity c = mustRead(cert("fulcio-github-rsa.pem"));
  const std::string workflow = "https://github.com/example/app/.github/workflows/release.yml@refs/heads/main";
  EXPECT_EQ(c.subject.organization, "sigstore.dev");
  EXPECT_EQ(c.uris, Strings{workflow});
  EXPECT_EQ(c.dnsNames, Strings{"build.example.com"});
  EXPECT_TRUE(c.emails.empty());
  EXPECT_EQ(c.oidcIssuer, "https://token.actions.githubusercontent.com");
  EXPECT_EQ(c.buildSignerUri, workflow);
  EXPECT_EQ(c.sourceRepositoryUri, "https://github.com/example/app");
  EXPECT_EQ(c.sourceRepositoryRef, "");
  ASSERT_TRUE(c.publicKey) << c.publicKeyError;
  EXPECT_EQ(c.publicKey->algorithm, "rsa");
  EXPECT_EQ(c.publicKey->bits, 2048);
  EXPECT_EQ(describeIdentity(c), "signed by " + workflow +
                                     ", issued by https://token.actions.githubusercontent.com (certificate by "
                                     "isimport-test-intermediate, valid 2024-03-01T12:00:00Z to 2024-03-01T12:10:00Z)");
}

TEST(CertificateIdentity, ExpiredLeafWithOnlyTheDeprecatedRawIssuer) {
  CertificateIdentity c = mustRead(cert("expired.pem"));
  EXPECT_EQ(c.oidcIssuer, "https://oauth2.sigstore.dev/auth");
  EXPECT_EQ(c.notBefore, "2020-01-01T00:00:00Z");
  EXPECT_EQ(c.notAfter, "2020-01-01T00:10:00Z");
  // Expiry is the caller's to judge (it has the clock); the description only states the period.
  EXPECT_EQ(describeIdentity(c), "signed by old@example.com, issued by https://oauth2.sigstore.dev/auth (certificate by "
                                 "isimport-test-intermediate, valid 2020-01-01T00:00:00Z to 2020-01-01T00:10:00Z)");
}

TEST(CertificateIdentity, UtcTimeBefore2050GeneralizedTimeAfterAndUtf8Names) {
  CertificateIdentity c = mustRead(cert("generalized-time.pem"));
  EXPECT_EQ(c.notBefore, "2049-12-31T23:00:00Z");  // UTCTime "49…" is 2049 (RFC 5280 §4.1.2.5.1)
  EXPECT_EQ(c.notAfter, "2050-01-01T01:02:03Z");   // GeneralizedTime
  EXPECT_EQ(c.notAfterUnix, 2524611723);
  EXPECT_EQ(c.subject.commonName, "Zo\xc3\xab Signer");
  EXPECT_EQ(c.subject.organization, "Ex\xc3\xa4mple Ltd");
  EXPECT_EQ(describeIdentity(c), "signed by Zo\xc3\xab Signer (certificate by isimport-test-intermediate, valid "
                                 "2049-12-31T23:00:00Z to 2050-01-01T01:02:03Z)");
}

TEST(CertificateIdentity, SelfIssuedCertificates) {
  CertificateIdentity ca = mustRead(cert("intermediate-p384.pem"));
  EXPECT_TRUE(ca.selfIssued);
  ASSERT_TRUE(ca.publicKey) << ca.publicKeyError;
  EXPECT_EQ(ca.publicKey->algorithm, "ecdsa-p384");
  EXPECT_EQ(describeIdentity(ca), "signed by isimport-test-intermediate (a self-issued certificate, valid 2024-01-01T00:00:00Z "
                                  "to 2034-01-01T00:00:00Z)");
  CertificateIdentity notation = mustRead(cert("notation-self-signed.pem"));
  EXPECT_TRUE(notation.selfIssued);
  EXPECT_EQ(notation.subject.commonName, "isimport tests notation");
  EXPECT_EQ(notation.subject.organization, "isimport tests");
}

// sigstore/sigstore-go examples/bundle-v02.json: a real Fulcio certificate for a GitHub Actions
// workflow, with the deprecated and the current extensions.
TEST(CertificateIdentity, RealFulcioGithubActionsCertificate) {
  CertificateIdentity c = mustRead(cert("sigstore-go.bundle-v02.leaf.pem"));
  const std::string repo = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon";
  const std::string workflow = repo + "/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
  EXPECT_EQ(c.serialNumber, "04f5ace0e3cdd64b5ed2650c199ad9ea8ccc5519");
  EXPECT_EQ(c.issuer.commonName, "sigstore-intermediate");
  EXPECT_EQ(c.issuer.organization, "sigstore.dev");
  EXPECT_EQ(c.uris, Strings{workflow});
  EXPECT_EQ(c.oidcIssuer, "https://token.actions.githubusercontent.com");
  EXPECT_EQ(c.buildSignerUri, workflow);
  EXPECT_EQ(c.sourceRepositoryUri, repo);
  EXPECT_EQ(c.sourceRepositoryRef, "refs/heads/main");
  EXPECT_EQ(describeIdentity(c), "signed by " + workflow +
                                     ", issued by https://token.actions.githubusercontent.com (certificate by sigstore-intermediate, "
                                     "valid 2023-07-12T15:56:35Z to 2023-07-12T16:06:35Z)");
}

// The certificates of the sigstore bundles already among the fixtures: a v0.3 `certificate`
// (cosign) and a v0.1 `x509CertificateChain` of leaf, intermediate and root (sigstore-go).
TEST(CertificateIdentity, CertificatesOfSigstoreBundles) {
  SigstoreBundleRead cosign = readSigstoreBundle(readFixture("supply/upstream/cosign.oci-attestation.sigstore.json"));
  ASSERT_TRUE(cosign.bundle) << cosign.error;
  ASSERT_EQ(cosign.bundle->certificates.size(), 1u);
  CertificateRead leaf = readCertificateDer(cosign.bundle->certificates[0]);
  ASSERT_TRUE(leaf.certificate) << leaf.error;
  EXPECT_EQ(describeIdentity(*leaf.certificate),
            "signed by cody@soyland.com, issued by https://github.com/login/oauth (certificate by sigstore-intermediate, "
            "valid 2025-02-28T19:18:11Z to 2025-02-28T19:28:11Z)");

  SigstoreBundleRead chain = readSigstoreBundle(readFixture("supply/upstream/sigstore-go.dsse.sigstore.json"));
  ASSERT_TRUE(chain.bundle) << chain.error;
  ASSERT_EQ(chain.bundle->certificates.size(), 3u);
  std::vector<CertificateIdentity> read;
  for (const std::string& der : chain.bundle->certificates) {
    CertificateRead r = readCertificateDer(der);
    ASSERT_TRUE(r.certificate) << r.error;
    read.push_back(*r.certificate);
  }
  EXPECT_EQ(read[0].emails, Strings{"brian@dehamer.com"});
  EXPECT_EQ(read[0].oidcIssuer, "https://github.com/login/oauth");  // only the deprecated .1.1 in 2022
  EXPECT_EQ(read[1].subject.commonName, "sigstore-intermediate");
  EXPECT_EQ(read[1].serialNumber, "b9d58957e75346eb25ab264641eb9ff5277da4");  // no 0x00 sign byte
  EXPECT_FALSE(read[1].selfIssued);
  EXPECT_TRUE(read[2].selfIssued);
  EXPECT_EQ(describeIdentity(read[2]), "signed by sigstore (a self-issued certificate, valid 2021-10-07T13:56:59Z to 2031-10-05T13:56:58Z)");
}

// What the e2e registry pushes: the keyless cosign signature's certificate and CA, and the
// Notation envelope (made by makeCertificates and notationEnvelope; README.md).
TEST(CertificateIdentity, EndToEndKeylessCertificate) {
  CertificateIdentity c = mustRead(cert("e2e-keyless.pem"));
  EXPECT_EQ(c.emails, Strings{"builder@isimport.invalid"});
  EXPECT_EQ(c.oidcIssuer, "https://issuer.isimport.invalid");
  EXPECT_EQ(c.subject.organization, "sigstore.dev");
  EXPECT_EQ(c.issuer.commonName, "isimport e2e fulcio-like CA");
  EXPECT_EQ(describeIdentity(c).rfind("signed by builder@isimport.invalid, issued by https://issuer.isimport.invalid (certificate by "
                                      "isimport e2e fulcio-like CA, valid ",
                                      0),
            0u)
      << describeIdentity(c);
  CertificateIdentity ca = mustRead(cert("e2e-keyless-ca.pem"));
  EXPECT_TRUE(ca.selfIssued);
  EXPECT_EQ(ca.subject.commonName, "isimport e2e fulcio-like CA");
}

TEST(CertificateIdentity, EndToEndNotationEnvelope) {
  std::string text = cert("e2e-notation.jws.json");
  NotationJwsRead read = readNotationJws(text);
  ASSERT_TRUE(read.envelope) << read.error;
  const NotationJws& e = *read.envelope;
  EXPECT_EQ(e.leaf.subject.commonName, "isimport e2e notation");
  EXPECT_TRUE(e.leaf.selfIssued);
  EXPECT_TRUE(e.chain.empty());
  EXPECT_EQ(e.algorithm, "ES256");
  EXPECT_EQ(e.signingScheme, "notary.x509");
  EXPECT_EQ(e.signingTime, "2024-01-01T00:00:00Z");
  EXPECT_EQ(e.protectedError, "");
  EXPECT_EQ(e.signingAgent, "notation-go/1.3.0");
  std::string ab;
  for (int i = 0; i < 32; ++i) ab += "ab";
  EXPECT_EQ(e.targetDigest, "sha256:" + ab);
  EXPECT_EQ(e.signature.size(), 64u);  // ES256: r||s
  ASSERT_TRUE(e.leaf.publicKey) << e.leaf.publicKeyError;
  EXPECT_EQ(e.leaf.publicKey->algorithm, "ecdsa-p256");
  // The signing input is the two members as written, joined by a dot (RFC 7515 §5.1).
  json::ParseResult parsed = json::parse(text);
  ASSERT_TRUE(parsed.ok);
  supply::JsonObject o(parsed.tree, 0, "");
  EXPECT_EQ(e.signingInput, o.string("protected", true).value + "." + o.string("payload", true).value);
  std::string line = describeIdentity(e);
  EXPECT_EQ(line.rfind("signed by isimport e2e notation (a self-issued certificate, valid ", 0), 0u) << line;
  EXPECT_NE(line.find("), signing time 2024-01-01T00:00:00Z (the signer's claim)"), std::string::npos) << line;
}

// ---- hand-built envelopes

std::string b64url(std::string_view bytes) {
  std::string s = base64Encode(bytes);
  for (char& c : s) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!s.empty() && s.back() == '=') s.pop_back();
  return s;
}

std::string envelope(const std::string& header, const std::string& x5c, const std::string& payload = "{\"targetArtifact\":{}}") {
  return "{\"payload\":\"" + b64url(payload) + "\",\"protected\":\"" + b64url(header) + "\",\"header\":{\"x5c\":" + x5c +
         "},\"signature\":\"" + b64url("sig") + "\"}";
}

std::string leafB64() { return base64Encode(cert("fulcio-email.der")); }

TEST(CertificateIdentity, NotationEnvelopeRefusals) {
  auto error = [](const std::string& text) {
    NotationJwsRead r = readNotationJws(text);
    EXPECT_FALSE(r.envelope) << text;
    return r.error;
  };
  std::string ok = envelope("{\"alg\":\"ES256\"}", "[\"" + leafB64() + "\"]");
  ASSERT_TRUE(readNotationJws(ok).envelope) << readNotationJws(ok).error;
  EXPECT_EQ(error(envelope("{}", "[]")), "header.x5c is empty: the envelope carries no certificate");
  EXPECT_EQ(error(envelope("{}", "{}")), "header.x5c is an object, not an array");
  EXPECT_EQ(error(envelope("{}", "[1]")), "header.x5c[0] is a number, not a string");
  EXPECT_EQ(error(envelope("{}", "[\"" + leafB64() + "\",\"@@@@\"]")), "header.x5c[1] is not base64 (at byte 0)");
  EXPECT_EQ(error(envelope("{}", "[\"" + base64Encode("\x30\x03\x02\x01\x01") + "\"]")),
            "header.x5c[0]: tbsCertificate: tag 0x02 where 0x30 was expected");
  std::string eleven = "[";
  for (int i = 0; i < 11; ++i) eleven += std::string(i ? "," : "") + "\"" + leafB64() + "\"";
  EXPECT_EQ(error(envelope("{}", eleven + "]")), "header.x5c has 11 certificates, more than 10");
  EXPECT_EQ(error("{\"payload\":\"e30\",\"protected\":\"e30\",\"signature\":\"AA\"}"), "header is missing");
  EXPECT_EQ(error("{\"payload\":\"e30=\",\"protected\":\"e30\",\"header\":{},\"signature\":\"AA\"}"), "payload is not unpadded base64url");
  EXPECT_EQ(error("{\"signatures\":[]}"), "a general JWS serialization (\"signatures\"): Notation writes the flattened one");
  EXPECT_EQ(error("[]"), "the document is an array, not an object");
  EXPECT_NE(error("not json"), "");
}

TEST(CertificateIdentity, NotationProtectedHeaderThatDoesNotReadIsNotFatal) {
  NotationJwsRead r = readNotationJws(envelope("not json", "[\"" + leafB64() + "\"]"));
  ASSERT_TRUE(r.envelope) << r.error;
  EXPECT_NE(r.envelope->protectedError, "");
  EXPECT_EQ(r.envelope->signingTime, "");
  r = readNotationJws(envelope("{\"io.cncf.notary.signingTime\":\"yesterday\"}", "[\"" + leafB64() + "\"]"));
  ASSERT_TRUE(r.envelope) << r.error;
  EXPECT_EQ(r.envelope->protectedError, "protected.io.cncf.notary.signingTime is not an RFC 3339 time");
  r = readNotationJws(envelope("{\"io.cncf.notary.signingScheme\":\"notary.x509.signingAuthority\","
                               "\"io.cncf.notary.authenticSigningTime\":\"2024-05-01T10:00:00+02:00\"}",
                               "[\"" + leafB64() + "\"]"));
  ASSERT_TRUE(r.envelope) << r.error;
  EXPECT_EQ(r.envelope->authenticSigningTime, "2024-05-01T08:00:00Z");
  EXPECT_NE(describeIdentity(*r.envelope).find(", authentic signing time 2024-05-01T08:00:00Z (not checked)"), std::string::npos);
}

// ---- PEM

TEST(CertificateIdentity, PemTextAroundAndOtherBlocks) {
  std::string pem = cert("fulcio-email.pem");
  EXPECT_TRUE(readCertificatePem("cosign's annotation may say anything first\n" + pem + "trailing text").certificate);
  // Only the first block counts: a chain's first certificate is the one described.
  CertificateRead two = readCertificatePem(pem + cert("intermediate-p384.pem"));
  ASSERT_TRUE(two.certificate) << two.error;
  EXPECT_EQ(two.certificate->emails, Strings{"user@example.com"});
  EXPECT_EQ(readCertificatePem(readFixture("supply/keys/ec-p256.pub.pem")).error, "a \"PUBLIC KEY\" PEM block, not \"CERTIFICATE\"");
  EXPECT_EQ(readCertificatePem("").error, "no PEM block found");
  EXPECT_EQ(readCertificatePem("x-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n").error, "no PEM block found");
  EXPECT_EQ(readCertificatePem("-----BEGIN CERTIFICATE-----\nAAAA\n").error, "the PEM block has no END line");
  EXPECT_EQ(readCertificatePem("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n").error, "certificate: truncated element");
  EXPECT_EQ(readCertificatePem("-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END CERTIFICATE-----\n").error,
            "PEM headers in the block");
  EXPECT_EQ(readCertificatePem("-----BEGIN CERTIFICATE-----\n*AAA\n-----END CERTIFICATE-----\n").error, "the PEM body is not base64 (at byte 0)");
  EXPECT_EQ(readCertificatePem(std::string(kMaxCertificatePemBytes + 1, ' ')).error, "the certificate text is 262145 bytes, more than 262144");
}

// ---- hand-built DER

std::string tlv(uint8_t tag, const std::string& content) {
  std::string out(1, static_cast<char>(tag));
  size_t n = content.size();
  if (n < 0x80) {
    out += static_cast<char>(n);
  } else if (n < 0x100) {
    out += '\x81';
    out += static_cast<char>(n);
  } else {
    out += '\x82';
    out += static_cast<char>(n >> 8);
    out += static_cast<char>(n & 0xff);
  }
  return out + content;
}

const std::string kCn = "\x55\x04\x03";
const std::string kSan = "\x55\x1d\x11";
const std::string kFulcio = std::string("\x2b\x06\x01\x04\x01\x83\xbf\x30\x01", 9);

std::string name(uint8_t stringTag, const std::string& cn) {
  return tlv(0x30, tlv(0x31, tlv(0x30, tlv(0x06, kCn) + tlv(stringTag, cn))));
}
std::string utc(const std::string& t) { return tlv(0x17, t); }
std::string extension(const std::string& oid, const std::string& value, bool critical = false) {
  return tlv(0x30, tlv(0x06, oid) + (critical ? tlv(0x01, "\xff") : "") + tlv(0x04, value));
}

struct Parts {
  std::string version = tlv(0xa0, tlv(0x02, "\x02"));
  std::string serial = tlv(0x02, "\x01");
  std::string issuer = name(0x13, "Test CA");
  std::string validity = tlv(0x30, utc("240101000000Z") + utc("240101001000Z"));
  std::string subject = name(0x0c, "Leaf");
  std::string extensions;  // the Extension elements, wrapped in [3] SEQUENCE when not empty
  std::string after;

  std::string der() const {
    std::string tbs = version + serial + tlv(0x30, tlv(0x06, "\x2a\x86\x48\xce\x3d\x04\x03\x02")) + issuer + validity + subject +
                      readFixture("supply/keys/ec-p256.pub.der");
    if (!extensions.empty()) tbs += tlv(0xa3, tlv(0x30, extensions));
    tbs += after;
    return tlv(0x30, tlv(0x30, tbs) + tlv(0x30, tlv(0x06, "\x2a\x86\x48\xce\x3d\x04\x03\x02")) + tlv(0x03, std::string("\x00\x01", 2)));
  }
};

std::string readError(const Parts& p) {
  CertificateRead r = readCertificateDer(p.der());
  EXPECT_FALSE(r.certificate);
  return r.error;
}

TEST(CertificateIdentity, HandBuiltCertificateReads) {
  Parts p;
  p.extensions = extension(kSan, tlv(0x30, tlv(0x81, "a@b.example") + tlv(0x87, std::string("\x7f\x00\x00\x01", 4)) + tlv(0x86, "https://x.example") +
                                               tlv(0xa0, tlv(0x06, kFulcio + "\x07") + tlv(0xa0, tlv(0x0c, "foo!oidc.local")))),
                           true) +
                 extension(kFulcio + "\x08", tlv(0x13, "https://printable.example")) +
                 extension(kFulcio + "\x01", "https://raw.example") +
                 extension("\x2b\x06\x01\x04\x01\x82\x37\x15\x14", "anything, unread", true);  // unknown, critical
  CertificateRead r = readCertificateDer(p.der());
  ASSERT_TRUE(r.certificate) << r.error;
  const CertificateIdentity& c = *r.certificate;
  EXPECT_EQ(c.issuer.commonName, "Test CA");
  EXPECT_EQ(c.subject.commonName, "Leaf");
  EXPECT_EQ(c.emails, Strings{"a@b.example"});
  EXPECT_EQ(c.uris, Strings{"https://x.example"});
  EXPECT_EQ(c.otherNames, Strings{"foo!oidc.local"});
  EXPECT_EQ(c.oidcIssuer, "https://printable.example");  // .1.8 wins over .1.1, whatever the order
  EXPECT_EQ(c.serialNumber, "01");
}

TEST(CertificateIdentity, FulcioUsernameIsTheSignerWithoutEmailOrUri) {
  Parts p;
  p.subject = tlv(0x30, "");
  p.extensions = extension(kSan, tlv(0x30, tlv(0xa0, tlv(0x06, kFulcio + "\x07") + tlv(0xa0, tlv(0x0c, "foo!oidc.local")))));
  CertificateRead r = readCertificateDer(p.der());
  ASSERT_TRUE(r.certificate) << r.error;
  EXPECT_EQ(describeIdentity(*r.certificate),
            "signed by foo!oidc.local (certificate by Test CA, valid 2024-01-01T00:00:00Z to 2024-01-01T00:10:00Z)");
}

TEST(CertificateIdentity, NameStringTypes) {
  Parts p;
  p.subject = name(0x1e, std::string("\x00\x5a\x00\x6f\x00\xeb\xd8\x3d\xde\x00\x00\x00", 12));  // BMPString "Zoë😀" and a NUL
  CertificateRead r = readCertificateDer(p.der());
  ASSERT_TRUE(r.certificate) << r.error;
  EXPECT_EQ(r.certificate->subject.commonName, "Zo\xc3\xab\xf0\x9f\x98\x80");
  p.subject = name(0x14, "caf\xe9");  // T61String, taken as Latin-1
  r = readCertificateDer(p.der());
  ASSERT_TRUE(r.certificate) << r.error;
  EXPECT_EQ(r.certificate->subject.commonName, "caf\xc3\xa9");
  p.subject = name(0x0c, "bad \xff");
  EXPECT_EQ(readError(p), "subject attribute 2.5.4.3: an invalid UTF8String");
  p.subject = name(0x13, "no_underscore");
  EXPECT_EQ(readError(p), "subject attribute 2.5.4.3: an invalid PrintableString");
  p.subject = name(0x1e, "odd");
  EXPECT_EQ(readError(p), "subject attribute 2.5.4.3: an invalid BMPString");
  p.subject = name(0x1c, "abcd");
  EXPECT_EQ(readError(p), "subject attribute 2.5.4.3: not a string (tag 0x1c)");
  p.subject = tlv(0x30, tlv(0x31, ""));
  EXPECT_EQ(readError(p), "subject: an empty RDN");
}

TEST(CertificateIdentity, TimeRefusals) {
  Parts p;
  auto withTimes = [&](const std::string& a, const std::string& b) {
    p.validity = tlv(0x30, a + b);
    return readError(p);
  };
  EXPECT_EQ(withTimes(utc("2401010000Z"), utc("240101001000Z")),
            "validity: notBefore: a UTCTime not of the form YYMMDDHHMMSSZ (RFC 5280 §4.1.2.5)");
  EXPECT_EQ(withTimes(utc("240101000000Z"), utc("240101001000+0100")),
            "validity: notAfter: a UTCTime not of the form YYMMDDHHMMSSZ (RFC 5280 §4.1.2.5)");
  EXPECT_EQ(withTimes(utc("240101000000Z"), tlv(0x18, "20500101000000.5Z")),
            "validity: notAfter: a GeneralizedTime not of the form YYYYMMDDHHMMSSZ (RFC 5280 §4.1.2.5)");
  EXPECT_EQ(withTimes(utc("230229000000Z"), utc("240101001000Z")), "validity: notBefore: a UTCTime that is not a date and time");
  EXPECT_EQ(withTimes(utc("24010100000aZ"), utc("240101001000Z")), "validity: notBefore: a UTCTime with a non-digit");
  EXPECT_EQ(withTimes(tlv(0x04, "x"), utc("240101001000Z")), "validity: notBefore: neither a UTCTime nor a GeneralizedTime");
  EXPECT_EQ(withTimes(utc("240101000000Z"), ""), "validity: notAfter: truncated element");
  // A leap day is a date; UTCTime 50 is 1950.
  p.validity = tlv(0x30, utc("240229000000Z") + utc("500101000000Z"));
  CertificateRead r = readCertificateDer(p.der());
  ASSERT_TRUE(r.certificate) << r.error;
  EXPECT_EQ(r.certificate->notBefore, "2024-02-29T00:00:00Z");
  EXPECT_EQ(r.certificate->notAfter, "1950-01-01T00:00:00Z");
  EXPECT_EQ(r.certificate->notAfterUnix, -631152000);
}

TEST(CertificateIdentity, StructureRefusals) {
  Parts p;
  p.extensions = extension(kFulcio + "\x08", tlv(0x0c, "a")) + extension(kFulcio + "\x08", tlv(0x0c, "b"));
  EXPECT_EQ(readError(p), "extension 1.3.6.1.4.1.57264.1.8 appears twice (RFC 5280 §4.2)");
  p.extensions = extension(kFulcio + "\x08", tlv(0x0c, "a") + "x");
  EXPECT_EQ(readError(p), "extension 1.3.6.1.4.1.57264.1.8 (Fulcio OIDC issuer): trailing bytes after the string");
  p.extensions = extension(kFulcio + "\x09", "https://raw.example");
  EXPECT_EQ(readError(p), "extension 1.3.6.1.4.1.57264.1.9 (Fulcio build signer URI): value: element longer than the bytes that hold it");
  p.extensions = extension(kFulcio + "\x01", "\xff");
  EXPECT_EQ(readError(p), "extension 1.3.6.1.4.1.57264.1.1 (Fulcio OIDC issuer (deprecated)): not UTF-8");
  p.extensions = extension(kSan, tlv(0x30, tlv(0x81, "\xc3\xa9@example.com")));
  EXPECT_EQ(readError(p), "extension 2.5.29.17 (subjectAltName): subjectAltName: the rfc822Name is not an IA5String");
  p.extensions = extension(kSan, tlv(0x30, tlv(0x87, "\x01\x02\x03")));
  EXPECT_EQ(readError(p), "extension 2.5.29.17 (subjectAltName): subjectAltName: an iPAddress of 3 bytes");
  p.extensions = tlv(0x30, tlv(0x06, kSan) + tlv(0x01, "\x01") + tlv(0x04, tlv(0x30, "")));
  EXPECT_EQ(readError(p), "extension 2.5.29.17: critical is not a DER BOOLEAN");
  std::string many;
  for (int i = 0; i < 65; ++i) many += extension(std::string("\x2a\x03") + static_cast<char>(i), "");
  p.extensions = many;
  EXPECT_EQ(readError(p), "more than 64 extensions");
  p.extensions = extension(kSan, tlv(0x30, ""));
  p.version = tlv(0xa0, tlv(0x02, "\x01"));
  EXPECT_EQ(readError(p), "extensions in a v2 certificate (RFC 5280 §4.1.2.9)");
  p.version = tlv(0xa0, tlv(0x02, "\x03"));
  EXPECT_EQ(readError(p), "version: not v1, v2 or v3 (RFC 5280 §4.1.2.1)");
  p = Parts();
  p.version = "";  // v1, the DEFAULT
  EXPECT_TRUE(readCertificateDer(p.der()).certificate);
  p.after = tlv(0x81, "x");
  EXPECT_EQ(readError(p), "issuerUniqueID in a v1 certificate (RFC 5280 §4.1.2.8)");
  p = Parts();
  p.after = tlv(0x04, "x");
  EXPECT_EQ(readError(p), "tbsCertificate: an unexpected field (tag 0x04) after the subjectPublicKeyInfo");
  p = Parts();
  p.serial = tlv(0x02, std::string("\x00\x01", 2));
  EXPECT_EQ(readError(p), "serialNumber: not a minimally encoded INTEGER of at most 20 octets (RFC 5280 §4.1.2.2)");
  p.serial = tlv(0x02, std::string(22, '\x01'));
  EXPECT_EQ(readError(p), "serialNumber: not a minimally encoded INTEGER of at most 20 octets (RFC 5280 §4.1.2.2)");

  EXPECT_EQ(readCertificateDer("").error, "certificate: truncated element");
  EXPECT_EQ(readCertificateDer(Parts().der() + "x").error, "trailing bytes after the certificate");
  EXPECT_EQ(readCertificateDer(std::string(kMaxCertificateBytes + 1, '\x30')).error, "a certificate of 65537 bytes, more than 65536");
}

TEST(CertificateIdentity, KeyThatDoesNotReadIsNotFatal) {
  Parts p;
  std::string der = p.der();
  // Swap the P-256 curve OID's last byte (…3.1.7) for secp256k1's neighbourhood: an unknown curve.
  size_t at = der.find(std::string("\x2a\x86\x48\xce\x3d\x03\x01\x07", 8));
  ASSERT_NE(at, std::string::npos);
  der[at + 7] = '\x06';
  CertificateRead r = readCertificateDer(der);
  ASSERT_TRUE(r.certificate) << r.error;
  EXPECT_FALSE(r.certificate->publicKey);
  EXPECT_NE(r.certificate->publicKeyError, "");
}

TEST(CertificateIdentity, DescriptionShowsNoControlCharactersAndShortensLongValues) {
  CertificateIdentity c;
  c.emails = {"evil\n\x1b[31m@example.com"};
  c.issuer.commonName = std::string(300, 'x');
  c.notBefore = "2024-01-01T00:00:00Z";
  c.notAfter = "2024-01-01T00:10:00Z";
  std::string line = describeIdentity(c);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line.find('\x1b'), std::string::npos);
  EXPECT_NE(line.find("evil\xef\xbf\xbd\xef\xbf\xbd[31m@example.com"), std::string::npos) << line;
  EXPECT_NE(line.find(std::string(200, 'x') + "\xe2\x80\xa6, valid"), std::string::npos) << line;
  CertificateIdentity unnamed;
  EXPECT_EQ(describeIdentity(unnamed), "signed by an unnamed subject (certificate by an unnamed issuer, valid  to )");
}

// Every prefix and every one-byte change of real certificates reads or fails with a reason.
TEST(CertificateIdentity, TruncatedAndFlippedCertificatesNeverCrash) {
  for (const char* file : {"fulcio-email.pem", "fulcio-github-rsa.pem", "sigstore-go.bundle-v02.leaf.pem"}) {
    std::string der = mustRead(cert(file)).der;
    ASSERT_FALSE(der.empty());
    for (size_t n = 0; n < der.size(); ++n) {
      CertificateRead r = readCertificateDer(std::string_view(der).substr(0, n));
      EXPECT_FALSE(r.certificate) << file << " cut at " << n;
      EXPECT_NE(r.error, "");
    }
    for (size_t i = 0; i < der.size(); ++i) {
      std::string changed = der;
      changed[i] = static_cast<char>(changed[i] ^ 0x41);
      CertificateRead r = readCertificateDer(changed);
      EXPECT_EQ(r.certificate.has_value(), r.error.empty());
      if (r.certificate) describeIdentity(*r.certificate);
    }
  }
}

}  // namespace
}  // namespace isimport

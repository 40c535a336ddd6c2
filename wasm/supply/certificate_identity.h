// X.509 certificates read only to say whom they name: the identity of a keyless cosign signature
// (a Fulcio certificate in the `dev.sigstore.cosign/certificate` annotation, or a sigstore
// bundle's verification material) and of a Notation signature (the leaf of a JWS envelope's
// `x5c`). Nothing here validates anything — no signature, chain, trust anchor, validity period,
// key usage or revocation is checked — so whatever is read is shown as *unverified*
// (docs/signatures.md §10.10). The DER is read as strictly as Go's crypto/x509 reads it
// (RFC 5280 §4.1) with supply/der.h; every size and count is bounded and every failure is a value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "supply/public_key.h"

namespace isimport {

inline constexpr size_t kMaxCertificateBytes = 64 * 1024;    // a Fulcio leaf is about 2 KiB
inline constexpr size_t kMaxCertificatePemBytes = 256 * 1024;
inline constexpr size_t kMaxCertificateNameAttributes = 64;  // per Name, all RDNs together
inline constexpr size_t kMaxCertificateExtensions = 64;
inline constexpr size_t kMaxCertificateAltNames = 64;
inline constexpr size_t kMaxNotationEnvelopeBytes = 4 * 1024 * 1024;
inline constexpr size_t kMaxNotationCertificates = 10;

// The parts of a Name (RFC 5280 §4.1.2.4) a person recognises; the first of each when repeated.
struct CertificateName {
  std::string commonName;    // CN, 2.5.4.3
  std::string organization;  // O, 2.5.4.10
};

struct CertificateIdentity {
  int version = 1;           // 1, 2 or 3
  std::string serialNumber;  // lower-case hex of the INTEGER (without a leading 0x00 sign byte)
  CertificateName subject;
  CertificateName issuer;
  bool selfIssued = false;   // subject and issuer are the same bytes (RFC 5280 §3.2): nothing more
  std::string notBefore;     // RFC 3339, "2024-01-01T00:00:00Z"
  std::string notAfter;
  int64_t notBeforeUnix = 0;
  int64_t notAfterUnix = 0;
  // Subject Alternative Name (RFC 5280 §4.2.1.6), in the order written.
  std::vector<std::string> emails;      // rfc822Name
  std::vector<std::string> uris;        // uniformResourceIdentifier
  std::vector<std::string> dnsNames;    // dNSName
  std::vector<std::string> otherNames;  // otherName of Fulcio's type 1.3.6.1.4.1.57264.1.7 (a username)
  // Fulcio's extensions (`sigstore/fulcio/docs/oid-info.md`, `pkg/certificate/extensions.go`).
  std::string oidcIssuer;           // 1.3.6.1.4.1.57264.1.8 (a DER string), else .1.1 (raw bytes)
  std::string buildSignerUri;       // .1.9
  std::string sourceRepositoryUri;  // .1.12
  std::string sourceRepositoryRef;  // .1.14
  // The subject's key as public_key.h reads it (for a caller that wants to check a signature made
  // with it), or why it does not read; neither makes anything verified.
  std::optional<PublicKey> publicKey;
  std::string publicKeyError;
  std::string der;  // the certificate's bytes
};

struct CertificateRead {
  std::optional<CertificateIdentity> certificate;
  std::string error;  // why the bytes are not a certificate, when !certificate
};

// Reads one DER certificate (at most kMaxCertificateBytes, nothing after it).
CertificateRead readCertificateDer(std::string_view der);

// Reads the first PEM block of `pem` (at most kMaxCertificatePemBytes; text before it is skipped,
// as Go's pem.Decode skips it), which must be a `CERTIFICATE`; later blocks are not looked at.
CertificateRead readCertificatePem(std::string_view pem);

// A Notation signature in its JWS envelope (notaryproject/specifications
// `specs/signature-envelope-jws.md`): the flattened JWS JSON serialization, one signature.
struct NotationJws {
  CertificateIdentity leaf;                // header.x5c[0]
  std::vector<std::string> chain;          // header.x5c[1…], DER, not read
  std::string signingInput;                // ASCII(protected "." payload), what `signature` signs
  std::string signature;                   // raw bytes
  std::string payload;                     // decoded: the Notary Project payload (JSON)
  std::string targetDigest;                // payload.targetArtifact.digest, when readable
  // The protected header's members, when it reads (else `protectedError` says why):
  std::string algorithm;                   // alg
  std::string signingScheme;               // io.cncf.notary.signingScheme
  std::string signingTime;                 // io.cncf.notary.signingTime (the signer's own claim)
  std::string authenticSigningTime;        // io.cncf.notary.authenticSigningTime
  std::string expiry;                      // io.cncf.notary.expiry
  std::string protectedError;
  std::string signingAgent;                // header["io.cncf.notary.signingAgent"]
};

struct NotationJwsRead {
  std::optional<NotationJws> envelope;
  std::string error;
};

// Reads an `application/jose+json` Notation envelope (at most kMaxNotationEnvelopeBytes): the
// members `payload`, `protected` and `signature` as unpadded base64url (RFC 7515 §2), `header.x5c`
// as 1 to kMaxNotationCertificates standard base64 DER certificates (RFC 7515 §4.1.6), the first
// of which must read. An unreadable protected header or payload is not an error: only the members
// read from it stay empty.
NotationJwsRead readNotationJws(std::string_view json);

// One short line saying whom the certificate names, for a person: "signed by user@example.com,
// issued by https://accounts.google.com (certificate by sigstore-intermediate, valid
// 2024-01-01T00:00:00Z to 2024-01-01T00:10:00Z)". The signer is the first email, URI, Fulcio
// username, DNS name, subject CN or O, in that order. Nothing in it is verified; control characters
// are replaced and long values shortened.
std::string describeIdentity(const CertificateIdentity& certificate);

// The same for a Notation signature, with the signing time its signer claims when there is one.
std::string describeIdentity(const NotationJws& envelope);

}  // namespace isimport

// X.509 certificates and Notation JWS envelopes from hostile bytes, read only to describe them
// (docs/signatures.md §10.10): the first byte picks DER, PEM text or a JWS envelope. A certificate
// read is the bytes it came from and re-reads the same; its times are RFC 3339 text in UTC; its
// one-line description holds no control characters; and nothing aborts.
#include "fuzz_support.h"
#include "supply/certificate_identity.h"

using namespace isimport;

namespace {

void checkCertificate(const CertificateRead& r) {
  fuzz::check(r.certificate.has_value() == r.error.empty(), "a certificate or a reason", r.error);
  if (!r.certificate) return;
  const CertificateIdentity& c = *r.certificate;
  fuzz::check(c.version >= 1 && c.version <= 3, "version 1 to 3");
  fuzz::check(c.notBefore.size() == 20 && c.notBefore.back() == 'Z' && c.notAfter.size() == 20 && c.notAfter.back() == 'Z',
              "validity as YYYY-MM-DDTHH:MM:SSZ", c.notBefore + " " + c.notAfter);
  fuzz::check(c.publicKey.has_value() == c.publicKeyError.empty(), "a key or a reason", c.publicKeyError);
  fuzz::check(c.emails.size() + c.uris.size() + c.dnsNames.size() + c.otherNames.size() <= kMaxCertificateAltNames, "bounded names");
  std::string line = describeIdentity(c);
  for (unsigned char ch : line) fuzz::check(ch >= 0x20 && ch != 0x7f, "no control characters in the description", line);
  fuzz::check(line.size() < 2000, "a short description", line);
  CertificateRead again = readCertificateDer(c.der);
  fuzz::check(again.certificate && describeIdentity(*again.certificate) == line, "the DER re-reads the same", again.error);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::Input in(data, size);
  switch (in.choose(3)) {
    case 0: {
      std::string_view der = in.rest();
      CertificateRead r = readCertificateDer(der);
      checkCertificate(r);
      if (r.certificate) fuzz::check(r.certificate->der == der, "the certificate is the DER read");
      break;
    }
    case 1:
      checkCertificate(readCertificatePem(in.rest()));
      break;
    default: {
      NotationJwsRead r = readNotationJws(in.rest());
      fuzz::check(r.envelope.has_value() == r.error.empty(), "an envelope or a reason", r.error);
      if (!r.envelope) break;
      CertificateRead leaf;
      leaf.certificate = r.envelope->leaf;
      checkCertificate(leaf);
      fuzz::check(r.envelope->chain.size() < kMaxNotationCertificates, "a bounded chain");
      fuzz::check(r.envelope->signingInput.find('.') != std::string::npos && !r.envelope->signature.empty(), "a signing input and a signature");
      std::string line = describeIdentity(*r.envelope);
      for (unsigned char ch : line) fuzz::check(ch >= 0x20 && ch != 0x7f, "no control characters in the description", line);
    }
  }
  return 0;
}

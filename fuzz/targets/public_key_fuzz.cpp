// Public keys and ECDSA signatures from hostile bytes (docs/signatures.md §10.1): the first byte
// picks PEM text, a DER SubjectPublicKeyInfo, or a signature for P-256/P-384. A key read is one
// WebCrypto can import (its SPKI is the DER that was read, re-read the same), a signature becomes
// exactly 2×N bytes, and nothing aborts.
#include "fuzz_support.h"
#include "supply/public_key.h"

using namespace isimport;

namespace {

void checkKey(const PublicKeyRead& r) {
  fuzz::check(r.key.has_value() == r.error.empty(), "a key or a reason", r.error);
  if (!r.key) return;
  const PublicKey& k = *r.key;
  bool known = (k.algorithm == "ecdsa-p256" && k.bits == 256) || (k.algorithm == "ecdsa-p384" && k.bits == 384) ||
               (k.algorithm == "rsa" && k.bits >= 2048 && k.bits <= 16384) || (k.algorithm == "ed25519" && k.bits == 255);
  fuzz::check(known, "a supported algorithm and size", k.algorithm);
  fuzz::check(k.fingerprint.size() == 7 + 64 && k.fingerprint.compare(0, 7, "SHA256:") == 0, "a SHA256: fingerprint", k.fingerprint);
  PublicKeyRead again = readPublicKeyDer(k.spki);
  fuzz::check(again.key && again.key->fingerprint == k.fingerprint && again.key->algorithm == k.algorithm, "the SPKI re-reads the same");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::Input in(data, size);
  switch (in.choose(4)) {
    case 0:
      checkKey(readPublicKeyPem(in.rest()));
      break;
    case 1: {
      std::string_view der = in.rest();
      PublicKeyRead r = readPublicKeyDer(der);
      checkKey(r);
      if (r.key) fuzz::check(r.key->spki == der, "the SPKI is the DER read");
      break;
    }
    default: {
      size_t n = in.choose(2) == 0 ? 32 : 48;
      std::string_view signature = in.rest();
      auto raw = ecdsaSignatureForWebCrypto(signature, n);
      if (!raw) break;
      fuzz::check(raw->size() == 2 * n, "r||s of the curve's size");
      // Only a DER SEQUENCE is changed; any other input of 2×N bytes is already r||s.
      fuzz::check(*raw == signature || (!signature.empty() && signature[0] == 0x30), "only DER is converted");
    }
  }
  return 0;
}

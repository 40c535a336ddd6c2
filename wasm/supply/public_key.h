// The public keys a person gives to check signatures with (PEM `PUBLIC KEY`, as cosign and
// ClusterImagePolicy's keyData carry them), read into what WebCrypto's importKey('spki', …) takes,
// and named by the SHA-256 of their SubjectPublicKeyInfo (docs/signatures.md §10.1).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace isimport {

struct PublicKey {
  std::string algorithm;    // "ecdsa-p256" | "ecdsa-p384" | "rsa" | "ed25519"
  std::string spki;         // the DER bytes of the SubjectPublicKeyInfo
  std::string fingerprint;  // "SHA256:<hex of sha256(spki)>"
  int bits = 0;             // the RSA modulus' bits, or the curve's (256, 384; 255 for ed25519)
};

struct PublicKeyRead {
  std::optional<PublicKey> key;
  std::string error;  // why the text is not a usable key, when !key
};

// Reads the first `-----BEGIN PUBLIC KEY-----` block of `pem` (text around it is ignored, as Go's
// pem.Decode skips it); any other block type, bad base64, a DER that is not a SubjectPublicKeyInfo
// or an algorithm WebCrypto cannot verify with is an error naming what was found.
PublicKeyRead readPublicKeyPem(std::string_view pem);

// The same reading of a SubjectPublicKeyInfo already in DER (what the PEM body decodes to, and
// what a sigstore bundle's `publicKey` or an X.509 certificate carries): strict DER, nothing after
// it, at most 8 KiB. RSA keys of fewer than 2048 bits are refused as sigstore refuses them.
PublicKeyRead readPublicKeyDer(std::string_view spki);

// An ECDSA signature as cosign writes it (ASN.1 DER SEQUENCE{r, s}; Go's verifier also takes the
// raw r||s form) turned into the fixed-size r||s WebCrypto verifies, each half `coordinateBytes`
// long (32 for P-256, 48 for P-384). nullopt when it is neither form, or r or s does not fit.
std::optional<std::string> ecdsaSignatureForWebCrypto(std::string_view signature, size_t coordinateBytes);

}  // namespace isimport

// See public_key.h. The PEM reading follows Go's encoding/pem Decode (what sigstore
// `pkg/cryptoutils/publickey.go` UnmarshalPEMToPublicKey calls: the first block, whatever its type),
// the DER one crypto/x509 ParsePKIXPublicKey (`crypto/x509/parser.go` parsePublicKey), and the size
// rule sigstore's ValidatePubKey (docs/signatures.md §10.1).
#include "supply/public_key.h"

#include "json/json_writer.h"
#include "registry/digest.h"
#include "supply/der.h"
#include "go/base64.h"

namespace isimport {
namespace {

using namespace std::string_view_literals;  // the identifiers hold 0x00 bytes

constexpr size_t kMaxPemBytes = 64 * 1024;
constexpr size_t kMaxSpkiBytes = 8 * 1024;  // an RSA key of 16384 bits is about 2 KiB
constexpr int kMinRsaBits = 2048;
constexpr int kMaxRsaBits = 16384;  // what WebCrypto implementations import

// OBJECT IDENTIFIER contents (DER, without tag and length).
constexpr std::string_view kOidEcPublicKey = "\x2a\x86\x48\xce\x3d\x02\x01"sv;  // 1.2.840.10045.2.1
constexpr std::string_view kOidP256 = "\x2a\x86\x48\xce\x3d\x03\x01\x07"sv;     // 1.2.840.10045.3.1.7
constexpr std::string_view kOidP384 = "\x2b\x81\x04\x00\x22"sv;                 // 1.3.132.0.34
constexpr std::string_view kOidP521 = "\x2b\x81\x04\x00\x23"sv;                 // 1.3.132.0.35
constexpr std::string_view kOidSecp256k1 = "\x2b\x81\x04\x00\x0a"sv;            // 1.3.132.0.10
constexpr std::string_view kOidRsa = "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01"sv;  // 1.2.840.113549.1.1.1
constexpr std::string_view kOidRsaPss = "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a"sv;
constexpr std::string_view kOidDsa = "\x2a\x86\x48\xce\x38\x04\x01"sv;
constexpr std::string_view kOidX25519 = "\x2b\x65\x6e"sv;
constexpr std::string_view kOidEd25519 = "\x2b\x65\x70"sv;  // 1.3.101.112
constexpr std::string_view kOidEd448 = "\x2b\x65\x71"sv;

PublicKeyRead failure(std::string why) {
  PublicKeyRead r;
  r.error = std::move(why);
  return r;
}

std::string oidName(std::string_view oid) {
  std::string dotted = der::dottedOid(oid);
  if (oid == kOidP521) return "P-521 (secp521r1, " + dotted + ")";
  if (oid == kOidSecp256k1) return "secp256k1 (" + dotted + ")";
  if (oid == kOidRsaPss) return "RSASSA-PSS (" + dotted + ")";
  if (oid == kOidDsa) return "DSA (" + dotted + ")";
  if (oid == kOidX25519) return "X25519 (" + dotted + ")";
  if (oid == kOidEd448) return "Ed448 (" + dotted + ")";
  return dotted.empty() ? "a malformed object identifier" : dotted;
}

// Bit length of a positive big-endian magnitude (no leading zero byte).
int bitLength(std::string_view magnitude) {
  if (magnitude.empty()) return 0;
  int bits = static_cast<int>(magnitude.size() - 1) * 8;
  for (uint8_t top = static_cast<uint8_t>(magnitude[0]); top != 0; top >>= 1) ++bits;
  return bits;
}

// The subjectPublicKey BIT STRING's bytes (a whole number of bytes, as every key type has).
std::optional<std::string_view> keyBits(const der::Element& bits, std::string& error) {
  if (bits.content.empty() || bits.content[0] != 0) {
    error = "the public key BIT STRING does not hold whole bytes";
    return std::nullopt;
  }
  return bits.content.substr(1);
}

PublicKeyRead readEc(const der::Element& curve, std::string_view key, PublicKey out) {
  size_t coordinate = 0;
  if (curve.content == kOidP256) {
    out.algorithm = "ecdsa-p256", out.bits = 256, coordinate = 32;
  } else if (curve.content == kOidP384) {
    out.algorithm = "ecdsa-p384", out.bits = 384, coordinate = 48;
  } else {
    return failure("ECDSA curve " + oidName(curve.content) + " is not supported: P-256 or P-384 only");
  }
  if (!key.empty() && (key[0] == 0x02 || key[0] == 0x03)) {
    return failure("a compressed EC point: Go's crypto/x509 and WebCrypto take the uncompressed form only");
  }
  if (key.size() != 1 + 2 * coordinate || key[0] != 0x04) {
    return failure("the EC point is not an uncompressed " + out.algorithm.substr(6) + " point (" + std::to_string(key.size()) + " bytes)");
  }
  PublicKeyRead result;
  result.key = std::move(out);
  return result;
}

PublicKeyRead readRsa(const std::optional<der::Element>& params, std::string_view key, PublicKey out) {
  // crypto/x509: "RSA key missing NULL parameters".
  if (!params || params->tag != der::kNull || !params->content.empty()) return failure("an RSA key without NULL parameters");
  der::Reader outer(key);
  auto seq = outer.next(der::kSequence, "RSA public key");
  if (!seq || !outer.done()) return failure(outer.error().empty() ? "trailing bytes after the RSA public key" : outer.error());
  der::Reader fields(seq->content);
  auto n = fields.next(der::kInteger, "RSA modulus");
  auto e = n ? fields.next(der::kInteger, "RSA exponent") : std::nullopt;
  if (!n || !e) return failure(fields.error());
  if (!fields.done()) return failure("trailing fields after the RSA exponent");
  auto modulus = der::positiveInteger(n->content);
  if (!modulus) return failure("the RSA modulus is not a positive, minimally encoded INTEGER");
  auto exponent = der::positiveInteger(e->content);
  // crypto/x509 refuses exponents below 2 or beyond 31 bits.
  if (!exponent || bitLength(*exponent) > 31 || (exponent->size() == 1 && static_cast<uint8_t>((*exponent)[0]) < 2)) {
    return failure("the RSA public exponent is not an integer from 2 to 2^31-1");
  }
  out.algorithm = "rsa";
  out.bits = bitLength(*modulus);
  if (out.bits < kMinRsaBits) {
    return failure("an RSA key of " + std::to_string(out.bits) + " bits: sigstore requires at least " + std::to_string(kMinRsaBits));
  }
  if (out.bits > kMaxRsaBits) return failure("an RSA key of " + std::to_string(out.bits) + " bits: more than " + std::to_string(kMaxRsaBits));
  PublicKeyRead result;
  result.key = std::move(out);
  return result;
}

std::string blockTypeError(std::string_view type) {
  std::string quoted = json::quote(type);
  if (type == "RSA PUBLIC KEY") return "a PKCS #1 " + quoted + " block: give the key as a \"PUBLIC KEY\" (SubjectPublicKeyInfo) block";
  if (type.find("PRIVATE KEY") != std::string_view::npos) return "a private key (" + quoted + " block): give the public key";
  if (type == "CERTIFICATE") return "a certificate, not a \"PUBLIC KEY\" block";
  return "a " + quoted + " PEM block, not \"PUBLIC KEY\"";
}

}  // namespace

PublicKeyRead readPublicKeyDer(std::string_view spki) {
  if (spki.size() > kMaxSpkiBytes) return failure("a SubjectPublicKeyInfo of " + std::to_string(spki.size()) + " bytes, more than " + std::to_string(kMaxSpkiBytes));
  der::Reader top(spki);
  auto info = top.next(der::kSequence, "SubjectPublicKeyInfo");
  if (!info) return failure(top.error());
  if (!top.done()) return failure("trailing bytes after the SubjectPublicKeyInfo");
  der::Reader fields(info->content);
  auto algorithm = fields.next(der::kSequence, "AlgorithmIdentifier");
  auto bits = algorithm ? fields.next(der::kBitString, "subjectPublicKey") : std::nullopt;
  if (!bits) return failure(fields.error());
  if (!fields.done()) return failure("trailing fields in the SubjectPublicKeyInfo");
  der::Reader alg(algorithm->content);
  auto oid = alg.next(der::kObjectIdentifier, "algorithm");
  if (!oid) return failure(alg.error());
  std::optional<der::Element> params;
  if (!alg.done()) {
    params = alg.next(0, "algorithm parameters");
    if (!params) return failure(alg.error());
    if (!alg.done()) return failure("trailing fields in the AlgorithmIdentifier");
  }
  std::string error;
  auto key = keyBits(*bits, error);
  if (!key) return failure(error);

  PublicKey out;
  out.spki = std::string(spki);
  std::string digest = sha256Digest(spki);
  out.fingerprint = "SHA256:" + digest.substr(digest.find(':') + 1);
  if (oid->content == kOidEcPublicKey) {
    // Named curves only: explicit curve parameters (a SEQUENCE) are refused by Go as well.
    if (!params || params->tag != der::kObjectIdentifier) return failure("EC parameters are not a named curve");
    return readEc(*params, *key, std::move(out));
  }
  if (oid->content == kOidRsa) return readRsa(params, *key, std::move(out));
  if (oid->content == kOidEd25519) {
    // RFC 8410 §3: the parameters are absent.
    if (params) return failure("an Ed25519 key with algorithm parameters");
    if (key->size() != 32) return failure("an Ed25519 key of " + std::to_string(key->size()) + " bytes, not 32");
    out.algorithm = "ed25519";
    out.bits = 255;
    PublicKeyRead result;
    result.key = std::move(out);
    return result;
  }
  return failure("public key algorithm " + oidName(oid->content) + " is not supported: ECDSA P-256/P-384, RSA or Ed25519 only");
}

PublicKeyRead readPublicKeyPem(std::string_view pem) {
  if (pem.size() > kMaxPemBytes) return failure("the key text is " + std::to_string(pem.size()) + " bytes, more than " + std::to_string(kMaxPemBytes));
  // encoding/pem: a block starts at the beginning of a line.
  constexpr std::string_view kBegin = "-----BEGIN ";
  size_t begin = 0;
  while (true) {
    begin = pem.find(kBegin, begin);
    if (begin == std::string_view::npos) return failure("no PEM block found");
    if (begin == 0 || pem[begin - 1] == '\n') break;
    begin += kBegin.size();
  }
  size_t typeStart = begin + kBegin.size();
  size_t lineEnd = pem.find('\n', typeStart);
  std::string_view line = pem.substr(typeStart, lineEnd == std::string_view::npos ? std::string_view::npos : lineEnd - typeStart);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  if (line.size() < 5 || line.substr(line.size() - 5) != "-----" || lineEnd == std::string_view::npos) {
    return failure("a malformed PEM BEGIN line");
  }
  std::string_view type = line.substr(0, line.size() - 5);
  std::string end = "\n-----END " + std::string(type) + "-----";
  size_t bodyEnd = pem.find(end, lineEnd);
  if (bodyEnd == std::string_view::npos) return failure("the " + json::quote(type) + " PEM block has no END line");
  if (type != "PUBLIC KEY") return failure(blockTypeError(type));
  // The END line may follow the BEGIN line at once (an empty body).
  std::string_view body = bodyEnd > lineEnd ? pem.substr(lineEnd + 1, bodyEnd - lineEnd - 1) : std::string_view();
  if (body.find(':') != std::string_view::npos) return failure("PEM headers in a \"PUBLIC KEY\" block");
  std::string base64;
  for (char c : body) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') base64 += c;
  }
  Base64Decoded der = base64Decode(base64, true);
  if (!der.bytes) return failure("the PEM body is not base64 (at byte " + std::to_string(der.errorOffset) + ")");
  return readPublicKeyDer(*der.bytes);
}

std::optional<std::string> ecdsaSignatureForWebCrypto(std::string_view signature, size_t coordinateBytes) {
  if (coordinateBytes == 0 || coordinateBytes > 66) return std::nullopt;
  // ASN.1 DER first (what cosign writes); a raw r||s of the same length is only its fallback.
  der::Reader top(signature);
  auto seq = top.next(der::kSequence, "signature");
  if (seq && top.done()) {
    der::Reader fields(seq->content);
    auto r = fields.next(der::kInteger, "r");
    auto s = r ? fields.next(der::kInteger, "s") : std::nullopt;
    if (r && s && fields.done()) {
      auto rm = der::positiveInteger(r->content);
      auto sm = der::positiveInteger(s->content);
      if (rm && sm && rm->size() <= coordinateBytes && sm->size() <= coordinateBytes) {
        std::string out(2 * coordinateBytes, '\0');
        out.replace(coordinateBytes - rm->size(), rm->size(), *rm);
        out.replace(2 * coordinateBytes - sm->size(), sm->size(), *sm);
        return out;
      }
    }
  }
  if (signature.size() == 2 * coordinateBytes) return std::string(signature);
  return std::nullopt;
}

}  // namespace isimport

#include "registry/digest.h"

#include <sodium.h>

namespace isimport {
namespace {

// Hashing needs no sodium_init(): the hash functions use no random source and no CPU dispatch
// state that must be set up first (and sodium_init fails in a web build run under Node).
std::string hexOf(const unsigned char* bytes, size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

const unsigned char* bytesOf(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

std::string sha256Digest(std::string_view bytes) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, bytesOf(bytes), bytes.size());
  return "sha256:" + hexOf(out, sizeof out);
}

std::string sha512Digest(std::string_view bytes) {
  unsigned char out[crypto_hash_sha512_BYTES];
  crypto_hash_sha512(out, bytesOf(bytes), bytes.size());
  return "sha512:" + hexOf(out, sizeof out);
}

std::optional<std::string> digestWithAlgorithmOf(std::string_view digest, std::string_view bytes) {
  size_t colon = digest.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view algorithm = digest.substr(0, colon);
  if (algorithm == "sha256") return sha256Digest(bytes);
  if (algorithm == "sha512") return sha512Digest(bytes);
  return std::nullopt;
}

}  // namespace isimport

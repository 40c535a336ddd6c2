// Content digests over exact bytes (libsodium's SHA-256 and SHA-512), in the `algo:hex` form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace isimport {

// "sha256:<64 hex>" of `bytes`.
std::string sha256Digest(std::string_view bytes);

// "sha512:<128 hex>" of `bytes`.
std::string sha512Digest(std::string_view bytes);

// The digest of `bytes` computed with the algorithm named by `digest` (the part before ':',
// "sha256" or "sha512"), or nullopt when that algorithm is not available (sha384: libsodium has
// none) or `digest` names no algorithm.
std::optional<std::string> digestWithAlgorithmOf(std::string_view digest, std::string_view bytes);

}  // namespace isimport

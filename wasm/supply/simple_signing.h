// cosign's "simple signing" payload: the JSON a cosign signature signs, naming the image by its
// manifest digest and by the reference it was signed for (docs/signatures.md §10.2). It is read
// as containers/image reads it for CRI-O and Podman (`signature/internal/sigstore_payload.go`,
// UntrustedSigstorePayload.strictUnmarshalJSON): closed objects, every key present once, nothing
// else; cosign's own reader (sigstore `pkg/signature/payload/payload.go`) is more lenient.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace isimport {

inline constexpr std::string_view kCosignSignatureType = "cosign container image signature";
inline constexpr size_t kMaxSimpleSigningBytes = 1024 * 1024;

struct SimpleSigningPayload {
  std::string dockerReference;       // critical.identity.docker-reference (any string, possibly "")
  std::string dockerManifestDigest;  // critical.image.docker-manifest-digest, a valid go-digest
  std::optional<std::string> creator;  // optional.creator
  std::optional<int64_t> timestamp;    // optional.timestamp, whole seconds
};

struct SimpleSigningRead {
  std::optional<SimpleSigningPayload> payload;
  std::string error;  // why the payload is refused, naming the member, when !payload
};

// Reads the signed bytes `payload` (at most kMaxSimpleSigningBytes). Refused: anything but one JSON
// object with exactly `critical` and `optional`; `critical` with other keys than exactly `type`,
// `image`, `identity`; `image` other than exactly `docker-manifest-digest`, `identity` other than
// exactly `docker-reference`; a duplicate key anywhere; a `type` other than kCosignSignatureType;
// a digest go-digest does not parse; `optional` neither null nor an object, a non-string creator,
// a timestamp that is not a whole number (written without fraction or exponent here).
SimpleSigningRead readSimpleSigningPayload(std::string_view payload);

}  // namespace isimport

// Sigstore bundles: one signature with everything needed to verify it offline, as cosign
// (`--new-bundle-format`), sigstore-go, sigstore-js and GitHub's attestations write them
// (sigstore/protobuf-specs `protos/sigstore_bundle.proto`, JSON through protojson: camelCase
// names, the .proto's snake_case names too, bytes as base64). docs/signatures.md §10.6.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "supply/dsse.h"

namespace isimport {

inline constexpr std::string_view kSigstoreBundleV01 = "application/vnd.dev.sigstore.bundle+json;version=0.1";
inline constexpr std::string_view kSigstoreBundleV02 = "application/vnd.dev.sigstore.bundle+json;version=0.2";
inline constexpr std::string_view kSigstoreBundleV03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
inline constexpr size_t kMaxBundleBytes = 16 * 1024 * 1024;
inline constexpr size_t kMaxBundleTlogEntries = 32;   // sigstore-go `internal/limits/limits.go`
inline constexpr size_t kMaxBundleTimestamps = 32;    // likewise
inline constexpr size_t kMaxBundleCertificates = 10;

struct SigstoreBundle {
  std::string mediaType;
  std::string version;  // "v0.1", "v0.2", "v0.3" (or "v0.3.1" …)
  // verificationMaterial, one of "publicKey" | "x509CertificateChain" | "certificate"
  std::string verificationMaterial;
  std::string publicKeyHint;              // publicKey.hint (may be "")
  std::vector<std::string> certificates;  // DER, leaf first: the chain's, or the one certificate
  size_t tlogEntries = 0;
  size_t rfc3161Timestamps = 0;
  // content, one of "messageSignature" | "dsseEnvelope"
  std::string content;
  std::string messageDigestAlgorithm;  // "SHA2_256" …, "" when the message digest is absent
  std::string messageDigest;           // raw bytes
  std::string signature;               // messageSignature.signature, raw bytes
  std::optional<DsseEnvelope> dsseEnvelope;
};

struct SigstoreBundleRead {
  std::optional<SigstoreBundle> bundle;
  std::string error;  // when !bundle
};

// Reads a bundle (at most kMaxBundleBytes) as sigstore-go `pkg/bundle/bundle.go` does
// (Bundle.UnmarshalJSON: protojson, then validate). Refused: a media type getBundleVersion does not
// know, or v0.4 and later; an unknown or duplicate key in the messages read (protojson's rule;
// tlog entries and timestamps are only counted); no verificationMaterial or not exactly one of its
// three forms; an X.509 chain in a v0.3 bundle; an empty chain or certificate; more than
// kMaxBundleTlogEntries entries or kMaxBundleTimestamps timestamps; tlog entries without an
// inclusion promise (v0.1) or proof (v0.2 and later); no content or both; a message signature
// without signature; a hash algorithm protobuf-specs does not name; a DSSE envelope dsse.h refuses.
SigstoreBundleRead readSigstoreBundle(std::string_view json);

// The bundle version a media type names ("v0.3"), as sigstore-go's getBundleVersion: the three
// `+json;version=0.N` forms (exact, as written) and `.v<semver>+json`; nullopt for anything else.
std::optional<std::string> sigstoreBundleVersion(std::string_view mediaType);

}  // namespace isimport

// What one artifact manifest found next to an image is (docs/signatures.md §10.7): a signature, an
// attestation, an SBOM or something else, in which format, about which predicate, told from its
// media types and annotations alone (nothing is fetched). The producers known: cosign (tags
// sha256-<hex>.sig/.att/.sbom and OCI 1.1 referrers), sigstore bundles as referrers (cosign
// --new-bundle-format, GitHub), Notation, BuildKit attestation manifests, bare SBOM and in-toto
// artifacts (oras attach).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/fields.h"

namespace isimport {

namespace supply_media {
inline constexpr std::string_view kCosignSimpleSigning = "application/vnd.dev.cosign.simplesigning.v1+json";
inline constexpr std::string_view kDsseEnvelope = "application/vnd.dsse.envelope.v1+json";
inline constexpr std::string_view kInToto = "application/vnd.in-toto+json";
inline constexpr std::string_view kSigstoreBundleV03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
inline constexpr std::string_view kNotarySignature = "application/vnd.cncf.notary.signature";
inline constexpr std::string_view kBuildkitAttestationManifest = "application/vnd.docker.attestation.manifest.v1+json";
inline constexpr std::string_view kBuildkitAttestationConfig = "application/vnd.docker.attestation.config.v1+json";
}  // namespace supply_media

// One layer of the artifact manifest, as its descriptor says.
struct ArtifactLayer {
  std::string mediaType, digest;
  int64_t size = 0;
  StringMap annotations;
};

// The artifact manifest as discovery sees it. `descriptorAnnotations` are those of the descriptor
// that pointed at it (an index entry or a referrers-API entry), where BuildKit writes
// `vnd.docker.reference.type`.
struct ArtifactManifest {
  std::string mediaType, artifactType, configMediaType;
  std::vector<ArtifactLayer> layers;
  StringMap annotations;
  StringMap descriptorAnnotations;
};

// kind: "signature" | "attestation" | "sbom" | "other". format is the container the bytes come in:
// "cosign" | "sigstore-bundle" | "notation" | "buildkit" | "in-toto" (a bare statement) | "spdx" |
// "cyclonedx" (a bare SBOM document) | "unknown". An attestation whose predicate is an SBOM is of
// kind "sbom" in its own container format.
struct ArtifactClass {
  std::string kind = "other";
  std::string format = "unknown";
  std::string predicateType;  // from annotations, when they say it; "" otherwise
};

struct ArtifactLayerClass {
  size_t index = 0;  // into ArtifactManifest::layers
  ArtifactClass artifact;
};

struct ArtifactClassification {
  ArtifactClass artifact;  // the manifest as a whole
  // Each layer is a separate signature or statement (cosign .sig/.att manifests, cosign attestation
  // referrers, BuildKit attestation manifests): `layers` says what each is, and each is its own
  // artifact. Otherwise the manifest is one artifact and `layers` is empty.
  bool layersAreArtifacts = false;
  std::vector<ArtifactLayerClass> layers;
};

// Media types compared as registries send them: parameters dropped, case folded, spaces trimmed
// ("Application/VND.In-Toto+JSON; charset=utf-8" is application/vnd.in-toto+json).
std::string normalizedMediaType(std::string_view mediaType);

ArtifactClassification classifyArtifact(const ArtifactManifest& manifest);

}  // namespace isimport

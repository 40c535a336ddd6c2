// The registry documents supply-chain discovery reads (docs/supply-chain.md §9.2): an image index
// (a referrers answer, a referrers tag, an image's own index with BuildKit's attestation entries)
// and an image manifest (an artifact: a cosign tag, a referrer). Read as OCI clients read them —
// encoding/json's loose keys, unknown members ignored — and bounded: a list longer than the cap
// keeps its first entries and says how many there were.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/fields.h"

namespace isimport {

struct OciDescriptor {
  std::string mediaType, digest, artifactType;
  int64_t size = 0;
  StringMap annotations;
  std::string platformOs, platformArchitecture, platformVariant;
};

struct OciIndexRead {
  std::vector<OciDescriptor> manifests;
  size_t listed = 0;   // entries in the document (manifests keeps at most the cap)
  std::string error;   // why the text is not an index; manifests empty then
};

// `contentType` is the answer's Content-Type; an index is what it names or, when it names nothing
// useful, a body whose own mediaType says so. `cap` bounds the entries kept.
OciIndexRead readOciIndex(std::string_view contentType, std::string_view body, size_t cap);

struct OciManifestRead {
  std::string mediaType, artifactType;
  OciDescriptor config;
  std::vector<OciDescriptor> layers;
  size_t layersListed = 0;
  std::optional<std::string> subjectDigest;
  StringMap annotations;
  bool isIndex = false;  // an index where a manifest was expected (an artifact may be one)
  std::string error;
};

// An artifact's manifest: OCI image manifest or Docker schema 2 (cosign writes either), or an
// index (kept as isIndex, its entries unread).
OciManifestRead readArtifactManifest(std::string_view contentType, std::string_view body, size_t layerCap);

// The media type a Content-Type names: lower-cased, parameters dropped.
std::string mediaTypeOf(std::string_view contentType);

}  // namespace isimport

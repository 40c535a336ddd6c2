// Builds the Image object of an imported manifest (docs/import.md §3.7), in upstream's order of checks:
// schema1ToImage / schema2OrOCIToImage / manifestListToImage, then InternalImageWithMetadata.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/image.h"
#include "registry/manifest.h"

namespace isimport {

struct ImageBuild {
  std::optional<Image> image;
  std::string error;  // upstream's text (not prefixed with the reference), e.g. a config JSON error
  // Layers whose size must be probed with HEAD (only when the computed size is 0; distinct digests
  // in layer order); the caller probes them, then calls finishWithProbedSizes. Empty otherwise.
  std::vector<std::string> layersToProbe;
};

// Upstream's SHA-256 re-check of a manifest fetched by `expectedDigest` (docs/import.md §3.8 step 3): the
// exact error text when sha256(canonical) differs (always, for a sha384/sha512 digest), nullopt
// when it matches or `expectedDigest` is empty (fetched by tag).
std::optional<std::string> integrityRecheck(const Manifest& manifest, const std::string& expectedDigest);

// Schema 1, schema 2 and OCI manifests (a list here fails as upstream's nested-index case does:
// "unsupported image manifest type: *manifestlist.DeserializedManifestList").
// `manifestBody` is the text as received (schema 1: the whole signed body, which becomes
// dockerImageManifest; other kinds keep the parsed bytes); `configBody` the verified config blob
// (schema 2 / OCI; ignored for schema 1). `requestedDigest` is the digest the manifest was fetched
// by ("" for a tag): the integrity re-check runs inside, at upstream's point. The image's name is
// always the SHA-256 of the canonical bytes. `dockerImageReference` is set on the image as given (the caller
// renders `<exact repository>@<digest>`); upstream's error texts see it still empty. `nowUnix`
// is the import time, used only for a schema 1 body whose mediaType names a list (upstream then
// stamps the metadata with the current time).
ImageBuild buildImage(const Manifest& manifest, std::string_view manifestBody, std::string_view configBody,
                      const std::string& requestedDigest, const std::string& dockerImageReference,
                      int64_t nowUnix = 0);

// Completes an image whose size was 0 with the probed layer sizes (same order as layersToProbe),
// as upstream's calculateImageSize: the first layer of each digest takes its probed size, and
// `configSize` (the config blob length, 0 for schema 1) is added unless a layer has the config's
// digest.
void finishWithProbedSizes(Image& image, const std::vector<int64_t>& probedSizes, int64_t configSize);

// The PreserveOriginal image of a manifest list (docs/import.md §3.7, list form): name = SHA-256 of the list,
// metadata {Id, Created = nowUnix}, the entries, no manifest text, layers or annotations.
// `requestedDigest` as for buildImage (the re-check is its only failure).
ImageBuild buildListImage(const Manifest& list, const std::string& requestedDigest,
                          const std::string& dockerImageReference, int64_t nowUnix);

}  // namespace isimport

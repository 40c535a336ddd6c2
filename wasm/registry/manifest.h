// Registry manifests as the importer reads them (docs/import.md §3.6): the parser is chosen by the response
// Content-Type, not by the body; schema 1 signed manifests yield their canonical payload.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace isimport {

namespace media {
inline constexpr std::string_view kSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";
inline constexpr std::string_view kSchema1 = "application/vnd.docker.distribution.manifest.v1+json";
inline constexpr std::string_view kSchema2 = "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr std::string_view kDockerList = "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr std::string_view kOciManifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr std::string_view kOciIndex = "application/vnd.oci.image.index.v1+json";
inline constexpr std::string_view kSchema1LayerType = "application/vnd.docker.container.image.rootfs.diff+x-gtar";
}  // namespace media

// The Accept values of a manifest GET (one header each), in a fixed order (upstream's is random).
const std::vector<std::string>& manifestAcceptTypes();

struct Descriptor {
  std::string mediaType, digest;
  int64_t size = 0;
};

struct Platform {
  std::string architecture, os, variant;
  bool present = false;  // the entry had a `platform` object
};

struct ListEntry {
  Descriptor descriptor;
  Platform platform;
};

struct Schema1History {
  std::string v1Compatibility;  // the raw JSON text of each history entry
};

enum class ManifestKind : uint8_t { Schema1, Schema2, OciManifest, List /* Docker list or OCI index */ };

struct Manifest {
  ManifestKind kind = ManifestKind::Schema2;
  std::string parserMediaType;  // the media type whose parser read it (schema 1: the +prettyjws type)
  std::string bodyMediaType;    // the body's own `mediaType`, possibly empty
  std::string canonical;        // bytes the digest is computed over (schema 1: the canonical payload)
  // Schema2 / OCI
  Descriptor config;
  std::vector<Descriptor> layers;
  // Lists
  std::vector<ListEntry> manifests;
  // Schema 1 (read from the canonical payload)
  std::string name, tag, architecture;
  std::vector<std::string> fsLayerBlobSums;
  std::vector<Schema1History> history;
};

struct ManifestParse {
  std::optional<Manifest> manifest;
  std::string error;  // upstream's text, e.g. "missing signature key"
};

// Parses `body` as the manifest type named by `contentType` (Go's mime.ParseMediaType: lower-cased,
// parameters ignored but checked; unknown or empty → schema 1; a malformed header is an error such
// as "mime: expected slash after first token").
ManifestParse parseManifest(std::string_view contentType, std::string_view body);

// The media type upstream's Payload() reports, used in the integrity re-check text and as the
// image's media type before the metadata step: schema 1 → +prettyjws; schema 2 → the body's;
// OCI manifest → the OCI type; list/index → the body's, or the OCI index type when absent.
std::string payloadMediaType(const Manifest& manifest);

}  // namespace isimport

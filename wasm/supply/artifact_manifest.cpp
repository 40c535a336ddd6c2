#include "supply/artifact_manifest.h"

#include "registry/manifest.h"
#include "registry/media_type.h"
#include "registry/registry_json.h"

namespace isimport {
namespace {

// The members of the OCI image-spec descriptor, platform and manifest that discovery reads
// (image-spec descriptor.md, image-index.md, manifest.md), with encoding/json's loose keys as
// oras-go and go-containerregistry read them.
struct WirePlatform {
  static constexpr const char* kGoType = "v1.Platform";
  static constexpr bool kLooseKeys = true;
  std::string architecture, os, variant;
};
ISIMPORT_FIELDS(WirePlatform) {
  v.field("architecture", o.architecture, kAlways);
  v.field("os", o.os, kAlways);
  v.field("variant", o.variant, kOmitEmpty);
}

struct WireDescriptor {
  static constexpr const char* kGoType = "v1.Descriptor";
  static constexpr bool kLooseKeys = true;
  std::string mediaType, digest, artifactType;
  int64_t size = 0;
  StringMap annotations;
  std::optional<WirePlatform> platform;
};
ISIMPORT_FIELDS(WireDescriptor) {
  v.field("mediaType", o.mediaType, kAlways);
  v.field("digest", o.digest, kAlways);
  v.field("size", o.size, kAlways);
  v.field("annotations", o.annotations, kOmitEmpty);
  v.field("artifactType", o.artifactType, kOmitEmpty);
  v.field("platform", o.platform, kOmitEmpty);
}

struct WireIndex {
  static constexpr const char* kGoType = "v1.Index";
  static constexpr bool kLooseKeys = true;
  int64_t schemaVersion = 0;
  std::string mediaType;
  std::vector<WireDescriptor> manifests;
};
ISIMPORT_FIELDS(WireIndex) {
  v.field("schemaVersion", o.schemaVersion, kAlways);
  v.field("mediaType", o.mediaType, kOmitEmpty);
  v.field("manifests", o.manifests, kAlways);
}

struct WireManifest {
  static constexpr const char* kGoType = "v1.Manifest";
  static constexpr bool kLooseKeys = true;
  int64_t schemaVersion = 0;
  std::string mediaType, artifactType;
  WireDescriptor config;
  std::vector<WireDescriptor> layers;
  std::optional<WireDescriptor> subject;
  StringMap annotations;
  std::vector<WireDescriptor> manifests;  // present when the document is an index after all
};
ISIMPORT_FIELDS(WireManifest) {
  v.field("schemaVersion", o.schemaVersion, kAlways);
  v.field("mediaType", o.mediaType, kOmitEmpty);
  v.field("artifactType", o.artifactType, kOmitEmpty);
  v.field("config", o.config, kAlways);
  v.field("layers", o.layers, kAlways);
  v.field("subject", o.subject, kOmitEmpty);
  v.field("annotations", o.annotations, kOmitEmpty);
  v.field("manifests", o.manifests, kOmitEmpty);
}

OciDescriptor descriptorOf(WireDescriptor&& d) {
  OciDescriptor out{std::move(d.mediaType), std::move(d.digest), std::move(d.artifactType), d.size,
                    std::move(d.annotations), {}, {}, {}};
  if (d.platform) {
    out.platformOs = std::move(d.platform->os);
    out.platformArchitecture = std::move(d.platform->architecture);
    out.platformVariant = std::move(d.platform->variant);
  }
  return out;
}

bool isIndexType(std::string_view type) { return type == media::kOciIndex || type == media::kDockerList; }

}  // namespace

std::string mediaTypeOf(std::string_view contentType) {
  MediaTypeParse parsed = parseMediaType(contentType);
  return parsed.error.empty() ? parsed.type : std::string();
}

OciIndexRead readOciIndex(std::string_view contentType, std::string_view body, size_t cap) {
  OciIndexRead out;
  WireIndex index;
  if (std::string error = gojson::unmarshal(body, index); !error.empty()) return (out.error = error, out);
  // The distribution spec names the Content-Type; a registry that sends none (or a generic one)
  // is believed when the body says it is an index, as go-containerregistry does.
  std::string type = mediaTypeOf(contentType);
  if (!isIndexType(type) && !isIndexType(index.mediaType)) {
    out.error = "not an image index (Content-Type " + (type.empty() ? std::string("none") : type) + ")";
    return out;
  }
  if (index.schemaVersion != 2) return (out.error = "not an image index (schemaVersion " + std::to_string(index.schemaVersion) + ")", out);
  out.listed = index.manifests.size();
  for (WireDescriptor& d : index.manifests) {
    if (out.manifests.size() == cap) break;
    out.manifests.push_back(descriptorOf(std::move(d)));
  }
  return out;
}

OciManifestRead readArtifactManifest(std::string_view contentType, std::string_view body, size_t layerCap) {
  OciManifestRead out;
  WireManifest m;
  if (std::string error = gojson::unmarshal(body, m); !error.empty()) return (out.error = error, out);
  std::string type = mediaTypeOf(contentType);
  out.mediaType = m.mediaType.empty() ? type : m.mediaType;
  if (isIndexType(out.mediaType) || !m.manifests.empty()) {
    out.isIndex = true;
    out.artifactType = std::move(m.artifactType);
    out.annotations = std::move(m.annotations);
    if (m.subject) out.subjectDigest = std::move(m.subject->digest);
    return out;
  }
  if (m.schemaVersion != 2) return (out.error = "not an image manifest (schemaVersion " + std::to_string(m.schemaVersion) + ")", out);
  out.artifactType = std::move(m.artifactType);
  out.config = descriptorOf(std::move(m.config));
  out.layersListed = m.layers.size();
  for (WireDescriptor& layer : m.layers) {
    if (out.layers.size() == layerCap) break;
    out.layers.push_back(descriptorOf(std::move(layer)));
  }
  if (m.subject) out.subjectDigest = std::move(m.subject->digest);
  out.annotations = std::move(m.annotations);
  return out;
}

}  // namespace isimport

#include "import/image_builder.h"

#include <string_view>
#include <unordered_set>

#include "go/go_text.h"
#include "import/image_config.h"
#include "registry/digest.h"
#include "registry/registry_json.h"

namespace isimport {
namespace {

constexpr const char* kLayersOrderAnnotation = "image.openshift.io/dockerLayersOrder";
constexpr const char* kLayersOrderAscending = "ascending";

// The manifest as InternalImageWithMetadata re-reads it (docker10.DockerImageManifest): one struct
// for every schema, so a body is read for fields its own parser never looked at.
struct MetaDescriptor {
  static constexpr const char* kGoType = "docker10.Descriptor";
  static constexpr bool kLooseKeys = true;
  std::string mediaType;
  int64_t size = 0;
  std::string digest;
};
ISIMPORT_FIELDS(MetaDescriptor) {
  v.field("mediaType", o.mediaType, kOmitEmpty);
  v.field("size", o.size, kOmitEmpty);
  v.field("digest", o.digest, kOmitEmpty);
}

struct MetaFSLayer {
  static constexpr const char* kGoType = "docker10.DockerFSLayer";
  static constexpr bool kLooseKeys = true;
  std::string blobSum;
};
ISIMPORT_FIELDS(MetaFSLayer) { v.field("blobSum", o.blobSum, kAlways); }

struct MetaHistory {
  static constexpr const char* kGoType = "docker10.DockerHistory";
  static constexpr bool kLooseKeys = true;
  std::string v1Compatibility;
};
ISIMPORT_FIELDS(MetaHistory) { v.field("v1Compatibility", o.v1Compatibility, kAlways); }

struct MetaManifest {
  static constexpr const char* kGoType = "docker10.DockerImageManifest";
  static constexpr bool kLooseKeys = true;
  GoInt schemaVersion;
  std::string mediaType, name, tag, architecture;
  std::vector<MetaFSLayer> fsLayers;
  std::vector<MetaHistory> history;
  std::vector<MetaDescriptor> layers;
  MetaDescriptor config;
};
ISIMPORT_FIELDS(MetaManifest) {
  v.field("schemaVersion", o.schemaVersion, kAlways);
  v.field("mediaType", o.mediaType, kOmitEmpty);
  v.field("name", o.name, kAlways);
  v.field("tag", o.tag, kAlways);
  v.field("architecture", o.architecture, kAlways);
  v.field("fsLayers", o.fsLayers, kAlways);
  v.field("history", o.history, kAlways);
  v.field("layers", o.layers, kAlways);
  v.field("config", o.config, kAlways);
}

// Go's int64 addition wraps; so does this (hostile sizes must not be undefined behaviour).
int64_t addWrapping(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}

std::string unrecognizedSchema(const Image& image, int64_t schemaVersion) {
  return "unrecognized container image manifest schema " + std::to_string(schemaVersion) + " for " +
         goQuote(image.metadata.name) + " (" + image.dockerImageReference + ")";
}

// InternalImageWithMetadata for a freshly converted image (no layers yet): reads the manifest
// text again, fills layers and annotation, replaces the metadata from the config / history[0], and
// computes Size.
std::string withMetadata(Image& image, int64_t nowUnix) {
  if (image.dockerImageManifest.empty()) return "";
  MetaManifest m;
  if (std::string error = gojson::unmarshal(image.dockerImageManifest, m); !error.empty()) return error;
  DockerImage& meta = *image.dockerImageMetadata;
  if (m.mediaType == media::kDockerList || m.mediaType == media::kOciIndex) {
    meta.id = image.metadata.name;
    meta.created = Time{true, nowUnix};
    return "";
  }
  const int64_t schema = m.schemaVersion.value;
  // fillImageLayers
  if (schema == 1) {
    if (m.history.size() != m.fsLayers.size()) {
      return "the image " + image.metadata.name + " (" + image.dockerImageReference +
             ") has mismatched history and fslayer cardinality (" + std::to_string(m.history.size()) +
             " != " + std::to_string(m.fsLayers.size()) + ")";
    }
    // Schema 1 lists the newest layer first; the Image keeps the base layer first.
    image.dockerImageLayers.resize(m.fsLayers.size());
    for (size_t i = 0; i < m.history.size(); ++i) {
      ImageLayer& layer = image.dockerImageLayers[m.history.size() - 1 - i];
      layer.name = m.fsLayers[i].blobSum;
      layer.size = v1CompatibilityLayerSize(m.history[i].v1Compatibility);
      layer.mediaType = media::kSchema1LayerType;
    }
  } else if (schema == 2) {
    for (const MetaDescriptor& d : m.layers) image.dockerImageLayers.push_back(ImageLayer{d.digest, d.size, d.mediaType});
  } else {
    return unrecognizedSchema(image, schema);
  }
  image.metadata.annotations[kLayersOrderAnnotation] = kLayersOrderAscending;

  if (schema == 1) {
    image.dockerImageManifestMediaType = media::kSchema1;
    if (m.history.empty()) {
      return "the image " + image.metadata.name + " (" + image.dockerImageReference +
             ") has a schema 1 manifest, but it doesn't have history";
    }
    ConfigRead v1 = readV1Compatibility(m.history[0].v1Compatibility);
    if (!v1.error.empty()) return v1.error;
    meta = std::move(v1.image);
  } else {
    if (!m.mediaType.empty()) {
      image.dockerImageManifestMediaType = m.mediaType;
    } else if (image.dockerImageManifestMediaType.empty()) {
      image.dockerImageManifestMediaType = media::kSchema2;
    }
    if (image.dockerImageConfig.empty()) {
      return "dockerImageConfig must not be empty for manifest type " + goQuote(image.dockerImageManifestMediaType);
    }
    ConfigRead config = readImageConfig(image.dockerImageConfig);
    if (!config.error.empty()) return "failed to parse dockerImageConfig: " + config.error;
    meta = std::move(config.image);
    meta.id = m.config.digest;
  }

  // Digests seen so far, by view into the layers (which stay put): one hash each, not a tree walk
  // of string comparisons.
  std::unordered_set<std::string_view> counted(image.dockerImageLayers.size() * 2 + 1);
  int64_t size = 0;
  if (schema == 2) {
    counted.insert(m.config.digest);
    size = static_cast<int64_t>(image.dockerImageConfig.size());
  }
  for (const ImageLayer& layer : image.dockerImageLayers) {
    if (!counted.insert(layer.name).second) continue;
    size = addWrapping(size, layer.size);
  }
  meta.size = size;
  return "";
}

Image newImage(const Manifest& manifest) {
  Image image;
  image.metadata.name = sha256Digest(manifest.canonical);
  image.dockerImageMetadataVersion = "1.0";
  image.dockerImageManifestMediaType = payloadMediaType(manifest);
  return image;
}

ImageBuild failed(std::string error) {
  ImageBuild build;
  build.error = std::move(error);
  return build;
}

}  // namespace

std::optional<std::string> integrityRecheck(const Manifest& manifest, const std::string& expectedDigest) {
  if (expectedDigest.empty()) return std::nullopt;
  std::string computed = sha256Digest(manifest.canonical);
  if (computed == expectedDigest) return std::nullopt;
  if (manifest.kind == ManifestKind::Schema1) {
    return "content integrity error: the schema 1 manifest retrieved with digest " + expectedDigest +
           " does not match the digest calculated from the content " + computed;
  }
  return "content integrity error: the manifest retrieved (media type: " + payloadMediaType(manifest) +
         ") with digest " + expectedDigest + " does not match the digest calculated from the content " + computed;
}

ImageBuild buildImage(const Manifest& manifest, std::string_view manifestBody, std::string_view configBody,
                      const std::string& requestedDigest, const std::string& dockerImageReference,
                      int64_t nowUnix) {
  if (manifest.kind == ManifestKind::List) {
    return failed("unsupported image manifest type: *manifestlist.DeserializedManifestList");
  }
  Image image = newImage(manifest);
  if (manifest.kind == ManifestKind::Schema1) {
    // schema1ToImage
    if (manifest.history.empty()) return failed("image has no v1Compatibility history and cannot be used");
    ConfigRead first = readPre012Image(manifest.history[0].v1Compatibility);
    if (!first.error.empty()) return failed(first.error);
    if (manifest.canonical.empty()) return failed("unable to load canonical representation from schema1 manifest");
    if (auto error = integrityRecheck(manifest, requestedDigest)) return failed(*error);
    image.dockerImageMetadata = std::move(first.image);
    image.dockerImageManifest = std::string(manifestBody);  // the whole signed body
  } else {
    // schema2OrOCIToImage
    ConfigRead first = readPre012Image(configBody);
    if (!first.error.empty()) return failed(first.error);
    if (auto error = integrityRecheck(manifest, requestedDigest)) return failed(*error);
    image.dockerImageMetadata = std::move(first.image);
    image.dockerImageManifest = manifest.canonical;
    image.dockerImageConfig = std::string(configBody);
  }
  image.dockerImageMetadata->id = image.metadata.name;
  if (std::string error = withMetadata(image, nowUnix); !error.empty()) return failed(error);

  ImageBuild build;
  if (image.dockerImageMetadata->size == 0) {
    std::unordered_set<std::string_view> seen(image.dockerImageLayers.size() * 2 + 1);
    for (const ImageLayer& layer : image.dockerImageLayers) {
      if (seen.insert(layer.name).second) build.layersToProbe.push_back(layer.name);
    }
    if (build.layersToProbe.empty()) {
      finishWithProbedSizes(image, {}, static_cast<int64_t>(image.dockerImageConfig.size()));
    }
  }
  image.dockerImageReference = dockerImageReference;
  build.image = std::move(image);
  return build;
}

void finishWithProbedSizes(Image& image, const std::vector<int64_t>& probedSizes, int64_t configSize) {
  std::unordered_set<std::string_view> seen(image.dockerImageLayers.size() * 2 + 1);
  int64_t size = 0;
  size_t next = 0;
  for (ImageLayer& layer : image.dockerImageLayers) {
    if (!seen.insert(layer.name).second) continue;
    layer.size = next < probedSizes.size() ? probedSizes[next] : 0;
    ++next;
    size = addWrapping(size, layer.size);
  }
  if (!image.dockerImageMetadata) image.dockerImageMetadata.emplace();
  if (configSize > 0 && !seen.count(image.dockerImageMetadata->id)) size = addWrapping(size, configSize);
  image.dockerImageMetadata->size = size;
}

ImageBuild buildListImage(const Manifest& list, const std::string& requestedDigest,
                          const std::string& dockerImageReference, int64_t nowUnix) {
  if (auto error = integrityRecheck(list, requestedDigest)) return failed(*error);
  Image image = newImage(list);
  image.dockerImageMetadata.emplace();
  image.dockerImageMetadata->id = image.metadata.name;
  image.dockerImageMetadata->created = Time{true, nowUnix};
  for (const ListEntry& entry : list.manifests) {
    image.dockerImageManifests.push_back(ImageManifest{entry.descriptor.digest, entry.descriptor.mediaType,
                                                       entry.descriptor.size, entry.platform.architecture,
                                                       entry.platform.os, entry.platform.variant});
  }
  image.dockerImageReference = dockerImageReference;
  ImageBuild build;
  build.image = std::move(image);
  return build;
}

}  // namespace isimport

// The ImageStreamImport kind: what to import (spec) and what the import produced (status).
#pragma once

#include "model/image.h"
#include "model/image_stream.h"

namespace isimport {

struct ImageImportSpec {
  static constexpr const char* kGoType = "v1.ImageImportSpec";
  ObjectReference from;
  std::optional<LocalObjectReference> to;
  TagImportPolicy importPolicy;
  TagReferencePolicy referencePolicy;
  bool includeManifest = false;
};
ISIMPORT_FIELDS(ImageImportSpec) {
  v.field("from", o.from, kAlways | kRequired);
  v.field("to", o.to, kOmitEmpty);
  v.field("importPolicy", o.importPolicy, kOmitEmpty);
  v.field("referencePolicy", o.referencePolicy, kOmitEmpty);
  v.field("includeManifest", o.includeManifest, kOmitEmpty);
}

struct RepositoryImportSpec {
  static constexpr const char* kGoType = "v1.RepositoryImportSpec";
  ObjectReference from;
  TagImportPolicy importPolicy;
  TagReferencePolicy referencePolicy;
  bool includeManifest = false;
};
ISIMPORT_FIELDS(RepositoryImportSpec) {
  v.field("from", o.from, kAlways | kRequired);
  v.field("importPolicy", o.importPolicy, kOmitEmpty);
  v.field("referencePolicy", o.referencePolicy, kOmitEmpty);
  v.field("includeManifest", o.includeManifest, kOmitEmpty);
}

struct ImageStreamImportSpec {
  static constexpr const char* kGoType = "v1.ImageStreamImportSpec";
  bool import = false;
  std::optional<RepositoryImportSpec> repository;
  std::vector<ImageImportSpec> images;
};
ISIMPORT_FIELDS(ImageStreamImportSpec) {
  v.field("import", o.import, kAlways | kRequired);
  v.field("repository", o.repository, kOmitEmpty);
  v.field("images", o.images, kOmitEmpty);
}

struct ImageImportStatus {
  static constexpr const char* kGoType = "v1.ImageImportStatus";
  Status status;
  std::optional<Image> image;
  Text tag;
  std::vector<Image> manifests;
};
ISIMPORT_FIELDS(ImageImportStatus) {
  v.field("status", o.status, kAlways);
  v.field("image", o.image, kOmitEmpty);
  v.field("tag", o.tag, kOmitEmpty);
  v.field("manifests", o.manifests, kOmitEmpty);
}

struct RepositoryImportStatus {
  static constexpr const char* kGoType = "v1.RepositoryImportStatus";
  Status status;
  std::vector<ImageImportStatus> images;
  std::vector<std::string> additionalTags;
};
ISIMPORT_FIELDS(RepositoryImportStatus) {
  v.field("status", o.status, kOmitEmpty);
  v.field("images", o.images, kOmitEmpty);
  v.field("additionalTags", o.additionalTags, kOmitEmpty);
}

struct ImageStreamImportStatus {
  static constexpr const char* kGoType = "v1.ImageStreamImportStatus";
  std::optional<ImageStream> import;
  std::optional<RepositoryImportStatus> repository;
  std::vector<ImageImportStatus> images;
};
ISIMPORT_FIELDS(ImageStreamImportStatus) {
  v.field("import", o.import, kOmitEmpty);
  v.field("repository", o.repository, kOmitEmpty);
  v.field("images", o.images, kOmitEmpty);
}

struct ImageStreamImport {
  static constexpr const char* kGoType = "v1.ImageStreamImport";
  static constexpr const char* kKind = "ImageStreamImport";
  Text kind, apiVersion;
  ObjectMeta metadata;
  ImageStreamImportSpec spec;
  ImageStreamImportStatus status;
};
ISIMPORT_FIELDS(ImageStreamImport) {
  v.field("kind", o.kind, kOmitEmpty);
  v.field("apiVersion", o.apiVersion, kOmitEmpty);
  v.field("metadata", o.metadata, kOmitEmpty | kRequired);
  v.field("spec", o.spec, kAlways | kRequired);
  v.field("status", o.status, kAlways);
}

}  // namespace isimport

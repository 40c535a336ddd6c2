// The ImageStream kind: spec tags, status tag histories and their conditions, and the tag
// policies ImageStreamImport shares with it.
#pragma once

#include "model/meta.h"

namespace isimport {

struct TagImportPolicy {
  static constexpr const char* kGoType = "v1.TagImportPolicy";
  bool insecure = false, scheduled = false;
  Text importMode;  // "Legacy" | "PreserveOriginal"; empty is defaulted while decoding
};
ISIMPORT_FIELDS(TagImportPolicy) {
  v.field("insecure", o.insecure, kOmitEmpty);
  v.field("scheduled", o.scheduled, kOmitEmpty);
  v.field("importMode", o.importMode, kOmitEmpty);
}

struct TagReferencePolicy {
  static constexpr const char* kGoType = "v1.TagReferencePolicy";
  Text type;  // "Source" | "Local"; empty is defaulted to Source while decoding
};
ISIMPORT_FIELDS(TagReferencePolicy) { v.field("type", o.type, kAlways); }

struct ImageLookupPolicy {
  static constexpr const char* kGoType = "v1.ImageLookupPolicy";
  bool local = false;
};
ISIMPORT_FIELDS(ImageLookupPolicy) { v.field("local", o.local, kAlways); }

struct TagReference {
  static constexpr const char* kGoType = "v1.TagReference";
  Text name;
  std::optional<StringMap> annotations;  // printed as null when absent
  std::optional<ObjectReference> from;
  bool reference = false;
  std::optional<int64_t> generation;     // printed as null when absent
  TagImportPolicy importPolicy;
  TagReferencePolicy referencePolicy;
};
ISIMPORT_FIELDS(TagReference) {
  v.field("name", o.name, kAlways | kRequired);
  v.field("annotations", o.annotations, kAlways);
  v.field("from", o.from, kOmitEmpty);
  v.field("reference", o.reference, kOmitEmpty);
  v.field("generation", o.generation, kAlways);
  v.field("importPolicy", o.importPolicy, kOmitEmpty);
  v.field("referencePolicy", o.referencePolicy, kOmitEmpty);
}

struct ImageStreamSpec {
  static constexpr const char* kGoType = "v1.ImageStreamSpec";
  ImageLookupPolicy lookupPolicy;
  Text dockerImageRepository;
  std::vector<TagReference> tags;
};
ISIMPORT_FIELDS(ImageStreamSpec) {
  v.field("lookupPolicy", o.lookupPolicy, kOmitEmpty);
  v.field("dockerImageRepository", o.dockerImageRepository, kOmitEmpty);
  v.field("tags", o.tags, kOmitEmpty);
}

struct TagEvent {
  static constexpr const char* kGoType = "v1.TagEvent";
  Time created;
  Text dockerImageReference, image;
  int64_t generation = 0;
};
ISIMPORT_FIELDS(TagEvent) {
  v.field("created", o.created, kAlways);
  v.field("dockerImageReference", o.dockerImageReference, kAlways);
  v.field("image", o.image, kAlways);
  v.field("generation", o.generation, kAlways);
}

struct TagEventCondition {
  static constexpr const char* kGoType = "v1.TagEventCondition";
  Text type, status;
  Time lastTransitionTime;
  Text reason, message;
  int64_t generation = 0;
};
ISIMPORT_FIELDS(TagEventCondition) {
  v.field("type", o.type, kAlways);
  v.field("status", o.status, kAlways);
  v.field("lastTransitionTime", o.lastTransitionTime, kOmitEmpty);
  v.field("reason", o.reason, kOmitEmpty);
  v.field("message", o.message, kOmitEmpty);
  v.field("generation", o.generation, kAlways);
}

struct NamedTagEventList {
  static constexpr const char* kGoType = "v1.NamedTagEventList";
  Text tag;
  std::optional<std::vector<TagEvent>> items;  // printed as null when absent
  std::vector<TagEventCondition> conditions;
};
ISIMPORT_FIELDS(NamedTagEventList) {
  v.field("tag", o.tag, kAlways);
  v.field("items", o.items, kAlways);
  v.field("conditions", o.conditions, kOmitEmpty);
}

struct ImageStreamStatus {
  static constexpr const char* kGoType = "v1.ImageStreamStatus";
  Text dockerImageRepository, publicDockerImageRepository;
  std::vector<NamedTagEventList> tags;
};
ISIMPORT_FIELDS(ImageStreamStatus) {
  v.field("dockerImageRepository", o.dockerImageRepository, kAlways);
  v.field("publicDockerImageRepository", o.publicDockerImageRepository, kOmitEmpty);
  v.field("tags", o.tags, kOmitEmpty);
}

struct ImageStream {
  static constexpr const char* kGoType = "v1.ImageStream";
  static constexpr const char* kKind = "ImageStream";
  Text kind, apiVersion;
  ObjectMeta metadata;
  ImageStreamSpec spec;
  ImageStreamStatus status;
};
ISIMPORT_FIELDS(ImageStream) {
  v.field("kind", o.kind, kOmitEmpty);
  v.field("apiVersion", o.apiVersion, kOmitEmpty);
  v.field("metadata", o.metadata, kOmitEmpty);
  v.field("spec", o.spec, kAlways);
  v.field("status", o.status, kOmitEmpty);
}

}  // namespace isimport

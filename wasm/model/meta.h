// Kubernetes metadata types shared by every kind: ObjectMeta, object references and metav1.Status.
#pragma once

#include "model/fields.h"

namespace isimport {

struct OwnerReference {
  static constexpr const char* kGoType = "v1.OwnerReference";
  Text apiVersion, kind, name, uid;
  std::optional<bool> controller, blockOwnerDeletion;
};
ISIMPORT_FIELDS(OwnerReference) {
  v.field("apiVersion", o.apiVersion, kAlways);
  v.field("kind", o.kind, kAlways);
  v.field("name", o.name, kAlways);
  v.field("uid", o.uid, kAlways);
  v.field("controller", o.controller, kOmitEmpty);
  v.field("blockOwnerDeletion", o.blockOwnerDeletion, kOmitEmpty);
}

struct ManagedFieldsEntry {
  static constexpr const char* kGoType = "v1.ManagedFieldsEntry";
  Text manager, operation, apiVersion;
  std::optional<Time> time;
  Text fieldsType;
  std::optional<RawJson> fieldsV1;
  Text subresource;
};
ISIMPORT_FIELDS(ManagedFieldsEntry) {
  v.field("manager", o.manager, kOmitEmpty);
  v.field("operation", o.operation, kOmitEmpty);
  v.field("apiVersion", o.apiVersion, kOmitEmpty);
  v.field("time", o.time, kOmitEmpty);
  v.field("fieldsType", o.fieldsType, kOmitEmpty);
  v.field("fieldsV1", o.fieldsV1, kOmitEmpty);
  v.field("subresource", o.subresource, kOmitEmpty);
}

struct ObjectMeta {
  static constexpr const char* kGoType = "v1.ObjectMeta";
  Text name, generateName, nameSpace, selfLink, uid, resourceVersion;
  int64_t generation = 0;
  Time creationTimestamp;
  std::optional<Time> deletionTimestamp;
  std::optional<int64_t> deletionGracePeriodSeconds;
  StringMap labels, annotations;
  std::vector<OwnerReference> ownerReferences;
  std::vector<std::string> finalizers;
  std::vector<ManagedFieldsEntry> managedFields;
};
ISIMPORT_FIELDS(ObjectMeta) {
  v.field("name", o.name, kOmitEmpty);
  v.field("generateName", o.generateName, kOmitEmpty);
  v.field("namespace", o.nameSpace, kOmitEmpty);
  v.field("selfLink", o.selfLink, kOmitEmpty);
  v.field("uid", o.uid, kOmitEmpty);
  v.field("resourceVersion", o.resourceVersion, kOmitEmpty);
  v.field("generation", o.generation, kOmitEmpty);
  v.field("creationTimestamp", o.creationTimestamp, kOmitEmpty);  // a struct: still printed, as null
  v.field("deletionTimestamp", o.deletionTimestamp, kOmitEmpty);
  v.field("deletionGracePeriodSeconds", o.deletionGracePeriodSeconds, kOmitEmpty);
  v.field("labels", o.labels, kOmitEmpty);
  v.field("annotations", o.annotations, kOmitEmpty);
  v.field("ownerReferences", o.ownerReferences, kOmitEmpty);
  v.field("finalizers", o.finalizers, kOmitEmpty);
  v.field("managedFields", o.managedFields, kOmitEmpty);
}

// corev1.ObjectReference
struct ObjectReference {
  static constexpr const char* kGoType = "v1.ObjectReference";
  Text kind, nameSpace, name, uid, apiVersion, resourceVersion, fieldPath;
};
ISIMPORT_FIELDS(ObjectReference) {
  v.field("kind", o.kind, kOmitEmpty);
  v.field("namespace", o.nameSpace, kOmitEmpty);
  v.field("name", o.name, kOmitEmpty);
  v.field("uid", o.uid, kOmitEmpty);
  v.field("apiVersion", o.apiVersion, kOmitEmpty);
  v.field("resourceVersion", o.resourceVersion, kOmitEmpty);
  v.field("fieldPath", o.fieldPath, kOmitEmpty);
}

// corev1.LocalObjectReference
struct LocalObjectReference {
  static constexpr const char* kGoType = "v1.LocalObjectReference";
  Text name;
};
ISIMPORT_FIELDS(LocalObjectReference) { v.field("name", o.name, kOmitEmpty); }

struct ListMeta {
  static constexpr const char* kGoType = "v1.ListMeta";
  std::string selfLink, resourceVersion, continueToken;
  std::optional<int64_t> remainingItemCount;
};
ISIMPORT_FIELDS(ListMeta) {
  v.field("selfLink", o.selfLink, kOmitEmpty);
  v.field("resourceVersion", o.resourceVersion, kOmitEmpty);
  v.field("continue", o.continueToken, kOmitEmpty);
  v.field("remainingItemCount", o.remainingItemCount, kOmitEmpty);
}

struct StatusCause {
  static constexpr const char* kGoType = "v1.StatusCause";
  std::string reason, message, field;
};
ISIMPORT_FIELDS(StatusCause) {
  v.field("reason", o.reason, kOmitEmpty);
  v.field("message", o.message, kOmitEmpty);
  v.field("field", o.field, kOmitEmpty);
}

struct StatusDetails {
  static constexpr const char* kGoType = "v1.StatusDetails";
  std::string name, group, kind, uid;
  std::vector<StatusCause> causes;
  int32_t retryAfterSeconds = 0;
};
ISIMPORT_FIELDS(StatusDetails) {
  v.field("name", o.name, kOmitEmpty);
  v.field("group", o.group, kOmitEmpty);
  v.field("kind", o.kind, kOmitEmpty);
  v.field("uid", o.uid, kOmitEmpty);
  v.field("causes", o.causes, kOmitEmpty);
  v.field("retryAfterSeconds", o.retryAfterSeconds, kOmitEmpty);
}

// metav1.Status: per-image results, the repository aggregate, and error answers.
struct Status {
  static constexpr const char* kGoType = "v1.Status";
  std::string kind, apiVersion;
  ListMeta metadata;
  std::string status, message, reason;
  std::optional<StatusDetails> details;
  int32_t code = 0;
};
ISIMPORT_FIELDS(Status) {
  v.field("kind", o.kind, kOmitEmpty);
  v.field("apiVersion", o.apiVersion, kOmitEmpty);
  v.field("metadata", o.metadata, kOmitEmpty);
  v.field("status", o.status, kOmitEmpty);
  v.field("message", o.message, kOmitEmpty);
  v.field("reason", o.reason, kOmitEmpty);
  v.field("details", o.details, kOmitEmpty);
  v.field("code", o.code, kOmitEmpty);
}

}  // namespace isimport

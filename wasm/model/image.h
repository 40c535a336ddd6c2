// The Image kind (image.openshift.io/v1) and the types nested in it: layers, manifest-list
// entries, signatures, and the DockerImage metadata object with its capitalised keys.
#pragma once

#include "model/meta.h"

namespace isimport {

// docker10.DockerConfig. Carried inside a RawExtension upstream, so keys match case-insensitively
// and unknown keys are dropped rather than refused (kLooseKeys).
struct DockerConfig {
  static constexpr const char* kGoType = "docker10.DockerConfig";
  static constexpr bool kLooseKeys = true;
  Text hostname, domainname, user;
  int64_t memory = 0, memorySwap = 0, cpuShares = 0;
  Text cpuset;
  bool attachStdin = false, attachStdout = false, attachStderr = false;
  std::vector<std::string> portSpecs;
  StringSet exposedPorts;
  bool tty = false, openStdin = false, stdinOnce = false;
  std::vector<std::string> env, cmd, dns;
  Text image;
  StringSet volumes;
  Text volumesFrom, workingDir;
  std::vector<std::string> entrypoint;
  bool networkDisabled = false;
  std::vector<std::string> securityOpts, onBuild;
  StringMap labels;
};
ISIMPORT_FIELDS(DockerConfig) {
  v.field("Hostname", o.hostname, kOmitEmpty);
  v.field("Domainname", o.domainname, kOmitEmpty);
  v.field("User", o.user, kOmitEmpty);
  v.field("Memory", o.memory, kOmitEmpty);
  v.field("MemorySwap", o.memorySwap, kOmitEmpty);
  v.field("CpuShares", o.cpuShares, kOmitEmpty);
  v.field("Cpuset", o.cpuset, kOmitEmpty);
  v.field("AttachStdin", o.attachStdin, kOmitEmpty);
  v.field("AttachStdout", o.attachStdout, kOmitEmpty);
  v.field("AttachStderr", o.attachStderr, kOmitEmpty);
  v.field("PortSpecs", o.portSpecs, kOmitEmpty);
  v.field("ExposedPorts", o.exposedPorts, kOmitEmpty);
  v.field("Tty", o.tty, kOmitEmpty);
  v.field("OpenStdin", o.openStdin, kOmitEmpty);
  v.field("StdinOnce", o.stdinOnce, kOmitEmpty);
  v.field("Env", o.env, kOmitEmpty);
  v.field("Cmd", o.cmd, kOmitEmpty);
  v.field("Dns", o.dns, kOmitEmpty);
  v.field("Image", o.image, kOmitEmpty);
  v.field("Volumes", o.volumes, kOmitEmpty);
  v.field("VolumesFrom", o.volumesFrom, kOmitEmpty);
  v.field("WorkingDir", o.workingDir, kOmitEmpty);
  v.field("Entrypoint", o.entrypoint, kOmitEmpty);
  v.field("NetworkDisabled", o.networkDisabled, kOmitEmpty);
  v.field("SecurityOpts", o.securityOpts, kOmitEmpty);
  v.field("OnBuild", o.onBuild, kOmitEmpty);
  v.field("Labels", o.labels, kOmitEmpty);
}

// The `dockerImageMetadata` object: DockerImage version 1.0 with its own type header.
struct DockerImage {
  static constexpr const char* kGoType = "docker10.DockerImage";
  static constexpr bool kLooseKeys = true;
  Text kind = "DockerImage";
  Text apiVersion = "image.openshift.io/1.0";
  Text id, parent, comment;
  Time created;
  Text container;
  DockerConfig containerConfig;
  Text dockerVersion, author;
  std::optional<DockerConfig> config;
  Text architecture;
  int64_t size = 0;
};
ISIMPORT_FIELDS(DockerImage) {
  v.field("kind", o.kind, kOmitEmpty);
  v.field("apiVersion", o.apiVersion, kOmitEmpty);
  v.field("Id", o.id, kAlways);
  v.field("Parent", o.parent, kOmitEmpty);
  v.field("Comment", o.comment, kOmitEmpty);
  v.field("Created", o.created, kOmitEmpty);
  v.field("Container", o.container, kOmitEmpty);
  v.field("ContainerConfig", o.containerConfig, kOmitEmpty);
  v.field("DockerVersion", o.dockerVersion, kOmitEmpty);
  v.field("Author", o.author, kOmitEmpty);
  v.field("Config", o.config, kOmitEmpty);
  v.field("Architecture", o.architecture, kOmitEmpty);
  v.field("Size", o.size, kOmitEmpty);
}

struct ImageLayer {
  static constexpr const char* kGoType = "v1.ImageLayer";
  Text name;
  int64_t size = 0;
  Text mediaType;
};
ISIMPORT_FIELDS(ImageLayer) {
  v.field("name", o.name, kAlways);
  v.field("size", o.size, kAlways);
  v.field("mediaType", o.mediaType, kAlways);
}

// One entry of a manifest list or OCI index.
struct ImageManifest {
  static constexpr const char* kGoType = "v1.ImageManifest";
  Text digest, mediaType;
  int64_t manifestSize = 0;
  Text architecture, os, variant;
};
ISIMPORT_FIELDS(ImageManifest) {
  v.field("digest", o.digest, kAlways);
  v.field("mediaType", o.mediaType, kAlways);
  v.field("manifestSize", o.manifestSize, kAlways);
  v.field("architecture", o.architecture, kAlways);
  v.field("os", o.os, kAlways);
  v.field("variant", o.variant, kOmitEmpty);
}

struct SignatureCondition {
  static constexpr const char* kGoType = "v1.SignatureCondition";
  Text type, status;
  Time lastProbeTime, lastTransitionTime;
  Text reason, message;
};
ISIMPORT_FIELDS(SignatureCondition) {
  v.field("type", o.type, kAlways);
  v.field("status", o.status, kAlways);
  v.field("lastProbeTime", o.lastProbeTime, kOmitEmpty);
  v.field("lastTransitionTime", o.lastTransitionTime, kOmitEmpty);
  v.field("reason", o.reason, kOmitEmpty);
  v.field("message", o.message, kOmitEmpty);
}

struct SignatureIssuer {
  static constexpr const char* kGoType = "v1.SignatureIssuer";
  Text organization, commonName;
};
ISIMPORT_FIELDS(SignatureIssuer) {
  v.field("organization", o.organization, kOmitEmpty);
  v.field("commonName", o.commonName, kOmitEmpty);
}

struct SignatureSubject {
  static constexpr const char* kGoType = "v1.SignatureSubject";
  Text organization, commonName, publicKeyID;
};
ISIMPORT_FIELDS(SignatureSubject) {
  v.field("organization", o.organization, kOmitEmpty);
  v.field("commonName", o.commonName, kOmitEmpty);
  v.field("publicKeyID", o.publicKeyID, kAlways);
}

struct ImageSignature {
  static constexpr const char* kGoType = "v1.ImageSignature";
  Text kind, apiVersion;
  ObjectMeta metadata;
  Text type;
  std::optional<Bytes> content;
  std::vector<SignatureCondition> conditions;
  Text imageIdentity;
  StringMap signedClaims;
  std::optional<Time> created;
  std::optional<SignatureIssuer> issuedBy;
  std::optional<SignatureSubject> issuedTo;
};
ISIMPORT_FIELDS(ImageSignature) {
  v.field("kind", o.kind, kOmitEmpty);
  v.field("apiVersion", o.apiVersion, kOmitEmpty);
  v.field("metadata", o.metadata, kOmitEmpty);
  v.field("type", o.type, kAlways);
  v.field("content", o.content, kAlways);
  v.field("conditions", o.conditions, kOmitEmpty);
  v.field("imageIdentity", o.imageIdentity, kOmitEmpty);
  v.field("signedClaims", o.signedClaims, kOmitEmpty);
  v.field("created", o.created, kOmitEmpty);
  v.field("issuedBy", o.issuedBy, kOmitEmpty);
  v.field("issuedTo", o.issuedTo, kOmitEmpty);
}

struct Image {
  static constexpr const char* kGoType = "v1.Image";
  static constexpr const char* kKind = "Image";
  Text kind, apiVersion;
  ObjectMeta metadata;
  Text dockerImageReference;
  std::optional<DockerImage> dockerImageMetadata;
  Text dockerImageMetadataVersion, dockerImageManifest;
  std::vector<ImageLayer> dockerImageLayers;
  std::vector<ImageSignature> signatures;
  std::vector<Bytes> dockerImageSignatures;
  Text dockerImageManifestMediaType, dockerImageConfig;
  std::vector<ImageManifest> dockerImageManifests;
};
ISIMPORT_FIELDS(Image) {
  v.field("kind", o.kind, kOmitEmpty);
  v.field("apiVersion", o.apiVersion, kOmitEmpty);
  v.field("metadata", o.metadata, kOmitEmpty);
  v.field("dockerImageReference", o.dockerImageReference, kOmitEmpty);
  v.field("dockerImageMetadata", o.dockerImageMetadata, kOmitEmpty);
  v.field("dockerImageMetadataVersion", o.dockerImageMetadataVersion, kOmitEmpty);
  v.field("dockerImageManifest", o.dockerImageManifest, kOmitEmpty);
  v.field("dockerImageLayers", o.dockerImageLayers, kOmitEmpty);
  v.field("signatures", o.signatures, kOmitEmpty);
  v.field("dockerImageSignatures", o.dockerImageSignatures, kOmitEmpty);
  v.field("dockerImageManifestMediaType", o.dockerImageManifestMediaType, kOmitEmpty);
  v.field("dockerImageConfig", o.dockerImageConfig, kOmitEmpty);
  v.field("dockerImageManifests", o.dockerImageManifests, kOmitEmpty);
}

}  // namespace isimport

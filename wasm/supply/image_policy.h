// ClusterImagePolicy and ImagePolicy (config.openshift.io/v1): the objects that tell CRI-O, through
// the machine-config operator, which images must carry a sigstore signature and whose
// (docs/image-policy.md §11.1), and how one is read from JSON as the API server would accept or
// refuse it (docs/image-policy.md §11.2, §11.3).
//
// Field lists follow openshift/api config/v1 types_image_policy.go and
// types_cluster_image_policy.go (the two kinds share one spec shape). They are custom resources:
// the API server decodes them without Go types, so the reader checks them against the v1 CRD's
// schema (zz_generated.crd-manifests/*imagepolicies.crd.yaml) rather than with Go's type errors.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/meta.h"

namespace isimport {

inline constexpr std::string_view kClusterImagePolicyKind = "ClusterImagePolicy";
inline constexpr std::string_view kImagePolicyKind = "ImagePolicy";
inline constexpr std::string_view kImagePolicyGroup = "config.openshift.io";
inline constexpr std::string_view kImagePolicyApiVersion = "config.openshift.io/v1";

struct PolicyPublicKey {
  static constexpr const char* kGoType = "v1.ImagePolicyPublicKeyRootOfTrust";
  Bytes keyData, rekorKeyData;
};
ISIMPORT_FIELDS(PolicyPublicKey) {
  v.field("keyData", o.keyData, kAlways | kRequired);
  v.field("rekorKeyData", o.rekorKeyData, kOmitEmpty);
}

struct PolicyFulcioSubject {
  static constexpr const char* kGoType = "v1.PolicyFulcioSubject";
  std::string oidcIssuer, signedEmail;
};
ISIMPORT_FIELDS(PolicyFulcioSubject) {
  v.field("oidcIssuer", o.oidcIssuer, kAlways | kRequired);
  v.field("signedEmail", o.signedEmail, kAlways | kRequired);
}

struct PolicyFulcioCAWithRekor {
  static constexpr const char* kGoType = "v1.ImagePolicyFulcioCAWithRekorRootOfTrust";
  Bytes fulcioCAData, rekorKeyData;
  PolicyFulcioSubject fulcioSubject;
};
ISIMPORT_FIELDS(PolicyFulcioCAWithRekor) {
  v.field("fulcioCAData", o.fulcioCAData, kAlways | kRequired);
  v.field("rekorKeyData", o.rekorKeyData, kAlways | kRequired);
  v.field("fulcioSubject", o.fulcioSubject, kAlways | kRequired);
}

struct PolicyPkiSubject {
  static constexpr const char* kGoType = "v1.PKICertificateSubject";
  std::string email, hostname;
};
ISIMPORT_FIELDS(PolicyPkiSubject) {
  v.field("email", o.email, kOmitEmpty);
  v.field("hostname", o.hostname, kOmitEmpty);
}

struct PolicyPki {
  static constexpr const char* kGoType = "v1.ImagePolicyPKIRootOfTrust";
  Bytes caRootsData, caIntermediatesData;
  PolicyPkiSubject pkiCertificateSubject;
};
ISIMPORT_FIELDS(PolicyPki) {
  v.field("caRootsData", o.caRootsData, kAlways | kRequired);
  v.field("caIntermediatesData", o.caIntermediatesData, kOmitEmpty);
  v.field("pkiCertificateSubject", o.pkiCertificateSubject, kAlways | kRequired);
}

// policyType: "PublicKey" | "FulcioCAWithRekor" | "PKI"; the member it names is present, the
// others absent (the CRD's CEL rules).
struct PolicyRootOfTrust {
  static constexpr const char* kGoType = "v1.PolicyRootOfTrust";
  std::string policyType;
  std::optional<PolicyPublicKey> publicKey;
  std::optional<PolicyFulcioCAWithRekor> fulcioCAWithRekor;
  std::optional<PolicyPki> pki;
};
ISIMPORT_FIELDS(PolicyRootOfTrust) {
  v.field("policyType", o.policyType, kAlways | kRequired);
  v.field("publicKey", o.publicKey, kOmitEmpty);
  v.field("fulcioCAWithRekor", o.fulcioCAWithRekor, kOmitEmpty);
  v.field("pki", o.pki, kOmitEmpty);
}

struct PolicyExactRepository {
  static constexpr const char* kGoType = "v1.PolicyMatchExactRepository";
  std::string repository;
};
ISIMPORT_FIELDS(PolicyExactRepository) { v.field("repository", o.repository, kAlways | kRequired); }

struct PolicyRemapIdentity {
  static constexpr const char* kGoType = "v1.PolicyMatchRemapIdentity";
  std::string prefix, signedPrefix;
};
ISIMPORT_FIELDS(PolicyRemapIdentity) {
  v.field("prefix", o.prefix, kAlways | kRequired);
  v.field("signedPrefix", o.signedPrefix, kAlways | kRequired);
}

// matchPolicy: "MatchRepoDigestOrExact" | "MatchRepository" | "ExactRepository" | "RemapIdentity".
struct PolicySignedIdentity {
  static constexpr const char* kGoType = "v1.PolicyIdentity";
  std::string matchPolicy;
  std::optional<PolicyExactRepository> exactRepository;
  std::optional<PolicyRemapIdentity> remapIdentity;
};
ISIMPORT_FIELDS(PolicySignedIdentity) {
  v.field("matchPolicy", o.matchPolicy, kAlways | kRequired);
  v.field("exactRepository", o.exactRepository, kOmitEmpty);
  v.field("remapIdentity", o.remapIdentity, kOmitEmpty);
}

struct PolicyVerification {
  static constexpr const char* kGoType = "v1.ImageSigstoreVerificationPolicy";
  PolicyRootOfTrust rootOfTrust;
  std::optional<PolicySignedIdentity> signedIdentity;  // absent: MatchRepoDigestOrExact (MCO)
};
ISIMPORT_FIELDS(PolicyVerification) {
  v.field("rootOfTrust", o.rootOfTrust, kAlways | kRequired);
  v.field("signedIdentity", o.signedIdentity, kOmitEmpty);
}

struct ImagePolicySpec {
  static constexpr const char* kGoType = "v1.ImagePolicySpec";
  std::vector<std::string> scopes;
  PolicyVerification policy;
};
ISIMPORT_FIELDS(ImagePolicySpec) {
  v.field("scopes", o.scopes, kAlways | kRequired);
  v.field("policy", o.policy, kAlways | kRequired);
}

// metav1.Condition
struct PolicyCondition {
  static constexpr const char* kGoType = "v1.Condition";
  std::string type, status;
  int64_t observedGeneration = 0;
  Time lastTransitionTime;
  std::string reason, message;
};
ISIMPORT_FIELDS(PolicyCondition) {
  v.field("type", o.type, kAlways);
  v.field("status", o.status, kAlways);
  v.field("observedGeneration", o.observedGeneration, kOmitEmpty);
  v.field("lastTransitionTime", o.lastTransitionTime, kAlways);
  v.field("reason", o.reason, kAlways);
  v.field("message", o.message, kAlways);
}

struct ImagePolicyStatus {
  static constexpr const char* kGoType = "v1.ImagePolicyStatus";
  std::vector<PolicyCondition> conditions;
};
ISIMPORT_FIELDS(ImagePolicyStatus) { v.field("conditions", o.conditions, kOmitEmpty); }

// Either kind: `kind` says which ("ClusterImagePolicy" is cluster-scoped and has no namespace).
struct ImagePolicyObject {
  static constexpr const char* kGoType = "v1.ImagePolicy";
  std::string kind, apiVersion;
  ObjectMeta metadata;
  ImagePolicySpec spec;
  ImagePolicyStatus status;

  bool clusterScoped() const { return kind == kClusterImagePolicyKind; }
};
ISIMPORT_FIELDS(ImagePolicyObject) {
  v.field("kind", o.kind, kOmitEmpty);
  v.field("apiVersion", o.apiVersion, kOmitEmpty);
  v.field("metadata", o.metadata, kAlways | kRequired);
  v.field("spec", o.spec, kAlways | kRequired);
  v.field("status", o.status, kAlways);
}

// The answer of readImagePolicy: exactly one of `policy` and `status` is set. `status` is the
// API server's refusal (400 for a body it cannot decode, 422 Invalid for one it decodes and
// rejects), with its causes.
struct PolicyRead {
  std::optional<ImagePolicyObject> policy;
  std::optional<Status> status;
};

// Reads one ClusterImagePolicy or ImagePolicy (its `kind` member says which) from JSON text, as
// `kubectl create` against a cluster serving the v1 CRDs would have it accepted or refused
// (docs/image-policy.md §11.2, §11.3). Status is dropped, as the API server drops it on create.
// Bodies over 3 MiB are refused (the API server's request limit).
PolicyRead readImagePolicy(std::string_view json);

}  // namespace isimport

// See artifact_format.h. Where each rule comes from:
// - cosign `pkg/types/media.go` (simple signing, SBOM media types), `pkg/oci/internal/signature/layer.go`
//   (per-layer annotations: predicateType on .att layers), `pkg/oci/remote/write.go`
//   (WriteAttestationNewBundleFormat: artifactType bundle v0.3, annotations dev.sigstore.bundle.content
//   and dev.sigstore.bundle.predicateType; WriteAttestationsReferrer: artifactType application/vnd.in-toto+json
//   over DSSE layers), `internal/pkg/oci/remote/remote.go` (ArtifactType: application/vnd.dev.cosign.artifact.<x>.v1+json),
//   `pkg/types/predicate.go` (CosignSignPredicateType: a signature made as a bundle);
// - notaryproject/specifications `specs/signature-specification.md` (artifactType or config media type
//   application/vnd.cncf.notary.signature, envelopes application/jose+json and application/cose);
// - moby/buildkit `docs/attestations/attestation-storage.md` (vnd.docker.reference.type attestation-manifest,
//   in-toto layers annotated in-toto.io/predicate-type);
// - OCI image-spec `manifest.md` (artifactType; when absent, config.mediaType names the artifact).
#include "supply/artifact_format.h"

#include "supply/in_toto.h"

namespace isimport {
namespace {

constexpr std::string_view kCosignSignPredicateType = "https://sigstore.dev/cosign/sign/v1";
constexpr std::string_view kCosignArtifactPrefix = "application/vnd.dev.cosign.artifact.";
constexpr std::string_view kSigstoreBundlePrefix = "application/vnd.dev.sigstore.bundle";

std::string annotation(const StringMap& annotations, std::string_view key) {
  auto it = annotations.find(std::string(key));
  return it == annotations.end() ? std::string() : it->second;
}

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The SBOM format a media type names, or "".
std::string sbomFormatOfMediaType(std::string_view t) {
  if (t == "application/spdx+json" || t == "text/spdx+json" || t == "text/spdx" || t == "application/spdx") return "spdx";
  if (t == "application/vnd.cyclonedx+json" || t == "application/vnd.cyclonedx+xml" || t == "application/vnd.cyclonedx") return "cyclonedx";
  return {};
}

// An attestation's kind told by its predicate type: an SBOM, cosign's signature-as-attestation, or
// an attestation.
ArtifactClass byPredicate(std::string format, std::string predicateType) {
  ArtifactClass c;
  c.format = std::move(format);
  c.kind = !sbomFormatOfPredicateType(predicateType).empty() ? "sbom" : predicateType == kCosignSignPredicateType ? "signature" : "attestation";
  c.predicateType = std::move(predicateType);
  return c;
}

ArtifactClass classOfLayer(const ArtifactLayer& layer, bool buildkit, const StringMap& manifestAnnotations) {
  std::string t = normalizedMediaType(layer.mediaType);
  ArtifactClass c;
  if (t == supply_media::kCosignSimpleSigning) {
    c.kind = "signature", c.format = "cosign";
  } else if (t == supply_media::kDsseEnvelope) {
    c = byPredicate("cosign", annotation(layer.annotations, "predicateType"));
  } else if (t == supply_media::kInToto) {
    c = byPredicate(buildkit ? "buildkit" : "in-toto", annotation(layer.annotations, "in-toto.io/predicate-type"));
  } else if (startsWith(t, kSigstoreBundlePrefix)) {
    std::string content = annotation(manifestAnnotations, "dev.sigstore.bundle.content");
    std::string predicate = annotation(manifestAnnotations, "dev.sigstore.bundle.predicateType");
    if (content == "dsse-envelope" || !predicate.empty()) c = byPredicate("sigstore-bundle", predicate);
    else if (content == "message-signature") c.kind = "signature", c.format = "sigstore-bundle";
    else c.format = "sigstore-bundle";  // what it holds is only known once it is read
  } else if (std::string sbom = sbomFormatOfMediaType(t); !sbom.empty()) {
    c.kind = "sbom", c.format = sbom;
  } else if (t == "application/jose+json" || t == "application/cose") {
    c.kind = "signature", c.format = "notation";
  }
  return c;
}

// Every layer classified; the manifest's class is theirs when they agree.
ArtifactClassification perLayer(const ArtifactManifest& m, bool buildkit, std::string format) {
  ArtifactClassification out;
  out.layersAreArtifacts = true;
  out.artifact.format = std::move(format);
  bool sameKind = true, samePredicate = true, allAttestations = true;
  for (size_t i = 0; i < m.layers.size(); ++i) {
    ArtifactLayerClass l{i, classOfLayer(m.layers[i], buildkit, m.annotations)};
    if (i > 0) {
      sameKind = sameKind && l.artifact.kind == out.layers[0].artifact.kind;
      samePredicate = samePredicate && l.artifact.predicateType == out.layers[0].artifact.predicateType;
    }
    allAttestations = allAttestations && (l.artifact.kind == "attestation" || l.artifact.kind == "sbom");
    out.layers.push_back(std::move(l));
  }
  if (out.layers.empty()) return out;
  out.artifact.kind = sameKind ? out.layers[0].artifact.kind : allAttestations ? "attestation" : "other";
  if (samePredicate) out.artifact.predicateType = out.layers[0].artifact.predicateType;
  return out;
}

bool allLayers(const ArtifactManifest& m, std::string_view mediaType) {
  if (m.layers.empty()) return false;
  for (const ArtifactLayer& l : m.layers) {
    if (normalizedMediaType(l.mediaType) != mediaType) return false;
  }
  return true;
}

bool anyLayer(const ArtifactManifest& m, std::initializer_list<std::string_view> mediaTypes) {
  for (const ArtifactLayer& l : m.layers) {
    std::string t = normalizedMediaType(l.mediaType);
    for (std::string_view want : mediaTypes) {
      if (t == want) return true;
    }
  }
  return false;
}

ArtifactClassification single(std::string kind, std::string format, std::string predicateType = {}) {
  ArtifactClassification out;
  out.artifact = ArtifactClass{std::move(kind), std::move(format), std::move(predicateType)};
  return out;
}

}  // namespace

std::string normalizedMediaType(std::string_view mediaType) {
  std::string_view t = mediaType.substr(0, mediaType.find(';'));
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  std::string out(t);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

ArtifactClassification classifyArtifact(const ArtifactManifest& m) {
  std::string config = normalizedMediaType(m.configMediaType);
  // OCI image-spec: without artifactType, the config's media type is the artifact's type.
  std::string type = m.artifactType.empty() ? config : normalizedMediaType(m.artifactType);
  bool buildkit = type == supply_media::kBuildkitAttestationManifest || config == supply_media::kBuildkitAttestationConfig ||
                  annotation(m.descriptorAnnotations, "vnd.docker.reference.type") == "attestation-manifest";

  if (startsWith(type, kSigstoreBundlePrefix)) {
    std::string content = annotation(m.annotations, "dev.sigstore.bundle.content");
    std::string predicate = annotation(m.annotations, "dev.sigstore.bundle.predicateType");
    if (content == "message-signature") return single("signature", "sigstore-bundle");
    if (content == "dsse-envelope" || !predicate.empty()) {
      ArtifactClassification out;
      out.artifact = byPredicate("sigstore-bundle", predicate);
      return out;
    }
    return single("other", "sigstore-bundle");
  }
  if (type == supply_media::kNotarySignature) return single("signature", "notation");
  if (buildkit) return perLayer(m, true, "buildkit");
  if (startsWith(type, kCosignArtifactPrefix)) {
    std::string_view what = std::string_view(type).substr(kCosignArtifactPrefix.size());
    if (startsWith(what, "sig.")) return perLayer(m, false, "cosign");
    if (startsWith(what, "att.")) return perLayer(m, false, "cosign");
    if (startsWith(what, "sbom.")) return single("sbom", "cosign");
  }
  if (std::string sbom = sbomFormatOfMediaType(type); !sbom.empty()) return single("sbom", sbom);
  if (type == supply_media::kInToto) {
    // cosign's attestation referrer: DSSE layers, each an attestation of its own.
    if (anyLayer(m, {supply_media::kDsseEnvelope})) return perLayer(m, false, "cosign");
    ArtifactClassification out;
    out.artifact = byPredicate("in-toto", annotation(m.annotations, "in-toto.io/predicate-type"));
    return out;
  }

  // Told by the layers: cosign's sha256-<hex>.sig / .att / .sbom tags carry image config types.
  if (anyLayer(m, {supply_media::kCosignSimpleSigning, supply_media::kDsseEnvelope})) return perLayer(m, false, "cosign");
  if (allLayers(m, supply_media::kInToto)) {
    bool annotated = false;
    for (const ArtifactLayer& l : m.layers) annotated = annotated || l.annotations.count("in-toto.io/predicate-type");
    return perLayer(m, annotated, annotated ? "buildkit" : "in-toto");
  }
  if (m.layers.size() == 1) {
    ArtifactClass c = classOfLayer(m.layers[0], false, m.annotations);
    if (c.kind != "other" || c.format != "unknown") {
      ArtifactClassification out;
      out.artifact = std::move(c);
      return out;
    }
  }
  return single("other", "unknown");
}

}  // namespace isimport

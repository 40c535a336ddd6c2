// Artifact manifests classified as discovery finds them (docs/signatures.md §10.7): each producer's
// manifest written as it publishes it — cosign's .sig/.att/.sbom tags and referrers, cosign's
// bundle referrers, Notation, BuildKit, oras-attached SBOMs — and media types as registries echo them.
#include <gtest/gtest.h>

#include "supply/artifact_format.h"

namespace isimport {
namespace {

constexpr std::string_view kOciConfig = "application/vnd.oci.image.config.v1+json";
constexpr std::string_view kEmpty = "application/vnd.oci.empty.v1+json";

ArtifactLayer layer(std::string_view mediaType, StringMap annotations = {}) {
  return ArtifactLayer{std::string(mediaType), "sha256:" + std::string(64, 'a'), 100, std::move(annotations)};
}

ArtifactManifest manifest(std::string_view config, std::vector<ArtifactLayer> layers, std::string_view artifactType = "") {
  ArtifactManifest m;
  m.mediaType = "application/vnd.oci.image.manifest.v1+json";
  m.configMediaType = std::string(config);
  m.artifactType = std::string(artifactType);
  m.layers = std::move(layers);
  return m;
}

TEST(ArtifactFormat, CosignSignatureTagHasOneSignaturePerLayer) {
  // sha256-<hex>.sig: image config, one simple-signing layer per signature, each with its annotations.
  ArtifactClassification c = classifyArtifact(manifest(kOciConfig, {
      layer("application/vnd.dev.cosign.simplesigning.v1+json", {{"dev.cosignproject.cosign/signature", "MEUC…"}}),
      layer("application/vnd.dev.cosign.simplesigning.v1+json", {{"dev.cosignproject.cosign/signature", "MEYC…"},
                                                                 {"dev.sigstore.cosign/certificate", "-----BEGIN CERTIFICATE-----"}}),
  }));
  EXPECT_EQ(c.artifact.kind, "signature");
  EXPECT_EQ(c.artifact.format, "cosign");
  EXPECT_TRUE(c.layersAreArtifacts);
  ASSERT_EQ(c.layers.size(), 2u);
  EXPECT_EQ(c.layers[1].index, 1u);
  EXPECT_EQ(c.layers[1].artifact.kind, "signature");
}

TEST(ArtifactFormat, CosignAttestationTagNamesEachPredicate) {
  ArtifactClassification c = classifyArtifact(manifest(kOciConfig, {
      layer("application/vnd.dsse.envelope.v1+json", {{"predicateType", "https://slsa.dev/provenance/v0.2"}}),
      layer("application/vnd.dsse.envelope.v1+json", {{"predicateType", "https://spdx.dev/Document"}}),
  }));
  EXPECT_EQ(c.artifact.kind, "attestation");  // an attestation and an SBOM: attestations both
  EXPECT_EQ(c.artifact.format, "cosign");
  EXPECT_EQ(c.artifact.predicateType, "");  // they differ
  ASSERT_EQ(c.layers.size(), 2u);
  EXPECT_EQ(c.layers[0].artifact.kind, "attestation");
  EXPECT_EQ(c.layers[0].artifact.predicateType, "https://slsa.dev/provenance/v0.2");
  EXPECT_EQ(c.layers[1].artifact.kind, "sbom");
  EXPECT_EQ(c.layers[1].artifact.format, "cosign");
}

TEST(ArtifactFormat, CosignSbomTagAndReferrers) {
  ArtifactClassification sbom = classifyArtifact(manifest(kOciConfig, {layer("text/spdx+json")}));
  EXPECT_EQ(sbom.artifact.kind, "sbom");
  EXPECT_EQ(sbom.artifact.format, "spdx");
  EXPECT_FALSE(sbom.layersAreArtifacts);
  // cosign's OCI 1.1 signature referrer: its artifact type is the config's media type.
  ArtifactClassification sig = classifyArtifact(manifest("application/vnd.dev.cosign.artifact.sig.v1+json",
                                                         {layer("application/vnd.dev.cosign.simplesigning.v1+json")}));
  EXPECT_EQ(sig.artifact.kind, "signature");
  EXPECT_TRUE(sig.layersAreArtifacts);
  // cosign's attestation referrer: artifactType in-toto over DSSE layers.
  ArtifactClassification att = classifyArtifact(manifest(kEmpty, {
      layer("application/vnd.dsse.envelope.v1+json", {{"predicateType", "https://cyclonedx.org/bom"}})}, "application/vnd.in-toto+json"));
  EXPECT_EQ(att.artifact.kind, "sbom");
  EXPECT_EQ(att.artifact.format, "cosign");
  EXPECT_EQ(att.artifact.predicateType, "https://cyclonedx.org/bom");
}

TEST(ArtifactFormat, SigstoreBundleReferrersByTheirAnnotations) {
  ArtifactManifest m = manifest(kEmpty, {layer("application/vnd.dev.sigstore.bundle.v0.3+json")},
                                "application/vnd.dev.sigstore.bundle.v0.3+json");
  m.annotations = {{"dev.sigstore.bundle.content", "dsse-envelope"}, {"dev.sigstore.bundle.predicateType", "https://slsa.dev/provenance/v1"}};
  ArtifactClassification att = classifyArtifact(m);
  EXPECT_EQ(att.artifact.kind, "attestation");
  EXPECT_EQ(att.artifact.format, "sigstore-bundle");
  EXPECT_EQ(att.artifact.predicateType, "https://slsa.dev/provenance/v1");
  EXPECT_FALSE(att.layersAreArtifacts);
  // cosign sign --new-bundle-format: a DSSE bundle whose predicate is cosign's signing predicate.
  m.annotations["dev.sigstore.bundle.predicateType"] = "https://sigstore.dev/cosign/sign/v1";
  EXPECT_EQ(classifyArtifact(m).artifact.kind, "signature");
  m.annotations = {};
  ArtifactClassification unknown = classifyArtifact(m);
  EXPECT_EQ(unknown.artifact.kind, "other");  // only reading the bundle tells
  EXPECT_EQ(unknown.artifact.format, "sigstore-bundle");
}

TEST(ArtifactFormat, NotationSignatures) {
  ArtifactClassification jws = classifyArtifact(manifest(kEmpty, {layer("application/jose+json")}, "application/vnd.cncf.notary.signature"));
  EXPECT_EQ(jws.artifact.kind, "signature");
  EXPECT_EQ(jws.artifact.format, "notation");
  // Before OCI 1.1 artifactType, Notation put its type in the config.
  ArtifactClassification cose = classifyArtifact(manifest("application/vnd.cncf.notary.signature", {layer("application/cose")}));
  EXPECT_EQ(cose.artifact.format, "notation");
}

TEST(ArtifactFormat, BuildkitAttestationManifestFoundInTheIndex) {
  ArtifactManifest m = manifest(kOciConfig, {
      layer("application/vnd.in-toto+json", {{"in-toto.io/predicate-type", "https://slsa.dev/provenance/v0.2"}}),
      layer("application/vnd.in-toto+json", {{"in-toto.io/predicate-type", "https://spdx.dev/Document"}}),
      layer("application/vnd.example.unknown"),
  });
  m.descriptorAnnotations = {{"vnd.docker.reference.type", "attestation-manifest"},
                             {"vnd.docker.reference.digest", "sha256:" + std::string(64, 'b')}};
  ArtifactClassification c = classifyArtifact(m);
  EXPECT_EQ(c.artifact.format, "buildkit");
  EXPECT_EQ(c.artifact.kind, "other");  // a layer of unknown type among them
  EXPECT_TRUE(c.layersAreArtifacts);
  ASSERT_EQ(c.layers.size(), 3u);
  EXPECT_EQ(c.layers[0].artifact.kind, "attestation");
  EXPECT_EQ(c.layers[0].artifact.format, "buildkit");
  EXPECT_EQ(c.layers[1].artifact.kind, "sbom");
  EXPECT_EQ(c.layers[2].artifact.kind, "other");
  // The same manifest without the index's annotation is still told by its annotated layers.
  m.descriptorAnnotations = {};
  m.layers.pop_back();
  ArtifactClassification bare = classifyArtifact(m);
  EXPECT_EQ(bare.artifact.format, "buildkit");
  EXPECT_EQ(bare.artifact.kind, "attestation");
  // And by the artifact type BuildKit's referrers carry.
  EXPECT_EQ(classifyArtifact(manifest(kEmpty, m.layers, "application/vnd.docker.attestation.manifest.v1+json")).artifact.format, "buildkit");
}

TEST(ArtifactFormat, MediaTypesAsRegistriesSendThem) {
  EXPECT_EQ(normalizedMediaType(" Application/VND.In-Toto+JSON ; charset=utf-8"), "application/vnd.in-toto+json");
  EXPECT_EQ(normalizedMediaType("application/vnd.dev.sigstore.bundle+json;version=0.1"), "application/vnd.dev.sigstore.bundle+json");
  ArtifactClassification c = classifyArtifact(manifest(kOciConfig, {layer("Application/Vnd.Dev.Cosign.Simplesigning.V1+Json; charset=utf-8")}));
  EXPECT_EQ(c.artifact.kind, "signature");
  ArtifactClassification v01 = classifyArtifact(manifest(kEmpty, {layer("x")}, "application/vnd.dev.sigstore.bundle+json;version=0.1"));
  EXPECT_EQ(v01.artifact.format, "sigstore-bundle");
  ArtifactClassification cdx = classifyArtifact(manifest(kEmpty, {layer("application/vnd.cyclonedx+json")}, "application/vnd.cyclonedx+json"));
  EXPECT_EQ(cdx.artifact.kind, "sbom");
  EXPECT_EQ(cdx.artifact.format, "cyclonedx");
}

TEST(ArtifactFormat, AnImageIsOther) {
  ArtifactClassification c = classifyArtifact(manifest(kOciConfig, {layer("application/vnd.oci.image.layer.v1.tar+gzip")}));
  EXPECT_EQ(c.artifact.kind, "other");
  EXPECT_EQ(c.artifact.format, "unknown");
  EXPECT_FALSE(c.layersAreArtifacts);
  EXPECT_EQ(classifyArtifact(ArtifactManifest{}).artifact.format, "unknown");
}

}  // namespace
}  // namespace isimport

// The signature and attestation documents of docs/signatures.md §10.2–§10.7, read from hostile
// bytes: the first byte picks the reader (cosign simple signing, DSSE, in-toto Statement, sigstore
// bundle, SBOM, or an artifact manifest's classification built from the fuzzer's strings). Every
// reader answers a value or a reason, never both, and what it accepts keeps the reader's promises.
#include "fuzz_support.h"
#include "model/reference.h"
#include "supply/artifact_format.h"
#include "supply/dsse.h"
#include "supply/in_toto.h"
#include "supply/sbom_summary.h"
#include "supply/sigstore_bundle.h"
#include "supply/simple_signing.h"

using namespace isimport;

namespace {

void checkEnvelope(const DsseEnvelope& e) {
  fuzz::check(!e.payloadType.empty(), "a DSSE envelope has a payload type");
  fuzz::check(!e.signatures.empty() && e.signatures.size() <= kMaxDsseSignatures, "a DSSE envelope has 1 to 32 signatures");
  for (const DsseSignature& s : e.signatures) fuzz::check(!s.sig.empty(), "a DSSE signature has bytes");
  std::string pae = preAuthEncoding(e.payloadType, e.payload);
  std::string head = "DSSEv1 " + std::to_string(e.payloadType.size()) + " ";
  fuzz::check(pae.compare(0, head.size(), head) == 0, "PAE starts with the type's length", pae.substr(0, 64));
  fuzz::check(pae.size() > e.payloadType.size() + e.payload.size() + 9, "PAE holds type and body");
  fuzz::check(pae.compare(pae.size() - e.payload.size(), e.payload.size(), e.payload) == 0, "PAE ends with the body");
}

void classify(fuzz::Input& in) {
  ArtifactManifest m;
  static constexpr std::string_view kTypes[] = {
      supply_media::kCosignSimpleSigning, supply_media::kDsseEnvelope, supply_media::kInToto, supply_media::kSigstoreBundleV03,
      supply_media::kNotarySignature, supply_media::kBuildkitAttestationManifest, "application/spdx+json",
      "application/vnd.cyclonedx+json", "application/jose+json", "application/vnd.dev.cosign.artifact.att.v1+json",
      "application/vnd.oci.image.config.v1+json", "",
  };
  auto type = [&]() { size_t c = in.choose(std::size(kTypes) + 1); return std::string(c < std::size(kTypes) ? kTypes[c] : in.string(60)); };
  static constexpr std::string_view kKeys[] = {"predicateType", "in-toto.io/predicate-type", "dev.sigstore.bundle.content",
                                               "dev.sigstore.bundle.predicateType", "vnd.docker.reference.type"};
  auto annotations = [&]() {
    StringMap a;
    for (size_t n = in.choose(3); n > 0; --n) a[std::string(kKeys[in.choose(std::size(kKeys))])] = std::string(in.string(40));
    return a;
  };
  m.artifactType = type();
  m.configMediaType = type();
  m.annotations = annotations();
  m.descriptorAnnotations = annotations();
  for (size_t n = in.choose(5); n > 0; --n) m.layers.push_back(ArtifactLayer{type(), std::string(in.string(20)), 0, annotations()});
  ArtifactClassification c = classifyArtifact(m);
  static constexpr std::string_view kKinds[] = {"signature", "attestation", "sbom", "other"};
  static constexpr std::string_view kFormats[] = {"cosign", "sigstore-bundle", "notation", "in-toto", "spdx", "cyclonedx", "buildkit", "unknown"};
  auto oneOf = [](std::string_view v, auto& list) { for (std::string_view x : list) if (x == v) return true; return false; };
  fuzz::check(oneOf(c.artifact.kind, kKinds) && oneOf(c.artifact.format, kFormats), "a known kind and format", c.artifact.kind + "/" + c.artifact.format);
  fuzz::check(c.layersAreArtifacts == !c.layers.empty() || (c.layersAreArtifacts && m.layers.empty()), "per-layer classes only when layers are artifacts");
  if (c.layersAreArtifacts) fuzz::check(c.layers.size() == m.layers.size(), "every layer classified");
  for (const ArtifactLayerClass& l : c.layers) {
    fuzz::check(l.index < m.layers.size() && oneOf(l.artifact.kind, kKinds) && oneOf(l.artifact.format, kFormats), "a layer's class is known");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::Input in(data, size);
  switch (in.choose(6)) {
    case 0: {
      SimpleSigningRead r = readSimpleSigningPayload(in.rest());
      fuzz::check(r.payload.has_value() == r.error.empty(), "a payload or a reason", r.error);
      if (r.payload) fuzz::check(validateOciDigest(r.payload->dockerManifestDigest) == DigestError::None, "the signed digest is valid");
      break;
    }
    case 1: {
      DsseRead r = readDsseEnvelope(in.rest());
      fuzz::check(r.envelope.has_value() == r.error.empty(), "an envelope or a reason", r.error);
      if (r.envelope) checkEnvelope(*r.envelope);
      break;
    }
    case 2: {
      InTotoRead r = readInTotoStatement(in.rest());
      fuzz::check(r.statement.has_value() == r.error.empty(), "a statement or a reason", r.error);
      if (!r.statement) break;
      fuzz::check(!r.statement->subject.empty() && r.statement->subject.size() <= kMaxSubjects, "1 to 1024 subjects");
      for (const InTotoSubject& s : r.statement->subject) fuzz::check(!s.digest.empty(), "every subject has a digest");
      fuzz::check(!r.statement->predicateType.empty(), "a predicate type");
      fuzz::check(!(r.statement->provenance && r.statement->sbom), "provenance or SBOM, not both");
      break;
    }
    case 3: {
      SigstoreBundleRead r = readSigstoreBundle(in.rest());
      fuzz::check(r.bundle.has_value() == r.error.empty(), "a bundle or a reason", r.error);
      if (!r.bundle) break;
      const SigstoreBundle& b = *r.bundle;
      fuzz::check(sigstoreBundleVersion(b.mediaType).has_value(), "a known media type");
      fuzz::check((b.verificationMaterial == "publicKey") == b.certificates.empty(), "certificates unless a public key");
      fuzz::check(b.tlogEntries <= kMaxBundleTlogEntries && b.rfc3161Timestamps <= kMaxBundleTimestamps, "bounded entries");
      if (b.content == "dsseEnvelope") checkEnvelope(*b.dsseEnvelope);
      else fuzz::check(b.content == "messageSignature" && !b.signature.empty() && !b.dsseEnvelope, "a message signature");
      break;
    }
    case 4: {
      SbomRead r = summarizeSbom(in.rest());
      fuzz::check(r.summary.has_value() == r.error.empty(), "a summary or a reason", r.error);
      if (r.summary) fuzz::check(r.summary->format == "spdx" || r.summary->format == "cyclonedx", "a known SBOM format");
      break;
    }
    default:
      classify(in);
  }
  return 0;
}

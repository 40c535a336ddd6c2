#include "supply/vouching.h"

#include <map>

#include "go/base64.h"
#include "supply/artifact_format.h"
#include "supply/certificate_identity.h"
#include "supply/dsse.h"
#include "supply/in_toto.h"
#include "supply/sbom_summary.h"
#include "supply/sigstore_bundle.h"
#include "supply/signed_identity.h"
#include "supply/simple_signing.h"

namespace isimport {
namespace {

// cosign's annotations on a signature layer (cosign pkg/oci/static/signature.go): the base64
// signature over the payload blob, and for keyless signatures the Fulcio certificate.
const std::string kCosignSignatureAnnotation = "dev.cosignproject.cosign/signature";
const std::string kCosignCertificateAnnotation = "dev.sigstore.cosign/certificate";

const char* kKeylessReason =
    "a keyless signature (a Fulcio certificate, a Rekor entry): isimport does not validate certificate chains or "
    "transparency logs, so it does not call it verified";

std::string annotation(const StringMap& annotations, const std::string& name) {
  auto it = annotations.find(name);
  return it == annotations.end() ? std::string() : it->second;
}

ArtifactManifest classifierInput(const FoundArtifact& found) {
  ArtifactManifest m;
  m.mediaType = found.manifest.mediaType.empty() ? found.listed.mediaType : found.manifest.mediaType;
  m.artifactType = found.manifest.artifactType.empty() ? found.listed.artifactType : found.manifest.artifactType;
  m.configMediaType = found.manifest.config.mediaType;
  for (const OciDescriptor& layer : found.manifest.layers) {
    m.layers.push_back({layer.mediaType, layer.digest, layer.size, layer.annotations});
  }
  m.annotations = found.manifest.annotations;
  m.descriptorAnnotations = found.listed.annotations;
  return m;
}

// What the OCI spec calls a manifest's artifact type: its own, else its config's media type.
std::string artifactTypeOf(const FoundArtifact& found) {
  if (!found.manifest.artifactType.empty()) return found.manifest.artifactType;
  if (!found.listed.artifactType.empty()) return found.listed.artifactType;
  return found.manifest.config.mediaType;
}

void summarize(const InTotoStatement& statement, Artifact& artifact) {
  artifact.predicateType = statement.predicateType;
  if (statement.provenance) {
    artifact.summary = ArtifactSummary{{}, std::nullopt, statement.provenance->builderId, statement.provenance->source};
  } else if (statement.sbom) {
    artifact.summary = ArtifactSummary{statement.sbom->name, static_cast<int64_t>(statement.sbom->packages), {}, {}};
  }
}

std::string subjectDigests(const InTotoStatement& statement) {
  std::string out;
  for (const InTotoSubject& s : statement.subject) {
    for (const auto& [algorithm, hex] : s.digest) out += (out.empty() ? "" : ", ") + algorithm + ":" + hex;
    if (out.size() > 300) return out + ", …";
  }
  return out.empty() ? "nothing" : out;
}

}  // namespace

// Subjects with the same repository and digest share their findings (one lookup), and so their
// judgement: each is judged, and its checks prepared, once.
Vouching::Vouching(const Discovery& discovery, const std::vector<PublicKey>& keys) : discovery_(discovery), keys_(keys) {
  std::map<const Findings*, size_t> judgedFor;
  for (size_t i = 0; i < discovery.subjects().size(); ++i) {
    const Findings& findings = discovery.findings(i);
    auto [it, fresh] = judgedFor.try_emplace(&findings, judged_.size());
    if (fresh) {
      judged_.emplace_back();
      for (const FoundArtifact& found : findings.artifacts) judgeArtifact(discovery.subjects()[i], found, judged_.back());
    }
    judgedOf_.push_back(it->second);
  }
}

void Vouching::judgeArtifact(const SubjectTarget& subject, const FoundArtifact& found, std::vector<Judged>& out) {
  ArtifactClassification classified = classifyArtifact(classifierInput(found));
  Artifact base;
  base.digest = found.digest;
  base.mediaType = found.manifest.mediaType.empty() ? found.listed.mediaType : found.manifest.mediaType;
  base.artifactType = artifactTypeOf(found);
  base.kind = classified.artifact.kind;
  base.format = classified.artifact.format;
  base.predicateType = classified.artifact.predicateType;
  base.foundBy = found.foundBy;
  if (!found.error.empty()) {
    Claim claim;
    (found.refused ? claim.failed : claim.unverified) = "the artifact could not be read: " + found.error;
    out.push_back({base, claim});
    return;
  }
  if (!classified.layersAreArtifacts) {
    Claim claim;
    // The document that says what it is: the first layer whose bytes were read.
    const FoundLayer* content = nullptr;
    for (const FoundLayer& layer : found.layers) {
      if (layer.blob && !content) content = &layer;
    }
    if (base.format == "sigstore-bundle" && content) {
      claim = bundleClaim(subject, *content, base);
    } else if (base.format == "notation") {
      claim = notationClaim(subject, content);
    } else if (base.kind == "sbom" && content) {
      if (normalizedMediaType(content->descriptor.mediaType) == supply_media::kInToto) {
        claim = statementClaim(subject, *content, base);
      } else {
        SbomRead sbom = summarizeSbom(*content->blob);
        if (sbom.summary) base.summary = ArtifactSummary{sbom.summary->name, static_cast<int64_t>(sbom.summary->packages), {}, {}};
        claim.unverified = sbom.summary ? "an SBOM is not a signature: nothing found here signs it"
                                        : "an SBOM that does not read: " + sbom.error;
      }
    } else if (base.format == "in-toto" && content) {
      claim = statementClaim(subject, *content, base);
    } else {
      claim.unverified = base.kind == "signature" ? "a signature in a form isimport does not read"
                                                   : "not a signature: nothing here signs it";
    }
    out.push_back({base, claim});
    return;
  }
  for (const ArtifactLayerClass& layerClass : classified.layers) {
    const FoundLayer& layer = found.layers[layerClass.index];
    Artifact artifact = base;
    artifact.digest = layer.descriptor.digest;
    artifact.mediaType = layer.descriptor.mediaType;
    artifact.kind = layerClass.artifact.kind;
    artifact.format = layerClass.artifact.format;
    artifact.predicateType = layerClass.artifact.predicateType;
    Claim claim;
    std::string type = normalizedMediaType(layer.descriptor.mediaType);
    if (!layer.blob) {
      (layer.mismatch ? claim.failed : claim.unverified) = "the layer could not be read: " + layer.error;
    } else if (type == supply_media::kCosignSimpleSigning) {
      claim = simpleSigning(subject, found, layer);
    } else if (type == supply_media::kDsseEnvelope) {
      DsseRead envelope = readDsseEnvelope(*layer.blob);
      if (!envelope.envelope) {
        claim.signature = true;
        claim.failed = "the DSSE envelope does not read: " + envelope.error;
      } else {
        claim = dsseClaim(subject, *envelope.envelope, artifact);
      }
    } else if (type == supply_media::kInToto) {
      claim = statementClaim(subject, layer, artifact);
    } else if (sigstoreBundleVersion(layer.descriptor.mediaType)) {
      claim = bundleClaim(subject, layer, artifact);
    } else {
      claim.unverified = "not a signature: nothing here signs it";
    }
    out.push_back({artifact, claim});
  }
}

// The hashes a key's signatures may have been made with. cosign and containers/image sign and
// verify with SHA-256 whatever the key (sigstore LoadSignerVerifier with crypto.SHA256); sigstore's
// newer default picks the hash by curve, SHA-384 for P-384 (LoadDefaultSignerVerifier), so a P-384
// signature is checked with both. Ed25519 hashes nothing itself.
static std::vector<const char*> hashesFor(const PublicKey& key) {
  if (key.algorithm == "ed25519") return {""};
  if (key.algorithm == "ecdsa-p384") return {"SHA-384", "SHA-256"};
  return {"SHA-256"};
}

// The checks for `signatures` over `data`: each with each key that can have made it (an ECDSA
// signature is turned into the r||s form of the key's curve; one that does not fit is no check).
Vouching::Claim Vouching::signedBytes(std::string_view data, const std::vector<std::string>& signatures) {
  Claim claim;
  claim.signature = true;
  for (const PublicKey& key : keys_) {
    for (const std::string& signature : signatures) {
      std::optional<std::string> form = signature;
      if (key.algorithm == "ecdsa-p256") form = ecdsaSignatureForWebCrypto(signature, 32);
      if (key.algorithm == "ecdsa-p384") form = ecdsaSignatureForWebCrypto(signature, 48);
      if (!form) continue;
      for (const char* hash : hashesFor(key)) {
        int64_t id = static_cast<int64_t>(checks_.size()) + 1;
        checks_.push_back({id, key.fingerprint, hash, std::string(data), *form});
        claim.checks.emplace_back(id, key.fingerprint);
      }
    }
  }
  return claim;
}

// cosign's simple signing (docs/signatures.md §10.2): the annotation signs the payload blob, and
// the payload must name this image by digest and by repository.
Vouching::Claim Vouching::simpleSigning(const SubjectTarget& subject, const FoundArtifact& found, const FoundLayer& layer) {
  bool crio = found.foundBy == kFoundByCosignTag && found.cosignTag == ".sig";
  std::string encoded = annotation(layer.descriptor.annotations, kCosignSignatureAnnotation);
  Base64Decoded signature = base64Decode(encoded);
  SimpleSigningRead payload = readSimpleSigningPayload(*layer.blob);
  Claim claim;
  if (signature.bytes) claim = signedBytes(*layer.blob, {*signature.bytes});
  claim.signature = true;
  claim.forCrio = crio;
  if (payload.payload) {
    claim.crio = {payload.payload->dockerReference, payload.payload->dockerManifestDigest == subject.digest, true, {}};
  }
  if (encoded.empty()) {
    claim.failed = "the layer has no " + kCosignSignatureAnnotation + " annotation: there is no signature to check";
  } else if (!signature.bytes) {
    claim.failed = "the signature annotation is not base64 (byte " + std::to_string(signature.errorOffset) + ")";
  } else if (std::string pem = annotation(layer.descriptor.annotations, kCosignCertificateAnnotation); !pem.empty()) {
    CertificateRead certificate = readCertificatePem(pem);
    claim.unverified = std::string(kKeylessReason) + "; " +
                       (certificate.certificate ? describeIdentity(*certificate.certificate)
                                                : "its certificate does not read: " + certificate.error);
  } else if (!payload.payload) {
    claim.failed = "the signed payload does not read as cosign's: " + payload.error;
  } else if (payload.payload->dockerManifestDigest != subject.digest) {
    claim.failed = "the payload names the image " + payload.payload->dockerManifestDigest + ", not this one (" + subject.digest + ")";
  } else {
    IdentityMatch identity = matchSignedIdentity(PolicySignedIdentity{"MatchRepository", {}, {}}, subject.pullReference,
                                                 payload.payload->dockerReference);
    if (!identity.accepted) claim.failed = "the payload's identity does not name this repository: " + identity.reason;
  }
  claim.holds = "its payload names this image's digest and repository";
  return claim;
}

// A DSSE envelope holding an in-toto statement about this image (docs/signatures.md §10.3).
Vouching::Claim Vouching::dsseClaim(const SubjectTarget& subject, const DsseEnvelope& envelope, Artifact& artifact) {
  std::vector<std::string> signatures;
  for (const DsseSignature& s : envelope.signatures) signatures.push_back(s.sig);
  Claim claim = signedBytes(preAuthEncoding(envelope.payloadType, envelope.payload), signatures);
  if (envelope.payloadType != kInTotoPayloadType) {
    claim.failed = "the envelope's payload type is " + envelope.payloadType + ", not an in-toto statement";
    return claim;
  }
  InTotoRead statement = readInTotoStatement(envelope.payload);
  if (!statement.statement) {
    claim.failed = "the signed statement does not read: " + statement.error;
    return claim;
  }
  summarize(*statement.statement, artifact);
  if (!statementHasSubjectDigest(*statement.statement, subject.digest)) {
    claim.failed = "the statement is about " + subjectDigests(*statement.statement) + ", not this image (" + subject.digest + ")";
  }
  claim.holds = "its statement names this image's digest";
  return claim;
}

// A sigstore bundle (docs/signatures.md §10.6): checked when a key signed a DSSE envelope.
Vouching::Claim Vouching::bundleClaim(const SubjectTarget& subject, const FoundLayer& layer, Artifact& artifact) {
  SigstoreBundleRead read = readSigstoreBundle(*layer.blob);
  Claim claim;
  claim.signature = true;
  if (!read.bundle) {
    claim.failed = "the bundle does not read: " + read.error;
    return claim;
  }
  if (read.bundle->verificationMaterial != "publicKey") {
    std::string who = "the bundle holds no certificate";
    if (!read.bundle->certificates.empty()) {
      CertificateRead certificate = readCertificateDer(read.bundle->certificates.front());
      who = certificate.certificate ? describeIdentity(*certificate.certificate) : "its certificate does not read: " + certificate.error;
    }
    claim.unverified = std::string(kKeylessReason) + "; " + who;
    return claim;
  }
  if (!read.bundle->dsseEnvelope) {
    claim.unverified = "a message-signature bundle signs bytes isimport does not fetch; it checks DSSE bundles";
    return claim;
  }
  return dsseClaim(subject, *read.bundle->dsseEnvelope, artifact);
}

// A Notation signature (docs/signatures.md §10.10): always X.509, so never verified here; its
// envelope's certificate says who signed, and its payload must name this image.
Vouching::Claim Vouching::notationClaim(const SubjectTarget& subject, const FoundLayer* envelope) {
  Claim claim;
  claim.signature = true;
  const char* why = "a Notation signature rests on an X.509 certificate chain and a trust policy; isimport does not "
                    "validate certificate chains, so it does not call it verified";
  if (!envelope || normalizedMediaType(envelope->descriptor.mediaType) != "application/jose+json") {
    claim.unverified = why;
    return claim;
  }
  NotationJwsRead read = readNotationJws(*envelope->blob);
  if (!read.envelope) {
    claim.unverified = std::string(why) + "; its envelope does not read: " + read.error;
  } else if (!read.envelope->targetDigest.empty() && read.envelope->targetDigest != subject.digest) {
    claim.failed = "the Notation envelope names the image " + read.envelope->targetDigest + ", not this one (" + subject.digest + ")";
  } else {
    claim.unverified = std::string(why) + "; " + describeIdentity(*read.envelope);
  }
  return claim;
}

// An unsigned in-toto statement (BuildKit's, or a bare one): summarised, and checked to be about
// this image; nothing signs it.
Vouching::Claim Vouching::statementClaim(const SubjectTarget& subject, const FoundLayer& layer, Artifact& artifact) {
  Claim claim;
  InTotoRead statement = readInTotoStatement(*layer.blob);
  if (!statement.statement) {
    claim.failed = "the statement does not read: " + statement.error;
    return claim;
  }
  summarize(*statement.statement, artifact);
  if (!statementHasSubjectDigest(*statement.statement, subject.digest)) {
    claim.failed = "the statement is about " + subjectDigests(*statement.statement) + ", not this image (" + subject.digest + ")";
  } else {
    claim.unverified = "an unsigned attestation: only the registry vouches for it";
  }
  return claim;
}

Verification Vouching::verdictOf(const Claim& claim, const std::set<int64_t>& held) const {
  if (!claim.unverified.empty()) return {"unverified", "", claim.unverified};
  if (!claim.failed.empty()) return {"failed", "", claim.failed};
  if (keys_.empty()) return {"unverified", "", "no public key was given to check the signature with"};
  for (const auto& [id, key] : claim.checks) {
    if (held.count(id)) return {"verified", key, "signed with " + key + ", and " + claim.holds};
  }
  std::string tried;
  for (const PublicKey& key : keys_) tried += (tried.empty() ? "" : ", ") + key.fingerprint;
  if (claim.checks.empty()) return {"failed", "", "none of the keys given can have made this signature (" + tried + ")"};
  if (keys_.size() == 1) return {"failed", keys_.front().fingerprint, "the signature does not verify with the key given (" + tried + ")"};
  return {"failed", "", "the signature does not verify with any of the " + std::to_string(keys_.size()) + " keys given (" + tried + ")"};
}

Verdicts Vouching::verdicts(const std::set<int64_t>& held) const {
  Verdicts out;
  const auto& subjects = discovery_.subjects();
  for (size_t i = 0; i < subjects.size(); ++i) {
    std::vector<Artifact> artifacts;
    PullSubject pull;
    pull.pullReference = subjects[i].pullReference;
    for (const Judged& judged : judged_[judgedOf_[i]]) {
      Artifact artifact = judged.artifact;
      artifact.verification = verdictOf(judged.claim, held);
      artifacts.push_back(std::move(artifact));
      if (judged.claim.forCrio) {
        CandidateSignature candidate = judged.claim.crio;
        for (const auto& [id, key] : judged.claim.checks) {
          if (held.count(id)) candidate.verifiedBy.push_back(key);
        }
        pull.signatures.push_back(std::move(candidate));
      } else if (judged.claim.signature) {
        pull.unreadSignatures = true;
      }
    }
    out.artifacts.push_back(std::move(artifacts));
    out.pulls.push_back(std::move(pull));
  }
  return out;
}

}  // namespace isimport

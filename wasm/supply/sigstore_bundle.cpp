// See sigstore_bundle.h: sigstore/protobuf-specs `protos/sigstore_bundle.proto` and
// `sigstore_common.proto` for the shape, google.golang.org/protobuf `encoding/protojson` for how
// JSON reads into it (names, null as unset, unknown fields refused), sigstore-go
// `pkg/bundle/bundle.go` (getBundleVersion, validate, validateBundle, TlogEntries) for what a
// verifier accepts.
#include "supply/sigstore_bundle.h"

#include "json/json_writer.h"
#include "supply/json_object.h"

namespace isimport {
namespace {

using supply::JsonObject;

// A message field's two JSON names: protojson's camelCase one and the .proto's own.
struct Field {
  std::string_view json, proto;
};

SigstoreBundleRead failure(std::string why) {
  SigstoreBundleRead r;
  r.error = std::move(why);
  return r;
}

// A protobuf message read from JSON: only its fields, each under one of its names at most once.
class Message {
 public:
  Message(const json::Tree& tree, json::NodeId id, std::string where) : o_(tree, id, std::move(where)) {}
  Message(JsonObject o) : o_(std::move(o)) {}

  std::string check(std::initializer_list<Field> fields) const {
    std::string error = o_.check({}, false);
    if (!error.empty()) return error;
    const json::Node& n = o_.tree().at(o_.id());
    for (uint32_t i = 0; i < n.count; ++i) {
      const std::string& key = o_.tree().key(n, i);
      bool known = false;
      for (const Field& f : fields) known = known || key == f.json || key == f.proto;
      if (!known) return o_.where().empty() ? "unknown field " + json::quote(key) : o_.where() + ": unknown field " + json::quote(key);
    }
    for (const Field& f : fields) {
      if (f.json != f.proto && o_.find(f.json) && o_.find(f.proto)) return o_.path(f.json) + " is given twice (as " + std::string(f.json) + " and " + std::string(f.proto) + ")";
    }
    return {};
  }
  // The field's node when set: present and not null (protojson reads null as unset).
  std::optional<json::NodeId> set(Field f) const {
    auto id = o_.find(f.json);
    if (!id) id = o_.find(f.proto);
    if (!id || o_.tree().at(*id).kind == json::Kind::Null) return std::nullopt;
    return id;
  }
  std::string path(Field f) const { return o_.path(f.json); }
  const json::Tree& tree() const { return o_.tree(); }

  // A sub-message (an object) or an error.
  std::optional<Message> message(Field f, std::string& error) const {
    auto id = set(f);
    if (!id) return std::nullopt;
    const json::Node& n = tree().at(*id);
    if (n.kind != json::Kind::Object) {
      error = path(f) + " is " + supply::kindName(n.kind) + ", not an object";
      return std::nullopt;
    }
    return Message(tree(), *id, path(f));
  }
  // A string field ("" when unset).
  std::optional<std::string> string(Field f, std::string& error) const {
    auto id = set(f);
    if (!id) return std::string();
    const json::Node& n = tree().at(*id);
    if (n.kind != json::Kind::String) {
      error = path(f) + " is " + supply::kindName(n.kind) + ", not a string";
      return std::nullopt;
    }
    return n.text;
  }
  // A bytes field: base64 in either alphabet, padded or not ("" when unset).
  std::optional<std::string> bytes(Field f, std::string& error) const {
    auto text = string(f, error);
    if (!text) return std::nullopt;
    auto decoded = supply::decodeBase64StdOrUrl(*text, true);
    if (!decoded) error = path(f) + " is not base64";
    return decoded;
  }
  // A repeated field: its array (nullopt when unset: an empty list).
  std::optional<json::NodeId> array(Field f, size_t max, std::string& error) const {
    auto id = set(f);
    if (!id) return std::nullopt;
    const json::Node& n = tree().at(*id);
    if (n.kind != json::Kind::Array) {
      error = path(f) + " is " + supply::kindName(n.kind) + ", not an array";
    } else if (n.count > max) {
      error = path(f) + " has " + std::to_string(n.count) + " entries, more than " + std::to_string(max);
    }
    return id;
  }

 private:
  JsonObject o_;
};

constexpr Field kMediaType{"mediaType", "media_type"};
constexpr Field kVerificationMaterial{"verificationMaterial", "verification_material"};
constexpr Field kMessageSignature{"messageSignature", "message_signature"};
constexpr Field kDsseEnvelope{"dsseEnvelope", "dsse_envelope"};
constexpr Field kPublicKey{"publicKey", "public_key"};
constexpr Field kChain{"x509CertificateChain", "x509_certificate_chain"};
constexpr Field kCertificate{"certificate", "certificate"};
constexpr Field kTlogEntries{"tlogEntries", "tlog_entries"};
constexpr Field kTimestampData{"timestampVerificationData", "timestamp_verification_data"};
constexpr Field kTimestamps{"rfc3161Timestamps", "rfc3161_timestamps"};
constexpr Field kHint{"hint", "hint"};
constexpr Field kCertificates{"certificates", "certificates"};
constexpr Field kRawBytes{"rawBytes", "raw_bytes"};
constexpr Field kMessageDigest{"messageDigest", "message_digest"};
constexpr Field kSignature{"signature", "signature"};
constexpr Field kAlgorithm{"algorithm", "algorithm"};
constexpr Field kDigest{"digest", "digest"};
constexpr Field kInclusionPromise{"inclusionPromise", "inclusion_promise"};
constexpr Field kInclusionProof{"inclusionProof", "inclusion_proof"};

// sigstore_common.proto HashAlgorithm, by name or number.
std::optional<std::string> hashAlgorithm(const json::Node& n) {
  static constexpr std::string_view kNames[] = {"HASH_ALGORITHM_UNSPECIFIED", "SHA2_256", "SHA2_384", "SHA2_512", "SHA3_256", "SHA3_384"};
  if (n.kind == json::Kind::String) {
    for (std::string_view name : kNames) {
      if (n.text == name) return n.text;
    }
  } else if (n.kind == json::Kind::Number && n.integral && n.integer >= 0 && n.integer < 6) {
    return std::string(kNames[n.integer]);
  }
  return std::nullopt;
}

// A certificate message's DER (X509Certificate.raw_bytes, REQUIRED).
std::optional<std::string> certificateBytes(const Message& cert, std::string& error) {
  error = cert.check({kRawBytes});
  if (!error.empty()) return std::nullopt;
  auto der = cert.bytes(kRawBytes, error);
  if (!der) return std::nullopt;
  if (der->empty()) {
    error = cert.path(kRawBytes) + " is empty";
    return std::nullopt;
  }
  return der;
}

std::string readMaterial(const Message& m, SigstoreBundle& out) {
  std::string error = m.check({kPublicKey, kChain, kCertificate, kTlogEntries, kTimestampData});
  if (!error.empty()) return error;
  int forms = (m.set(kPublicKey) ? 1 : 0) + (m.set(kChain) ? 1 : 0) + (m.set(kCertificate) ? 1 : 0);
  if (forms == 0) return "verificationMaterial has none of publicKey, x509CertificateChain, certificate";
  if (forms > 1) return "verificationMaterial has more than one of publicKey, x509CertificateChain, certificate";
  if (auto key = m.message(kPublicKey, error)) {
    out.verificationMaterial = "publicKey";
    if (error = key->check({kHint}); !error.empty()) return error;
    auto hint = key->string(kHint, error);
    if (!hint) return error;
    out.publicKeyHint = *hint;
  } else if (auto chain = m.message(kChain, error)) {
    out.verificationMaterial = "x509CertificateChain";
    if (out.version >= "v0.3") return "an x509CertificateChain in a " + out.version + " bundle: from v0.3 on, only one certificate";
    if (error = chain->check({kCertificates}); !error.empty()) return error;
    auto list = chain->array(kCertificates, kMaxBundleCertificates, error);
    if (!error.empty()) return error;
    if (!list || m.tree().at(*list).count == 0) return chain->path(kCertificates) + " is empty";
    const json::Node& n = m.tree().at(*list);
    for (uint32_t i = 0; i < n.count; ++i) {
      json::NodeId c = m.tree().child(n, i);
      std::string where = chain->path(kCertificates) + "[" + std::to_string(i) + "]";
      if (m.tree().at(c).kind != json::Kind::Object) return where + " is " + supply::kindName(m.tree().at(c).kind) + ", not an object";
      auto der = certificateBytes(Message(m.tree(), c, where), error);
      if (!der) return error;
      out.certificates.push_back(std::move(*der));
    }
  } else if (auto cert = m.message(kCertificate, error)) {
    out.verificationMaterial = "certificate";
    auto der = certificateBytes(*cert, error);
    if (!der) return error;
    out.certificates.push_back(std::move(*der));
  }
  if (!error.empty()) return error;

  auto entries = m.array(kTlogEntries, kMaxBundleTlogEntries, error);
  if (!error.empty()) return error;
  bool promise = false, proof = false;
  if (entries) {
    const json::Node& n = m.tree().at(*entries);
    out.tlogEntries = n.count;
    for (uint32_t i = 0; i < n.count; ++i) {
      json::NodeId e = m.tree().child(n, i);
      std::string where = m.path(kTlogEntries) + "[" + std::to_string(i) + "]";
      if (m.tree().at(e).kind != json::Kind::Object) return where + " is " + supply::kindName(m.tree().at(e).kind) + ", not an object";
      Message entry(m.tree(), e, where);
      promise = promise || entry.set(kInclusionPromise);
      proof = proof || entry.set(kInclusionProof);
    }
  }
  if (out.tlogEntries > 0 && out.version == "v0.1" && !promise) return "a v0.1 bundle whose tlog entries have no inclusion promise";
  if (out.tlogEntries > 0 && out.version != "v0.1" && !proof) return "a " + out.version + " bundle whose tlog entries have no inclusion proof";
  if (auto data = m.message(kTimestampData, error)) {
    if (error = data->check({kTimestamps}); !error.empty()) return error;
    auto stamps = data->array(kTimestamps, kMaxBundleTimestamps, error);
    if (!error.empty()) return error;
    if (stamps) out.rfc3161Timestamps = m.tree().at(*stamps).count;
  }
  return error;
}

std::string readMessageSignature(const Message& m, SigstoreBundle& out) {
  std::string error = m.check({kMessageDigest, kSignature});
  if (!error.empty()) return error;
  out.content = "messageSignature";
  if (auto digest = m.message(kMessageDigest, error)) {
    if (error = digest->check({kAlgorithm, kDigest}); !error.empty()) return error;
    out.messageDigestAlgorithm = "HASH_ALGORITHM_UNSPECIFIED";
    if (auto alg = digest->set(kAlgorithm)) {
      auto name = hashAlgorithm(m.tree().at(*alg));
      if (!name) return digest->path(kAlgorithm) + " is not a HashAlgorithm of sigstore_common.proto";
      out.messageDigestAlgorithm = *name;
    }
    auto bytes = digest->bytes(kDigest, error);
    if (!bytes) return error;
    out.messageDigest = std::move(*bytes);
  }
  if (!error.empty()) return error;
  auto signature = m.bytes(kSignature, error);
  if (!signature) return error;
  if (signature->empty()) return m.path(kSignature) + " is missing";
  out.signature = std::move(*signature);
  return {};
}

bool semverNumber(std::string_view s) {
  if (s.empty() || s.size() > 9 || (s.size() > 1 && s[0] == '0')) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> sigstoreBundleVersion(std::string_view mediaType) {
  if (mediaType == kSigstoreBundleV01) return "v0.1";
  if (mediaType == kSigstoreBundleV02) return "v0.2";
  if (mediaType == "application/vnd.dev.sigstore.bundle+json;version=0.3") return "v0.3";
  constexpr std::string_view kPrefix = "application/vnd.dev.sigstore.bundle.v", kSuffix = "+json";
  if (mediaType.size() <= kPrefix.size() + kSuffix.size() || mediaType.substr(0, kPrefix.size()) != kPrefix ||
      mediaType.substr(mediaType.size() - kSuffix.size()) != kSuffix) {
    return std::nullopt;
  }
  // golang.org/x/mod/semver IsValid: vMAJOR[.MINOR[.PATCH[-pre][+build]]]; pre-release and build
  // parts are not taken here.
  std::string_view v = mediaType.substr(kPrefix.size(), mediaType.size() - kPrefix.size() - kSuffix.size());
  size_t parts = 0;
  for (std::string_view rest = v;; ++parts) {
    size_t dot = rest.find('.');
    if (!semverNumber(rest.substr(0, dot)) || parts == 3) return std::nullopt;
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  return "v" + std::string(v);
}

SigstoreBundleRead readSigstoreBundle(std::string_view json) {
  supply::JsonDocument doc = supply::parseJsonDocument(json, kMaxBundleBytes, "sigstore bundle");
  if (!doc.ok) return failure(doc.error);
  if (doc.tree.at(0).kind != json::Kind::Object) return failure("the bundle is " + supply::kindName(doc.tree.at(0).kind) + ", not an object");
  Message top(doc.tree, 0, "");
  std::string error = top.check({kMediaType, kVerificationMaterial, kMessageSignature, kDsseEnvelope});
  if (!error.empty()) return failure(error);
  SigstoreBundle out;
  auto mediaType = top.string(kMediaType, error);
  if (!mediaType) return failure(error);
  auto version = sigstoreBundleVersion(*mediaType);
  if (!version) return failure("mediaType " + json::quote(*mediaType) + " is not a sigstore bundle media type");
  // sigstore-go: versions before v0.1 and from v0.4 on are refused.
  bool supported = version->rfind("v0.", 0) == 0 && version->size() >= 4 && (*version)[3] >= '1' && (*version)[3] <= '3' &&
                   (version->size() == 4 || (*version)[4] == '.');
  if (!supported) return failure("bundle version " + *version + " is not supported (v0.1 to v0.3)");
  out.mediaType = *mediaType;
  out.version = *version;

  auto material = top.message(kVerificationMaterial, error);
  if (!material) return failure(error.empty() ? "verificationMaterial is missing" : error);
  if (error = readMaterial(*material, out); !error.empty()) return failure(error);

  bool signature = top.set(kMessageSignature).has_value(), envelope = top.set(kDsseEnvelope).has_value();
  if (!signature && !envelope) return failure("the bundle has no content: neither messageSignature nor dsseEnvelope");
  if (signature && envelope) return failure("the bundle has both messageSignature and dsseEnvelope");
  if (signature) {
    auto m = top.message(kMessageSignature, error);
    if (!m) return failure(error);
    if (error = readMessageSignature(*m, out); !error.empty()) return failure(error);
  } else {
    json::NodeId id = *top.set(kDsseEnvelope);
    if (doc.tree.at(id).kind != json::Kind::Object) return failure("dsseEnvelope is " + supply::kindName(doc.tree.at(id).kind) + ", not an object");
    DsseRead dsse = readDsseEnvelopeAt(doc.tree, id, "dsseEnvelope", true);
    if (!dsse.envelope) return failure(dsse.error);
    out.content = "dsseEnvelope";
    out.dsseEnvelope = std::move(dsse.envelope);
  }
  SigstoreBundleRead result;
  result.bundle = std::move(out);
  return result;
}

}  // namespace isimport

#include "registry/manifest.h"

#include <cstdlib>
#include <map>

#include "go/base64.h"
#include "go/go_text.h"
#include "registry/digest.h"
#include "registry/media_type.h"
#include "registry/registry_json.h"

namespace isimport {
namespace {

// ---- the Go types the parsers decode into --------------------------------------------------------

// Upstream's Go types declare some members alike; each group is declared once here, and each type
// keeps its own Go name (the one its type errors print).

struct PlatformMembers {  // shared by v1.Platform and manifestlist.PlatformSpec
  std::string architecture, os, osVersion;
  std::vector<std::string> osFeatures;
  std::string variant;
};

template <class V, class S>
void platformFields(V& v, S& o) {
  v.field("architecture", o.architecture, kAlways);
  v.field("os", o.os, kAlways);
  v.field("os.version", o.osVersion, kOmitEmpty);
  v.field("os.features", o.osFeatures, kOmitEmpty);
  v.field("variant", o.variant, kOmitEmpty);
}

struct OciPlatform : PlatformMembers {  // opencontainers image-spec v1.Platform
  static constexpr const char* kGoType = "v1.Platform";
  static constexpr bool kLooseKeys = true;
};
ISIMPORT_FIELDS(OciPlatform) { platformFields(v, o); }

struct PlatformSpec : PlatformMembers {  // manifestlist.PlatformSpec
  static constexpr const char* kGoType = "manifestlist.PlatformSpec";
  static constexpr bool kLooseKeys = true;
  std::vector<std::string> features;
};
ISIMPORT_FIELDS(PlatformSpec) {
  platformFields(v, o);
  v.field("features", o.features, kOmitEmpty);
}

// distribution.Descriptor's members; manifestlist.ManifestDescriptor has them too, with its own
// platform type.
struct DescriptorMembers {
  std::string mediaType;
  GoDigest digest;
  int64_t size = 0;
  std::vector<std::string> urls;
  StringMap annotations;
};

template <class V, class S>
void descriptorFields(V& v, S& o) {
  v.field("mediaType", o.mediaType, kOmitEmpty);
  v.field("digest", o.digest, kOmitEmpty);
  v.field("size", o.size, kOmitEmpty);
  v.field("urls", o.urls, kOmitEmpty);
  v.field("annotations", o.annotations, kOmitEmpty);
}

Descriptor toDescriptor(const DescriptorMembers& d) { return Descriptor{d.mediaType, d.digest.value, d.size}; }

struct DistDescriptor : DescriptorMembers {  // distribution.Descriptor
  static constexpr const char* kGoType = "distribution.Descriptor";
  static constexpr bool kLooseKeys = true;
  std::optional<OciPlatform> platform;
};
ISIMPORT_FIELDS(DistDescriptor) {
  descriptorFields(v, o);
  v.field("platform", o.platform, kOmitEmpty);
}

struct ManifestDescriptor : DescriptorMembers {  // manifestlist.ManifestDescriptor
  static constexpr const char* kGoType = "manifestlist.ManifestDescriptor";
  static constexpr bool kLooseKeys = true;
  std::optional<PlatformSpec> platform;  // a struct upstream; optional only to know it was there
};
ISIMPORT_FIELDS(ManifestDescriptor) {
  descriptorFields(v, o);
  v.field("platform", o.platform, kAlways);
}

struct Versioned {  // manifest.Versioned, inlined in every manifest type
  GoInt schemaVersion;
  std::string mediaType;
};

template <class V, class S>
void versionedFields(V& v, S& o) {
  v.field("schemaVersion", o.schemaVersion, kAlways);
  v.field("mediaType", o.mediaType, kOmitEmpty);
}

struct ImageManifestMembers : Versioned {  // schema2.Manifest's; ocischema.Manifest adds annotations
  DistDescriptor config;
  std::vector<DistDescriptor> layers;
};

template <class V, class S>
void imageManifestFields(V& v, S& o) {
  versionedFields(v, o);
  v.field("config", o.config, kAlways);
  v.field("layers", o.layers, kAlways);
}

struct Schema2Body : ImageManifestMembers {  // schema2.Manifest
  static constexpr const char* kGoType = "schema2.Manifest";
  static constexpr bool kLooseKeys = true;
};
ISIMPORT_FIELDS(Schema2Body) { imageManifestFields(v, o); }

struct OciBody : ImageManifestMembers {  // ocischema.Manifest
  static constexpr const char* kGoType = "ocischema.Manifest";
  static constexpr bool kLooseKeys = true;
  StringMap annotations;
};
ISIMPORT_FIELDS(OciBody) {
  imageManifestFields(v, o);
  v.field("annotations", o.annotations, kOmitEmpty);
}

struct ListBody : Versioned {  // manifestlist.ManifestList
  static constexpr const char* kGoType = "manifestlist.ManifestList";
  static constexpr bool kLooseKeys = true;
  std::vector<ManifestDescriptor> manifests;
};
ISIMPORT_FIELDS(ListBody) {
  versionedFields(v, o);
  v.field("manifests", o.manifests, kAlways);
}

struct FSLayer {  // schema1.FSLayer
  static constexpr const char* kGoType = "schema1.FSLayer";
  static constexpr bool kLooseKeys = true;
  GoDigest blobSum;
};
ISIMPORT_FIELDS(FSLayer) { v.field("blobSum", o.blobSum, kAlways); }

struct History {  // schema1.History
  static constexpr const char* kGoType = "schema1.History";
  static constexpr bool kLooseKeys = true;
  std::string v1Compatibility;
};
ISIMPORT_FIELDS(History) { v.field("v1Compatibility", o.v1Compatibility, kAlways); }

struct Schema1Body : Versioned {  // schema1.Manifest
  static constexpr const char* kGoType = "schema1.Manifest";
  static constexpr bool kLooseKeys = true;
  std::string name, tag, architecture;
  std::vector<FSLayer> fsLayers;
  std::vector<History> history;
};
ISIMPORT_FIELDS(Schema1Body) {
  versionedFields(v, o);
  v.field("name", o.name, kAlways);
  v.field("tag", o.tag, kAlways);
  v.field("architecture", o.architecture, kAlways);
  v.field("fsLayers", o.fsLayers, kAlways);
  v.field("history", o.history, kAlways);
}

struct JwsHeader {  // libtrust.jsParsedHeader
  static constexpr const char* kGoType = "libtrust.jsParsedHeader";
  static constexpr bool kLooseKeys = true;
  GoRawMessage jwk;
  std::string alg;
  std::vector<std::string> x5c;
};
ISIMPORT_FIELDS(JwsHeader) {
  v.field("jwk", o.jwk, kAlways);
  v.field("alg", o.alg, kAlways);
  v.field("x5c", o.x5c, kAlways);
}

struct JwsSignature {  // libtrust.jsParsedSignature
  static constexpr const char* kGoType = "libtrust.jsParsedSignature";
  static constexpr bool kLooseKeys = true;
  JwsHeader header;
  std::string signature, protectedHeader;
};
ISIMPORT_FIELDS(JwsSignature) {
  v.field("header", o.header, kAlways);
  v.field("signature", o.signature, kAlways);
  v.field("protected", o.protectedHeader, kAlways);
}

ManifestParse failure(std::string error) {
  ManifestParse result;
  result.error = std::move(error);
  return result;
}

// Decoding into a Go `interface{}` converts every number to float64; one beyond its range fails.
std::string interfaceNumberError(const json::Tree& tree, json::NodeId id, std::string_view structField) {
  auto big = gojson::firstFloat64Overflow(tree, id);
  if (!big) return "";
  return json::unmarshalTypeErrorText("number " + *big, "float64", structField);
}

// A JSON object decoded into Go's map[string]interface{}: "" or Go's error.
std::string checkInterfaceMap(const json::Tree& tree) {
  const json::Node& root = tree.at(0);
  if (root.kind == json::Kind::Null) return "";
  if (root.kind != json::Kind::Object) {
    return json::unmarshalTypeErrorText(json::goValueName(root.kind), "map[string]interface {}");
  }
  return interfaceNumberError(tree, 0, "");
}

// ---- schema 2, OCI, lists ------------------------------------------------------------------------

// A schema 2 or OCI manifest once read: its config and layers, the body as its canonical bytes.
ManifestParse imageManifest(ManifestKind kind, std::string_view parserMediaType, const ImageManifestMembers& m,
                            std::string_view body) {
  Manifest out;
  out.kind = kind;
  out.parserMediaType = parserMediaType;
  out.bodyMediaType = m.mediaType;
  out.canonical = std::string(body);
  out.config = toDescriptor(m.config);
  for (const auto& layer : m.layers) out.layers.push_back(toDescriptor(layer));
  return ManifestParse{std::move(out), ""};
}

ManifestParse parseSchema2(std::string_view body) {
  gojson::Document doc = gojson::parse(body);
  if (!doc.ok) return failure(doc.error);
  Schema2Body m;
  if (std::string error = gojson::decode(doc.tree, 0, m); !error.empty()) return failure(error);
  if (m.mediaType != media::kSchema2) {
    return failure("mediaType in manifest should be '" + std::string(media::kSchema2) + "' not '" + m.mediaType + "'");
  }
  return imageManifest(ManifestKind::Schema2, media::kSchema2, m, body);
}

// The probe upstream runs before an OCI manifest or index (a struct of interface{} fields).
std::string unknownDocumentError(const gojson::Document& doc, std::string_view goType,
                                 std::initializer_list<std::string_view> keys, const char* foundError) {
  const json::Node& root = doc.tree.at(0);
  if (root.kind == json::Kind::Null) return "";
  if (root.kind != json::Kind::Object) {
    return json::unmarshalTypeErrorText(json::goValueName(root.kind), goType);
  }
  bool found = false;
  for (std::string_view key : keys) {
    auto id = gojson::lastMember(doc.tree, 0, key, true);
    if (!id) continue;
    std::string field = "unknownDocument." + std::string(key);
    if (std::string error = interfaceNumberError(doc.tree, *id, field); !error.empty()) return error;
    if (doc.tree.at(*id).kind != json::Kind::Null) found = true;
  }
  return found ? foundError : "";
}

ManifestParse parseOciManifest(std::string_view body) {
  gojson::Document doc = gojson::parse(body);
  if (!doc.ok) return failure(doc.error);
  if (std::string error = unknownDocumentError(doc, "ocischema.unknownDocument", {"manifests"},
                                               "ocimanifest: expected manifest but found index");
      !error.empty()) {
    return failure(error);
  }
  OciBody m;
  if (std::string error = gojson::decode(doc.tree, 0, m); !error.empty()) return failure(error);
  if (!m.mediaType.empty() && m.mediaType != media::kOciManifest) {
    return failure("if present, mediaType in manifest should be '" + std::string(media::kOciManifest) + "' not '" +
                   m.mediaType + "'");
  }
  return imageManifest(ManifestKind::OciManifest, media::kOciManifest, m, body);
}

ManifestParse parseList(std::string_view body, bool ociIndex) {
  gojson::Document doc = gojson::parse(body);
  if (!doc.ok) return failure(doc.error);
  if (ociIndex) {
    if (std::string error = unknownDocumentError(doc, "manifestlist.unknownDocument", {"config", "layers"},
                                                 "index: expected index but found manifest");
        !error.empty()) {
      return failure(error);
    }
  }
  ListBody m;
  if (std::string error = gojson::decode(doc.tree, 0, m); !error.empty()) return failure(error);
  if (ociIndex) {
    if (!m.mediaType.empty() && m.mediaType != media::kOciIndex) {
      return failure("if present, mediaType in image index should be '" + std::string(media::kOciIndex) + "' not '" +
                     m.mediaType + "'");
    }
  } else if (m.mediaType != media::kDockerList) {
    return failure("mediaType in manifest list should be '" + std::string(media::kDockerList) + "' not '" +
                   m.mediaType + "'");
  }
  Manifest out;
  out.kind = ManifestKind::List;
  out.parserMediaType = ociIndex ? media::kOciIndex : media::kDockerList;
  out.bodyMediaType = m.mediaType;
  out.canonical = std::string(body);
  for (const auto& entry : m.manifests) {
    ListEntry e;
    e.descriptor = toDescriptor(entry);
    if (entry.platform) {
      e.platform = Platform{entry.platform->architecture, entry.platform->os, entry.platform->variant, true};
    }
    out.manifests.push_back(std::move(e));
  }
  return ManifestParse{std::move(out), ""};
}

// ---- schema 1: libtrust's pretty JWS ---------------------------------------------------------------

// libtrust's joseBase64UrlDecode: spaces and newlines dropped, padding restored, then Go's
// base64.URLEncoding (padded; CR/LF ignored).
std::optional<std::string> joseBase64UrlDecode(std::string_view in, std::string& error) {
  std::string s;
  s.reserve(in.size() + 2);
  for (char c : in) {
    if (c != '\n' && c != ' ') s += c;
  }
  switch (s.size() % 4) {
    case 0: break;
    case 2: s += "=="; break;
    case 3: s += "="; break;
    default:
      error = "illegal base64url string";
      return std::nullopt;
  }
  for (char& c : s) {  // URL alphabet onto the standard one; the standard's own + and / are invalid here
    if (c == '-') c = '+';
    else if (c == '_') c = '/';
    else if (c == '+' || c == '/') c = '*';
  }
  Base64Decoded decoded = base64Decode(s);
  if (!decoded.bytes) {
    error = "illegal base64 data at input byte " + std::to_string(decoded.errorOffset);
    return std::nullopt;
  }
  return std::move(decoded.bytes);
}

// A JWK held as Go's map[string]interface{} (members looked up by exact name, last one wins).
struct JwkMap {
  const json::Tree* tree = nullptr;  // null: the map is nil (JSON null)
  std::map<std::string, json::NodeId> members;
  std::map<std::string, bool> removed;

  const json::Node* get(const std::string& key) const {
    if (removed.count(key)) return nullptr;
    auto it = members.find(key);
    return it == members.end() ? nullptr : &tree->at(it->second);
  }
  // libtrust's stringFromMap (which also deletes the key it read).
  std::optional<std::string> string(const std::string& key, std::string& error) {
    const json::Node* n = get(key);
    if (!n) {
      error = goQuote(key) + " value not specified";
      return std::nullopt;
    }
    if (n->kind != json::Kind::String) {
      error = goQuote(key) + " value must be a string";
      return std::nullopt;
    }
    removed[key] = true;
    return n->text;
  }
};

// ---- DER of a public key, for libtrust's key ID ----

void appendLength(std::string& out, size_t length) {
  if (length < 128) {
    out += static_cast<char>(length);
    return;
  }
  std::string bytes;
  for (size_t l = length; l > 0; l >>= 8) bytes.insert(bytes.begin(), static_cast<char>(l & 0xFF));
  out += static_cast<char>(0x80 | bytes.size());
  out += bytes;
}

std::string tlv(unsigned char tag, std::string_view content) {
  std::string out(1, static_cast<char>(tag));
  appendLength(out, content.size());
  out.append(content);
  return out;
}

// ASN.1 INTEGER of a non-negative big-endian magnitude (Go's asn1 for *big.Int and int).
std::string derInteger(std::string_view magnitude) {
  size_t start = 0;
  while (start < magnitude.size() && magnitude[start] == 0) ++start;
  std::string content(magnitude.substr(start));
  if (content.empty()) content = std::string(1, '\0');
  else if (static_cast<unsigned char>(content[0]) & 0x80) content.insert(content.begin(), '\0');
  return tlv(0x02, content);
}

std::string bitString(std::string_view bytes) { return tlv(0x03, std::string(1, '\0') + std::string(bytes)); }

// libtrust's key ID: SHA-256 of the PKIX DER, first 240 bits, base32, in 12 groups of 4.
std::string keyIdOf(std::string_view der) {
  std::string hex = sha256Digest(der).substr(7);
  std::string hash;
  for (size_t i = 0; i < 60; i += 2) {
    hash += static_cast<char>(std::strtol(hex.substr(i, 2).c_str(), nullptr, 16));
  }
  static constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string b32;
  for (size_t i = 0; i < hash.size(); i += 5) {  // 30 bytes = 6 blocks of 5, no padding
    uint64_t block = 0;
    for (size_t j = 0; j < 5; ++j) block = (block << 8) | static_cast<unsigned char>(hash[i + j]);
    for (int k = 7; k >= 0; --k) b32 += kBase32[(block >> (k * 5)) & 31];
  }
  std::string out;
  for (size_t i = 0; i < b32.size(); i += 4) {
    if (i > 0) out += ':';
    out += b32.substr(i, 4);
  }
  return out;
}

std::string ecKeyId(std::string_view curveOid, std::string_view x, std::string_view y) {
  static constexpr char kEcPublicKey[] = "\x06\x07\x2A\x86\x48\xCE\x3D\x02\x01";
  std::string algorithm = tlv(0x30, std::string(kEcPublicKey, 9) + std::string(curveOid));
  std::string point = std::string(1, '\x04') + std::string(x) + std::string(y);
  return keyIdOf(tlv(0x30, algorithm + bitString(point)));
}

std::string rsaKeyId(std::string_view n, uint32_t e) {
  static constexpr char kRsaAlgorithm[] = "\x30\x0D\x06\x09\x2A\x86\x48\x86\xF7\x0D\x01\x01\x01\x05\x00";
  std::string eBytes;
  for (int shift = 24; shift >= 0; shift -= 8) eBytes += static_cast<char>((e >> shift) & 0xFF);
  std::string pkcs1 = tlv(0x30, derInteger(n) + derInteger(eBytes));
  return keyIdOf(tlv(0x30, std::string(kRsaAlgorithm, 15) + bitString(pkcs1)));
}

std::optional<std::string> ecCoordinate(JwkMap& jwk, const char* key, size_t byteLength, std::string& error) {
  auto text = jwk.string(key, error);
  if (!text) return std::nullopt;
  std::string decodeError;
  auto bytes = joseBase64UrlDecode(*text, decodeError);
  if (!bytes) {
    error = "invalid base64 URL encoding: " + decodeError;
    return std::nullopt;
  }
  if (bytes->size() != byteLength) {
    error = "invalid number of octets: got " + std::to_string(bytes->size()) + ", should be " +
            std::to_string(byteLength);
    return std::nullopt;
  }
  return bytes;
}

// libtrust's UnmarshalPublicKeyJWK; "" when the key is acceptable. The point of an EC key is not
// checked to lie on its curve (Go's key ID is empty for such a point, so a `kid` would mismatch).
std::string checkJwk(const json::Tree& signatures, json::NodeId id) {
  // The raw message re-read as map[string]interface{}.
  const json::Node& node = signatures.at(id);
  JwkMap jwk;
  if (node.kind != json::Kind::Null) {
    if (node.kind != json::Kind::Object) {
      return "decoding JWK Public Key JSON data: " +
             json::unmarshalTypeErrorText(json::goValueName(node.kind), "map[string]interface {}") + "\n";
    }
    if (std::string error = interfaceNumberError(signatures, id, ""); !error.empty()) {
      return "decoding JWK Public Key JSON data: " + error + "\n";
    }
    jwk.tree = &signatures;
    for (uint32_t i = 0; i < node.count; ++i) jwk.members[signatures.key(node, i)] = signatures.child(node, i);
  }
  std::string error;
  auto kty = jwk.string("kty", error);
  if (!kty) return "JWK Public Key type: " + error;
  if (*kty == "EC") {
    auto crv = jwk.string("crv", error);
    if (!crv) return "JWK EC Public Key curve identifier: " + error;
    std::string oid;
    size_t byteLength = 0;
    if (*crv == "P-256") {
      oid = std::string("\x06\x08\x2A\x86\x48\xCE\x3D\x03\x01\x07", 10);
      byteLength = 32;
    } else if (*crv == "P-384") {
      oid = std::string("\x06\x05\x2B\x81\x04\x00\x22", 7);
      byteLength = 48;
    } else if (*crv == "P-521") {
      oid = std::string("\x06\x05\x2B\x81\x04\x00\x23", 7);
      byteLength = 66;
    } else {
      return "JWK EC Public Key curve identifier not supported: " + goQuote(*crv) + "\n";
    }
    auto x = ecCoordinate(jwk, "x", byteLength, error);
    if (!x) return "JWK EC Public Key x-coordinate: " + error;
    auto y = ecCoordinate(jwk, "y", byteLength, error);
    if (!y) return "JWK EC Public Key y-coordinate: " + error;
    if (jwk.get("kid")) {
      auto kid = jwk.string("kid", error);
      if (!kid) return "JWK EC Public Key ID: " + error;
      if (*kid != ecKeyId(oid, *x, *y)) return "JWK EC Public Key ID does not match: " + *kid;
    }
    return "";
  }
  if (*kty == "RSA") {
    auto nText = jwk.string("n", error);
    if (!nText) return "JWK RSA Public Key modulus: " + error;
    std::string decodeError;
    auto n = joseBase64UrlDecode(*nText, decodeError);
    if (!n) return "JWK RSA Public Key modulus: invalid base64 URL encoding: " + decodeError;
    auto eText = jwk.string("e", error);
    if (!eText) return "JWK RSA Public Key exponent: " + error;
    auto e = joseBase64UrlDecode(*eText, decodeError);
    if (!e) return "JWK RSA Public Key exponent: invalid base64 URL encoding: " + decodeError;
    // Upstream panics on an exponent longer than 4 bytes (a negative slice length); refuse it.
    if (e->size() > 4) return "JWK RSA Public Key exponent: more than 4 octets";
    uint32_t exponent = 0;
    for (char c : *e) exponent = (exponent << 8) | static_cast<unsigned char>(c);
    if (jwk.get("kid")) {
      auto kid = jwk.string("kid", error);
      if (!kid) return "JWK RSA Public Key ID: " + error;
      if (*kid != rsaKeyId(*n, exponent)) return "JWK RSA Public Key ID does not match: " + *kid;
    }
    if (jwk.get("d")) return "JWK RSA Public Key cannot contain private exponent";
    return "";
  }
  return "JWK Public Key type not supported: " + goQuote(*kty) + "\n";
}

// libtrust.ParsePrettySignature followed by JSONSignature.Payload: the canonical payload.
std::optional<std::string> canonicalPayload(std::string_view content, const gojson::Document& doc, std::string& error) {
  const json::Node& root = doc.tree.at(0);
  if (root.kind != json::Kind::Null && root.kind != json::Kind::Object) {
    error = "error unmarshalling content: " +
            json::unmarshalTypeErrorText(json::goValueName(root.kind), "map[string]json.RawMessage");
    return std::nullopt;
  }
  auto signaturesId = gojson::lastMember(doc.tree, 0, "signatures", false);
  if (!signaturesId) {
    error = "missing signature key";
    return std::nullopt;
  }
  std::vector<JwsSignature> blocks;
  if (std::string e = gojson::decode(doc.tree, *signaturesId, blocks); !e.empty()) {
    error = "error unmarshalling signatures: " + e;
    return std::nullopt;
  }
  int64_t formatLength = 0;
  std::string formatTail;
  for (const JwsSignature& block : blocks) {
    std::string decodeError;
    auto protectedBytes = joseBase64UrlDecode(block.protectedHeader, decodeError);
    if (!protectedBytes) {
      error = "base64 decode error: " + decodeError;
      return std::nullopt;
    }
    gojson::Document header = gojson::parse(*protectedBytes);
    std::string headerError = header.ok ? checkInterfaceMap(header.tree) : header.error;
    if (!headerError.empty()) {
      error = "error unmarshalling protected header: " + headerError;
      return std::nullopt;
    }
    std::optional<json::NodeId> lengthId, tailId;
    if (header.tree.at(0).kind == json::Kind::Object) {
      lengthId = gojson::lastMember(header.tree, 0, "formatLength", false);
      tailId = gojson::lastMember(header.tree, 0, "formatTail", false);
    }
    if (!lengthId || header.tree.at(*lengthId).kind != json::Kind::Number) {
      error = "missing formatted length";
      return std::nullopt;
    }
    int64_t length = gojson::goIntOfFloat64Literal(header.tree.at(*lengthId));
    if (!tailId || header.tree.at(*tailId).kind != json::Kind::String) {
      error = "missing formatted tail";
      return std::nullopt;
    }
    auto tail = joseBase64UrlDecode(header.tree.at(*tailId).text, decodeError);
    if (!tail) {
      error = "base64 decode error on tail: " + decodeError;
      return std::nullopt;
    }
    if (formatLength == 0) {
      formatLength = length;
    } else if (formatLength != length) {
      error = "conflicting format length";
      return std::nullopt;
    }
    if (formatTail.empty()) {
      formatTail = *tail;
    } else if (formatTail != *tail) {
      error = "conflicting format tail";
      return std::nullopt;
    }
    if (block.header.jwk.present) {
      if (std::string e = checkJwk(doc.tree, block.header.jwk.id); !e.empty()) {
        error = "error unmarshalling public key: " + e;
        return std::nullopt;
      }
    }
  }
  // Upstream also panics on a negative length (a slice bound); both are refused here.
  if (formatLength > static_cast<int64_t>(content.size()) || formatLength < 0) {
    error = "invalid format length";
    return std::nullopt;
  }
  return std::string(content.substr(0, static_cast<size_t>(formatLength))) + formatTail;
}

ManifestParse parseSchema1(std::string_view body) {
  gojson::Document doc = gojson::parse(body);
  if (!doc.ok) return failure("error unmarshalling content: " + doc.error);
  std::string error;
  auto canonical = canonicalPayload(body, doc, error);
  if (!canonical) return failure(error);
  Schema1Body m;
  if (std::string e = gojson::unmarshal(*canonical, m); !e.empty()) return failure(e);
  Manifest out;
  out.kind = ManifestKind::Schema1;
  out.parserMediaType = media::kSchema1Signed;
  out.bodyMediaType = m.mediaType;
  out.canonical = std::move(*canonical);
  out.name = m.name;
  out.tag = m.tag;
  out.architecture = m.architecture;
  for (const auto& layer : m.fsLayers) out.fsLayerBlobSums.push_back(layer.blobSum.value);
  for (const auto& h : m.history) out.history.push_back(Schema1History{h.v1Compatibility});
  return ManifestParse{std::move(out), ""};
}

}  // namespace

const std::vector<std::string>& manifestAcceptTypes() {
  static const std::vector<std::string> kTypes = {
      std::string(media::kSchema1Signed), "application/json",          std::string(media::kSchema2),
      std::string(media::kDockerList),    std::string(media::kOciIndex), std::string(media::kOciManifest),
  };
  return kTypes;
}

ManifestParse parseManifest(std::string_view contentType, std::string_view body) {
  std::string type;
  if (!contentType.empty()) {
    MediaTypeParse parsed = parseMediaType(contentType);
    if (!parsed.error.empty()) return failure(parsed.error);
    type = std::move(parsed.type);
  }
  if (type == media::kSchema2) return parseSchema2(body);
  if (type == media::kOciManifest) return parseOciManifest(body);
  if (type == media::kDockerList) return parseList(body, false);
  if (type == media::kOciIndex) return parseList(body, true);
  return parseSchema1(body);  // +prettyjws, application/json, and anything unknown
}

std::string payloadMediaType(const Manifest& manifest) {
  switch (manifest.kind) {
    case ManifestKind::Schema1: return std::string(media::kSchema1Signed);
    case ManifestKind::Schema2: return manifest.bodyMediaType;
    case ManifestKind::OciManifest: return std::string(media::kOciManifest);
    case ManifestKind::List:
      return manifest.bodyMediaType.empty() ? std::string(media::kOciIndex) : manifest.bodyMediaType;
  }
  return manifest.bodyMediaType;
}

}  // namespace isimport

// See dsse.h (secure-systems-lab/dsse `envelope.md`; go-securesystemslib `dsse/envelope.go`,
// `dsse/verify.go` EnvelopeVerifier.Verify: no signatures, or any signature that does not decode,
// fails the whole envelope).
#include "supply/dsse.h"

#include "supply/json_object.h"

namespace isimport {
namespace {

DsseRead failure(std::string why) {
  DsseRead r;
  r.error = std::move(why);
  return r;
}

}  // namespace

DsseRead readDsseEnvelopeAt(const json::Tree& tree, json::NodeId id, std::string_view where, bool protobufJson) {
  supply::JsonObject o(tree, id, std::string(where));
  std::string error = protobufJson ? o.check({"payload", "payloadType", "payload_type", "signatures"}, true) : o.check({}, false);
  if (!error.empty()) return failure(error);
  bool bothNames = o.find("payloadType") && o.find("payload_type");
  if (protobufJson && bothNames) return failure(o.path("payloadType") + " is given twice (as payloadType and payload_type)");
  DsseEnvelope out;
  // protojson also takes the field name as declared in the .proto file.
  std::string_view typeKey = protobufJson && o.find("payload_type") ? "payload_type" : "payloadType";
  supply::JsonObject::Text type = o.string(typeKey, true);
  if (!type.error.empty()) return failure(type.error);
  if (type.value.empty()) return failure(o.path("payloadType") + " is empty");
  out.payloadType = type.value;
  supply::JsonObject::Text payload = o.string("payload", true);
  if (!payload.error.empty()) return failure(payload.error);
  auto body = supply::decodeBase64StdOrUrl(payload.value, protobufJson);
  if (!body) return failure(o.path("payload") + " is not base64");
  out.payload = std::move(*body);

  const json::Node* sigs = o.node("signatures");
  if (!sigs || sigs->kind == json::Kind::Null) return failure(o.path("signatures") + " is missing: an envelope without signatures");
  if (sigs->kind != json::Kind::Array) return failure(o.path("signatures") + " is " + supply::kindName(sigs->kind) + ", not an array");
  if (sigs->count == 0) return failure(o.path("signatures") + " is empty: an envelope without signatures");
  if (sigs->count > kMaxDsseSignatures) {
    return failure(o.path("signatures") + " has " + std::to_string(sigs->count) + " entries, more than " + std::to_string(kMaxDsseSignatures));
  }
  for (uint32_t i = 0; i < sigs->count; ++i) {
    supply::JsonObject s(tree, tree.child(*sigs, i), o.path("signatures") + "[" + std::to_string(i) + "]");
    error = protobufJson ? s.check({"sig", "keyid"}, true) : s.check({}, false);
    if (!error.empty()) return failure(error);
    DsseSignature sig;
    supply::JsonObject::Text keyid = s.string("keyid", false);
    if (!keyid.error.empty()) return failure(keyid.error);
    sig.keyid = keyid.value;
    supply::JsonObject::Text text = s.string("sig", true);
    if (!text.error.empty()) return failure(text.error);
    auto bytes = supply::decodeBase64StdOrUrl(text.value, protobufJson);
    if (!bytes) return failure(s.path("sig") + " is not base64");
    if (bytes->empty()) return failure(s.path("sig") + " is empty");
    sig.sig = std::move(*bytes);
    out.signatures.push_back(std::move(sig));
  }
  DsseRead result;
  result.envelope = std::move(out);
  return result;
}

DsseRead readDsseEnvelope(std::string_view json) {
  supply::JsonDocument doc = supply::parseJsonDocument(json, kMaxDsseEnvelopeBytes, "DSSE envelope");
  if (!doc.ok) return failure(doc.error);
  return readDsseEnvelopeAt(doc.tree, 0, "", false);
}

std::string preAuthEncoding(std::string_view type, std::string_view body) {
  std::string out = "DSSEv1 ";
  out += std::to_string(type.size());
  out += ' ';
  out += type;
  out += ' ';
  out += std::to_string(body.size());
  out += ' ';
  out += body;
  return out;
}

}  // namespace isimport

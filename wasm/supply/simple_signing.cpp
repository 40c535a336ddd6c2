// See simple_signing.h; the rules are containers/image's `signature/internal/sigstore_payload.go`
// (strictUnmarshalJSON) over `signature/internal/json.go` (ParanoidUnmarshalJSONObjectExactFields).
#include "supply/simple_signing.h"

#include "json/json_writer.h"
#include "model/reference.h"
#include "supply/json_object.h"

namespace isimport {
namespace {

SimpleSigningRead failure(std::string why) {
  SimpleSigningRead r;
  r.error = std::move(why);
  return r;
}

// A closed object with exactly `keys`, each present (ParanoidUnmarshalJSONObjectExactFields).
std::string exactFields(const supply::JsonObject& o, std::initializer_list<std::string_view> keys) {
  std::string error = o.check(keys, true);
  if (!error.empty()) return error;
  for (std::string_view k : keys) {
    if (!o.find(k)) return o.path(k) + " is missing";
  }
  return {};
}

// A string member decoded as json.Decoder.Decode into a Go string: null leaves it "".
std::optional<std::string> goString(const supply::JsonObject& o, std::string_view key, std::string& error) {
  const json::Node* n = o.node(key);
  if (n && n->kind == json::Kind::Null) return std::string();
  supply::JsonObject::Text t = o.string(key, true);
  if (!t.error.empty()) {
    error = t.error;
    return std::nullopt;
  }
  return t.value;
}

}  // namespace

SimpleSigningRead readSimpleSigningPayload(std::string_view payload) {
  supply::JsonDocument doc = supply::parseJsonDocument(payload, kMaxSimpleSigningBytes, "simple signing payload");
  if (!doc.ok) return failure(doc.error);
  supply::JsonObject top(doc.tree, 0, "");
  std::string error = exactFields(top, {"critical", "optional"});
  if (!error.empty()) return failure(error);

  SimpleSigningPayload out;
  // cosign writes "optional": null when there are no annotations.
  if (top.node("optional")->kind != json::Kind::Null) {
    auto optional = top.object("optional", true, error);
    if (!optional) return failure(error);
    error = optional->check({}, false);
    if (!error.empty()) return failure(error);
    if (optional->find("creator")) {
      auto creator = goString(*optional, "creator", error);
      if (!creator) return failure(error);
      out.creator = *creator;
    }
    if (const json::Node* ts = optional->node("timestamp")) {
      // Decoded into a float64, then required to be integral; literals with a fraction or an
      // exponent are refused here even when their value is whole.
      if (ts->kind == json::Kind::Null) {
        out.timestamp = 0;
      } else if (ts->kind != json::Kind::Number) {
        return failure("optional.timestamp is " + supply::kindName(ts->kind) + ", not a number");
      } else if (!ts->integral) {
        return failure("optional.timestamp is not an integer: " + ts->text);
      } else {
        out.timestamp = ts->integer;
      }
    }
  }

  auto critical = top.object("critical", true, error);
  if (!critical) return failure(error);
  error = exactFields(*critical, {"type", "image", "identity"});
  if (!error.empty()) return failure(error);
  auto type = goString(*critical, "type", error);
  if (!type) return failure(error);
  if (*type != kCosignSignatureType) return failure("critical.type is " + json::quote(*type) + ", not " + json::quote(kCosignSignatureType));

  auto image = critical->object("image", true, error);
  if (!image) return failure(error);
  error = exactFields(*image, {"docker-manifest-digest"});
  if (!error.empty()) return failure(error);
  auto digest = goString(*image, "docker-manifest-digest", error);
  if (!digest) return failure(error);
  // digest.Parse (opencontainers/go-digest): sha256, sha384 or sha512 with lower-case hex.
  DigestError digestError = validateOciDigest(*digest);
  if (digestError != DigestError::None) {
    return failure("critical.image.docker-manifest-digest " + json::quote(*digest) + ": " + std::string(digestErrorText(digestError)));
  }
  out.dockerManifestDigest = *digest;

  auto identity = critical->object("identity", true, error);
  if (!identity) return failure(error);
  error = exactFields(*identity, {"docker-reference"});
  if (!error.empty()) return failure(error);
  auto reference = goString(*identity, "docker-reference", error);
  if (!reference) return failure(error);
  out.dockerReference = *reference;

  SimpleSigningRead result;
  result.payload = std::move(out);
  return result;
}

}  // namespace isimport

// The JSON objects of signature and attestation documents, read member by member: every reader in
// supply/ parses with json::parse (valid UTF-8, bounded depth, no recursion) and then asks for the
// few members it needs here. A key given twice is always refused (two readers of the same bytes
// could each take a different one), and an object may be closed (any other key refused, as
// containers/image's ParanoidUnmarshalJSONObjectExactFields) or open (other keys ignored, as Go's
// encoding/json). docs/signatures.md §10.2 says which documents are which.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "json/json_tree.h"

namespace isimport::supply {

// Parses `text` (at most `maxBytes` long) as one JSON document; on failure `error` says why,
// prefixed by `what` ("DSSE envelope: …").
struct JsonDocument {
  bool ok = false;
  json::Tree tree;
  std::string error;
};
JsonDocument parseJsonDocument(std::string_view text, size_t maxBytes, std::string_view what);

// A JSON object member by member. `where` names the object in errors ("critical.image").
class JsonObject {
 public:
  JsonObject(const json::Tree& tree, json::NodeId id, std::string where) : tree_(&tree), id_(id), where_(std::move(where)) {}

  // "" when the node is an object whose keys are unique and, if `closed`, all among `known`;
  // otherwise the first problem, e.g. `critical: unknown key "x"`.
  std::string check(std::initializer_list<std::string_view> known, bool closed) const;

  std::optional<json::NodeId> find(std::string_view key) const;
  const json::Node* node(std::string_view key) const;

  // The string member `key`: its text, or an error naming it when it is absent (`required`) or not
  // a string. An absent optional member gives "".
  struct Text {
    std::string value;
    bool present = false;
    std::string error;
  };
  Text string(std::string_view key, bool required) const;

  // The object member `key` as a JsonObject ("where.key"), or nullopt with `error` set when it is
  // not an object (or absent and `required`).
  std::optional<JsonObject> object(std::string_view key, bool required, std::string& error) const;

  const json::Tree& tree() const { return *tree_; }
  json::NodeId id() const { return id_; }
  const std::string& where() const { return where_; }
  std::string path(std::string_view key) const { return where_.empty() ? std::string(key) : where_ + "." + std::string(key); }

 private:
  const json::Tree* tree_;
  json::NodeId id_;
  std::string where_;
};

// The JSON kind's name for errors: "a string", "an object", "null", …
std::string kindName(json::Kind kind);

// Lower-case hex of `bytes`.
std::string lowerHex(std::string_view bytes);

// Whether `text` is non-empty lower- or upper-case hex of an even length.
bool isHex(std::string_view text);

// Standard base64 (padded) as most signature documents carry it, or URL-safe base64 (padded) as
// the DSSE specification also allows (go-securesystemslib `dsse/envelope.go` b64Decode tries both).
// `unpaddedToo` also takes both alphabets without padding, as protobuf's JSON reading of `bytes`
// fields does (google.golang.org/protobuf `encoding/protojson/decode.go`, unmarshalBytes).
std::optional<std::string> decodeBase64StdOrUrl(std::string_view text, bool unpaddedToo = false);

}  // namespace isimport::supply

// Registry documents (manifests, config blobs, JWS headers) read as Go's encoding/json.Unmarshal
// reads them in the registry client and the importer: Go's syntax-error texts (go_json_scan.h's
// scanner decides validity), its reading of strings (invalid UTF-8 and unpaired surrogate escapes
// become U+FFFD), numbers kept even when beyond float64, then typed decoding with case-insensitive
// keys through TypedDecoder.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "json/typed_decoder.h"

namespace isimport::gojson {

struct Document {
  bool ok = false;
  json::Tree tree;
  std::string error;  // Go's error text when !ok
};

// Parses `text` as json.Unmarshal reads it before decoding: Go's scanner (goscan::checkValid)
// decides validity and the error text ("invalid character 'x' looking for beginning of value",
// "unexpected end of JSON input", "invalid character '[' exceeded max depth" …). Number literals
// that do not fit a double stay in the tree (non-integral, their literal as text), so they fail
// only where a field reads them.
Document parse(std::string_view text);

// Decodes node `id` into `out` as json.Unmarshal into a Go value of T's type; returns Go's error
// text ("" on success). T's structs must declare kLooseKeys (encoding/json matches keys
// case-insensitively and ignores unknown ones).
template <class T>
std::string decode(const json::Tree& tree, json::NodeId id, T& out) {
  TypedDecoder decoder(tree);
  decodeValue(decoder, id, out);
  return decoder.error();
}

// parse + decode of the root.
template <class T>
std::string unmarshal(std::string_view text, T& out) {
  Document doc = parse(text);
  if (!doc.ok) return doc.error;
  return decode(doc.tree, 0, out);
}

// Whether a number node is out of float64's range for strconv.ParseFloat (which rounds to nearest,
// ties to even): what decoding it into interface{} refuses. Decided on the literal's digits.
bool overflowsFloat64(const json::Node& number);

// Go's int(f) of the float64 f a number node decodes to (interface{} decoding): the literal
// rounded to float64 as strconv.ParseFloat rounds it, then truncated, with amd64's "integer
// indefinite" (INT64_MIN) out of range. Exact on the literal's digits, without strtod (whose
// long-double arithmetic was 14 KB of the import module).
int64_t goIntOfFloat64Literal(const json::Node& number);

// The first number inside the subtree at `id` that float64 cannot hold (what decoding that subtree
// into interface{} trips over), as its literal; nullopt when there is none.
std::optional<std::string> firstFloat64Overflow(const json::Tree& tree, json::NodeId id);

// The member of object `object` named `key` that Go would decode last: exact names for maps,
// `foldCase` for struct fields (goFoldEqual, as TypedDecoder matches them). nullopt when absent.
std::optional<json::NodeId> lastMember(const json::Tree& tree, json::NodeId object, std::string_view key,
                                       bool foldCase);

}  // namespace isimport::gojson

namespace isimport {

// Field types whose Go type names differ from the model's scalars, for exact type-error texts.
struct GoInt {  // Go `int` (64-bit)
  int64_t value = 0;
};
struct GoDigest {  // github.com/opencontainers/go-digest Digest: any string, unchecked while decoding
  std::string value;
};
struct GoTime {  // time.Time (its own UnmarshalJSON, goParseRfc3339; "null" leaves it unchanged)
  Time time;
};
struct GoMetaTime {  // metav1.Time (decodes a JSON string, then goParseRfc3339; "null" resets it)
  Time time;
};
struct GoRawMessage {  // json.RawMessage: any value, kept as the node; JSON null counts as present
  bool present = false;
  json::NodeId id = 0;
};

template <> struct GoType<GoInt> { static std::string name() { return "int"; } };
template <> struct GoType<GoDigest> { static std::string name() { return "digest.Digest"; } };
template <> struct GoType<GoTime> { static std::string name() { return "time.Time"; } };
template <> struct GoType<GoMetaTime> { static std::string name() { return "v1.Time"; } };
template <> struct GoType<GoRawMessage> { static std::string name() { return "json.RawMessage"; } };

void decodeValue(TypedDecoder& d, json::NodeId id, GoInt& out);
void decodeValue(TypedDecoder& d, json::NodeId id, GoDigest& out);
void decodeValue(TypedDecoder& d, json::NodeId id, GoTime& out);
void decodeValue(TypedDecoder& d, json::NodeId id, GoMetaTime& out);
void decodeValue(TypedDecoder& d, json::NodeId id, GoRawMessage& out);

}  // namespace isimport

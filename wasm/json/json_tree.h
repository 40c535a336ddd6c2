// A parsed JSON document as a flat, immutable tree, for documents read out of order or more than
// once: registry answers (manifests, configs, tokens, errors), JWS headers, options. Request bodies
// skip it and go from text straight to the model (json_text.h, text_decoder.h). Objects keep every
// member in document order, duplicates included, as Go's decoders see them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace isimport::json {

enum class Kind : uint8_t { Null, Bool, Number, String, Array, Object };

struct Node {
  Kind kind = Kind::Null;
  bool boolean = false;
  bool integral = false;  // Number written without fraction or exponent, and fits int64
  int64_t integer = 0;    // value when integral
  uint32_t first = 0;     // Array/Object: index of the first child in Tree::children
  uint32_t count = 0;     // Array/Object: number of children (members)
  std::string text;       // String: the unescaped UTF-8 value; Number: its literal
};

using NodeId = uint32_t;

struct Tree {
  std::vector<Node> nodes;          // nodes[0] is the root
  std::vector<NodeId> children;     // child ids, contiguous per container
  std::vector<std::string> keys;    // parallel to children; the member name for object children

  const Node& at(NodeId id) const { return nodes[id]; }
  NodeId child(const Node& container, uint32_t i) const { return children[container.first + i]; }
  const std::string& key(const Node& object, uint32_t i) const { return keys[object.first + i]; }
};

struct ParseResult {
  bool ok = false;
  Tree tree;
  std::string error;  // syntax error text when !ok
};

// Parses exactly one JSON value (surrounding whitespace allowed, nothing else) that checkSyntax
// (json_text.h) accepts: Go's verdicts and error texts, at most 10000 deep, strings in valid UTF-8.
// Numbers keep their literal (integral ones also their value); nesting never recurses.
ParseResult parse(std::string_view text);

// The tree of text Go's scanner already accepted (goscan::checkValid), read as encoding/json reads
// it: an invalid UTF-8 byte inside a string becomes U+FFFD, as does an escaped lone surrogate.
Tree treeOfValidText(std::string_view text);

// Compact JSON text of a subtree, members in document order (for raw fields such as fieldsV1).
std::string compactText(const Tree& tree, NodeId id);

// The Go name of a JSON value's kind, as encoding/json prints it in type errors.
const char* goValueName(Kind kind);

// encoding/json's UnmarshalTypeError text, which every Go decoding the core mirrors prints:
// "json: cannot unmarshal <value> into Go value of type <goType>", or for a struct field
// ("Struct.field.path"; ".field" in an anonymous struct) "json: cannot unmarshal <value> into Go
// struct field <structField> of type <goType>". `value` is goValueName's word, or "number <literal>"
// for a number the Go type cannot hold.
std::string unmarshalTypeErrorText(std::string_view value, std::string_view goType,
                                   std::string_view structField = {});

}  // namespace isimport::json

// A parsed JSON document as a flat, immutable tree: the one intermediate form between request text
// and the typed model. Objects keep every member in document order, duplicates included, so the
// decoder can report duplicate and unknown fields in the order the API server would.
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

struct ParseLimits {
  size_t maxDepth = 10000;  // the Go JSON decoder's own nesting limit
};

struct ParseResult {
  bool ok = false;
  Tree tree;
  std::string error;  // syntax error text when !ok
};

// Parses exactly one JSON value (surrounding whitespace allowed, nothing else). Never throws;
// nesting is tracked while parsing, without recursion.
ParseResult parse(std::string_view text, const ParseLimits& limits = {});

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

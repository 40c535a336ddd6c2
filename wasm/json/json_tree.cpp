#include "json/json_tree.h"

#include <optional>

#include "go/cold_code.h"
#include "go/go_text.h"
#include "json/json_text.h"
#include "json/json_writer.h"

ISIMPORT_COLD_CODE_BEGIN

namespace isimport::json {
namespace {

// int64 when the literal is an integer (no fraction, no exponent) that fits; else nullopt.
std::optional<int64_t> integerOf(std::string_view literal) {
  if (literal.find_first_of(".eE") != std::string_view::npos) return std::nullopt;
  bool negative = literal[0] == '-';
  uint64_t magnitude = 0;
  for (size_t i = negative ? 1 : 0; i < literal.size(); ++i) {
    uint64_t digit = static_cast<uint64_t>(literal[i] - '0');
    if (magnitude > (UINT64_MAX - digit) / 10) return std::nullopt;
    magnitude = magnitude * 10 + digit;
  }
  uint64_t limit = negative ? uint64_t{1} << 63 : static_cast<uint64_t>(INT64_MAX);
  if (magnitude > limit) return std::nullopt;
  return negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
}

// Go hands a string's invalid UTF-8 bytes on as U+FFFD each.
void replaceInvalidUtf8(std::string& text) {
  const char* bytes = text.data();
  size_t size = text.size();
  size_t ascii = 0;
  while (ascii < size && static_cast<unsigned char>(bytes[ascii]) < 0x80) ++ascii;
  if (ascii == size) return;  // the common case, without decoding a rune
  bool clean = true;
  for (size_t i = ascii; i < text.size() && clean;) {
    DecodedRune r = goDecodeRune(text, i);
    clean = r.valid || static_cast<unsigned char>(text[i]) < 0x80;
    i += r.width;
  }
  if (clean) return;
  std::string out;
  for (size_t i = 0; i < text.size();) i += appendGoRune(out, text, i);
  text = std::move(out);
}

// Walks valid text once, appending nodes in document order. Containers collect their child ids
// (and keys) on shared pending stacks and move them into Tree::children when they close, so every
// container's children are contiguous; no recursion, so any depth the checks let through is safe.
class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, bool goStrings)
      : in_(text, 0, goStrings ? Cursor::Utf8::AsGo : Cursor::Utf8::Refuse), goStrings_(goStrings) {}

  Tree build() {
    std::string scratch;
    open_.push_back({0, 0});  // a pseudo-container holding the root
    value(scratch);
    while (open_.size() > 1) {
      Open& top = open_.back();
      Kind kind = tree_.nodes[top.id].kind;
      bool more;
      if (kind == Kind::Object) {
        std::string_view key;
        more = in_.nextMember(key, scratch);
        if (more) {
          pendingKeys_.emplace_back(key);
          if (goStrings_) replaceInvalidUtf8(pendingKeys_.back());
        }
      } else {
        more = in_.nextElement();
        if (more) pendingKeys_.emplace_back();
      }
      if (more) value(scratch); else close();
    }
    return std::move(tree_);
  }

 private:
  struct Open {
    NodeId id;
    size_t firstPending;
  };

  void value(std::string& scratch) {
    NodeId id = static_cast<NodeId>(tree_.nodes.size());
    Node& n = tree_.nodes.emplace_back();
    n.kind = in_.kind();
    if (open_.size() > 1) pendingChildren_.push_back(id);
    switch (n.kind) {
      case Kind::Null: in_.null(); break;
      case Kind::Bool: n.boolean = in_.boolean(); break;
      case Kind::Number: {
        std::string_view literal = in_.number();
        n.text = literal;
        if (auto integer = integerOf(literal)) {
          n.integral = true;
          n.integer = *integer;
        }
        break;
      }
      case Kind::String:
        n.text = in_.string(scratch);
        if (goStrings_) replaceInvalidUtf8(n.text);
        break;
      case Kind::Object: in_.beginObject(); open_.push_back({id, pendingChildren_.size()}); break;
      case Kind::Array: in_.beginArray(); open_.push_back({id, pendingChildren_.size()}); break;
    }
  }

  void close() {
    Open done = open_.back();
    open_.pop_back();
    Node& n = tree_.nodes[done.id];
    n.first = static_cast<uint32_t>(tree_.children.size());
    n.count = static_cast<uint32_t>(pendingChildren_.size() - done.firstPending);
    tree_.children.insert(tree_.children.end(), pendingChildren_.begin() + done.firstPending, pendingChildren_.end());
    for (size_t i = done.firstPending; i < pendingKeys_.size(); ++i) tree_.keys.push_back(std::move(pendingKeys_[i]));
    pendingChildren_.resize(done.firstPending);
    pendingKeys_.resize(done.firstPending);
  }

  Cursor in_;
  bool goStrings_;
  Tree tree_;
  std::vector<Open> open_;
  std::vector<NodeId> pendingChildren_;
  std::vector<std::string> pendingKeys_;
};

}  // namespace

ParseResult parse(std::string_view text) {
  SyntaxCheck check = checkSyntax(text);
  if (!check.ok) return ParseResult{false, Tree{}, std::move(check.error)};
  return ParseResult{true, TreeBuilder(text, false).build(), ""};
}

Tree treeOfValidText(std::string_view text) { return TreeBuilder(text, true).build(); }

std::string compactText(const Tree& tree, NodeId root) {
  // Iterative, so a deep raw value cannot exhaust the stack.
  Writer out;
  struct Frame {
    NodeId id;
    uint32_t next;
  };
  std::vector<Frame> stack;
  auto emitScalar = [&](const Node& n) {
    switch (n.kind) {
      case Kind::Null: out.null(); break;
      case Kind::Bool: out.boolean(n.boolean); break;
      case Kind::Number: out.raw(n.text); break;
      case Kind::String: out.string(n.text); break;
      default: break;
    }
  };
  auto enter = [&](NodeId id) {
    const Node& n = tree.at(id);
    if (n.kind == Kind::Object) {
      out.beginObject();
      stack.push_back({id, 0});
    } else if (n.kind == Kind::Array) {
      out.beginArray();
      stack.push_back({id, 0});
    } else {
      emitScalar(n);
    }
  };
  enter(root);
  while (!stack.empty()) {
    Frame& f = stack.back();
    const Node& n = tree.at(f.id);
    if (f.next == n.count) {
      if (n.kind == Kind::Object) out.endObject(); else out.endArray();
      stack.pop_back();
      continue;
    }
    uint32_t i = f.next++;
    if (n.kind == Kind::Object) out.key(tree.key(n, i));
    enter(tree.child(n, i));
  }
  return out.take();
}

std::string unmarshalTypeErrorText(std::string_view value, std::string_view goType, std::string_view structField) {
  std::string text = "json: cannot unmarshal ";
  text += value;
  if (structField.empty()) {
    text += " into Go value of type ";
  } else {
    text += " into Go struct field ";
    text += structField;
    text += " of type ";
  }
  text += goType;
  return text;
}

const char* goValueName(Kind kind) {
  switch (kind) {
    case Kind::Null: return "null";
    case Kind::Bool: return "bool";
    case Kind::Number: return "number";
    case Kind::String: return "string";
    case Kind::Array: return "array";
    case Kind::Object: return "object";
  }
  return "value";
}

}  // namespace isimport::json

ISIMPORT_COLD_CODE_END

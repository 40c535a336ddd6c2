#include "json/json_tree.h"

#include <nlohmann/json.hpp>

#include "json/json_writer.h"

namespace isimport::json {
namespace {

// Builds the flat tree from nlohmann's SAX events. Containers collect their child ids on a stack
// and copy them into Tree::children when they close, so every container's children are contiguous.
class TreeBuilder final : public nlohmann::json_sax<nlohmann::json> {
 public:
  TreeBuilder(Tree& tree, size_t maxDepth) : tree_(tree), maxDepth_(maxDepth) {}

  bool null() override { return add(Node{}); }
  bool boolean(bool value) override {
    Node n;
    n.kind = Kind::Bool;
    n.boolean = value;
    return add(std::move(n));
  }
  bool number_integer(number_integer_t value) override {
    Node n;
    n.kind = Kind::Number;
    n.integral = true;
    n.integer = value;
    n.text = std::to_string(value);
    return add(std::move(n));
  }
  bool number_unsigned(number_unsigned_t value) override {
    Node n;
    n.kind = Kind::Number;
    n.integral = value <= static_cast<uint64_t>(INT64_MAX);
    n.integer = n.integral ? static_cast<int64_t>(value) : 0;
    n.text = std::to_string(value);
    return add(std::move(n));
  }
  bool number_float(number_float_t, const string_t& literal) override {
    Node n;
    n.kind = Kind::Number;
    n.text = literal;
    return add(std::move(n));
  }
  bool string(string_t& value) override {
    Node n;
    n.kind = Kind::String;
    n.text = std::move(value);
    return add(std::move(n));
  }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override { return open(Kind::Object); }
  bool key(string_t& name) override {
    pendingKey_ = std::move(name);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(Kind::Array); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) override {
    error_ = ex.what();
    return false;
  }

  const std::string& error() const { return error_; }

 private:
  struct Open {
    NodeId id;
    std::vector<NodeId> children;
    std::vector<std::string> keys;
  };

  bool add(Node node) {
    NodeId id = static_cast<NodeId>(tree_.nodes.size());
    tree_.nodes.push_back(std::move(node));
    attach(id);
    return true;
  }

  void attach(NodeId id) {
    if (stack_.empty()) return;
    Open& parent = stack_.back();
    parent.children.push_back(id);
    if (tree_.nodes[parent.id].kind == Kind::Object) parent.keys.push_back(std::move(pendingKey_));
  }

  bool open(Kind kind) {
    if (stack_.size() >= maxDepth_) {
      error_ = "exceeded max depth";
      return false;
    }
    Node n;
    n.kind = kind;
    NodeId id = static_cast<NodeId>(tree_.nodes.size());
    tree_.nodes.push_back(std::move(n));
    attach(id);
    stack_.push_back(Open{id, {}, {}});
    return true;
  }

  bool close() {
    Open done = std::move(stack_.back());
    stack_.pop_back();
    Node& n = tree_.nodes[done.id];
    n.first = static_cast<uint32_t>(tree_.children.size());
    n.count = static_cast<uint32_t>(done.children.size());
    tree_.children.insert(tree_.children.end(), done.children.begin(), done.children.end());
    if (n.kind == Kind::Object) {
      for (auto& k : done.keys) tree_.keys.push_back(std::move(k));
    } else {
      tree_.keys.resize(tree_.children.size());
    }
    return true;
  }

  Tree& tree_;
  size_t maxDepth_;
  std::vector<Open> stack_;
  std::string pendingKey_;
  std::string error_;
};

// nlohmann prefixes its messages with "[json.exception.parse_error.101] parse error at line 1,
// column 5: "; keep the position and the explanation, drop the library's exception id.
std::string readableSyntaxError(const std::string& raw) {
  std::string text = raw;
  if (auto close = text.find("] "); text.rfind("[json.exception", 0) == 0 && close != std::string::npos) {
    text = text.substr(close + 2);
  }
  return text;
}

}  // namespace

ParseResult parse(std::string_view text, const ParseLimits& limits) {
  ParseResult result;
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
      static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF) {
    // Go's decoder does not skip a byte order mark; neither do we (nlohmann would).
    result.error = "invalid character 'ï' looking for beginning of value";
    return result;
  }
  // A raw NUL byte is never valid JSON (a control character inside strings, garbage outside), and
  // nlohmann would read it as the end of input.
  if (size_t nul = text.find('\0'); nul != std::string_view::npos) {
    result.error = "invalid character '\\x00' at byte " + std::to_string(nul);
    return result;
  }
  TreeBuilder builder(result.tree, limits.maxDepth);
  bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &builder,
                                      nlohmann::json::input_format_t::json, true);
  if (!ok || result.tree.nodes.empty()) {
    result.error = builder.error().empty() ? "unexpected end of JSON input" : readableSyntaxError(builder.error());
    result.tree = Tree{};
    return result;
  }
  result.ok = true;
  return result;
}

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

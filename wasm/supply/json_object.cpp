#include "supply/json_object.h"

#include <set>

#include "go/base64.h"
#include "json/json_writer.h"

namespace isimport::supply {

JsonDocument parseJsonDocument(std::string_view text, size_t maxBytes, std::string_view what) {
  JsonDocument doc;
  if (text.size() > maxBytes) {
    doc.error = std::string(what) + ": " + std::to_string(text.size()) + " bytes, more than the " +
                std::to_string(maxBytes) + " read";
    return doc;
  }
  json::ParseResult parsed = json::parse(text);
  if (!parsed.ok) {
    doc.error = std::string(what) + ": " + parsed.error;
    return doc;
  }
  doc.ok = true;
  doc.tree = std::move(parsed.tree);
  return doc;
}

std::string kindName(json::Kind kind) {
  switch (kind) {
    case json::Kind::Null: return "null";
    case json::Kind::Bool: return "a boolean";
    case json::Kind::Number: return "a number";
    case json::Kind::String: return "a string";
    case json::Kind::Array: return "an array";
    case json::Kind::Object: return "an object";
  }
  return "a value";
}

std::string JsonObject::check(std::initializer_list<std::string_view> known, bool closed) const {
  const json::Node& n = tree_->at(id_);
  std::string name = where_.empty() ? "the document" : where_;
  if (n.kind != json::Kind::Object) return name + " is " + kindName(n.kind) + ", not an object";
  std::set<std::string_view> seen;
  for (uint32_t i = 0; i < n.count; ++i) {
    const std::string& key = tree_->key(n, i);
    if (!seen.insert(key).second) return name + ": duplicate key " + json::quote(key);
    if (!closed) continue;
    bool isKnown = false;
    for (std::string_view k : known) isKnown = isKnown || k == key;
    if (!isKnown) return name + ": unknown key " + json::quote(key);
  }
  return {};
}

std::optional<json::NodeId> JsonObject::find(std::string_view key) const {
  const json::Node& n = tree_->at(id_);
  if (n.kind != json::Kind::Object) return std::nullopt;
  for (uint32_t i = 0; i < n.count; ++i) {
    if (tree_->key(n, i) == key) return tree_->child(n, i);
  }
  return std::nullopt;
}

const json::Node* JsonObject::node(std::string_view key) const {
  auto id = find(key);
  return id ? &tree_->at(*id) : nullptr;
}

JsonObject::Text JsonObject::string(std::string_view key, bool required) const {
  Text t;
  const json::Node* n = node(key);
  if (!n) {
    if (required) t.error = path(key) + " is missing";
    return t;
  }
  if (n->kind != json::Kind::String) {
    t.error = path(key) + " is " + kindName(n->kind) + ", not a string";
    return t;
  }
  t.present = true;
  t.value = n->text;
  return t;
}

std::optional<JsonObject> JsonObject::object(std::string_view key, bool required, std::string& error) const {
  auto id = find(key);
  if (!id) {
    if (required) error = path(key) + " is missing";
    return std::nullopt;
  }
  const json::Node& n = tree_->at(*id);
  if (n.kind != json::Kind::Object) {
    error = path(key) + " is " + kindName(n.kind) + ", not an object";
    return std::nullopt;
  }
  return JsonObject(*tree_, *id, path(key));
}

std::string lowerHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

bool isHex(std::string_view text) {
  if (text.empty() || text.size() % 2 != 0) return false;
  for (char c : text) {
    bool digit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!digit) return false;
  }
  return true;
}

std::optional<std::string> decodeBase64StdOrUrl(std::string_view text, bool unpaddedToo) {
  std::string std(text);
  bool url = false;
  for (char& c : std) {
    if (c == '-' || c == '_') {
      url = true;
      c = c == '-' ? '+' : '/';
    }
  }
  // A text mixing both alphabets is neither encoding.
  if (url && text.find_first_of("+/") != std::string_view::npos) return std::nullopt;
  Base64Decoded padded = base64Decode(std, true);
  if (padded.bytes) return padded.bytes;
  if (!unpaddedToo) return std::nullopt;
  return base64Decode(std, false).bytes;
}

}  // namespace isimport::supply

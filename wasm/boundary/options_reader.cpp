#include "boundary/options_reader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "go/cold_code.h"
#include "go/time_text.h"
#include "import/list_choice.h"
#include "json/json_tree.h"
#include "json/json_writer.h"

ISIMPORT_COLD_CODE_BEGIN

namespace isimport {
namespace {

// What a refused value was, for "(got …)": JSON's own text for scalars, the host's word for what
// JSON could not carry.
std::string describe(const json::Tree& tree, json::NodeId id) {
  const json::Node& n = tree.at(id);
  switch (n.kind) {
    case json::Kind::String: return json::quote(n.text);
    case json::Kind::Array: return "an array";
    case json::Kind::Object: {
      if (n.count == 1 && tree.key(n, 0) == "$host" && tree.at(tree.child(n, 0)).kind == json::Kind::String) {
        return tree.at(tree.child(n, 0)).text;
      }
      return "an object";
    }
    default: return json::compactText(tree, id);
  }
}

// The word a host marker carries ({"$host": "a function"}), or "" for any other value.
std::string hostWord(const json::Tree& tree, json::NodeId id) {
  const json::Node& n = tree.at(id);
  if (n.kind != json::Kind::Object || n.count != 1 || tree.key(n, 0) != "$host") return "";
  const json::Node& word = tree.at(tree.child(n, 0));
  return word.kind == json::Kind::String ? word.text : "";
}

std::string oneOfText(const OptionRule& rule) {
  std::string text;
  for (const char* value : rule.values) text += (text.empty() ? "" : ", ") + std::string(value);
  return text;
}

// What an option must be, as its refusal says it.
std::string mustBe(const OptionRule& rule) {
  switch (rule.type) {
    case OptionType::String: return "a string";
    case OptionType::OneOf: return "one of " + oneOfText(rule);
    case OptionType::Integer:
      return "an integer from " + std::to_string(rule.min) + " to " + std::to_string(rule.max) + rule.extra;
    case OptionType::Milliseconds:
      return "a number of milliseconds from " + std::to_string(rule.min) + " to " + std::to_string(rule.max);
    case OptionType::Boolean: return "a boolean";
    case OptionType::Strings: return "an array of strings";
    case OptionType::Time: return "a Date, epoch milliseconds or RFC 3339 text";
    case OptionType::Platform: return "os/arch[/variant], e.g. linux/amd64";
    case OptionType::Document: return "an object or text";
    case OptionType::Documents: return "an array of objects or texts";
    case OptionType::Function: return "a function";
    case OptionType::Signal: return "an AbortSignal";
  }
  return "";
}

// Reads one value as `rule` says into text (String, OneOf, Time, Platform, Document); false when
// it is not one.
bool readText(const json::Tree& tree, json::NodeId id, const OptionRule& rule, std::string& out) {
  const json::Node& n = tree.at(id);
  switch (rule.type) {
    case OptionType::OneOf:
      if (n.kind != json::Kind::String) return false;
      for (const char* value : rule.values) {
        if (n.text == value) return (out = n.text, true);
      }
      return false;
    case OptionType::Time: {
      std::optional<int64_t> seconds;
      if (n.kind == json::Kind::String) seconds = parseRfc3339(n.text);
      if (n.kind == json::Kind::Number) {
        double ms = std::strtod(n.text.c_str(), nullptr);
        if (std::isfinite(ms) && std::fabs(ms) < 8.64e15) seconds = static_cast<int64_t>(std::floor(ms / 1000));
      }
      if (!seconds) return false;
      out = formatRfc3339(*seconds);
      return true;
    }
    case OptionType::Platform:
      if (n.kind != json::Kind::String || !parsePlatform(n.text)) return false;
      out = n.text;
      return true;
    case OptionType::Document:
      if (n.kind == json::Kind::String) return (out = n.text, true);
      if (n.kind != json::Kind::Object || !hostWord(tree, id).empty()) return false;
      out = json::compactText(tree, id);
      return true;
    default:
      if (n.kind != json::Kind::String) return false;
      out = n.text;
      return true;
  }
}

bool readNumber(const json::Tree& tree, json::NodeId id, const OptionRule& rule, int64_t& out) {
  const json::Node& n = tree.at(id);
  if (n.kind != json::Kind::Number) return false;
  if (rule.type == OptionType::Integer) {
    if (!n.integral || n.integer < rule.min || n.integer > rule.max) return false;
    out = n.integer;
    return true;
  }
  // Milliseconds: any number above 0 up to the limit, rounded (at least 1).
  double ms = std::strtod(n.text.c_str(), nullptr);
  if (!(ms > 0) || ms > static_cast<double>(rule.max)) return false;
  out = std::max<int64_t>(rule.min, static_cast<int64_t>(std::floor(ms + 0.5)));
  return true;
}

// Applies the member being read to the option it names.
struct OptionApplier {
  const json::Tree& tree;
  json::NodeId id;
  bool ok = true;

  void read(std::string& member, const OptionRule& rule) { ok = readText(tree, id, rule, member); }
  void read(std::optional<std::string>& member, const OptionRule& rule) {
    std::string text;
    ok = readText(tree, id, rule, text);
    if (ok) member = std::move(text);
  }
  void read(int64_t& member, const OptionRule& rule) { ok = readNumber(tree, id, rule, member); }
  void read(bool& member, const OptionRule&) {
    const json::Node& n = tree.at(id);
    ok = n.kind == json::Kind::Bool;
    if (ok) member = n.boolean;
  }
  // Strings: each a string. Documents: each an object (kept as its JSON text) or a string.
  void read(std::vector<std::string>& member, const OptionRule& rule) {
    const json::Node& n = tree.at(id);
    ok = n.kind == json::Kind::Array;
    for (uint32_t i = 0; ok && i < n.count; ++i) {
      json::NodeId itemId = tree.child(n, i);
      const json::Node& item = tree.at(itemId);
      if (rule.type == OptionType::Documents && item.kind == json::Kind::Object && hostWord(tree, itemId).empty()) {
        member.push_back(json::compactText(tree, itemId));
        continue;
      }
      ok = item.kind == json::Kind::String;
      if (ok) member.push_back(item.text);
    }
  }
  void read(HostValue& member, const OptionRule& rule) {
    std::string word = hostWord(tree, id);
    ok = word == (rule.type == OptionType::Function ? "a function" : "an AbortSignal");
    member.given = ok;
  }
};

// Finds the option named `key` and reads the value into it.
struct OptionFinder {
  std::string_view key;
  OptionApplier& apply;
  bool readValue;  // false for null: the option keeps its default
  bool found = false;
  std::string expected;  // what the value must be, when it was not (the rule is a temporary)
  template <class M>
  void option(const char* name, M& member, const OptionRule& rule) {
    if (found || key != name) return;
    found = true;
    if (!readValue) return;
    apply.read(member, rule);
    if (!apply.ok) expected = mustBe(rule);
  }
};

// Levenshtein distance, for "did you mean".
size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

struct NearestName {
  std::string_view key;
  std::string best;
  size_t distance = 3;  // nothing farther than two edits
  template <class M>
  void option(const char* name, M&, const OptionRule&) {
    std::string lowerKey(key), lowerName(name);
    for (char& c : lowerKey) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (char& c : lowerName) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    size_t d = lowerKey == lowerName ? 0 : editDistance(key, name);
    if (d < distance) distance = d, best = name;
  }
};

template <class O>
OptionsRefusal readAny(std::string_view text, O& out) {
  if (text.empty()) return {};
  json::ParseResult parsed = json::parse(text);
  if (!parsed.ok || parsed.tree.at(0).kind != json::Kind::Object) return {"options must be an object", "", ""};
  const json::Tree& tree = parsed.tree;
  const json::Node& root = tree.at(0);
  for (uint32_t i = 0; i < root.count; ++i) {
    json::NodeId id = tree.child(root, i);
    const std::string& key = tree.key(root, i);
    OptionApplier apply{tree, id};
    OptionFinder finder{key, apply, tree.at(id).kind != json::Kind::Null, false, {}};
    forEachOption(finder, out);
    if (!finder.found) {
      NearestName nearest{key, {}, 3};
      forEachOption(nearest, out);
      std::string refusal = "unknown option " + json::quote(key);
      if (!nearest.best.empty()) refusal += " (did you mean " + json::quote(nearest.best) + "?)";
      return {refusal, "", ""};
    }
    if (!apply.ok) return {key + " must be " + finder.expected + " (got " + describe(tree, id) + ")", key, finder.expected};
  }
  return {};
}

// Writes each option with its value.
struct OptionWriter {
  json::Writer& out;
  void option(const char* name, const std::string& v, const OptionRule&) { out.key(name), out.string(v); }
  void option(const char* name, const std::optional<std::string>& v, const OptionRule&) {
    if (v) out.key(name), out.string(*v);
  }
  void option(const char* name, const int64_t& v, const OptionRule&) { out.key(name), out.integer(v); }
  void option(const char* name, const bool& v, const OptionRule&) { out.key(name), out.boolean(v); }
  void option(const char* name, const std::vector<std::string>& v, const OptionRule&) {
    out.key(name);
    out.beginArray();
    for (const std::string& s : v) out.string(s);
    out.endArray();
  }
  void option(const char* name, const HostValue& v, const OptionRule&) {
    if (v.given) out.key(name), out.boolean(true);
  }
};

template <class O>
std::string writeAny(const O& options) {
  json::Writer out;
  out.beginObject();
  OptionWriter writer{out};
  forEachOption(writer, options);
  out.endObject();
  return out.take();
}

}  // namespace

OptionsRefusal readOptions(std::string_view json, ValidateOptions& out) { return readAny(json, out); }
OptionsRefusal readOptions(std::string_view json, ImportOptions& out) { return readAny(json, out); }
OptionsRefusal readOptions(std::string_view json, SupplyChainOptions& out) { return readAny(json, out); }
std::string writeOptions(const ValidateOptions& options) { return writeAny(options); }
std::string writeOptions(const ImportOptions& options) { return writeAny(options); }
std::string writeOptions(const SupplyChainOptions& options) { return writeAny(options); }

}  // namespace isimport

ISIMPORT_COLD_CODE_END

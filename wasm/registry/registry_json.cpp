#include "registry/registry_json.h"

#include <cmath>
#include <cstdlib>
#include <map>
#include <vector>

#include "go/go_text.h"
#include "go/time_text.h"
#include "json/go_json_scan.h"

namespace isimport::gojson {
namespace {

bool isDigit(unsigned char c) { return c >= '0' && c <= '9'; }

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

unsigned readU4(std::string_view s, size_t at) {  // s[at..at+4) are hex digits (already scanned)
  unsigned v = 0;
  for (size_t i = 0; i < 4; ++i) v = v * 16 + static_cast<unsigned>(hexValue(s[at + i]));
  return v;
}

bool isHighSurrogate(unsigned v) { return v >= 0xD800 && v < 0xDC00; }
bool isLowSurrogate(unsigned v) { return v >= 0xDC00 && v < 0xE000; }

bool overflowsDouble(std::string_view literal) {
  bool exponent = literal.find_first_of("eE") != std::string_view::npos;
  if (!exponent && literal.size() < 300) return false;
  double v = std::strtod(std::string(literal).c_str(), nullptr);
  return !std::isfinite(v);
}

// Rewrites valid JSON so that nlohmann reads it as Go does: inside strings, each invalid UTF-8 byte
// becomes U+FFFD and an escaped surrogate that is not part of a pair becomes \ufffd; number
// literals beyond double range become 0.5 (their literal is restored in the tree afterwards).
std::string normalize(std::string_view text, std::map<size_t, std::string>& bigNumbers) {
  std::string out;
  out.reserve(text.size());
  size_t numberOrdinal = 0;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '"') {
      out += c;
      ++i;
      while (i < text.size() && text[i] != '"') {
        unsigned char b = static_cast<unsigned char>(text[i]);
        if (b == '\\') {
          if (text[i + 1] == 'u') {
            unsigned v = readU4(text, i + 2);
            if (isHighSurrogate(v) && i + 12 <= text.size() && text[i + 6] == '\\' && text[i + 7] == 'u' &&
                isLowSurrogate(readU4(text, i + 8))) {
              out.append(text.substr(i, 12));
              i += 12;
            } else if (isHighSurrogate(v) || isLowSurrogate(v)) {
              out += "\\ufffd";
              i += 6;
            } else {
              out.append(text.substr(i, 6));
              i += 6;
            }
          } else {
            out.append(text.substr(i, 2));
            i += 2;
          }
          continue;
        }
        if (b < 0x80) {
          out += static_cast<char>(b);
          ++i;
          continue;
        }
        i += appendGoRune(out, text, i);
      }
      out += '"';
      ++i;
      continue;
    }
    if (c == '-' || isDigit(static_cast<unsigned char>(c))) {
      size_t start = i;
      while (i < text.size() && (isDigit(static_cast<unsigned char>(text[i])) || text[i] == '-' || text[i] == '+' ||
                                 text[i] == '.' || text[i] == 'e' || text[i] == 'E')) {
        ++i;
      }
      std::string_view literal = text.substr(start, i - start);
      if (overflowsDouble(literal)) {
        bigNumbers[numberOrdinal] = std::string(literal);
        out += "0.5";
      } else {
        out.append(literal);
      }
      ++numberOrdinal;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace

Document parse(std::string_view text) {
  Document doc;
  if (goscan::Scan scan = goscan::checkValid(text); !scan.ok) {
    doc.error = std::move(scan.error);
    return doc;
  }
  std::map<size_t, std::string> bigNumbers;
  std::string normalized = normalize(text, bigNumbers);
  json::ParseResult parsed = json::parse(normalized);
  if (!parsed.ok) {  // not expected after Go's scanner accepted the text
    doc.error = parsed.error;
    return doc;
  }
  doc.tree = std::move(parsed.tree);
  if (!bigNumbers.empty()) {
    size_t ordinal = 0;
    for (json::Node& node : doc.tree.nodes) {
      if (node.kind != json::Kind::Number) continue;
      if (auto it = bigNumbers.find(ordinal); it != bigNumbers.end()) {
        node.text = it->second;
        node.integral = false;
      }
      ++ordinal;
    }
  }
  doc.ok = true;
  return doc;
}

std::optional<double> float64Of(const json::Node& number) {
  if (number.integral) return static_cast<double>(number.integer);
  double v = std::strtod(number.text.c_str(), nullptr);
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<std::string> firstFloat64Overflow(const json::Tree& tree, json::NodeId id) {
  std::vector<json::NodeId> stack{id};
  while (!stack.empty()) {
    json::NodeId at = stack.back();
    stack.pop_back();
    const json::Node& n = tree.at(at);
    if (n.kind == json::Kind::Number) {
      if (!float64Of(n)) return n.text;
    } else if (n.kind == json::Kind::Array || n.kind == json::Kind::Object) {
      for (uint32_t i = n.count; i-- > 0;) stack.push_back(tree.child(n, i));
    }
  }
  return std::nullopt;
}

std::optional<json::NodeId> lastMember(const json::Tree& tree, json::NodeId object, std::string_view key,
                                       bool foldCase) {
  const json::Node& n = tree.at(object);
  if (n.kind != json::Kind::Object) return std::nullopt;
  std::optional<json::NodeId> found;
  for (uint32_t i = 0; i < n.count; ++i) {
    const std::string& name = tree.key(n, i);
    if (foldCase ? asciiEqualFold(name, key) : name == key) found = tree.child(n, i);
  }
  return found;
}

}  // namespace isimport::gojson

namespace isimport {

void decodeValue(TypedDecoder& d, json::NodeId id, GoInt& out) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) return;
  if (n.kind != json::Kind::Number) return d.typeError(json::goValueName(n.kind), "int");
  if (!n.integral) return d.typeError(("number " + n.text).c_str(), "int");
  out.value = n.integer;
}

void decodeValue(TypedDecoder& d, json::NodeId id, GoDigest& out) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) return;
  if (n.kind != json::Kind::String) return d.typeError(json::goValueName(n.kind), "digest.Digest");
  out.value = n.text;
}

// A time that fails inside its UnmarshalJSON ends decoding; TypedDecoder keeps an earlier type error
// instead, so callers that need Go's precedence check time fields first (see image_config.cpp).
void decodeValue(TypedDecoder& d, json::NodeId id, GoTime& out) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) return;  // time.Time leaves itself unchanged on null
  if (n.kind != json::Kind::String) return d.fatalError("Time.UnmarshalJSON: input is not a JSON string");
  GoTimeParse parsed = goParseRfc3339(n.text);
  if (!parsed.unixSeconds) return d.fatalError(parsed.error);
  out.time = Time{true, *parsed.unixSeconds};
}

void decodeValue(TypedDecoder& d, json::NodeId id, GoMetaTime& out) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) {
    out.time = Time{};
    return;
  }
  if (n.kind != json::Kind::String) {
    // The inner string decoding's type error, given the field's context by the outer decoder.
    d.typeError(json::goValueName(n.kind), "string");
    return d.fatalError("");
  }
  GoTimeParse parsed = goParseRfc3339(n.text);
  if (!parsed.unixSeconds) return d.fatalError(parsed.error);
  out.time = Time{true, *parsed.unixSeconds};
}

void decodeValue(TypedDecoder&, json::NodeId id, GoRawMessage& out) {
  out.present = true;
  out.id = id;
}

}  // namespace isimport

#include "registry_json.h"

#include <cmath>
#include <cstdlib>
#include <map>
#include <vector>

#include "field_error.h"
#include "go_json_scan.h"

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
        DecodedRune r = goDecodeRune(text, i);
        if (r.valid) {
          out.append(text.substr(i, r.width));
        } else {
          out += "\xEF\xBF\xBD";
        }
        i += r.width;
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

namespace {

// The time package's own quoting in ParseError texts: bytes outside printable ASCII as \x escapes.
std::string timeQuote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80 || c < ' ') {
      DecodedRune r = goDecodeRune(s, i);
      size_t width = r.valid ? r.width : 1;
      if (!r.valid && i + 2 < s.size() && s.substr(i, 3) == "\xEF\xBF\xBD") width = 3;
      for (size_t j = 0; j < width; ++j) {
        auto b = static_cast<unsigned char>(s[i + j]);
        out += "\\x";
        out += kHex[b >> 4];
        out += kHex[b & 15];
      }
      i += width;
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += static_cast<char>(c);
    ++i;
  }
  return out + "\"";
}

bool digitAt(std::string_view s, size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

// time.getnum: one or two digits (exactly two when `fixed`).
bool getnum(std::string_view& s, bool fixed, int& out) {
  out = 0;
  if (!digitAt(s, 0)) return false;
  if (!digitAt(s, 1)) {
    if (fixed) return false;
    out = s[0] - '0';
    s.remove_prefix(1);
    return true;
  }
  out = (s[0] - '0') * 10 + (s[1] - '0');
  s.remove_prefix(2);
  return true;
}

int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int daysIn(int month, int year) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

TimeParse parseRfc3339(std::string_view text) {
  static constexpr std::string_view kLayout = "2006-01-02T15:04:05Z07:00";
  TimeParse result;
  auto fail = [&](std::string_view layoutElem, std::string_view valueElem, const std::string& message) {
    result.error = "parsing time " + timeQuote(text) +
                   (message.empty() ? " as " + timeQuote(kLayout) + ": cannot parse " + timeQuote(valueElem) +
                                          " as " + timeQuote(layoutElem)
                                    : message);
    return result;
  };
  enum Std { LongYear, ZeroMonth, ZeroDay, Hour, ZeroMinute, ZeroSecond, ColonTZ };
  struct Chunk {
    char prefix;  // 0: none
    Std std;
    std::string_view text;
  };
  static constexpr Chunk kChunks[] = {{0, LongYear, "2006"}, {'-', ZeroMonth, "01"}, {'-', ZeroDay, "02"},
                                      {'T', Hour, "15"},     {':', ZeroMinute, "04"}, {':', ZeroSecond, "05"},
                                      {0, ColonTZ, "Z07:00"}};
  std::string_view value = text;
  int year = 0, month = -1, day = -1, hour = 0, minute = 0, second = 0, zoneOffset = 0;
  for (const Chunk& chunk : kChunks) {
    if (chunk.prefix) {
      if (value.empty() || value[0] != chunk.prefix) return fail(std::string_view(&chunk.prefix, 1), value, "");
      value.remove_prefix(1);
    }
    std::string_view hold = value;
    bool ok = true;
    std::string range;
    switch (chunk.std) {
      case LongYear: {
        if (value.size() < 4 || !digitAt(value, 0)) {
          ok = false;
          break;
        }
        std::string_view p = value.substr(0, 4);
        value.remove_prefix(4);
        year = 0;
        for (char c : p) {
          if (c < '0' || c > '9') ok = false;
          else year = year * 10 + (c - '0');
        }
        break;
      }
      case ZeroMonth:
        ok = getnum(value, true, month);
        if (ok && (month <= 0 || month > 12)) range = "month";
        break;
      case ZeroDay: ok = getnum(value, true, day); break;
      case Hour:
        ok = getnum(value, false, hour);
        if (hour >= 24) range = "hour";
        break;
      case ZeroMinute:
        ok = getnum(value, true, minute);
        if (minute >= 60) range = "minute";
        break;
      case ZeroSecond:
        ok = getnum(value, true, second);
        if (!ok) break;
        if (second >= 60) {
          range = "second";
          break;
        }
        if (value.size() >= 2 && (value[0] == '.' || value[0] == ',') && digitAt(value, 1)) {
          size_t n = 2;
          while (digitAt(value, n)) ++n;
          value.remove_prefix(n);  // the fraction: digits only, so no error
        }
        break;
      case ColonTZ: {
        if (!value.empty() && value[0] == 'Z') {
          value.remove_prefix(1);
          break;
        }
        if (value.size() < 6 || value[3] != ':') {
          ok = false;
          break;
        }
        char sign = value[0];
        std::string_view hh = value.substr(1, 2), mm = value.substr(4, 2);
        value.remove_prefix(6);
        int hr = 0, mi = 0;
        ok = getnum(hh, true, hr);
        if (ok) ok = getnum(mm, true, mi);
        if (hr > 24) range = "time zone offset hour";
        if (mi > 60) range = "time zone offset minute";
        zoneOffset = (hr * 60 + mi) * 60;
        if (sign == '-') zoneOffset = -zoneOffset;
        else if (sign != '+') ok = false;
        break;
      }
    }
    if (!range.empty()) return fail(chunk.text, value, ": " + range + " out of range");
    if (!ok) return fail(chunk.text, hold, "");
  }
  if (!value.empty()) return fail("", value, ": extra text: " + timeQuote(value));
  if (day < 1 || day > daysIn(month, year)) return fail("", value, ": day out of range");
  result.unixSeconds = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
                       hour * 3600 + minute * 60 + second - zoneOffset;
  return result;
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
  gojson::TimeParse parsed = gojson::parseRfc3339(n.text);
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
  gojson::TimeParse parsed = gojson::parseRfc3339(n.text);
  if (!parsed.unixSeconds) return d.fatalError(parsed.error);
  out.time = Time{true, *parsed.unixSeconds};
}

void decodeValue(TypedDecoder&, json::NodeId id, GoRawMessage& out) {
  out.present = true;
  out.id = id;
}

}  // namespace isimport

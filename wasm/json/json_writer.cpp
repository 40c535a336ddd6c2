#include "json/json_writer.h"

#include <array>

#include "go/cold_code.h"

ISIMPORT_COLD_CODE_BEGIN

namespace isimport::json {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid.
size_t utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  auto cont = [&](size_t k) { return k < s.size() && (byte(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;
    if (c == 0xF4 && c1 >= 0x90) return 0;
    return 4;
  }
  return 0;
}

// The bytes that end a run of plain ASCII in appendEscaped.
constexpr auto kStopsRun = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&';
  return t;
}();

void appendEscaped(std::string& out, std::string_view value) {
  out += '"';
  size_t i = 0;
  while (i < value.size()) {
    // Runs of ASCII that need no escape (the common case) are copied at once.
    size_t run = i;
    while (run < value.size() && !kStopsRun[static_cast<unsigned char>(value[run])]) ++run;
    if (run > i) {
      out.append(value.substr(i, run - i));
      i = run;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(value[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '<': case '>': case '&':
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
          break;
        default:
          if (c < 0x20) {
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    size_t len = utf8SequenceLength(value, i);
    if (len == 0) {
      out += "\\ufffd";
      ++i;
      continue;
    }
    if (len == 3 && c == 0xE2 && static_cast<unsigned char>(value[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(value[i + 2]) == 0xA8 || static_cast<unsigned char>(value[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(value[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
    } else {
      out.append(value.substr(i, len));
    }
    i += len;
  }
  out += '"';
}

}  // namespace

void Writer::appendQuoted(std::string_view value) { appendEscaped(out_, value); }

std::string quote(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  appendEscaped(out, value);
  return out;
}

}  // namespace isimport::json

ISIMPORT_COLD_CODE_END

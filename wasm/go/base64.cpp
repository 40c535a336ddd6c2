#include "go/base64.h"

namespace isimport {
namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64Value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool isNewline(char c) { return c == '\n' || c == '\r'; }

// encoding/base64 Decode, quantum by quantum, with its error offsets; CR and LF are skipped.
bool goBase64Decode(std::string_view src, bool padded, std::string& out, size_t& errorOffset) {
  size_t si = 0;
  while (si < src.size()) {
    uint32_t dbuf[4] = {0, 0, 0, 0};
    int dlen = 4;
    bool garbage = false;
    size_t garbageAt = 0;
    for (int j = 0; j < 4; ++j) {
      if (si == src.size()) {
        if (j == 0) return true;
        if (j == 1 || padded) {
          errorOffset = si - static_cast<size_t>(j);
          return false;
        }
        dlen = j;
        break;
      }
      unsigned char in = static_cast<unsigned char>(src[si++]);
      int value = base64Value(in);
      if (value >= 0) {
        dbuf[j] = static_cast<uint32_t>(value);
        continue;
      }
      if (isNewline(static_cast<char>(in))) {
        --j;
        continue;
      }
      if (!padded || in != '=') {
        errorOffset = si - 1;
        return false;
      }
      // Padding: only after two or three symbols, "==" after two.
      if (j < 2) {
        errorOffset = si - 1;
        return false;
      }
      if (j == 2) {
        while (si < src.size() && isNewline(src[si])) ++si;
        if (si == src.size()) {
          errorOffset = src.size();
          return false;
        }
        if (src[si] != '=') {
          errorOffset = si - 1;
          return false;
        }
        ++si;
      }
      while (si < src.size() && isNewline(src[si])) ++si;
      if (si < src.size()) {
        garbage = true;
        garbageAt = si;
      }
      dlen = j;
      break;
    }
    uint32_t val = dbuf[0] << 18 | dbuf[1] << 12 | dbuf[2] << 6 | dbuf[3];
    if (dlen >= 2) out += static_cast<char>((val >> 16) & 0xFF);
    if (dlen >= 3) out += static_cast<char>((val >> 8) & 0xFF);
    if (dlen >= 4) out += static_cast<char>(val & 0xFF);
    if (garbage) {
      errorOffset = garbageAt;
      return false;
    }
  }
  return true;
}

}  // namespace

std::string base64Encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (size_t rest = in.size() - i; rest > 0) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

Base64Decoded base64Decode(std::string_view text, bool padded) {
  Base64Decoded result;
  std::string out;
  if (!goBase64Decode(text, padded, out, result.errorOffset)) return result;
  result.bytes = std::move(out);
  return result;
}

}  // namespace isimport

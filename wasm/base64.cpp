#include "base64.h"

namespace isimport {
namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
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

Base64Decoded base64Decode(std::string_view text) {
  Base64Decoded result;
  std::string out;
  unsigned quantum[4];
  int have = 0;
  int padding = 0;
  size_t i = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r' || c == '\n') continue;
    if (padding > 0) {
      if (c != '=' || padding >= 2 || have + padding != 3) {
        result.errorOffset = i;
        return result;
      }
      ++padding;
      continue;
    }
    if (c == '=') {
      if (have < 2) {
        result.errorOffset = i;
        return result;
      }
      padding = 1;
      continue;
    }
    int v = sextet(c);
    if (v < 0) {
      result.errorOffset = i;
      return result;
    }
    quantum[have++] = static_cast<unsigned>(v);
    if (have == 4) {
      unsigned bits = (quantum[0] << 18) | (quantum[1] << 12) | (quantum[2] << 6) | quantum[3];
      out += static_cast<char>(bits >> 16);
      out += static_cast<char>((bits >> 8) & 0xFF);
      out += static_cast<char>(bits & 0xFF);
      have = 0;
    }
  }
  if (padding > 0) {
    if (have + padding != 4) {
      result.errorOffset = text.size();
      return result;
    }
    unsigned bits = (quantum[0] << 18) | (quantum[1] << 12) | (have == 3 ? quantum[2] << 6 : 0);
    out += static_cast<char>(bits >> 16);
    if (have == 3) out += static_cast<char>((bits >> 8) & 0xFF);
  } else if (have != 0) {
    result.errorOffset = text.size();
    return result;
  }
  result.bytes = std::move(out);
  return result;
}

}  // namespace isimport

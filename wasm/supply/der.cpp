#include "supply/der.h"

namespace isimport::der {

std::optional<Element> Reader::next(uint8_t expected, std::string_view what) {
  auto fail = [&](std::string why) -> std::optional<Element> {
    error_ = std::string(what) + ": " + why;
    rest_ = {};
    return std::nullopt;
  };
  if (!error_.empty()) return std::nullopt;
  if (rest_.size() < 2) return fail("truncated element");
  uint8_t tag = static_cast<uint8_t>(rest_[0]);
  // High tag numbers (low five bits all set) never occur in what is read here.
  if ((tag & 0x1f) == 0x1f) return fail("unsupported high tag number");
  if (expected != 0 && tag != expected) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string got = {kDigits[tag >> 4], kDigits[tag & 15]};
    std::string want = {kDigits[expected >> 4], kDigits[expected & 15]};
    return fail("tag 0x" + got + " where 0x" + want + " was expected");
  }
  uint8_t first = static_cast<uint8_t>(rest_[1]);
  size_t header = 2;
  size_t length = 0;
  if (first < 0x80) {
    length = first;
  } else if (first == 0x80) {
    return fail("indefinite length");  // BER only; DER forbids it
  } else {
    size_t n = first & 0x7f;
    if (n > 3) return fail("length of more than 3 bytes");  // nothing read here is 16 MiB
    if (rest_.size() < 2 + n) return fail("truncated length");
    for (size_t i = 0; i < n; ++i) length = (length << 8) | static_cast<uint8_t>(rest_[2 + i]);
    if (static_cast<uint8_t>(rest_[2]) == 0) return fail("length not in its shortest form");
    if (length < 0x80) return fail("long-form length below 128");
    header += n;
  }
  if (rest_.size() - header < length) return fail("element longer than the bytes that hold it");
  Element e{tag, rest_.substr(header, length), rest_.substr(0, header + length)};
  rest_.remove_prefix(header + length);
  return e;
}

std::optional<std::string_view> positiveInteger(std::string_view content) {
  if (content.empty()) return std::nullopt;
  auto byteAt = [&](size_t i) { return static_cast<uint8_t>(content[i]); };
  if (byteAt(0) & 0x80) return std::nullopt;  // negative
  if (byteAt(0) == 0) {
    if (content.size() == 1) return std::nullopt;       // zero
    if (!(byteAt(1) & 0x80)) return std::nullopt;       // a 0x00 the value does not need
    return content.substr(1);
  }
  return content;
}

std::string dottedOid(std::string_view content) {
  if (content.empty() || content.size() > 64) return {};
  std::string out;
  uint64_t value = 0;
  bool firstArc = true;
  bool started = false;  // within an arc
  for (size_t i = 0; i < content.size(); ++i) {
    uint8_t b = static_cast<uint8_t>(content[i]);
    if (!started && b == 0x80) return {};  // a leading 0x80 is not minimal
    started = true;
    if (value > (UINT64_MAX >> 7)) return {};
    value = (value << 7) | (b & 0x7f);
    if (b & 0x80) continue;
    if (firstArc) {
      uint64_t top = value < 40 ? 0 : value < 80 ? 1 : 2;
      out = std::to_string(top);
      out += '.';
      out += std::to_string(value - 40 * top);
      firstArc = false;
    } else {
      out += '.';
      out += std::to_string(value);
    }
    value = 0;
    started = false;
  }
  return started ? std::string() : out;  // the last arc must end
}

}  // namespace isimport::der

// ASN.1 DER, only as much as public keys and ECDSA signatures need: one element at a time (tag,
// length, content), definite lengths in their shortest form, no element longer than what holds
// it, and nothing recursive: a caller walks the nesting it expects (docs/signatures.md §10.1).
// Go's encoding/asn1 (Unmarshal, parseTagAndLength) is as strict, which is what cosign's keys go
// through (crypto/x509 ParsePKIXPublicKey).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace isimport::der {

inline constexpr uint8_t kInteger = 0x02;
inline constexpr uint8_t kBitString = 0x03;
inline constexpr uint8_t kNull = 0x05;
inline constexpr uint8_t kObjectIdentifier = 0x06;
inline constexpr uint8_t kSequence = 0x30;

struct Element {
  uint8_t tag = 0;
  std::string_view content;  // the value's bytes
};

// Reads elements one after another from `bytes`; the first malformed one sets `error` and ends it.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}

  bool done() const { return rest_.empty(); }
  const std::string& error() const { return error_; }

  // The next element, or nullopt (with error()) when the bytes are not one. `expected` names the
  // tag that must come; 0 takes any.
  std::optional<Element> next(uint8_t expected, std::string_view what);

 private:
  std::string_view rest_;
  std::string error_;
};

// The content of an INTEGER as a positive number in its minimal form (no sign byte beyond what a
// set high bit needs, not zero): its magnitude without the leading 0x00, or nullopt.
std::optional<std::string_view> positiveInteger(std::string_view content);

// An OBJECT IDENTIFIER's content in dotted form ("1.2.840.10045.2.1"), or "" when it is malformed.
std::string dottedOid(std::string_view content);

}  // namespace isimport::der

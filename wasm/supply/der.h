// ASN.1 DER, only as much as public keys, ECDSA signatures and the certificates described in
// docs/signatures.md §10.10 need: one element at a time (tag, length, content), definite lengths in
// their shortest form, no element longer than what holds it, and nothing recursive: a caller walks
// the nesting it expects (docs/signatures.md §10.1).
// Go's encoding/asn1 (Unmarshal, parseTagAndLength) is as strict, which is what cosign's keys go
// through (crypto/x509 ParsePKIXPublicKey).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace isimport::der {

inline constexpr uint8_t kBoolean = 0x01;
inline constexpr uint8_t kInteger = 0x02;
inline constexpr uint8_t kBitString = 0x03;
inline constexpr uint8_t kOctetString = 0x04;
inline constexpr uint8_t kNull = 0x05;
inline constexpr uint8_t kObjectIdentifier = 0x06;
inline constexpr uint8_t kUtf8String = 0x0c;
inline constexpr uint8_t kPrintableString = 0x13;
inline constexpr uint8_t kT61String = 0x14;
inline constexpr uint8_t kIa5String = 0x16;
inline constexpr uint8_t kUtcTime = 0x17;
inline constexpr uint8_t kGeneralizedTime = 0x18;
inline constexpr uint8_t kUniversalString = 0x1c;
inline constexpr uint8_t kBmpString = 0x1e;
inline constexpr uint8_t kSequence = 0x30;
inline constexpr uint8_t kSet = 0x31;

// A context-specific tag [n] (n < 31), constructed (EXPLICIT, or IMPLICIT over a constructed type)
// or primitive (IMPLICIT over a primitive type).
constexpr uint8_t contextTag(uint8_t n, bool constructed) { return static_cast<uint8_t>(0x80 | (constructed ? 0x20 : 0) | n); }

struct Element {
  uint8_t tag = 0;
  std::string_view content;  // the value's bytes
  std::string_view encoded;  // the whole element: tag, length and content
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

  // The tag of the next element without reading it (its length is not looked at), or nullopt at
  // the end or after an error: for OPTIONAL and DEFAULT members.
  std::optional<uint8_t> peekTag() const {
    if (!error_.empty() || rest_.empty()) return std::nullopt;
    return static_cast<uint8_t>(rest_[0]);
  }

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

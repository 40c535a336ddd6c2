// Standard base64 (RFC 4648 §4, padded), as Go's encoding/base64.StdEncoding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace isimport {

std::string base64Encode(std::string_view bytes);

struct Base64Decoded {
  std::optional<std::string> bytes;
  size_t errorOffset = 0;  // first offending input byte when decoding fails
};

// Strict decoding as Go's StdEncoding.Decode: padding required, CR and LF ignored.
Base64Decoded base64Decode(std::string_view text);

}  // namespace isimport

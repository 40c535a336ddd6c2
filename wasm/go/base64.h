// Standard base64 (RFC 4648 §4), as Go's encoding/base64 StdEncoding (padded) and RawStdEncoding.
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

// Decoding as Go's Encoding.Decode, with its error offsets: `padded` is StdEncoding (padding
// required), otherwise RawStdEncoding (no padding allowed); CR and LF are skipped.
Base64Decoded base64Decode(std::string_view text, bool padded = true);

}  // namespace isimport

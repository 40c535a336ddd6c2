// RFC 3339 times as metav1.Time reads and writes them: any offset and fraction accepted on input,
// whole seconds in UTC on output.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace isimport {

// Seconds since the Unix epoch, or nullopt when `text` is not an RFC 3339 date-time.
std::optional<int64_t> parseRfc3339(std::string_view text);

// "2006-01-02T15:04:05Z"
std::string formatRfc3339(int64_t unixSeconds);

}  // namespace isimport

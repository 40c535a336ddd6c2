// RFC 3339 times as metav1.Time reads and writes them: any offset and fraction accepted on input,
// whole seconds in UTC on output. Also Go's own time.Parse(RFC3339), for registry documents.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace isimport {

// Go's zero time.Time, 0001-01-01T00:00:00Z, in Unix seconds: what an unset metav1.Time compares as,
// and a set time that metav1.Time prints as null.
inline constexpr int64_t kGoZeroTimeUnix = -62135596800;

// Seconds since the Unix epoch, or nullopt when `text` is not an RFC 3339 date-time.
std::optional<int64_t> parseRfc3339(std::string_view text);

// "2006-01-02T15:04:05Z"
std::string formatRfc3339(int64_t unixSeconds);

// time.Parse(time.RFC3339, text) as Go runs it, for the times of registry documents (what
// metav1.Time and time.Time JSON decoding use there, see registry_json.h): its leniencies
// (one-digit hours, comma fractions, offsets up to 24:60) and its error texts
// ("parsing time \"x\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"x\" as \"2006\"").
struct GoTimeParse {
  std::optional<int64_t> unixSeconds;  // whole seconds (the fraction is dropped)
  std::string error;
};
GoTimeParse goParseRfc3339(std::string_view text);

}  // namespace isimport

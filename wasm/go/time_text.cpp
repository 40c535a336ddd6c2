#include "go/time_text.h"

#include "go/go_text.h"  // goDecodeRune

namespace isimport {
namespace {

// Days from 1970-01-01 to the given civil date (proleptic Gregorian), after H. Hinnant's algorithm.
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool isLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned daysInMonth(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `width` decimal digits at `pos`.
bool digits(std::string_view s, size_t& pos, size_t width, unsigned& out) {
  if (pos + width > s.size()) return false;
  out = 0;
  for (size_t i = 0; i < width; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<unsigned>(c - '0');
  }
  pos += width;
  return true;
}

bool expect(std::string_view s, size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

std::optional<int64_t> parseRfc3339(std::string_view s) {
  size_t p = 0;
  unsigned year, month, day, hour, minute, second;
  if (!digits(s, p, 4, year) || !expect(s, p, '-') || !digits(s, p, 2, month) || !expect(s, p, '-') ||
      !digits(s, p, 2, day) || !expect(s, p, 'T') || !digits(s, p, 2, hour) || !expect(s, p, ':') ||
      !digits(s, p, 2, minute) || !expect(s, p, ':') || !digits(s, p, 2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 ||
      second > 59) {
    return std::nullopt;
  }
  if (p < s.size() && s[p] == '.') {
    ++p;
    size_t start = p;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
    if (p == start) return std::nullopt;
  }
  int64_t offset = 0;
  if (p < s.size() && s[p] == 'Z') {
    ++p;
  } else if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
    int sign = s[p] == '-' ? -1 : 1;
    ++p;
    unsigned oh, om;
    if (!digits(s, p, 2, oh) || !expect(s, p, ':') || !digits(s, p, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = sign * static_cast<int64_t>(oh * 3600 + om * 60);
  } else {
    return std::nullopt;
  }
  if (p != s.size()) return std::nullopt;
  return daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
}

namespace {

// printf's "%0*lld": zero-padded to `width` characters, the sign counted in the width.
void appendPadded(std::string& out, int64_t value, int width) {
  std::string digits = std::to_string(value < 0 ? -static_cast<uint64_t>(value) : static_cast<uint64_t>(value));
  if (value < 0) out += '-', --width;
  if (static_cast<int>(digits.size()) < width) out.append(width - digits.size(), '0');
  out += digits;
}

}  // namespace

std::string formatRfc3339(int64_t t) {
  int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  int64_t secs = t - days * 86400;
  int64_t y;
  unsigned m, d;
  civilFromDays(days, y, m, d);
  std::string out;
  out.reserve(20);
  appendPadded(out, y, 4);
  out += '-';
  appendPadded(out, m, 2);
  out += '-';
  appendPadded(out, d, 2);
  out += 'T';
  appendPadded(out, secs / 3600, 2);
  out += ':';
  appendPadded(out, secs / 60 % 60, 2);
  out += ':';
  appendPadded(out, secs % 60, 2);
  out += 'Z';
  return out;
}

namespace {

// The time package's own quoting in ParseError texts: bytes outside printable ASCII as \x escapes.
std::string timeQuote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80 || c < ' ') {
      DecodedRune r = goDecodeRune(s, i);
      size_t width = r.valid ? r.width : 1;
      if (!r.valid && i + 2 < s.size() && s.substr(i, 3) == "\xEF\xBF\xBD") width = 3;
      for (size_t j = 0; j < width; ++j) {
        auto b = static_cast<unsigned char>(s[i + j]);
        out += "\\x";
        out += kHex[b >> 4];
        out += kHex[b & 15];
      }
      i += width;
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += static_cast<char>(c);
    ++i;
  }
  return out + "\"";
}

bool digitAt(std::string_view s, size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

// time.getnum: one or two digits (exactly two when `fixed`).
bool getnum(std::string_view& s, bool fixed, int& out) {
  out = 0;
  if (!digitAt(s, 0)) return false;
  if (!digitAt(s, 1)) {
    if (fixed) return false;
    out = s[0] - '0';
    s.remove_prefix(1);
    return true;
  }
  out = (s[0] - '0') * 10 + (s[1] - '0');
  s.remove_prefix(2);
  return true;
}

}  // namespace

GoTimeParse goParseRfc3339(std::string_view text) {
  static constexpr std::string_view kLayout = "2006-01-02T15:04:05Z07:00";
  GoTimeParse result;
  auto fail = [&](std::string_view layoutElem, std::string_view valueElem, const std::string& message) {
    result.error = "parsing time " + timeQuote(text) +
                   (message.empty() ? " as " + timeQuote(kLayout) + ": cannot parse " + timeQuote(valueElem) +
                                          " as " + timeQuote(layoutElem)
                                    : message);
    return result;
  };
  enum Std { LongYear, ZeroMonth, ZeroDay, Hour, ZeroMinute, ZeroSecond, ColonTZ };
  struct Chunk {
    char prefix;  // 0: none
    Std std;
    std::string_view text;
  };
  static constexpr Chunk kChunks[] = {{0, LongYear, "2006"}, {'-', ZeroMonth, "01"}, {'-', ZeroDay, "02"},
                                      {'T', Hour, "15"},     {':', ZeroMinute, "04"}, {':', ZeroSecond, "05"},
                                      {0, ColonTZ, "Z07:00"}};
  std::string_view value = text;
  int year = 0, month = -1, day = -1, hour = 0, minute = 0, second = 0, zoneOffset = 0;
  for (const Chunk& chunk : kChunks) {
    if (chunk.prefix) {
      if (value.empty() || value[0] != chunk.prefix) return fail(std::string_view(&chunk.prefix, 1), value, "");
      value.remove_prefix(1);
    }
    std::string_view hold = value;
    bool ok = true;
    std::string range;
    switch (chunk.std) {
      case LongYear: {
        if (value.size() < 4 || !digitAt(value, 0)) {
          ok = false;
          break;
        }
        std::string_view p = value.substr(0, 4);
        value.remove_prefix(4);
        year = 0;
        for (char c : p) {
          if (c < '0' || c > '9') ok = false;
          else year = year * 10 + (c - '0');
        }
        break;
      }
      case ZeroMonth:
        ok = getnum(value, true, month);
        if (ok && (month <= 0 || month > 12)) range = "month";
        break;
      case ZeroDay: ok = getnum(value, true, day); break;
      case Hour:
        ok = getnum(value, false, hour);
        if (hour >= 24) range = "hour";
        break;
      case ZeroMinute:
        ok = getnum(value, true, minute);
        if (minute >= 60) range = "minute";
        break;
      case ZeroSecond:
        ok = getnum(value, true, second);
        if (!ok) break;
        if (second >= 60) {
          range = "second";
          break;
        }
        if (value.size() >= 2 && (value[0] == '.' || value[0] == ',') && digitAt(value, 1)) {
          size_t n = 2;
          while (digitAt(value, n)) ++n;
          value.remove_prefix(n);  // the fraction: digits only, so no error
        }
        break;
      case ColonTZ: {
        if (!value.empty() && value[0] == 'Z') {
          value.remove_prefix(1);
          break;
        }
        if (value.size() < 6 || value[3] != ':') {
          ok = false;
          break;
        }
        char sign = value[0];
        std::string_view hh = value.substr(1, 2), mm = value.substr(4, 2);
        value.remove_prefix(6);
        int hr = 0, mi = 0;
        ok = getnum(hh, true, hr);
        if (ok) ok = getnum(mm, true, mi);
        if (hr > 24) range = "time zone offset hour";
        if (mi > 60) range = "time zone offset minute";
        zoneOffset = (hr * 60 + mi) * 60;
        if (sign == '-') zoneOffset = -zoneOffset;
        else if (sign != '+') ok = false;
        break;
      }
    }
    if (!range.empty()) return fail(chunk.text, value, ": " + range + " out of range");
    if (!ok) return fail(chunk.text, hold, "");
  }
  if (!value.empty()) return fail("", value, ": extra text: " + timeQuote(value));
  if (day < 1 || day > static_cast<int>(daysInMonth(year, static_cast<unsigned>(month)))) {
    return fail("", value, ": day out of range");
  }
  result.unixSeconds = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
                       hour * 3600 + minute * 60 + second - zoneOffset;
  return result;
}

}  // namespace isimport

// Go's time.Parse(time.RFC3339) as the registry documents' times are read (time_text.h).
#include "go/time_text.h"

#include <gtest/gtest.h>

namespace isimport {
namespace {

TEST(TimeText, GoParseKeepsGosRfc3339LayoutAndTexts) {
  auto seconds = [](std::string_view text) { return goParseRfc3339(text).unixSeconds.value_or(-1); };
  auto error = [](std::string_view text) { return goParseRfc3339(text).error; };
  EXPECT_EQ(seconds("2016-06-23T23:23:37.198943461Z"), 1466724217);
  EXPECT_EQ(seconds("2020-01-02T03:04:05+01:00"), 1577930645);
  EXPECT_EQ(seconds("0001-01-01T00:00:00Z"), -62135596800);
  // Go's leniencies: a one-digit hour, a comma before the fraction, offsets up to 24:60.
  EXPECT_EQ(seconds("2020-01-02T3:04:05Z"), 1577934245);
  EXPECT_EQ(seconds("2020-01-02T03:04:05,5Z"), 1577934245);
  EXPECT_EQ(seconds("2020-01-02T03:04:05+24:00"), 1577847845);
  const std::string layout = " as \"2006-01-02T15:04:05Z07:00\": cannot parse ";
  EXPECT_EQ(error("x"), "parsing time \"x\"" + layout + "\"x\" as \"2006\"");
  EXPECT_EQ(error("2020-01-02"), "parsing time \"2020-01-02\"" + layout + "\"\" as \"T\"");
  EXPECT_EQ(error("2020-01-02t03:04:05Z"), "parsing time \"2020-01-02t03:04:05Z\"" + layout + "\"t03:04:05Z\" as \"T\"");
  EXPECT_EQ(error("2020-01-02T03:04:05"), "parsing time \"2020-01-02T03:04:05\"" + layout + "\"\" as \"Z07:00\"");
  EXPECT_EQ(error("2020-01-02T03:04:5Z"), "parsing time \"2020-01-02T03:04:5Z\"" + layout + "\"5Z\" as \"05\"");
  EXPECT_EQ(error("2020-13-02T03:04:05Z"), "parsing time \"2020-13-02T03:04:05Z\": month out of range");
  EXPECT_EQ(error("2019-02-29T03:04:05Z"), "parsing time \"2019-02-29T03:04:05Z\": day out of range");
  EXPECT_EQ(error("2020-01-02T24:04:05Z"), "parsing time \"2020-01-02T24:04:05Z\": hour out of range");
  EXPECT_EQ(error("2020-01-02T03:04:05+25:00"), "parsing time \"2020-01-02T03:04:05+25:00\": time zone offset hour out of range");
  EXPECT_EQ(error("2020-01-02T03:04:05Zjunk"), "parsing time \"2020-01-02T03:04:05Zjunk\": extra text: \"junk\"");
  EXPECT_EQ(error("2020-01-02T03:04:05\xC3\xA9"),
            "parsing time \"2020-01-02T03:04:05\\xc3\\xa9\"" + layout + "\"\\xc3\\xa9\" as \"Z07:00\"");
}

TEST(TimeText, FormatRfc3339PadsEveryFieldAsMetav1TimeWrites) {
  EXPECT_EQ(formatRfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(formatRfc3339(1466724217), "2016-06-23T23:23:37Z");
  EXPECT_EQ(formatRfc3339(-62135596800), "0001-01-01T00:00:00Z");  // Go's zero time
  EXPECT_EQ(formatRfc3339(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(formatRfc3339(253402300799), "9999-12-31T23:59:59Z");
}

}  // namespace
}  // namespace isimport

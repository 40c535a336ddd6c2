#include "go/base64.h"

#include <gtest/gtest.h>

namespace isimport {
namespace {

TEST(Base64, RoundTripsEveryLength) {
  std::string bytes;
  for (int n = 0; n < 8; ++n) {
    Base64Decoded back = base64Decode(base64Encode(bytes));
    ASSERT_TRUE(back.bytes) << n;
    EXPECT_EQ(*back.bytes, bytes);
    bytes += static_cast<char>(0xF0 + n);
  }
  EXPECT_EQ(base64Encode("hello world"), "aGVsbG8gd29ybGQ=");
}

// Go's encoding/base64 error offsets (what "illegal base64 data at input byte N" names).
TEST(Base64, ErrorOffsetsAsGoReportsThem) {
  auto offset = [](std::string_view text, bool padded) {
    Base64Decoded d = base64Decode(text, padded);
    return d.bytes ? -1 : static_cast<long>(d.errorOffset);
  };
  EXPECT_EQ(offset("***", true), 0);
  EXPECT_EQ(offset("QQ", true), 0);       // a quantum cut short, padding required
  EXPECT_EQ(offset("QQ", false), -1);     // RawStdEncoding takes it
  EXPECT_EQ(offset("QQ==", false), 2);    // … but no padding
  EXPECT_EQ(offset("QQ=", true), 3);
  EXPECT_EQ(offset("QQ==QQ==", true), 4); // bytes after the padding
  EXPECT_EQ(offset("QU\nJD", true), -1);  // newlines are skipped
}

}  // namespace
}  // namespace isimport

// OpenShift's tag priority for repository imports (library-go imageutil.PrioritizeTags; docs/import.md §3.10
// step 3, every row of docs/acceptance.md §5.3).
#include "import/tag_order.h"

#include <gtest/gtest.h>

namespace isimport {
namespace {

using Tags = std::vector<std::string>;

// docs/acceptance.md §5.3 rows 1–4 (library-go helpers_test.go).
TEST(TagOrder, MixedVersionsLatestAndOthers) {
  EXPECT_EQ(prioritizeTags({"other", "latest", "v5.5", "5.2.3", "5.5", "v5.3.6-bother", "5.3.6-abba", "5.6"}),
            (Tags{"latest", "5.6", "5.5", "v5.5", "v5.3.6-bother", "5.3.6-abba", "5.2.3", "other"}));
}

TEST(TagOrder, MinorVersionsWithPreReleaseWords) {
  EXPECT_EQ(prioritizeTags({"1.1-beta1", "1.2-rc1", "1.1-rc1", "1.1-beta2", "1.2-beta1", "1.2-alpha1", "1.2-beta4", "latest"}),
            (Tags{"latest", "1.2-rc1", "1.2-beta4", "1.2-beta1", "1.2-alpha1", "1.1-rc1", "1.1-beta2", "1.1-beta1"}));
}

TEST(TagOrder, MinorBeforeFullAndNoPrefixBeforeV) {
  EXPECT_EQ(prioritizeTags({"7.1", "v7.1", "7.1.0"}), (Tags{"7.1", "v7.1", "7.1.0"}));
  EXPECT_EQ(prioritizeTags({"7.1.0", "v7.1", "7.1"}), (Tags{"7.1", "v7.1", "7.1.0"}));
}

// docs/acceptance.md §5.3 row 5 (importer_test B8): with a cap of 5 the first five are imported, v2 is additional.
TEST(TagOrder, RepositoryRowWithCapFive) {
  Tags ordered = prioritizeTags({"v1", "other", "v2", "3", "3.1", "abc"});
  EXPECT_EQ(ordered, (Tags{"3.1", "3", "abc", "other", "v1", "v2"}));
  EXPECT_EQ(Tags(ordered.begin(), ordered.begin() + 5), (Tags{"3.1", "3", "abc", "other", "v1"}));
  EXPECT_EQ(Tags(ordered.begin() + 5, ordered.end()), (Tags{"v2"}));
}

TEST(TagOrder, DuplicatesCollapseAndEmptyIsLatest) {
  EXPECT_EQ(prioritizeTags({"b", "", "a", "b", "latest"}), (Tags{"latest", "a", "b"}));
  EXPECT_EQ(prioritizeTags({}), Tags{});
}

TEST(TagOrder, FullVersionsNewestFirstPreReleaseLower) {
  EXPECT_EQ(prioritizeTags({"1.0.0-rc.1", "1.0.0", "1.0.0-rc.2", "0.9.9", "1.0.1", "1.0.0-alpha", "1.0.0-1"}),
            (Tags{"1.0.1", "1.0.0", "1.0.0-rc.2", "1.0.0-rc.1", "1.0.0-alpha", "1.0.0-1", "0.9.9"}));
  // Numeric identifiers compare as numbers, shorter pre-release lists first when equal so far.
  EXPECT_EQ(prioritizeTags({"2.0.0-10", "2.0.0-9", "2.0.0-rc", "2.0.0-rc.1"}),
            (Tags{"2.0.0-rc.1", "2.0.0-rc", "2.0.0-10", "2.0.0-9"}));
}

TEST(TagOrder, MinorVersionsCompareAsDotZero) {
  // 10.2 > 9.11 numerically; 1.10 > 1.9.
  EXPECT_EQ(prioritizeTags({"9.11", "10.2", "1.9", "1.10"}), (Tags{"10.2", "9.11", "1.10", "1.9"}));
  // "5.1-rc1" reads as 5.1.0-rc1: below 5.1 but a minor version, so before any full version.
  EXPECT_EQ(prioritizeTags({"5.1.0", "5.1-rc1", "5.1"}), (Tags{"5.1", "5.1-rc1", "5.1.0"}));
}

TEST(TagOrder, WhatIsNotAVersionSortsByteWise) {
  // Leading zeros, four parts, '_' in a pre-release word, a bare major, empty build metadata,
  // dates and signatures are "other".
  EXPECT_EQ(prioritizeTags({"sha256-abc.sig", "01.2", "1.2.3.4", "1.2-rc_1", "5", "1.2.3+", "2024-01-02", "V1.0", "Latest"}),
            (Tags{"01.2", "1.2-rc_1", "1.2.3+", "1.2.3.4", "2024-01-02", "5", "Latest", "V1.0", "sha256-abc.sig"}));
}

TEST(TagOrder, BuildMetadataIsAcceptedButNotCompared) {
  // Equal versions keep their lexicographic order (Go's sort is not stable in general; for up to
  // 12 tags its insertion sort keeps this order).
  EXPECT_EQ(prioritizeTags({"1.0.0+b", "1.0.0+a", "1.0.1+x"}), (Tags{"1.0.1+x", "1.0.0+a", "1.0.0+b"}));
}

TEST(TagOrder, OnlyAsciiDigitsCount) {
  // "١.٢" (Arabic-Indic digits) is not a version for Go's \d.
  EXPECT_EQ(prioritizeTags({"\xD9\xA1.\xD9\xA2", "1.2"}), (Tags{"1.2", "\xD9\xA1.\xD9\xA2"}));
}

}  // namespace
}  // namespace isimport

// SBOM documents summarised (docs/signatures.md §10.5): cosign's own test SBOMs, an SPDX document
// with packages, a CycloneDX one with a described component, and what is not an SBOM.
#include <gtest/gtest.h>

#include "supply/sbom_summary.h"
#include "support/test_support.h"

namespace isimport {
namespace {

TEST(SbomSummary, CosignsTestDocuments) {
  SbomRead spdx = summarizeSbom(testing::readFixture("supply/upstream/cosign.bom-go-mod.spdx.json"));
  ASSERT_TRUE(spdx.summary) << spdx.error;
  EXPECT_EQ(spdx.summary->format, "spdx");
  EXPECT_EQ(spdx.summary->version, "SPDX-2.2");
  EXPECT_EQ(spdx.summary->name, "SBOM-SPDX-34f1a7f5-03ff-4277-9021-8c04f8777803");
  EXPECT_EQ(spdx.summary->packages, 0u);
  SbomRead cdx = summarizeSbom(testing::readFixture("supply/upstream/cosign.bom-go-mod.cyclonedx.json"));
  ASSERT_TRUE(cdx.summary) << cdx.error;
  EXPECT_EQ(cdx.summary->format, "cyclonedx");
  EXPECT_EQ(cdx.summary->version, "1.4");
  EXPECT_EQ(cdx.summary->name, "");
  EXPECT_EQ(cdx.summary->packages, 0u);
}

TEST(SbomSummary, PackagesAndComponentsAreCounted) {
  SbomRead spdx = summarizeSbom(R"({"spdxVersion":"SPDX-2.3","name":"app","packages":[{"name":"a"},{"name":"b"},{}]})");
  ASSERT_TRUE(spdx.summary) << spdx.error;
  EXPECT_EQ(spdx.summary->packages, 3u);
  SbomRead cdx = summarizeSbom(
      R"({"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"type":"container","name":"quay.io/example/app"}},)"
      R"("components":[{"name":"busybox","components":[{"name":"nested"}]},{"name":"musl"}]})");
  ASSERT_TRUE(cdx.summary) << cdx.error;
  EXPECT_EQ(cdx.summary->name, "quay.io/example/app");
  EXPECT_EQ(cdx.summary->packages, 2u);  // the nested component is not counted
}

TEST(SbomSummary, WhatIsNotAnSbomIsNamed) {
  EXPECT_EQ(summarizeSbom(R"({"a":1})").error, "the document is neither SPDX (spdxVersion) nor CycloneDX (bomFormat)");
  EXPECT_EQ(summarizeSbom(R"({"bomFormat":"cyclonedx"})").error, "bomFormat is not \"CycloneDX\"");
  EXPECT_EQ(summarizeSbom(R"({"spdxVersion":2.3})").error, "spdxVersion is not a string starting \"SPDX-\"");
  EXPECT_EQ(summarizeSbom(R"({"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld","@graph":[]})").error,
            "the document is JSON-LD (SPDX 3?): only SPDX 2 JSON and CycloneDX JSON are summarised");
  EXPECT_EQ(summarizeSbom(R"({"spdxVersion":"SPDX-2.3","packages":{}})").error, "packages is an object, not an array");
  EXPECT_EQ(summarizeSbom(R"({"bomFormat":"CycloneDX","metadata":{"component":[]}})").error,
            "metadata.component is an array, not an object");
  EXPECT_EQ(summarizeSbom(R"({"spdxVersion":"SPDX-2.3","spdxVersion":"SPDX-2.2"})").error,
            "the document: duplicate key \"spdxVersion\"");
  EXPECT_EQ(summarizeSbom("<bom/>").error.substr(0, 6), "SBOM: ");
}

}  // namespace
}  // namespace isimport

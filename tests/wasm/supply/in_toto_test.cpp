// in-toto Statements and the predicates summarised from them (docs/signatures.md §10.4): SLSA
// provenance as GitHub and BuildKit write it, an SPDX predicate, cosign's statement inside its
// bundle fixture, and the statements Statement.Validate refuses.
#include <gtest/gtest.h>

#include "supply/in_toto.h"
#include "supply/sigstore_bundle.h"
#include "support/test_support.h"

namespace isimport {
namespace {

using testing::readFixture;

constexpr std::string_view kDigest = "sha256:a59906e33509d14c036c8678d687bd4eec81ed7c4b8ce907b888c607f6a1e0e6";

InTotoStatement mustRead(const std::string& fixture) {
  InTotoRead read = readInTotoStatement(readFixture("supply/attestations/" + fixture));
  EXPECT_TRUE(read.statement) << read.error;
  return read.statement.value_or(InTotoStatement{});
}

TEST(InToto, GithubProvenanceV1NamesTheRunnerAndTheCommit) {
  InTotoStatement s = mustRead("slsa-v1-github.statement.json");
  EXPECT_EQ(s.type, kInTotoStatementV1);
  ASSERT_EQ(s.subject.size(), 1u);
  EXPECT_EQ(s.subject[0].name, "quay.io/example/app");
  EXPECT_TRUE(statementHasSubjectDigest(s, kDigest));
  EXPECT_FALSE(statementHasSubjectDigest(s, "sha512:a59906e33509d14c036c8678d687bd4eec81ed7c4b8ce907b888c607f6a1e0e6"));
  ASSERT_TRUE(s.provenance);
  EXPECT_EQ(s.provenance->slsaVersion, "v1");
  EXPECT_EQ(s.provenance->builderId, "https://github.com/actions/runner/github-hosted");
  EXPECT_EQ(s.provenance->buildType, "https://actions.github.io/buildtypes/workflow/v1");
  EXPECT_EQ(s.provenance->source, "git+https://github.com/example/app@refs/heads/main");
  EXPECT_EQ(s.provenance->sourceFrom, "resolvedDependencies[0].uri");
  EXPECT_EQ(s.provenance->problem, "");
}

TEST(InToto, BuildkitProvenanceV1PrefersTheRemoteContextToTheBaseImage) {
  InTotoStatement s = mustRead("slsa-v1-buildkit.statement.json");
  EXPECT_EQ(s.type, kInTotoStatementV01);
  ASSERT_TRUE(s.provenance);
  EXPECT_EQ(s.provenance->builderId, "https://github.com/docker/buildx/actions/runs/3709599520");
  EXPECT_EQ(s.provenance->source, "https://github.com/moby/buildkit.git#refs/tags/v0.11.0");
  EXPECT_EQ(s.provenance->sourceFrom, "externalParameters.configSource.uri");
}

TEST(InToto, BuildkitProvenanceV02FromALocalContextHasOnlyItsBaseImage) {
  InTotoStatement s = mustRead("slsa-v02-buildkit-local.statement.json");
  ASSERT_TRUE(s.provenance);
  EXPECT_EQ(s.provenance->slsaVersion, "v0.2");
  EXPECT_EQ(s.provenance->buildType, "https://mobyproject.org/buildkit@v1");
  // invocation.configSource has only entryPoint: the first material (the base image) is all there is.
  EXPECT_EQ(s.provenance->source, "pkg:docker/alpine@3.17?platform=linux%2Famd64");
  EXPECT_EQ(s.provenance->sourceFrom, "materials[0].uri");
}

TEST(InToto, ProvenanceOfTheWrongShapeIsReportedNotRefused) {
  InTotoRead read = readInTotoStatement(
      R"({"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"a59906e33509d14c036c8678d687bd4eec81ed7c4b8ce907b888c607f6a1e0e6"}}],)"
      R"("predicateType":"https://slsa.dev/provenance/v0.2","predicate":{"builder":"me"}})");
  ASSERT_TRUE(read.statement) << read.error;
  ASSERT_TRUE(read.statement->provenance);
  EXPECT_EQ(read.statement->provenance->problem, "predicate.builder is a string, not an object");
  EXPECT_EQ(read.statement->provenance->builderId, "");
}

TEST(InToto, SpdxPredicateIsSummarised) {
  InTotoStatement s = mustRead("spdx.statement.json");
  EXPECT_EQ(s.predicateType, kSpdxPredicate);
  ASSERT_TRUE(s.sbom) << s.sbomProblem;
  EXPECT_EQ(s.sbom->format, "spdx");
  EXPECT_EQ(s.sbom->packages, 2u);
  EXPECT_EQ(sbomFormatOfPredicateType("https://spdx.dev/Document/v2.3"), "spdx");
  EXPECT_EQ(sbomFormatOfPredicateType("https://cyclonedx.org/bom/v1.5"), "cyclonedx");
  EXPECT_EQ(sbomFormatOfPredicateType("https://spdx.dev/DocumentX"), "");
  EXPECT_EQ(slsaVersionOfPredicateType("https://slsa.dev/provenance/v1"), "v1");
  EXPECT_EQ(slsaVersionOfPredicateType("https://slsa.dev/provenance/v0.1"), "");
}

TEST(InToto, CosignsBundleFixtureHoldsAStatement) {
  // cosign's pkg/cosign/testdata/oci-attestation.sigstore.json: its DSSE payload is a v0.1
  // statement with cosign's custom predicate.
  SigstoreBundleRead bundle = readSigstoreBundle(readFixture("supply/upstream/cosign.oci-attestation.sigstore.json"));
  ASSERT_TRUE(bundle.bundle) << bundle.error;
  ASSERT_TRUE(bundle.bundle->dsseEnvelope);
  InTotoRead read = readInTotoStatement(bundle.bundle->dsseEnvelope->payload);
  ASSERT_TRUE(read.statement) << read.error;
  EXPECT_EQ(read.statement->predicateType, "https://cosign.sigstore.dev/attestation/v1");
  EXPECT_EQ(read.statement->subject[0].name, "127.0.0.1:60943/repo");
  EXPECT_FALSE(read.statement->provenance);
  EXPECT_FALSE(read.statement->sbom);
}

std::string statement(std::string_view subject, std::string_view rest = R"("predicateType":"p","predicate":{})") {
  return R"({"_type":"https://in-toto.io/Statement/v1","subject":)" + std::string(subject) + "," + std::string(rest) + "}";
}

TEST(InToto, StatementValidateRulesAreKept) {
  const std::string good = R"([{"digest":{"sha256":"a59906e33509d14c036c8678d687bd4eec81ed7c4b8ce907b888c607f6a1e0e6"}}])";
  EXPECT_TRUE(readInTotoStatement(statement(good)).statement);
  EXPECT_EQ(readInTotoStatement(R"({"_type":"https://in-toto.io/Statement/v0.2"})").error,
            "_type is \"https://in-toto.io/Statement/v0.2\", not an in-toto Statement v1 or v0.1");
  EXPECT_EQ(readInTotoStatement(statement("[]")).error, "subject is empty: at least one subject is required");
  EXPECT_EQ(readInTotoStatement(statement(R"([{"name":"x"}])")).error, "subject[0].digest is missing");
  EXPECT_EQ(readInTotoStatement(statement(R"([{"name":"x","digest":{}}])")).error, "subject[0].digest is empty");
  EXPECT_EQ(readInTotoStatement(statement(R"([{"digest":{"sha256":"abc"}}])")).error, "subject[0].digest.sha256 is not hex: \"abc\"");
  EXPECT_EQ(readInTotoStatement(statement(R"([{"digest":{"sha256":"abcd"}}])")).error,
            "subject[0].digest.sha256 has 2 bytes, not the length of sha256");
  // Git object names are SHA-1 or SHA-256; algorithms in-toto does not know are not checked.
  EXPECT_TRUE(readInTotoStatement(statement(R"([{"digest":{"gitCommit":"4b220de5058abfd01ff619c9d2ff6b09a049bea0"}}])")).statement);
  EXPECT_TRUE(readInTotoStatement(statement(R"([{"digest":{"myhash":"not hex at all"}}])")).statement);
  EXPECT_EQ(readInTotoStatement(statement(good, R"("predicateType":"","predicate":{})")).error, "predicateType is empty");
  EXPECT_EQ(readInTotoStatement(statement(good, R"("predicateType":"p","predicate":null)")).error, "predicate is missing");
  EXPECT_EQ(readInTotoStatement(statement(good, R"("predicateType":"p","predicate":"text")")).error,
            "predicate is a string, not an object");
}

TEST(InToto, SubjectsAreBounded) {
  std::string many = "[";
  for (size_t i = 0; i <= kMaxSubjects; ++i) many += std::string(i ? "," : "") + R"({"digest":{"x":"y"}})";
  many += "]";
  EXPECT_EQ(readInTotoStatement(statement(many)).error, "subject has 1025 entries, more than 1024");
}

}  // namespace
}  // namespace isimport

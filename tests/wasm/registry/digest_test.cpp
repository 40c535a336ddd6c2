// Digests over exact bytes with libsodium, and the recorded registry documents' digests (docs/acceptance.md §5.4).
#include <gtest/gtest.h>

#include "registry/digest.h"
#include "support/test_support.h"

namespace isimport {
namespace {

using testing::readFixture;

TEST(ContentDigest, Sha256OfKnownInputs) {
  EXPECT_EQ(sha256Digest(""), "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Digest("abc"), "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256Digest(std::string_view("a\0b", 3)),
            "sha256:59b271ae1bbcb1d31d41929817f4b16fb439eb4f31520b5ad1d5ce98920a7138");
}

TEST(ContentDigest, Sha512OfKnownInput) {
  EXPECT_EQ(sha512Digest("abc"),
            "sha512:ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

TEST(ContentDigest, AlgorithmChosenByTheDigestsName) {
  EXPECT_EQ(digestWithAlgorithmOf("sha256:00", "abc"), sha256Digest("abc"));
  EXPECT_EQ(digestWithAlgorithmOf("sha512:00", "abc"), sha512Digest("abc"));
  // libsodium has no SHA-384: the caller goes straight to upstream's SHA-256 re-check failure.
  EXPECT_EQ(digestWithAlgorithmOf("sha384:00", "abc"), std::nullopt);
  EXPECT_EQ(digestWithAlgorithmOf("md5:00", "abc"), std::nullopt);
  EXPECT_EQ(digestWithAlgorithmOf("sha256", "abc"), std::nullopt);
  EXPECT_EQ(digestWithAlgorithmOf("", "abc"), std::nullopt);
}

TEST(ContentDigest, RecordedDocumentsHaveUpstreamsDigests) {
  EXPECT_EQ(sha256Digest(readFixture("registry/busybox-schema2.json")),
            "sha256:a59906e33509d14c036c8678d687bd4eec81ed7c4b8ce907b888c607f6a1e0e6");
  EXPECT_EQ(sha256Digest(readFixture("registry/busybox-config.json")),
            "sha256:2b8fd9751c4c0f5dd266fcae00707e67a2545ef34f9a29354585f93dac906749");
  EXPECT_EQ(sha256Digest(readFixture("registry/manifest-list.json")),
            "sha256:5020d54ec2de60c4e187128b5a03adda261a7fe78c9c500ffd24ff4af476fb41");
  EXPECT_EQ(sha256Digest(readFixture("registry/manifest-linux-amd64.json")),
            "sha256:ca013ac5c09f9a9f6db8370c1b759a29fe997d64d6591e9a75b71748858f7da0");
  EXPECT_EQ(sha256Digest(readFixture("registry/manifest-linux-arm64.json")),
            "sha256:1a06d68cb9117b52965035a5b0fa4c1470ef892e6062ffedb1af1922952e0950");
  EXPECT_EQ(readFixture("registry/busybox-config.json").size(), 1459u);
}

TEST(ContentDigest, LargeInputsHashInOnePass) {
  std::string big(5 * 1024 * 1024, 'x');
  EXPECT_EQ(sha256Digest(big).size(), 7u + 64u);
  EXPECT_NE(sha256Digest(big), sha256Digest(big.substr(1)));
}

}  // namespace
}  // namespace isimport

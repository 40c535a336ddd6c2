// Discovery and verdicts together, against the in-memory registry (which, like Distribution 2.8,
// has no referrers API: every lookup falls back): what is found beside an image, which checks the
// core hands to WebCrypto, and what each artifact's verdict is once told which checks held.
#include "supply/vouching.h"

#include <gtest/gtest.h>

#include "go/base64.h"
#include "support/fake_registry.h"
#include "support/test_support.h"
#include "supply/subjects.h"

namespace isimport {
namespace {

using testing::FakeRegistry;
using testing::readFixture;

constexpr const char* kOciManifest = "application/vnd.oci.image.manifest.v1+json";
constexpr const char* kOciIndex = "application/vnd.oci.image.index.v1+json";
const std::string kHost = "registry.example.com";
const std::string kRepo = "team/app";

std::string descriptor(const std::string& mediaType, const std::string& body, const std::string& extra = "") {
  return R"({"mediaType":")" + mediaType + R"(","digest":")" + sha256Digest(body) + R"(","size":)" +
         std::to_string(body.size()) + extra + "}";
}

// A signature as cosign encodes it: ASN.1 DER SEQUENCE{r, s} (here any r and s of the curve's size).
std::string derSignature() {
  std::string der = "\x30\x44\x02\x20" + std::string(32, '\x11') + "\x02\x20" + std::string(32, '\x22');
  return der;
}

std::string payloadFor(const std::string& digest, const std::string& identity) {
  return R"({"critical":{"identity":{"docker-reference":")" + identity + R"("},"image":{"docker-manifest-digest":")" +
         digest + R"("},"type":"cosign container image signature"},"optional":null})";
}

struct Fixture {
  FakeRegistry registry;
  std::string subject;
  ImageStreamImport answer;

  Fixture() {
    auto& repo = registry.repo(kHost, kRepo);
    std::string config = R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}})";
    repo.putBlob(config);
    subject = repo.putManifest(kOciManifest,
                               R"({"schemaVersion":2,"mediaType":")" + std::string(kOciManifest) + R"(","config":)" +
                                   descriptor("application/vnd.oci.image.config.v1+json", config) + R"(,"layers":[]})",
                               "v1");
    answer.status.images.resize(1);
    Image image;
    image.metadata.name = subject;
    image.dockerImageReference = kHost + "/" + kRepo + "@" + subject;
    answer.status.images[0].image = image;
  }

  // A cosign .sig tag holding one simple-signing layer per payload.
  void signatures(const std::vector<std::string>& payloads) {
    auto& repo = registry.repo(kHost, kRepo);
    std::string config = R"({"architecture":"","os":"","config":{},"rootfs":{"type":"layers","diff_ids":[]}})";
    repo.putBlob(config);
    std::string layers;
    std::string signature = base64Encode(derSignature());
    for (const std::string& payload : payloads) {
      repo.putBlob(payload);
      layers += (layers.empty() ? "" : ",") +
                descriptor("application/vnd.dev.cosign.simplesigning.v1+json", payload,
                           R"(,"annotations":{"dev.cosignproject.cosign/signature":")" + signature + R"("})");
    }
    std::string tag = "sha256-" + subject.substr(7) + ".sig";
    repo.putManifest(kOciManifest,
                     R"({"schemaVersion":2,"mediaType":")" + std::string(kOciManifest) + R"(","config":)" +
                         descriptor("application/vnd.oci.image.config.v1+json", config) + R"(,"layers":[)" + layers + "]}",
                     tag);
  }

  // Answers every request, first come first answered, or (`reversed`) the newest first.
  std::unique_ptr<Discovery> discover(bool reversed = false) {
    auto discovery = std::make_unique<Discovery>(subjectsOf(answer), DiscoverySettings{});
    std::vector<HttpRequest> pending = discovery->takeRequests();
    while (!pending.empty()) {
      HttpRequest request = reversed ? pending.back() : pending.front();
      pending.erase(reversed ? pending.end() - 1 : pending.begin());
      discovery->feed(registry.answer(request));
      for (HttpRequest& more : discovery->takeRequests()) pending.push_back(std::move(more));
    }
    EXPECT_TRUE(discovery->done());
    return discovery;
  }
};

std::vector<PublicKey> keys(std::initializer_list<const char*> names) {
  std::vector<PublicKey> out;
  for (const char* name : names) out.push_back(*readPublicKeyPem(readFixture(std::string("supply/keys/") + name)).key);
  return out;
}

TEST(Vouching, WithoutReferrersApiTheLookupFallsBackAndFindsTheSigTag) {
  Fixture f;
  f.signatures({payloadFor(f.subject, kHost + "/" + kRepo)});
  auto discovery = f.discover();
  EXPECT_EQ(f.registry.count("GET", "/v2/team/app/referrers/" + f.subject), 1u);
  EXPECT_EQ(f.registry.count("GET", "/v2/team/app/manifests/sha256-" + f.subject.substr(7)), 4u)
      << "the referrers tag, then .sig, .att and .sbom";
  const Findings& found = discovery->findings(0);
  ASSERT_EQ(found.artifacts.size(), 1u);
  EXPECT_EQ(found.artifacts[0].foundBy, "cosign-tag");
  EXPECT_TRUE(found.errors.empty()) << found.errors.front();
}

TEST(Vouching, ASignatureIsVerifiedOnlyWhenItsCheckHeld) {
  Fixture f;
  std::string payload = payloadFor(f.subject, kHost + "/" + kRepo);
  f.signatures({payload});
  auto discovery = f.discover();
  std::vector<PublicKey> given = keys({"ec-p256.pub.pem", "rsa-2048.pub.pem"});
  Vouching vouching(*discovery, given);
  ASSERT_EQ(vouching.checks().size(), 2u) << "one check per key";
  const CryptoCheck& ecdsa = vouching.checks()[0];
  EXPECT_EQ(ecdsa.key, given[0].fingerprint);
  EXPECT_EQ(ecdsa.hash, "SHA-256");
  EXPECT_EQ(ecdsa.data, payload) << "the exact payload bytes are what is signed";
  EXPECT_EQ(ecdsa.signature, std::string(32, '\x11') + std::string(32, '\x22')) << "DER turned into r||s";
  EXPECT_EQ(vouching.checks()[1].signature, derSignature()) << "RSA signatures go as they are";

  Verification none = vouching.verdicts({}).artifacts[0][0].verification;
  EXPECT_EQ(none.state, "failed");
  EXPECT_NE(none.reason.find("does not verify with any of the 2 keys given"), std::string::npos) << none.reason;

  Verdicts held = vouching.verdicts({ecdsa.id});
  const Artifact& artifact = held.artifacts[0][0];
  EXPECT_EQ(artifact.kind, "signature");
  EXPECT_EQ(artifact.format, "cosign");
  EXPECT_EQ(artifact.verification.state, "verified");
  EXPECT_EQ(artifact.verification.key, given[0].fingerprint);
  ASSERT_EQ(held.pulls[0].signatures.size(), 1u) << "a .sig signature is what CRI-O reads";
  EXPECT_EQ(held.pulls[0].signatures[0].verifiedBy, std::vector<std::string>{given[0].fingerprint});
}

TEST(Vouching, ASignatureOverAnotherDigestOrForAnotherRepositoryFailsWhateverHeld) {
  Fixture f;
  std::string other = "sha256:" + std::string(64, 'a');
  f.signatures({payloadFor(other, kHost + "/" + kRepo), payloadFor(f.subject, "quay.io/other/repo")});
  auto discovery = f.discover();
  std::vector<PublicKey> given = keys({"ec-p256.pub.pem"});
  Vouching vouching(*discovery, given);
  std::set<int64_t> all;
  for (const CryptoCheck& c : vouching.checks()) all.insert(c.id);
  Verdicts verdicts = vouching.verdicts(all);
  ASSERT_EQ(verdicts.artifacts[0].size(), 2u);
  const Verification& otherDigest = verdicts.artifacts[0][0].verification;
  EXPECT_EQ(otherDigest.state, "failed");
  EXPECT_NE(otherDigest.reason.find("names the image " + other + ", not this one"), std::string::npos) << otherDigest.reason;
  const Verification& otherRepository = verdicts.artifacts[0][1].verification;
  EXPECT_EQ(otherRepository.state, "failed");
  EXPECT_NE(otherRepository.reason.find("identity"), std::string::npos) << otherRepository.reason;
}

TEST(Vouching, AP384SignatureIsCheckedWithSha384AndSha256) {
  Fixture f;
  f.signatures({payloadFor(f.subject, kHost + "/" + kRepo)});
  auto discovery = f.discover();
  std::vector<PublicKey> given = keys({"ec-p384.pub.pem", "ed25519.pub.pem"});
  Vouching vouching(*discovery, given);
  std::vector<std::pair<std::string, std::string>> made;
  for (const CryptoCheck& c : vouching.checks()) made.emplace_back(c.key, c.hash);
  // The DER signature's halves are 32 bytes: they fit P-384's 48 (left-padded), and Ed25519 takes
  // the bytes as they are.
  EXPECT_EQ(made, (std::vector<std::pair<std::string, std::string>>{
                      {given[0].fingerprint, "SHA-384"}, {given[0].fingerprint, "SHA-256"}, {given[1].fingerprint, ""}}));
}

TEST(Vouching, SubjectsSharingALookupShareItsChecksAndVerdicts) {
  Fixture f;
  f.signatures({payloadFor(f.subject, kHost + "/" + kRepo)});
  f.answer.status.images.push_back(f.answer.status.images[0]);  // the same image imported twice
  auto discovery = f.discover();
  std::vector<PublicKey> given = keys({"ec-p256.pub.pem"});
  Vouching vouching(*discovery, given);
  ASSERT_EQ(vouching.checks().size(), 1u) << "one check for the one signature both subjects share";
  Verdicts verdicts = vouching.verdicts({vouching.checks()[0].id});
  ASSERT_EQ(verdicts.artifacts.size(), 2u);
  EXPECT_EQ(verdicts.artifacts[1][0].verification.state, "verified");
  EXPECT_EQ(verdicts.pulls[1].signatures.size(), 1u);
}

TEST(Vouching, NoKeyGivenLeavesASignatureUnverified) {
  Fixture f;
  f.signatures({payloadFor(f.subject, kHost + "/" + kRepo)});
  auto discovery = f.discover();
  std::vector<PublicKey> none;
  Vouching vouching(*discovery, none);
  EXPECT_TRUE(vouching.checks().empty());
  Verification v = vouching.verdicts({}).artifacts[0][0].verification;
  EXPECT_EQ(v.state, "unverified");
  EXPECT_EQ(v.reason, "no public key was given to check the signature with");
}

TEST(Vouching, AReferrerInTheTagSchemaMustNameThisImageAsItsSubject) {
  Fixture f;
  auto& repo = f.registry.repo(kHost, kRepo);
  std::string empty = "{}";
  repo.putBlob(empty);
  std::string sbom = R"({"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"app","packages":[{"name":"a"},{"name":"b"}]})";
  repo.putBlob(sbom);
  auto referrer = [&](const std::string& subjectDigest) {
    return R"({"schemaVersion":2,"mediaType":")" + std::string(kOciManifest) +
           R"(","artifactType":"application/spdx+json","config":)" + descriptor("application/vnd.oci.empty.v1+json", empty) +
           R"(,"layers":[)" + descriptor("application/spdx+json", sbom) + R"(],"subject":{"mediaType":")" + kOciManifest +
           R"(","digest":")" + subjectDigest + R"(","size":1}})";
  };
  std::string mine = repo.putManifest(kOciManifest, referrer(f.subject));
  std::string stranger = repo.putManifest(kOciManifest, referrer("sha256:" + std::string(64, 'b')));
  std::string index = R"({"schemaVersion":2,"mediaType":")" + std::string(kOciIndex) + R"(","manifests":[)" +
                      descriptor(kOciManifest, referrer(f.subject), R"(,"artifactType":"application/spdx+json")") + "," +
                      descriptor(kOciManifest, referrer("sha256:" + std::string(64, 'b'))) + "]}";
  repo.putManifest(kOciIndex, index, "sha256-" + f.subject.substr(7));
  f.signatures({payloadFor(f.subject, kHost + "/" + kRepo)});
  auto discovery = f.discover();
  const Findings& found = discovery->findings(0);
  ASSERT_EQ(found.artifacts.size(), 2u);
  EXPECT_EQ(found.artifacts[0].digest, mine);
  EXPECT_EQ(found.artifacts[1].foundBy, "cosign-tag");
  auto reversed = f.discover(true);
  ASSERT_EQ(reversed->findings(0).artifacts.size(), 2u);
  EXPECT_EQ(reversed->findings(0).artifacts[0].digest, mine) << "the order of the answer is the lookups', whatever the timing";
  EXPECT_EQ(found.artifacts[0].foundBy, "referrers-tag");
  ASSERT_EQ(found.errors.size(), 1u);
  EXPECT_NE(found.errors[0].find("the referrer " + stranger + " names the subject"), std::string::npos) << found.errors[0];

  std::vector<PublicKey> none;
  Verdicts verdicts = Vouching(*discovery, none).verdicts({});
  const Artifact& artifact = verdicts.artifacts[0][0];
  EXPECT_EQ(artifact.kind, "sbom");
  EXPECT_EQ(verdicts.artifacts[0][1].kind, "signature");
  EXPECT_EQ(artifact.format, "spdx");
  ASSERT_TRUE(artifact.summary.has_value());
  EXPECT_EQ(artifact.summary->name, "app");
  EXPECT_EQ(artifact.summary->packages, 2);
  EXPECT_EQ(artifact.verification.state, "unverified");
}

TEST(Vouching, TheRequestBudgetBoundsOneSubjectsLookups) {
  Fixture f;
  std::vector<std::string> payloads;
  for (int i = 0; i < 20; ++i) payloads.push_back(payloadFor(f.subject, kHost + "/" + kRepo) + std::string(i, ' '));
  f.signatures(payloads);
  DiscoverySettings settings;
  settings.maxRequests = 10;
  Discovery discovery(subjectsOf(f.answer), settings);
  for (auto pending = discovery.takeRequests(); !pending.empty(); pending = discovery.takeRequests()) {
    for (const HttpRequest& request : pending) discovery.feed(f.registry.answer(request));
  }
  ASSERT_TRUE(discovery.done());
  const Findings& found = discovery.findings(0);
  EXPECT_EQ(found.requests, 10u);
  ASSERT_FALSE(found.errors.empty());
  EXPECT_NE(found.errors[0].find("stopped after 10 requests"), std::string::npos) << found.errors[0];
}

TEST(Vouching, RepeatedLayersAreOneSignatureAndABlobIsReadOnce) {
  Fixture f;
  std::string payload = payloadFor(f.subject, kHost + "/" + kRepo);
  f.signatures({payload, payload, payload});  // the same layer three times: cosign appends on re-signing
  auto discovery = f.discover();
  ASSERT_EQ(discovery->findings(0).artifacts.size(), 1u);
  EXPECT_EQ(discovery->findings(0).artifacts[0].layers.size(), 1u);
  EXPECT_EQ(f.registry.count("GET", "/blobs/" + sha256Digest(payload)), 1u);
}

TEST(Vouching, AManifestOfMoreThanAThousandLayersIsRefusedWholeAsCosignRefusesIt) {
  Fixture f;
  std::vector<std::string> payloads;
  for (int i = 0; i < 1001; ++i) payloads.push_back(payloadFor(f.subject, kHost + "/" + kRepo) + std::string(i % 7, ' '));
  f.signatures(payloads);
  auto discovery = f.discover();
  const Findings& found = discovery->findings(0);
  ASSERT_EQ(found.artifacts.size(), 1u);
  EXPECT_TRUE(found.artifacts[0].refused);
  EXPECT_EQ(f.registry.count("GET", "/blobs/"), 0u) << "no layer of it is read";
  std::vector<PublicKey> given = keys({"ec-p256.pub.pem"});
  Verdicts verdicts = Vouching(*discovery, given).verdicts({});
  EXPECT_EQ(verdicts.artifacts[0][0].verification.state, "failed");
  EXPECT_NE(verdicts.artifacts[0][0].verification.reason.find("lists 1001 layers; cosign refuses"), std::string::npos);
  EXPECT_TRUE(verdicts.pulls[0].signatures.empty()) << "nothing of it reaches an image policy";
}

TEST(Vouching, ARegistryThatDoesNotAnswerIsOneErrorNotOnePerRequest) {
  Fixture f;
  f.registry.scriptMatching("GET", "/v2/", std::vector<testing::Answer>(20, testing::Answer::fail(TransportFailure::Network, "connection refused")));
  auto discovery = f.discover();
  const Findings& found = discovery->findings(0);
  EXPECT_TRUE(found.artifacts.empty());
  ASSERT_EQ(found.errors.size(), 1u) << found.errors.back();
  EXPECT_NE(found.errors[0].find("the registry did not answer"), std::string::npos) << found.errors[0];
}

}  // namespace
}  // namespace isimport

// Which policies govern a pull, signedIdentity matching and the decision
// (docs/image-policy.md §11.4, §11.5, §11.6).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "supply/policy_decision.h"
#include "supply/policy_scope.h"
#include "supply/signed_identity.h"

namespace isimport {
namespace {

const std::string kDigest = "sha256:" + std::string(64, 'b');
const std::string kPull = "registry.example.com:5000/ns/repo@" + kDigest;
const std::string kKey = "SHA256:" + std::string(64, 'c');

ImagePolicyObject policy(std::string kind, std::string name, std::string ns, std::vector<std::string> scopes) {
  ImagePolicyObject p;
  p.kind = std::move(kind);
  p.metadata.name = std::move(name);
  p.metadata.nameSpace = std::move(ns);
  p.spec.scopes = std::move(scopes);
  p.spec.policy.rootOfTrust.policyType = "PublicKey";
  p.spec.policy.rootOfTrust.publicKey = PolicyPublicKey{};
  return p;
}

TEST(ImagePolicyScope, LookupOrderIsMostSpecificFirst) {
  PolicyScopes s = policyScopesFor(kPull);
  std::vector<std::string> want = {"registry.example.com:5000/ns/repo@" + kDigest, "registry.example.com:5000/ns/repo",
                                   "registry.example.com:5000/ns", "registry.example.com:5000", "*.example.com", "*.com"};
  EXPECT_EQ(s.scopes, want);
  EXPECT_EQ(policyScopesFor("busybox").scopes.front(), "docker.io/library/busybox:latest");
  EXPECT_FALSE(policyScopesFor("quay.io/a:v1@" + kDigest).error.empty());
}

TEST(ImagePolicyScope, NestedScopesFollowRuntimeUtils) {
  EXPECT_TRUE(scopeIsNestedInsideScope("quay.io/a", "quay.io/a"));
  EXPECT_TRUE(scopeIsNestedInsideScope("quay.io/a/b", "quay.io/a"));
  EXPECT_FALSE(scopeIsNestedInsideScope("quay.io/ab", "quay.io/a"));
  EXPECT_TRUE(scopeIsNestedInsideScope("a.example.com/ns", "*.example.com"));
  EXPECT_TRUE(scopeIsNestedInsideScope("*.a.example.com", "*.example.com"));
  EXPECT_TRUE(scopeIsNestedInsideScope("a.example.com:5000/ns", "*.example.com"));
  // Upstream quirk: a tagged scope's part before ':' holds a '/', so it is not seen as nested.
  EXPECT_FALSE(scopeIsNestedInsideScope("a.example.com/ns/r:v1", "*.example.com"));
}

TEST(ImagePolicyScope, MostSpecificScopeWinsIncludingWildcards) {
  std::vector<ImagePolicyObject> ps = {policy("ClusterImagePolicy", "wild", "", {"*.example.com"}),
                                       policy("ClusterImagePolicy", "host", "", {"registry.example.com:5000"}),
                                       policy("ClusterImagePolicy", "tld", "", {"*.com"})};
  GoverningPolicies g = governingPolicies(ps, "team", kPull);
  EXPECT_EQ(g.scope, "registry.example.com:5000");
  EXPECT_EQ(g.indices, std::vector<size_t>{1});
  ps.erase(ps.begin() + 1);
  g = governingPolicies(ps, "team", kPull);
  EXPECT_EQ(g.scope, "*.example.com");
  EXPECT_EQ(g.indices, std::vector<size_t>{0});
}

TEST(ImagePolicyScope, ClusterPolicyOverridesNestedImagePolicyAndAllOnAScopeApply) {
  std::vector<ImagePolicyObject> ps = {policy("ImagePolicy", "mine", "team", {"registry.example.com:5000/ns/repo"}),
                                       policy("ClusterImagePolicy", "c1", "", {"registry.example.com:5000/ns"}),
                                       policy("ClusterImagePolicy", "c2", "", {"registry.example.com:5000/ns"}),
                                       policy("ImagePolicy", "other", "elsewhere", {"registry.example.com:5000/ns/repo"})};
  GoverningPolicies g = governingPolicies(ps, "team", kPull);
  EXPECT_EQ(g.scope, "registry.example.com:5000/ns");
  EXPECT_EQ(g.indices, (std::vector<size_t>{1, 2}));
  ASSERT_EQ(g.overridden.size(), 1u);
  EXPECT_EQ(g.overridden[0].policy, 0u);
  // Without the cluster policies, the namespace's own applies, only in its namespace.
  std::vector<ImagePolicyObject> only = {ps[0], ps[3]};
  EXPECT_EQ(governingPolicies(only, "team", kPull).indices, std::vector<size_t>{0});
  EXPECT_EQ(governingPolicies(only, "elsewhere", kPull).indices, std::vector<size_t>{1});
  EXPECT_TRUE(governingPolicies(only, "nobody", kPull).indices.empty());
}

TEST(ImagePolicyScope, BroaderImagePolicyStillAppliesBesideANarrowerClusterPolicy) {
  std::vector<ImagePolicyObject> ps = {policy("ImagePolicy", "mine", "team", {"registry.example.com:5000"}),
                                       policy("ClusterImagePolicy", "c", "", {"registry.example.com:5000/other"})};
  GoverningPolicies g = governingPolicies(ps, "team", kPull);
  EXPECT_EQ(g.scope, "registry.example.com:5000");
  EXPECT_EQ(g.indices, std::vector<size_t>{0});
}

std::optional<PolicySignedIdentity> identity(std::string match) {
  PolicySignedIdentity id;
  id.matchPolicy = std::move(match);
  return id;
}

TEST(ImagePolicyIdentity, MatchRepoDigestOrExact) {
  EXPECT_TRUE(matchSignedIdentity(std::nullopt, kPull, "registry.example.com:5000/ns/repo:v1").accepted);
  EXPECT_TRUE(matchSignedIdentity(std::nullopt, kPull, "registry.example.com:5000/ns/repo@" + kDigest).accepted);
  IdentityMatch bare = matchSignedIdentity(std::nullopt, kPull, "registry.example.com:5000/ns/repo");
  EXPECT_FALSE(bare.accepted);
  EXPECT_EQ(bare.reason,
            "the signature names registry.example.com:5000/ns/repo, a repository without tag or digest, which "
            "MatchRepoDigestOrExact never accepts (cosign writes such identities by default; sign with the tag or digest)");
  EXPECT_FALSE(matchSignedIdentity(identity("MatchRepoDigestOrExact"), kPull, "quay.io/other/repo:v1").accepted);
  // A tagged pull needs the exact reference.
  EXPECT_TRUE(matchSignedIdentity(std::nullopt, "quay.io/a/b:v1", "quay.io/a/b:v1").accepted);
  EXPECT_FALSE(matchSignedIdentity(std::nullopt, "quay.io/a/b:v1", "quay.io/a/b:v2").accepted);
}

TEST(ImagePolicyIdentity, MatchRepositoryAcceptsNameOnly) {
  EXPECT_TRUE(matchSignedIdentity(identity("MatchRepository"), kPull, "registry.example.com:5000/ns/repo").accepted);
  IdentityMatch m = matchSignedIdentity(identity("MatchRepository"), kPull, "quay.io/other/repo");
  EXPECT_EQ(m.reason,
            "the signature names quay.io/other/repo, in repository quay.io/other/repo, which MatchRepository does not "
            "accept for registry.example.com:5000/ns/repo");
  EXPECT_FALSE(matchSignedIdentity(identity("MatchRepository"), kPull, "Not A Reference").accepted);
}

TEST(ImagePolicyIdentity, ExactRepository) {
  auto id = identity("ExactRepository");
  id->exactRepository = PolicyExactRepository{"quay.io/signed/repo"};
  EXPECT_TRUE(matchSignedIdentity(id, kPull, "quay.io/signed/repo").accepted);
  EXPECT_TRUE(matchSignedIdentity(id, kPull, "quay.io/signed/repo:v1").accepted);
  EXPECT_FALSE(matchSignedIdentity(id, kPull, "registry.example.com:5000/ns/repo:v1").accepted);
}

TEST(ImagePolicyIdentity, RemapIdentity) {
  auto id = identity("RemapIdentity");
  id->remapIdentity = PolicyRemapIdentity{"registry.example.com:5000/ns", "quay.io/upstream"};
  EXPECT_TRUE(matchSignedIdentity(id, kPull, "quay.io/upstream/repo:v1").accepted);
  EXPECT_FALSE(matchSignedIdentity(id, kPull, "quay.io/upstream/repo").accepted);  // still RepoDigestOrExact
  EXPECT_FALSE(matchSignedIdentity(id, kPull, "registry.example.com:5000/ns/repo:v1").accepted);
  // A prefix that stops inside a path component does not remap.
  id->remapIdentity = PolicyRemapIdentity{"registry.example.com:5000/n", "quay.io/upstream"};
  IdentityMatch m = matchSignedIdentity(id, kPull, "registry.example.com:5000/ns/repo:v1");
  EXPECT_TRUE(m.accepted) << m.reason;
}

PullSubject subject(std::vector<CandidateSignature> sigs) { return PullSubject{kPull, std::move(sigs), false}; }
CandidateSignature good() { return CandidateSignature{"registry.example.com:5000/ns/repo:v1", true, true, {kKey}}; }

TEST(ImagePolicyDecision, AdmitsOneGoodSignature) {
  ImagePolicyObject p = policy("ClusterImagePolicy", "c", "", {"registry.example.com:5000"});
  CandidateSignature other = good();
  other.verifiedBy = {"SHA256:" + std::string(64, 'd')};
  PolicyVerdict v = decideUnderPolicy(p, std::vector<std::string>{kKey}, subject({other, good()}));
  EXPECT_EQ(v.decision, "admit");
  EXPECT_EQ(v.reason, "signature 2 in the sha256-" + std::string(64, 'b') + ".sig tag is signed by " + kKey +
                          " and names registry.example.com:5000/ns/repo:v1, which MatchRepoDigestOrExact accepts");
}

TEST(ImagePolicyDecision, DeniesWithoutASignatureByTheKey) {
  ImagePolicyObject p = policy("ClusterImagePolicy", "c", "", {"registry.example.com:5000"});
  CandidateSignature other = good();
  other.verifiedBy = {};
  PolicyVerdict v = decideUnderPolicy(p, std::vector<std::string>{kKey}, subject({other}));
  EXPECT_EQ(v.decision, "deny");
  EXPECT_EQ(v.reason, "no signature in the sha256-" + std::string(64, 'b') + ".sig tag verifies with the policy's key " + kKey);
  PullSubject none = subject({});
  none.unreadSignatures = true;
  v = decideUnderPolicy(p, std::vector<std::string>{kKey}, none);
  EXPECT_EQ(v.decision, "deny");
  EXPECT_NE(v.reason.find("which CRI-O does not read"), std::string::npos);
}

TEST(ImagePolicyDecision, DeniesOnIdentityTypeOrDigest) {
  ImagePolicyObject p = policy("ClusterImagePolicy", "c", "", {"registry.example.com:5000"});
  p.spec.policy.signedIdentity = identity("MatchRepository");
  CandidateSignature wrongName = good();
  wrongName.dockerReference = "quay.io/other/repo";
  CandidateSignature wrongType = good();
  wrongType.cosignType = false;
  CandidateSignature wrongDigest = good();
  wrongDigest.digestMatches = false;
  PolicyVerdict v = decideUnderPolicy(p, std::vector<std::string>{kKey}, subject({wrongName, wrongType, wrongDigest}));
  EXPECT_EQ(v.decision, "deny");
  EXPECT_EQ(v.reason,
            "none of the 3 signatures in the sha256-" + std::string(64, 'b') +
                ".sig tag is accepted: signature 1 is signed by the policy's key, but the signature names "
                "quay.io/other/repo, in repository quay.io/other/repo, which MatchRepository does not accept for "
                "registry.example.com:5000/ns/repo; signature 2 is signed by " + kKey +
                ", but its payload is not of cosign's type; signature 3 is signed by the policy's key, but it is for "
                "another manifest digest");
}

TEST(ImagePolicyDecision, KeylessPkiAndRekorAreNotEvaluated) {
  ImagePolicyObject p = policy("ClusterImagePolicy", "c", "", {"registry.example.com:5000"});
  p.spec.policy.rootOfTrust.policyType = "FulcioCAWithRekor";
  EXPECT_EQ(decideUnderPolicy(p, {}, subject({good()})).decision, "not-evaluated");
  p.spec.policy.rootOfTrust.policyType = "PKI";
  EXPECT_EQ(decideUnderPolicy(p, {}, subject({good()})).decision, "not-evaluated");
  p.spec.policy.rootOfTrust.policyType = "PublicKey";
  p.spec.policy.rootOfTrust.publicKey->rekorKeyData.data = "-----BEGIN PUBLIC KEY-----";
  EXPECT_EQ(decideUnderPolicy(p, std::vector<std::string>{kKey}, subject({good()})).decision, "not-evaluated");
}

TEST(ImagePolicyDecision, EveryGoverningPolicyMustAdmit) {
  std::vector<ImagePolicyObject> ps = {policy("ClusterImagePolicy", "a", "", {"registry.example.com:5000/ns"}),
                                       policy("ClusterImagePolicy", "b", "", {"registry.example.com:5000/ns"})};
  std::string otherKey = "SHA256:" + std::string(64, 'e');
  std::vector<std::vector<std::string>> keys = {{kKey}, {otherKey}};
  PullDecision d = decidePull(ps, keys, "team", subject({good()}));
  EXPECT_EQ(d.decision, "deny");
  EXPECT_EQ(d.scope, "registry.example.com:5000/ns");
  EXPECT_EQ(d.reason, "ClusterImagePolicy b (scope registry.example.com:5000/ns): no signature in the sha256-" +
                          std::string(64, 'b') + ".sig tag verifies with the policy's key " + otherKey);
  keys[1] = {kKey};
  EXPECT_EQ(decidePull(ps, keys, "team", subject({good()})).decision, "admit");
  EXPECT_EQ(decidePull({}, {}, "team", subject({})).decision, "admit");
}

}  // namespace
}  // namespace isimport

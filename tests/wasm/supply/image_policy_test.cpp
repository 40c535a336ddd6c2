// ClusterImagePolicy/ImagePolicy read as the API server reads them: docs/image-policy.md §11.2, §11.3
// (strict decoding, the v1 CRD schema and its CEL rules), each compared as full texts.
#include "supply/image_policy.h"

#include <gtest/gtest.h>

#include <string>

#include "go/base64.h"

namespace isimport {
namespace {

const std::string kPem =
    "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEexampleexampleexampleexample\n-----END PUBLIC KEY-----\n";
std::string b64(const std::string& s) { return base64Encode(s); }

std::string policyJson(const std::string& kind, const std::string& meta, const std::string& spec) {
  return R"({"apiVersion":"config.openshift.io/v1","kind":")" + kind + R"(","metadata":)" + meta + R"(,"spec":)" + spec + "}";
}
std::string publicKeySpec(const std::string& scopes, const std::string& extra = "") {
  return R"({"scopes":)" + scopes + R"(,"policy":{"rootOfTrust":{"policyType":"PublicKey","publicKey":{"keyData":")" +
         b64(kPem) + R"("}})" + extra + "}}";
}

std::string message(const PolicyRead& r) { return r.status ? r.status->message : "(accepted)"; }

TEST(ImagePolicyRead, AcceptsAClusterImagePolicyAndDecodesItsKey) {
  PolicyRead r = readImagePolicy(policyJson("ClusterImagePolicy", R"({"name":"p","namespace":"x"})",
                                            publicKeySpec(R"(["registry.example.com:5000/ns","*.example.com"])")));
  ASSERT_TRUE(r.policy) << message(r);
  EXPECT_EQ(r.policy->kind, "ClusterImagePolicy");
  EXPECT_EQ(r.policy->metadata.nameSpace, "");  // cleared for a cluster-scoped kind
  ASSERT_TRUE(r.policy->spec.policy.rootOfTrust.publicKey);
  EXPECT_EQ(r.policy->spec.policy.rootOfTrust.publicKey->keyData.data, kPem);
  EXPECT_EQ(r.policy->spec.scopes.size(), 2u);
}

TEST(ImagePolicyRead, ImagePolicyNeedsANamespace) {
  PolicyRead r = readImagePolicy(policyJson("ImagePolicy", R"({"name":"p"})", publicKeySpec(R"(["quay.io/a"])")));
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.status->code, 422);
  EXPECT_EQ(r.status->message,
            "ImagePolicy.config.openshift.io \"p\" is invalid: [metadata.namespace: Required value, <nil>: Invalid "
            "value: \"null\": some validation rules were not checked because the object was invalid; correct the "
            "existing errors to complete validation]");
}

TEST(ImagePolicyRead, StrictDecodingNamesUnknownThenDuplicateFields) {
  std::string spec = R"({"scopes":["quay.io/a"],"zeta":1,"policy":{"rootOfTrust":{"policyType":"PublicKey","extra":true,"publicKey":{"keyData":")" +
                     b64(kPem) + R"("}}}})";
  PolicyRead r = readImagePolicy(policyJson("ClusterImagePolicy", R"({"name":"p","bogus":1,"name":"q"})", spec));
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.status->code, 400);
  EXPECT_EQ(r.status->message,
            "ClusterImagePolicy in version \"v1\" cannot be handled as a ClusterImagePolicy: strict decoding error: "
            "unknown field \"spec.policy.rootOfTrust.extra\", unknown field \"spec.zeta\", unknown field "
            "\"metadata.bogus\", duplicate field \"metadata.name\"");
}

TEST(ImagePolicyRead, WrongTypesAreSchemaErrors) {
  PolicyRead r = readImagePolicy(policyJson("ClusterImagePolicy", R"({"name":"p"})",
                                            R"({"scopes":"quay.io/a","policy":{"rootOfTrust":{"policyType":3}}})"));
  ASSERT_TRUE(r.status);
  ASSERT_TRUE(r.status->details);
  const auto& causes = r.status->details->causes;
  ASSERT_EQ(causes.size(), 3u) << r.status->message;
  EXPECT_EQ(causes[0].field, "spec.policy.rootOfTrust.policyType");
  EXPECT_EQ(causes[0].reason, "FieldValueTypeInvalid");
  EXPECT_EQ(causes[0].message,
            "Invalid value: \"integer\": spec.policy.rootOfTrust.policyType in body must be of type string: \"integer\"");
  EXPECT_EQ(causes[1].message, "Invalid value: \"string\": spec.scopes in body must be of type array: \"string\"");
  EXPECT_EQ(causes[2].field, "<nil>");
}

TEST(ImagePolicyRead, RequiredEnumAndTooMany) {
  std::string scopes = "[";
  for (int i = 0; i < 257; ++i) scopes += (i ? "," : "") + std::string("\"quay.io/r") + std::to_string(i) + "\"";
  scopes += "]";
  PolicyRead r = readImagePolicy(policyJson("ClusterImagePolicy", R"({"name":"p"})",
                                            R"({"scopes":)" + scopes + R"(,"policy":{"rootOfTrust":{"policyType":"Key"},"signedIdentity":{}}})"));
  ASSERT_TRUE(r.status);
  const auto& c = r.status->details->causes;
  ASSERT_EQ(c.size(), 4u) << r.status->message;
  EXPECT_EQ(c[0].field + ": " + c[0].message,
            "spec.policy.rootOfTrust.policyType: Unsupported value: \"Key\": supported values: \"PublicKey\", "
            "\"FulcioCAWithRekor\", \"PKI\"");
  EXPECT_EQ(c[1].field + ": " + c[1].message, "spec.policy.signedIdentity.matchPolicy: Required value");
  EXPECT_EQ(c[2].field + ": " + c[2].message, "spec.scopes: Too many: 257: must have at most 256 items");
}

TEST(ImagePolicyRead, MissingSpecAndName) {
  PolicyRead r = readImagePolicy(R"({"apiVersion":"config.openshift.io/v1","kind":"ClusterImagePolicy","metadata":{}})");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.status->message,
            "ClusterImagePolicy.config.openshift.io \"\" is invalid: [metadata.name: Required value: name or "
            "generateName is required, spec: Required value, <nil>: Invalid value: \"null\": some validation rules "
            "were not checked because the object was invalid; correct the existing errors to complete validation]");
}

TEST(ImagePolicyRead, ScopeRulesAndDuplicates) {
  PolicyRead r = readImagePolicy(policyJson(
      "ClusterImagePolicy", R"({"name":"p"})",
      publicKeySpec(R"(["quay.io/a","quay/a","*.example.com/ns","example*.com","quay.io/A","quay.io/a"])")));
  ASSERT_TRUE(r.status);
  const auto& c = r.status->details->causes;
  std::vector<std::string> got;
  for (const auto& x : c) got.push_back(x.field + ": " + x.message);
  std::vector<std::string> want = {
      "spec.scopes[5]: Duplicate value: \"quay.io/a\"",
      "spec.scopes[1]: Invalid value: \"string\": invalid image scope format, scope must contain a fully qualified "
      "domain name or 'localhost'",
      "spec.scopes[1]: Invalid value: \"string\": invalid repository namespace or image specification in the image scope",
      "spec.scopes[2]: Invalid value: \"string\": invalid image scope with wildcard, a wildcard can only be at the start "
      "of the domain and is only supported for subdomain matching, not path matching",
      "spec.scopes[3]: Invalid value: \"string\": invalid image scope with wildcard, a wildcard can only be at the start "
      "of the domain and is only supported for subdomain matching, not path matching",
      "spec.scopes[4]: Invalid value: \"string\": invalid repository namespace or image specification in the image scope",
  };
  EXPECT_EQ(got, want);
}

TEST(ImagePolicyRead, ScopesWithTagDigestPortAndLocalhostAreAccepted) {
  std::string digest = "sha256:" + std::string(64, 'a');
  PolicyRead r = readImagePolicy(policyJson(
      "ClusterImagePolicy", R"({"name":"p"})",
      publicKeySpec(R"(["localhost:5000/a","localhost","quay.io/ns/r:v1","quay.io/ns/r@)" + digest +
                    R"(","reg.example.com:443/a__b/c-d.e"])")));
  EXPECT_TRUE(r.policy) << message(r);
}

TEST(ImagePolicyRead, UnionMembersPerPolicyType) {
  std::string spec = R"({"scopes":["quay.io/a"],"policy":{"rootOfTrust":{"policyType":"FulcioCAWithRekor","publicKey":{"keyData":")" +
                     b64(kPem) + R"("}}}})";
  PolicyRead r = readImagePolicy(policyJson("ClusterImagePolicy", R"({"name":"p"})", spec));
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.status->message,
            "ClusterImagePolicy.config.openshift.io \"p\" is invalid: [spec.policy.rootOfTrust: Invalid value: "
            "\"object\": publicKey is required when policyType is PublicKey, and forbidden otherwise, "
            "spec.policy.rootOfTrust: Invalid value: \"object\": fulcioCAWithRekor is required when policyType is "
            "FulcioCAWithRekor, and forbidden otherwise]");
}

TEST(ImagePolicyRead, KeyDataMustBeAPublicKeyPem) {
  std::string cert = "-----BEGIN CERTIFICATE-----\nMIIBexampleexampleexampleexampleexampleexampleexample\n-----END CERTIFICATE-----";
  std::string spec = R"({"scopes":["quay.io/a"],"policy":{"rootOfTrust":{"policyType":"PublicKey","publicKey":{"keyData":")" +
                     b64(cert) + R"("}}}})";
  PolicyRead r = readImagePolicy(policyJson("ClusterImagePolicy", R"({"name":"p"})", spec));
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.status->message,
            "ClusterImagePolicy.config.openshift.io \"p\" is invalid: [spec.policy.rootOfTrust.publicKey.keyData: "
            "Invalid value: \"string\": the keyData must start with base64 encoding of '-----BEGIN PUBLIC KEY-----'., "
            "spec.policy.rootOfTrust.publicKey.keyData: Invalid value: \"string\": the keyData must end with base64 "
            "encoding of '-----END PUBLIC KEY-----'.]");
}

TEST(ImagePolicyRead, KeyDataLengthAndBase64) {
  std::string spec = R"({"scopes":["quay.io/a"],"policy":{"rootOfTrust":{"policyType":"PublicKey","publicKey":{"keyData":"not base64!"}}}})";
  PolicyRead r = readImagePolicy(policyJson("ClusterImagePolicy", R"({"name":"p"})", spec));
  ASSERT_TRUE(r.status);
  const auto& c = r.status->details->causes;
  ASSERT_GE(c.size(), 2u);
  EXPECT_EQ(c[0].message,
            "Invalid value: \"not base64!\": spec.policy.rootOfTrust.publicKey.keyData in body should be at least 68 chars long");
  EXPECT_EQ(c[1].message,
            "Invalid value: \"not base64!\": spec.policy.rootOfTrust.publicKey.keyData in body must be of type byte: \"not base64!\"");
}

TEST(ImagePolicyRead, SignedIdentityUnionAndPrefixRules) {
  PolicyRead r = readImagePolicy(policyJson(
      "ClusterImagePolicy", R"({"name":"p"})",
      publicKeySpec(R"(["quay.io/a"])",
                    R"(,"signedIdentity":{"matchPolicy":"MatchRepository","remapIdentity":{"prefix":"example.com:5000","signedPrefix":"Quay.io/NS"}})")));
  ASSERT_TRUE(r.status);
  std::vector<std::string> got;
  for (const auto& x : r.status->details->causes) got.push_back(x.field + ": " + x.message);
  ASSERT_EQ(got.size(), 3u) << r.status->message;
  EXPECT_EQ(got[0], "spec.policy.signedIdentity: Invalid value: \"object\": remapIdentity is required when matchPolicy is RemapIdentity, and forbidden otherwise");
  EXPECT_EQ(got[1], "spec.policy.signedIdentity.remapIdentity.prefix: Invalid value: \"string\": invalid repository or prefix in the signedIdentity, should not include the tag or digest");
  EXPECT_EQ(got[2].substr(0, 101), "spec.policy.signedIdentity.remapIdentity.signedPrefix: Invalid value: \"string\": invalid repository or");
}

TEST(ImagePolicyRead, PkiSubjectNeedsEmailOrHostname) {
  std::string cert = b64("-----BEGIN CERTIFICATE-----\nMIIBexampleexampleexampleexampleexampleexampleexample\n-----END CERTIFICATE-----\n");
  std::string spec = R"({"scopes":["quay.io/a"],"policy":{"rootOfTrust":{"policyType":"PKI","pki":{"caRootsData":")" + cert +
                     R"(","pkiCertificateSubject":{}}}}})";
  PolicyRead r = readImagePolicy(policyJson("ClusterImagePolicy", R"({"name":"p"})", spec));
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.status->details->causes.at(0).field, "spec.policy.rootOfTrust.pki.pkiCertificateSubject");
  EXPECT_EQ(r.status->details->causes.at(0).message,
            "Invalid value: \"object\": at least one of email or hostname must be set in pkiCertificateSubject");
}

TEST(ImagePolicyRead, BodiesThatAreNotPolicies) {
  EXPECT_EQ(readImagePolicy("{").status->code, 400);
  EXPECT_EQ(readImagePolicy("[]").status->code, 400);
  EXPECT_EQ(readImagePolicy(R"({"apiVersion":"v1","kind":"Pod"})").status->message, "no matches for kind \"Pod\" in version \"v1\"");
  EXPECT_EQ(readImagePolicy(R"({"apiVersion":"config.openshift.io/v1"})").status->code, 400);
}

}  // namespace
}  // namespace isimport

// Docker config credentials matched to images as Kubernetes' credentialprovider keyring does
// (docs/import.md §3.5): key normalization, reverse-lexicographic order, glob hosts, ports, path prefixes,
// the index.docker.io fallback, and the `auth` field's decoding errors.
#include "registry/credentials.h"

#include <gtest/gtest.h>

namespace isimport {
namespace {

Keyring load(std::string_view json) {
  std::string error;
  Keyring k = Keyring::fromDockerConfig(json, error);
  EXPECT_EQ(error, "") << json;
  return k;
}

std::string loadError(std::string_view json) {
  std::string error;
  Keyring k = Keyring::fromDockerConfig(json, error);
  EXPECT_TRUE(k.empty());
  return error;
}

std::string userFor(const Keyring& k, std::string_view image) {
  auto c = k.lookup(image);
  return c ? c->username + ":" + c->password : "<none>";
}

TEST(Credentials, DockerConfigJsonWithAuthField) {
  Keyring k = load(R"({"auths":{"quay.io":{"auth":"cXVheS11c2VyOnF1YXktcGFzcw==","email":"me@example.com"}}})");
  EXPECT_EQ(userFor(k, "quay.io/org/app:1"), "quay-user:quay-pass");
  EXPECT_EQ(userFor(k, "quay.io/org/app@sha256:0123"), "quay-user:quay-pass");
  EXPECT_EQ(userFor(k, "docker.io/library/nginx:latest"), "<none>");
}

TEST(Credentials, UsernameAndPasswordFieldsAndAuthOverridesThem) {
  Keyring k = load(R"({"auths":{"r.example":{"username":"u","password":"p"},
                                "s.example":{"username":"ignored","password":"ignored","auth":"dXNlcjpwYXNz"}}})");
  EXPECT_EQ(userFor(k, "r.example/a/b:1"), "u:p");
  EXPECT_EQ(userFor(k, "s.example/a/b:1"), "user:pass");
}

TEST(Credentials, LegacyDockercfgTopLevelMap) {
  Keyring k = load(R"({"https://quay.io":{"auth":"dXNlcjpwYXNz","email":"x@y"},"r.example:5000":{"username":"a","password":"b"}})");
  EXPECT_EQ(userFor(k, "quay.io/org/app:1"), "user:pass");
  EXPECT_EQ(userFor(k, "r.example:5000/x:latest"), "a:b");
}

TEST(Credentials, KeysAreNormalized) {
  Keyring k = load(R"({"auths":{
      "https://index.docker.io/v1/":{"auth":"aHViOnNlY3JldA=="},
      "http://r.example:5000":{"auth":"cG9ydDpw"},
      "https://quay.io/v2/":{"auth":"dXNlcjpwYXNz"},
      "quay.io/v1/org":{"auth":"b3JnOnMzY3JldA=="},
      "https://s.example/":{"auth":"dXNlcjpwYXNz"},
      "t.example/a/b/":{"auth":"dXNlcjpwYXNz"}}})");
  // Reverse-lexicographic, as the keyring tries them.
  EXPECT_EQ(k.keys(), (std::vector<std::string>{"t.example/a/b/", "s.example", "r.example:5000", "quay.io/org", "quay.io",
                                                "index.docker.io"}));
}

TEST(Credentials, ReverseLexicographicOrderPrefersTheLongerPath) {
  Keyring k = load(R"({"auths":{"quay.io":{"auth":"dXNlcjpwYXNz"},"quay.io/org":{"auth":"b3JnOnMzY3JldA=="}}})");
  EXPECT_EQ(userFor(k, "quay.io/org/app:1"), "org:s3cret");
  EXPECT_EQ(userFor(k, "quay.io/other/app:1"), "user:pass");
  // The path is a plain string prefix (upstream behaviour): "org" also covers "organization".
  EXPECT_EQ(userFor(k, "quay.io/organization/app:1"), "org:s3cret");
  EXPECT_EQ(k.lookupAll("quay.io/org/app:1").size(), 2u);
}

TEST(Credentials, GlobHostsMatchLabelByLabel) {
  Keyring k = load(R"({"auths":{"*.example.com":{"auth":"Z2xvYjpn"}}})");
  EXPECT_EQ(userFor(k, "registry.example.com/org/app:1"), "glob:g");
  EXPECT_EQ(userFor(k, "example.com/org/app:1"), "<none>");        // fewer labels
  EXPECT_EQ(userFor(k, "a.b.example.com/org/app:1"), "<none>");    // more labels
  EXPECT_EQ(userFor(k, "registry.example.org/org/app:1"), "<none>");
  EXPECT_EQ(userFor(k, "registry.example.com:5000/org/app:1"), "<none>");  // ports must be equal

  Keyring classes = load(R"({"auths":{"reg-[0-9].examp[k-m]e.com":{"auth":"Z2xvYjpn"},"bad-[.example.com":{"auth":"Z2xvYjpn"}}})");
  EXPECT_EQ(userFor(classes, "reg-7.example.com/x:1"), "glob:g");
  EXPECT_EQ(userFor(classes, "reg-a.example.com/x:1"), "<none>");
  EXPECT_EQ(userFor(classes, "reg-7.exampxe.com/x:1"), "<none>");
  // "^" cannot appear in a host, so such a key is dropped when parsed.
  EXPECT_TRUE(load(R"({"auths":{"reg.examp[^x]e.com":{}}})").empty());
  // A malformed pattern is kept as a key but matches nothing (upstream ignores the error).
  EXPECT_EQ(classes.keys().size(), 2u);
  EXPECT_EQ(userFor(classes, "bad-[.example.com/x:1"), "<none>");
  // '?' starts a query when the key is parsed as a URL: "r?.example.com" is the host "r".
  Keyring query = load(R"({"auths":{"r?.example.com":{"auth":"Z2xvYjpn"}}})");
  EXPECT_EQ(query.keys(), std::vector<std::string>{"r"});
}

TEST(Credentials, PortsMustBeEqual) {
  Keyring k = load(R"({"auths":{"r.example:5000":{"auth":"cG9ydDpw"},"r.example":{"auth":"dXNlcjpwYXNz"}}})");
  EXPECT_EQ(userFor(k, "r.example:5000/x:1"), "port:p");
  EXPECT_EQ(userFor(k, "r.example/x:1"), "user:pass");
  EXPECT_EQ(userFor(k, "r.example:5001/x:1"), "<none>");
  Keyring local = load(R"({"auths":{"localhost:5000":{"auth":"cG9ydDpw"}}})");
  EXPECT_EQ(userFor(local, "localhost:5000/ns/app:latest"), "port:p");
  EXPECT_EQ(userFor(local, "localhost/ns/app:latest"), "<none>");
}

TEST(Credentials, DockerHubFallsBackToIndexDockerIo) {
  Keyring k = load(R"({"auths":{"https://index.docker.io/v1/":{"auth":"aHViOnNlY3JldA=="}}})");
  EXPECT_EQ(userFor(k, "docker.io/library/nginx:latest"), "hub:secret");
  EXPECT_EQ(userFor(k, "index.docker.io/library/nginx:latest"), "hub:secret");
  EXPECT_EQ(userFor(k, "library/nginx:latest"), "hub:secret");
  EXPECT_EQ(userFor(k, "nginx"), "hub:secret");
  EXPECT_EQ(userFor(k, "quay.io/org/app:1"), "<none>");
  EXPECT_EQ(userFor(k, "localhost:5000/x:1"), "<none>");
  EXPECT_EQ(userFor(k, "/x"), "<none>");

  Keyring bare = load(R"({"auths":{"index.docker.io":{"auth":"aHViOnNlY3JldA=="}}})");
  EXPECT_EQ(userFor(bare, "docker.io/library/busybox:1"), "hub:secret");
  // A "docker.io" key matches Docker Hub images directly (same labels).
  Keyring direct = load(R"({"auths":{"docker.io":{"auth":"dXNlcjpwYXNz"}}})");
  EXPECT_EQ(userFor(direct, "docker.io/library/busybox:1"), "user:pass");
  EXPECT_EQ(userFor(direct, "library/busybox:1"), "<none>");
}

TEST(Credentials, DuplicateKeysKeepEveryEntryInDocumentOrder) {
  // Upstream appends both (in Go map order) and uses the first; isimport uses document order.
  Keyring k = load(R"({"auths":{"quay.io":{"auth":"dXNlcjpwYXNz"},"https://quay.io":{"auth":"b3JnOnMzY3JldA=="}}})");
  EXPECT_EQ(k.keys(), std::vector<std::string>{"quay.io"});
  EXPECT_EQ(k.lookupAll("quay.io/a/b:1").size(), 2u);
  EXPECT_EQ(userFor(k, "quay.io/a/b:1"), "user:pass");
  // The same key written twice: the later value wins, as in a Go map.
  Keyring twice = load(R"({"auths":{"quay.io":{"auth":"dXNlcjpwYXNz"},"quay.io":{"auth":"b3JnOnMzY3JldA=="}}})");
  EXPECT_EQ(twice.lookupAll("quay.io/a/b:1").size(), 1u);
  EXPECT_EQ(userFor(twice, "quay.io/a/b:1"), "org:s3cret");
}

TEST(Credentials, EmptyEntriesStillMatch) {
  Keyring k = load(R"({"auths":{"quay.io":{},"r.example":null}})");
  auto c = k.lookup("quay.io/a/b:1");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->username, "");
  EXPECT_EQ(c->password, "");
  EXPECT_TRUE(k.lookup("r.example/a:1").has_value());
}

TEST(Credentials, UnpaddedAndMultilineAuthDecode) {
  EXPECT_EQ(userFor(load(R"({"auths":{"r.example":{"auth":"YWI6Yw"}}})"), "r.example/x:1"), "ab:c");
  EXPECT_EQ(userFor(load(R"({"auths":{"r.example":{"auth":"YWI6Yw==\n"}}})"), "r.example/x:1"), "ab:c");
  EXPECT_EQ(userFor(load(R"({"auths":{"r.example":{"auth":"YWI6\r\nYw=="}}})"), "r.example/x:1"), "ab:c");
  // Only the first ':' separates: the password may hold more.
  EXPECT_EQ(userFor(load(R"({"auths":{"r.example":{"auth":"dTpwOnE="}}})"), "r.example/x:1"), "u:p:q");
}

TEST(Credentials, InvalidAuthFailsAsUpstream) {
  EXPECT_EQ(loadError(R"({"auths":{"r.example":{"auth":"!!!"}}})"), "illegal base64 data at input byte 0");
  EXPECT_EQ(loadError(R"({"auths":{"r.example":{"auth":"YWI6Yw="}}})"), "illegal base64 data at input byte 7");
  EXPECT_EQ(loadError(R"({"auths":{"r.example":{"auth":"YWI6Yw== "}}})"), "illegal base64 data at input byte 8");
  EXPECT_EQ(loadError(R"({"auths":{"r.example":{"auth":"YWI6Y"}}})"), "illegal base64 data at input byte 4");
  EXPECT_EQ(loadError(R"({"auths":{"r.example":{"auth":"YWI6Yw=="},"s.example":{"auth":"YQ=="}}})"),
            "unable to parse auth field, must be formatted as base64(username:password)");
  EXPECT_EQ(loadError(R"({"auths":{"r.example":{"auth":"dXNlcg=="}}})"),
            "unable to parse auth field, must be formatted as base64(username:password)");
}

TEST(Credentials, DecodingErrorsReadAsGo) {
  EXPECT_EQ(loadError(""), "unexpected end of JSON input");
  EXPECT_EQ(loadError("{\"auths\":"), "unexpected end of JSON input");
  EXPECT_EQ(loadError("[]"), "json: cannot unmarshal array into Go value of type credentialprovider.DockerConfigJSON");
  EXPECT_EQ(loadError(R"({"auths":[]})"),
            "json: cannot unmarshal array into Go struct field DockerConfigJSON.auths of type "
            "credentialprovider.DockerConfig");
  EXPECT_EQ(loadError(R"({"auths":{"r.example":{"username":5}}})"),
            "json: cannot unmarshal number into Go struct field dockerConfigEntryWithAuth.username of type string");
  EXPECT_EQ(loadError(R"({"auths":{"r.example":"dXNlcjpwYXNz"}})"),
            "json: cannot unmarshal string into Go value of type credentialprovider.dockerConfigEntryWithAuth");
  EXPECT_EQ(loadError(R"({"auths":{},"HttpHeaders":{"User-Agent":1}})"),
            "json: cannot unmarshal number into Go struct field DockerConfigJSON.HttpHeaders of type string");
}

TEST(Credentials, DockerClientConfigWithHelpersIsReadAsConfigJson) {
  Keyring k = load(R"({"auths":{"quay.io":{}},"credsStore":"desktop","credHelpers":{"gcr.io":"gcloud"},"HttpHeaders":{"User-Agent":"x"}})");
  EXPECT_EQ(k.keys(), std::vector<std::string>{"quay.io"});
  EXPECT_TRUE(load(R"({"credsStore":"desktop"})").empty());
  EXPECT_TRUE(load("null").empty());
  EXPECT_TRUE(load("{}").empty());
  EXPECT_TRUE(load(R"({"auths":null})").empty());
}

TEST(Credentials, LocationsGoCannotParseAreSkipped) {
  Keyring k = load(R"({"auths":{"bad host":{"auth":"dXNlcjpwYXNz"},"r.example:port":{"auth":"dXNlcjpwYXNz"},"quay.io":{"auth":"dXNlcjpwYXNz"}}})");
  EXPECT_EQ(k.keys(), std::vector<std::string>{"quay.io"});
}

}  // namespace
}  // namespace isimport

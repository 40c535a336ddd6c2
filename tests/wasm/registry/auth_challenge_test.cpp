// WWW-Authenticate parsing and token answers as Distribution's auth client reads them (docs/import.md §3.4
// step 2): parameter syntax, the 401-only rule, token vs access_token, the 60 s floor and the
// decoding error texts.
#include "registry/auth_challenge.h"

#include <gtest/gtest.h>

namespace isimport {
namespace {

AuthChallenge one(std::string_view header) {
  std::vector<AuthChallenge> all = parseChallenges({header});
  EXPECT_EQ(all.size(), 1u) << header;
  return all.empty() ? AuthChallenge{} : all[0];
}

TEST(AuthChallenge, DockerHubBearerChallenge) {
  AuthChallenge c = one(R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull")");
  EXPECT_EQ(c.scheme, "bearer");
  EXPECT_EQ(c.params.size(), 3u);
  EXPECT_EQ(c.params["realm"], "https://auth.docker.io/token");
  EXPECT_EQ(c.params["service"], "registry.docker.io");
  EXPECT_EQ(c.params["scope"], "repository:library/nginx:pull");
}

TEST(AuthChallenge, SchemeAndParameterNamesAreLowerCasedValuesKept) {
  AuthChallenge c = one(R"(BASIC Realm="Registry Realm", Charset=UTF-8)");
  EXPECT_EQ(c.scheme, "basic");
  EXPECT_EQ(c.params["realm"], "Registry Realm");
  EXPECT_EQ(c.params["charset"], "UTF-8");
}

TEST(AuthChallenge, SpacesAroundCommasAndTokenValues) {
  AuthChallenge c = one("Bearer  service=r.example ,  scope=a ,error=invalid_token");
  EXPECT_EQ(c.params["service"], "r.example");
  EXPECT_EQ(c.params["scope"], "a");
  EXPECT_EQ(c.params["error"], "invalid_token");
  // ':' and '/' are separators: an unquoted URL ends at the scheme and stops the parameters.
  c = one("Bearer realm=https://r.example/token,service=r.example");
  EXPECT_EQ(c.params.size(), 1u);
  EXPECT_EQ(c.params["realm"], "https");
}

TEST(AuthChallenge, QuotedStringsUnescapeBackslashes) {
  AuthChallenge c = one(R"(Bearer realm="https://a/token",error_description="say \"hi\" \\ bye")");
  EXPECT_EQ(c.params["error_description"], R"(say "hi" \ bye)");
}

TEST(AuthChallenge, ParsingStopsAtTheFirstMalformedParameter) {
  // A space after '=' is not allowed: nothing after it is read.
  AuthChallenge c = one(R"(Bearer realm="https://a/token",service= "x",scope="y")");
  EXPECT_EQ(c.params.size(), 1u);
  EXPECT_EQ(c.params["realm"], "https://a/token");
  // An empty value ends the parameters too.
  c = one(R"(Bearer realm="",service="x")");
  EXPECT_TRUE(c.params.empty());
  // An unterminated quoted string.
  c = one(R"(Bearer service="x",realm="https://a/token)");
  EXPECT_EQ(c.params.size(), 1u);
  EXPECT_EQ(c.params["service"], "x");
}

TEST(AuthChallenge, OneChallengePerHeaderValue) {
  // A second challenge inside the same value ends the first one's parameters (upstream behaviour).
  AuthChallenge c = one(R"(Bearer realm="https://a/token",service="s", Basic realm="b")");
  EXPECT_EQ(c.scheme, "bearer");
  EXPECT_EQ(c.params.size(), 2u);
  EXPECT_EQ(c.params["realm"], "https://a/token");

  std::vector<AuthChallenge> all = parseChallenges({R"(Basic realm="b")", R"(Bearer realm="https://a/token")"});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].scheme, "basic");
  EXPECT_EQ(all[1].scheme, "bearer");
}

TEST(AuthChallenge, ValuesWithoutASchemeYieldNothing) {
  EXPECT_TRUE(parseChallenges({"", " Bearer realm=x", "=x"}).empty());
  AuthChallenge c = one("Negotiate");
  EXPECT_EQ(c.scheme, "negotiate");
  EXPECT_TRUE(c.params.empty());
}

TEST(AuthChallenge, RepeatedParameterKeepsTheLast) {
  AuthChallenge c = one(R"(Bearer realm="a",REALM="b")");
  EXPECT_EQ(c.params["realm"], "b");
}

TEST(AuthChallenge, ChallengesCountOnlyOnA401) {
  HttpResponse r;
  r.status = 401;
  r.headers = {{"content-type", "application/json"},
               {"www-authenticate", R"(Bearer realm="https://a/token",service="s")"},
               {"www-authenticate", R"(Basic realm="b")"}};
  std::vector<AuthChallenge> all = challengesOf(r);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].params.at("service"), "s");
  r.status = 200;
  EXPECT_TRUE(challengesOf(r).empty());
  r.status = 403;
  EXPECT_TRUE(challengesOf(r).empty());
}

// ---------------------------------------------------------------------------------------------
// Token answers
// ---------------------------------------------------------------------------------------------

TEST(TokenAnswer, TokenWithExpiry) {
  TokenAnswer t = parseTokenAnswer(R"({"token":"abc","expires_in":300,"issued_at":"2026-01-02T03:04:05Z"})");
  EXPECT_EQ(t.error, "");
  EXPECT_EQ(t.token, "abc");
  EXPECT_EQ(t.expiresInSeconds, 300);
  ASSERT_TRUE(t.issuedAtUnixSeconds.has_value());
  EXPECT_EQ(*t.issuedAtUnixSeconds, 1767323045);
}

TEST(TokenAnswer, AccessTokenWinsOverToken) {
  TokenAnswer t = parseTokenAnswer(R"({"token":"old","access_token":"new"})");
  EXPECT_EQ(t.token, "new");
  EXPECT_EQ(parseTokenAnswer(R"({"access_token":"only"})").token, "only");
  EXPECT_EQ(parseTokenAnswer(R"({"token":"t","access_token":""})").token, "t");
}

TEST(TokenAnswer, LifetimeHasAFloorOfSixtySeconds) {
  EXPECT_EQ(parseTokenAnswer(R"({"token":"a"})").expiresInSeconds, 60);
  EXPECT_EQ(parseTokenAnswer(R"({"token":"a","expires_in":10})").expiresInSeconds, 60);
  EXPECT_EQ(parseTokenAnswer(R"({"token":"a","expires_in":-5})").expiresInSeconds, 60);
  EXPECT_EQ(parseTokenAnswer(R"({"token":"a","expires_in":60})").expiresInSeconds, 60);
  EXPECT_EQ(parseTokenAnswer(R"({"token":"a","expires_in":61})").expiresInSeconds, 61);
  EXPECT_FALSE(parseTokenAnswer(R"({"token":"a"})").issuedAtUnixSeconds.has_value());
  EXPECT_FALSE(parseTokenAnswer(R"({"token":"a","issued_at":"0001-01-01T00:00:00Z"})").issuedAtUnixSeconds.has_value());
}

TEST(TokenAnswer, RefreshTokenIsKept) {
  TokenAnswer t = parseTokenAnswer(R"({"token":"a","refresh_token":"r"})");
  EXPECT_EQ(t.refreshToken, "r");
}

TEST(TokenAnswer, NoTokenIsAnError) {
  EXPECT_EQ(parseTokenAnswer("{}").error, "authorization server did not include a token in the response");
  EXPECT_EQ(parseTokenAnswer(R"({"token":""})").error, "authorization server did not include a token in the response");
  EXPECT_EQ(parseTokenAnswer("null").error, "authorization server did not include a token in the response");
}

TEST(TokenAnswer, OnlyTheFirstValueIsRead) {
  TokenAnswer t = parseTokenAnswer("{\"token\":\"a\"}\n<garbage after the value>");
  EXPECT_EQ(t.error, "");
  EXPECT_EQ(t.token, "a");
}

TEST(TokenAnswer, FieldNamesAreCaseInsensitive) {
  EXPECT_EQ(parseTokenAnswer(R"({"Token":"a","EXPIRES_IN":120})").expiresInSeconds, 120);
  EXPECT_EQ(parseTokenAnswer(R"({"Access_Token":"b"})").token, "b");
}

TEST(TokenAnswer, DecodingErrorsReadAsGo) {
  EXPECT_EQ(parseTokenAnswer("").error, "unable to decode token response: EOF");
  EXPECT_EQ(parseTokenAnswer("{\"token\":").error, "unable to decode token response: unexpected EOF");
  EXPECT_EQ(parseTokenAnswer("<html>").error,
            "unable to decode token response: invalid character '<' looking for beginning of value");
  EXPECT_EQ(parseTokenAnswer(R"({"token":5})").error,
            "unable to decode token response: json: cannot unmarshal number into Go struct field "
            "getTokenResponse.token of type string");
  EXPECT_EQ(parseTokenAnswer(R"({"token":"a","expires_in":"300"})").error,
            "unable to decode token response: json: cannot unmarshal string into Go struct field "
            "getTokenResponse.expires_in of type int");
  EXPECT_EQ(parseTokenAnswer(R"({"token":"a","expires_in":1.5})").error,
            "unable to decode token response: json: cannot unmarshal number 1.5 into Go struct field "
            "getTokenResponse.expires_in of type int");
  EXPECT_EQ(parseTokenAnswer(R"(["a"])").error,
            "unable to decode token response: json: cannot unmarshal array into Go value of type "
            "auth.getTokenResponse");
  EXPECT_EQ(parseTokenAnswer(R"({"token":"a","issued_at":5})").error,
            "unable to decode token response: Time.UnmarshalJSON: input is not a JSON string");
  EXPECT_EQ(parseTokenAnswer(R"({"token":"a","issued_at":"yesterday"})").error.rfind(
                "unable to decode token response: parsing time \"yesterday\"", 0),
            0u);
  EXPECT_EQ(parseTokenAnswer(R"({"token":"a","issued_at":"yesterday"})").token, "");
}

}  // namespace
}  // namespace isimport

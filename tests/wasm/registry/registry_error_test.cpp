// Registry error answers as upstream's Distribution client turns them into errors (docs/import.md §3.4
// steps 7–8): texts, the codes the importer can see, and the retry decisions — including the
// upstream QUIRKs that 5xx answers and 429 answers with a standard body are not retried (the Go
// encoding/json syntax-error texts those messages embed are go_json_scan_test.cpp's).
#include "registry/registry_error.h"

#include <gtest/gtest.h>

namespace isimport {
namespace {

HttpResponse answer(int status, std::string body, HeaderList headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Standard {"errors":[…]} bodies
// ---------------------------------------------------------------------------------------------

TEST(RegistryError, BareCodePrintsItsValueLowerCased) {
  ImportError e = errorFromResponse(answer(404, R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]})"));
  EXPECT_EQ(e.text, "manifest unknown");
  ASSERT_EQ(e.entries.size(), 1u);
  EXPECT_EQ(e.entries[0].code, "MANIFEST_UNKNOWN");
  EXPECT_EQ(e.entries[0].message, "manifest unknown");
  EXPECT_TRUE(e.hasCode("MANIFEST_UNKNOWN"));
  EXPECT_FALSE(e.singleValue);  // a list, even of one
  EXPECT_EQ(e.retryAfterMs, 0u);

  e = errorFromResponse(answer(404, R"({"errors":[{"code":"NAME_UNKNOWN","message":""}]})"));
  EXPECT_EQ(e.text, "name unknown");
  e = errorFromResponse(answer(404, R"({"errors":[{"code":"BLOB_UNKNOWN","detail":null}]})"));
  EXPECT_EQ(e.text, "blob unknown");
}

TEST(RegistryError, DistributionRegistryAnswersWithDetailPrintCodeAndMessage) {
  // What docker-registry 2.8 answers for a missing tag and a missing repository.
  ImportError e = errorFromResponse(answer(
      404, R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"nope"}}]})" "\n"));
  EXPECT_EQ(e.text, "manifest unknown: manifest unknown");
  ASSERT_EQ(e.entries.size(), 1u);
  EXPECT_EQ(e.entries[0].detail, R"({"Tag":"nope"})");

  e = errorFromResponse(answer(
      404, R"({"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry","detail":{"name":"x"}}]})"));
  EXPECT_EQ(e.text, "name unknown: repository name not known to registry");
  EXPECT_TRUE(e.hasCode("NAME_UNKNOWN"));
  EXPECT_FALSE(e.hasCode("MANIFEST_UNKNOWN"));
}

TEST(RegistryError, CustomMessageFollowsTheCodeText) {
  ImportError e = errorFromResponse(answer(
      404, R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"OCI index found, but accept header does not support OCI indexes"}]})"));
  EXPECT_EQ(e.text, "manifest unknown: OCI index found, but accept header does not support OCI indexes");
}

TEST(RegistryError, SeveralErrorsPrintAsAList) {
  ImportError e = errorFromResponse(answer(
      404, R"({"errors":[{"code":"MANIFEST_UNKNOWN"},{"code":"NAME_UNKNOWN","message":"no such repo"}]})"));
  EXPECT_EQ(e.text, "errors:\nmanifest unknown\nname unknown: no such repo\n");
  EXPECT_EQ(e.entries.size(), 2u);
}

TEST(RegistryError, UnknownCodesBecomeUnknown) {
  ImportError e = errorFromResponse(answer(400, R"({"errors":[{"code":"FOO_BAR","message":"strange"}]})"));
  EXPECT_EQ(e.text, "unknown: strange");
  ASSERT_EQ(e.entries.size(), 1u);
  EXPECT_EQ(e.entries[0].code, "UNKNOWN");
  // Upstream compares the message with UNKNOWN's own, so an unknown code alone prints "unknown".
  EXPECT_EQ(errorFromResponse(answer(400, R"({"errors":[{"code":"FOO_BAR"}]})")).text, "unknown");
  EXPECT_EQ(errorFromResponse(answer(400, R"({"errors":[null]})")).text, "unknown");
}

TEST(RegistryError, FieldNamesAreCaseInsensitiveAsInGo) {
  ImportError e = errorFromResponse(answer(404, R"({"Errors":[{"Code":"MANIFEST_UNKNOWN","MESSAGE":"gone"}]})"));
  EXPECT_EQ(e.text, "manifest unknown: gone");
}

TEST(RegistryError, StandardTooManyRequestsIsNotRetried_UpstreamQuirk) {
  // errcode.Errors is not an ErrorCoder: upstream's retry wrapper never retries a list.
  ImportError e = errorFromResponse(answer(429, R"({"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]})"));
  EXPECT_EQ(e.text, "toomanyrequests: slow down");
  EXPECT_TRUE(e.hasCode("TOOMANYREQUESTS"));
  EXPECT_EQ(e.retryAfterMs, 0u);
  e = errorFromResponse(answer(429, R"({"errors":[{"code":"UNAVAILABLE"}]})"));
  EXPECT_EQ(e.text, "unavailable");
  EXPECT_EQ(e.retryAfterMs, 0u);
}

// ---------------------------------------------------------------------------------------------
// Legacy {"details": …} bodies: one error value, code by status
// ---------------------------------------------------------------------------------------------

TEST(RegistryError, LegacyDetailsMapStatusToCode) {
  ImportError e = errorFromResponse(answer(401, R"({"details":"incorrect username or password"})"));
  EXPECT_EQ(e.text, "unauthorized: incorrect username or password");
  EXPECT_TRUE(e.singleValue);
  EXPECT_TRUE(e.hasCode("UNAUTHORIZED"));
  EXPECT_EQ(e.retryAfterMs, 0u);

  EXPECT_EQ(errorFromResponse(answer(403, R"({"details":"no way"})")).text, "denied: no way");
  EXPECT_EQ(errorFromResponse(answer(404, R"({"details":"nothing here"})")).text, "unknown: nothing here");
  EXPECT_EQ(errorFromResponse(answer(404, R"({"DETAILS":"case"})")).text, "unknown: case");
}

TEST(RegistryError, LegacyTooManyRequestsIsRetriedAfterTwoSeconds) {
  ImportError e = errorFromResponse(answer(429, R"({"details":"rate limited"})"));
  EXPECT_EQ(e.text, "toomanyrequests: rate limited");
  EXPECT_TRUE(e.singleValue);
  EXPECT_EQ(e.retryAfterMs, 2000u);
}

TEST(RegistryError, EmptyOrMistypedDetailsFallBackToTheErrorList) {
  EXPECT_EQ(errorFromResponse(answer(404, R"({"details":""})")).text,
            "error parsing HTTP 404 response body: no error details found in HTTP response body: \"{\\\"details\\\":\\\"\\\"}\"");
  EXPECT_EQ(errorFromResponse(answer(404, R"({"details":5,"errors":[{"code":"MANIFEST_UNKNOWN"}]})")).text,
            "manifest unknown");
}

// ---------------------------------------------------------------------------------------------
// Bodies that cannot be read
// ---------------------------------------------------------------------------------------------

TEST(RegistryError, UnparseableBodyQuotesIt) {
  ImportError e = errorFromResponse(answer(404, "<html>Not Found</html>"));
  EXPECT_EQ(e.text,
            "error parsing HTTP 404 response body: invalid character '<' looking for beginning of value: "
            "\"<html>Not Found</html>\"");
  EXPECT_TRUE(e.entries.empty());
  EXPECT_EQ(e.retryAfterMs, 0u);

  EXPECT_EQ(errorFromResponse(answer(400, "")).text,
            "error parsing HTTP 400 response body: unexpected end of JSON input: \"\"");
  EXPECT_EQ(errorFromResponse(answer(404, "{}")).text,
            "error parsing HTTP 404 response body: no error details found in HTTP response body: \"{}\"");
  EXPECT_EQ(errorFromResponse(answer(404, R"({"errors":[]})")).text,
            "error parsing HTTP 404 response body: no error details found in HTTP response body: "
            "\"{\\\"errors\\\":[]}\"");
  EXPECT_EQ(errorFromResponse(answer(404, "null")).text,
            "error parsing HTTP 404 response body: no error details found in HTTP response body: \"null\"");
  EXPECT_EQ(errorFromResponse(answer(404, "line1\nline2\t\x01")).text,
            "error parsing HTTP 404 response body: invalid character 'l' looking for beginning of value: "
            "\"line1\\nline2\\t\\x01\"");
}

TEST(RegistryError, MistypedBodiesReportGoTypeErrors) {
  EXPECT_EQ(errorFromResponse(answer(404, R"({"errors":"x"})")).text,
            "error parsing HTTP 404 response body: json: cannot unmarshal string into Go struct field .Errors of "
            "type []errcode.Error: \"{\\\"errors\\\":\\\"x\\\"}\"");
  EXPECT_EQ(errorFromResponse(answer(404, "[]")).text,
            "error parsing HTTP 404 response body: json: cannot unmarshal array into Go value of type struct { "
            "Errors []errcode.Error }: \"[]\"");
  EXPECT_EQ(errorFromResponse(answer(404, R"({"errors":[{"code":5}]})")).text,
            "error parsing HTTP 404 response body: json: cannot unmarshal number into Go struct field "
            "Error.Errors.code of type errcode.ErrorCode: \"{\\\"errors\\\":[{\\\"code\\\":5}]}\"");
}

TEST(RegistryError, UnparseableTooManyRequestsIsRetriedAfterTwoSeconds) {
  ImportError e = errorFromResponse(answer(429, ""));
  EXPECT_EQ(e.text, "error parsing HTTP 429 response body: unexpected end of JSON input: \"\"");
  EXPECT_EQ(e.retryAfterMs, 2000u);
}

TEST(RegistryError, UnreadableUnauthorizedBecomesUnauthorized) {
  ImportError e = errorFromResponse(answer(401, ""));
  EXPECT_EQ(e.text, "unauthorized: authentication required");
  EXPECT_TRUE(e.hasCode("UNAUTHORIZED"));
  EXPECT_TRUE(e.singleValue);
  EXPECT_EQ(e.retryAfterMs, 0u);
  EXPECT_EQ(errorFromResponse(answer(401, "<html>401</html>")).text, "unauthorized: authentication required");
}

TEST(RegistryError, BodyCutAtTheCapIsReportedAsUnparseable) {
  HttpResponse r = answer(404, std::string(100, 'x'));
  r.failure = TransportFailure::BodyTooLarge;
  EXPECT_EQ(errorFromResponse(r).text, "error parsing HTTP 404 response body: response body too large");
  r.failureText = "response body exceeds 1048576 bytes";
  EXPECT_EQ(errorFromResponse(r).text, "error parsing HTTP 404 response body: response body exceeds 1048576 bytes");
}

// ---------------------------------------------------------------------------------------------
// Bearer challenge errors (RFC 6750) on a 401
// ---------------------------------------------------------------------------------------------

TEST(RegistryError, DockerHubMissingRepositoryMergesDeniedAndUnauthorized) {
  // Docker Hub's answer for a private or missing repository.
  ImportError e = errorFromResponse(answer(
      401,
      R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":[{"Type":"repository","Class":"","Name":"library/nope","Action":"pull"}]}]})" "\n",
      {{"www-authenticate",
        R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nope:pull",error="insufficient_scope")"}}));
  EXPECT_EQ(e.text,
            "errors:\ndenied: requested access to the resource is denied\nunauthorized: authentication required\n");
  EXPECT_TRUE(e.hasCode("DENIED"));
  EXPECT_TRUE(e.hasCode("UNAUTHORIZED"));
  EXPECT_FALSE(e.singleValue);
  EXPECT_EQ(e.retryAfterMs, 0u);
}

TEST(RegistryError, InvalidTokenUsesTheDescription) {
  ImportError e = errorFromResponse(answer(
      401, "", {{"www-authenticate", R"(Bearer realm="https://a/token",error="invalid_token",error_description="token expired")"}}));
  // The unreadable body stays a plain error in the list (the 401 rewrite does not apply here).
  EXPECT_EQ(e.text,
            "errors:\nunauthorized: token expired\nerror parsing HTTP 401 response body: unexpected end of JSON "
            "input: \"\"\n");
  ASSERT_EQ(e.entries.size(), 1u);
  EXPECT_EQ(e.entries[0].code, "UNAUTHORIZED");
}

TEST(RegistryError, ChallengeErrorsCountOnlyOn401) {
  HeaderList challenge{{"www-authenticate", R"(Bearer realm="https://a/token",error="insufficient_scope")"}};
  ImportError e = errorFromResponse(answer(403, R"({"errors":[{"code":"DENIED","message":"no"}]})", challenge));
  EXPECT_EQ(e.text, "denied: no");
  EXPECT_FALSE(e.hasCode("UNAUTHORIZED"));
}

TEST(RegistryError, ChallengesWithoutAKnownErrorAreSkipped) {
  ImportError e = errorFromResponse(answer(
      401, R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})",
      {{"www-authenticate", R"(Basic realm="x")"}, {"www-authenticate", R"(Bearer realm="https://a/token",error="other")"}}));
  EXPECT_EQ(e.text, "unauthorized");
}

// ---------------------------------------------------------------------------------------------
// Other statuses
// ---------------------------------------------------------------------------------------------

TEST(RegistryError, ServerErrorsAreNotParsedNorRetried_UpstreamQuirk) {
  ImportError e = errorFromResponse(answer(500, R"({"errors":[{"code":"UNAVAILABLE"}]})"));
  EXPECT_EQ(e.text, "received unexpected HTTP status: 500 Internal Server Error");
  EXPECT_TRUE(e.entries.empty());
  EXPECT_EQ(e.retryAfterMs, 0u);
  EXPECT_EQ(errorFromResponse(answer(502, "")).text, "received unexpected HTTP status: 502 Bad Gateway");
  EXPECT_EQ(errorFromResponse(answer(503, R"({"details":"down"})")).text,
            "received unexpected HTTP status: 503 Service Unavailable");
  EXPECT_EQ(errorFromResponse(answer(503, "")).retryAfterMs, 0u);
  EXPECT_EQ(errorFromResponse(answer(504, "")).text, "received unexpected HTTP status: 504 Gateway Timeout");
  EXPECT_EQ(errorFromResponse(answer(599, "")).text, "received unexpected HTTP status: 599 ");
  EXPECT_EQ(errorFromResponse(answer(101, "")).text, "received unexpected HTTP status: 101 Switching Protocols");
}

TEST(RegistryError, StatusLinesUseGoReasonPhrases) {
  EXPECT_EQ(statusLine(200), "200 OK");
  EXPECT_EQ(statusLine(404), "404 Not Found");
  EXPECT_EQ(statusLine(418), "418 I'm a teapot");
  EXPECT_EQ(statusLine(429), "429 Too Many Requests");
  EXPECT_EQ(statusLine(505), "505 HTTP Version Not Supported");
}

TEST(RegistryError, CodeTextsAndMessages) {
  EXPECT_EQ(errorCodeText("MANIFEST_BLOB_UNKNOWN"), "manifest blob unknown");
  EXPECT_EQ(errorCodeText("TOOMANYREQUESTS"), "toomanyrequests");
  EXPECT_EQ(errorCodeMessage("DENIED"), "requested access to the resource is denied");
  EXPECT_EQ(errorCodeMessage("NAME_UNKNOWN"), "repository name not known to registry");
  EXPECT_EQ(errorCodeMessage("NOPE"), "unknown error");
}

// ---------------------------------------------------------------------------------------------
// Transport failures
// ---------------------------------------------------------------------------------------------

TEST(RegistryError, TimeoutsAreRetriedAfterOneSecond) {
  HttpResponse r;
  r.failure = TransportFailure::Timeout;
  ImportError e = errorFromTransport("GET", "https://quay.io/v2/org/app/manifests/1", r);
  EXPECT_EQ(e.text,
            "Get \"https://quay.io/v2/org/app/manifests/1\": context deadline exceeded (Client.Timeout exceeded "
            "while awaiting headers)");
  EXPECT_TRUE(e.timeout);
  EXPECT_EQ(e.retryAfterMs, 1000u);
}

TEST(RegistryError, NetworkFailuresAreNotRetried) {
  HttpResponse r;
  r.failure = TransportFailure::Network;
  r.failureText = "dial tcp 127.0.0.1:5000: connect: connection refused";
  ImportError e = errorFromTransport("HEAD", "http://127.0.0.1:5000/v2/x/blobs/sha256:ab", r);
  EXPECT_EQ(e.text, "Head \"http://127.0.0.1:5000/v2/x/blobs/sha256:ab\": dial tcp 127.0.0.1:5000: connect: connection refused");
  EXPECT_EQ(e.retryAfterMs, 0u);
  EXPECT_TRUE(e.entries.empty());

  r.failure = TransportFailure::Aborted;
  EXPECT_EQ(errorFromTransport("GET", "https://r/v2/", r).text, "Get \"https://r/v2/\": context canceled");
  r.failure = TransportFailure::BodyTooLarge;
  r.failureText = "manifest exceeds 4194304 bytes";
  EXPECT_EQ(errorFromTransport("GET", "https://r/v2/x/manifests/1", r).text,
            "Get \"https://r/v2/x/manifests/1\": manifest exceeds 4194304 bytes");
}

TEST(RegistryError, WrappedErrorsHideTheirCodes) {
  // A token endpoint refusing the credentials, seen through the manifest request it authorizes.
  ImportError token = errorFromResponse(answer(401, R"({"details":"incorrect username or password"})"));
  ImportError e = wrapRequestError("GET", "https://registry-1.docker.io/v2/library/busybox/manifests/latest", token);
  EXPECT_EQ(e.text,
            "Get \"https://registry-1.docker.io/v2/library/busybox/manifests/latest\": unauthorized: incorrect "
            "username or password");
  EXPECT_TRUE(e.entries.empty());
  EXPECT_EQ(e.retryAfterMs, 0u);

  HttpResponse r;
  r.failure = TransportFailure::Timeout;
  ImportError inner = errorFromTransport("GET", "https://auth/token", r);
  ImportError outer = wrapRequestError("GET", "https://r/v2/x/manifests/1", inner);
  EXPECT_EQ(outer.text,
            "Get \"https://r/v2/x/manifests/1\": Get \"https://auth/token\": context deadline exceeded "
            "(Client.Timeout exceeded while awaiting headers)");
  EXPECT_EQ(outer.retryAfterMs, 1000u);

  EXPECT_EQ(wrapRequestError("GET", "https://r/v2/x/manifests/1", plainError("no basic auth credentials")).text,
            "Get \"https://r/v2/x/manifests/1\": no basic auth credentials");
  EXPECT_EQ(methodOp("POST"), "Post");
  EXPECT_EQ(methodOp(""), "Get");
}

}  // namespace
}  // namespace isimport

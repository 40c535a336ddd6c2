// Per-image and per-repository statuses (docs/import.md §3.9, §3.10, §3.12, shapes of docs/answers.md §6), compared as the
// JSON the importer writes.
#include "import/import_status.h"

#include <gtest/gtest.h>

#include "json/codec.h"

namespace isimport {
namespace {

std::string json(const Status& s) { return encodeStatus(s); }

ImportError registryAnswer(int status, std::string body, HeaderList headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return errorFromResponse(r);
}

TEST(ImportStatus, Success) { EXPECT_EQ(json(successStatus()), R"({"metadata":{},"status":"Success"})"); }

// ---------------------------------------------------------------------------------------------
// docs/import.md §3.9 table, first match wins
// ---------------------------------------------------------------------------------------------

TEST(ImportStatus, ManifestUnknownIsNotFound) {
  ImportError e = registryAnswer(404, R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"9"}}]})");
  EXPECT_EQ(json(imageFetchFailure("quay.io/org/web:9", e)),
            R"({"metadata":{},"status":"Failure","message":"dockerimage.image.openshift.io \"quay.io/org/web:9\" not found",)"
            R"("reason":"NotFound","details":{"name":"quay.io/org/web:9","group":"image.openshift.io","kind":"dockerimage"},"code":404})");
}

TEST(ImportStatus, ManifestUnknownWinsOverUnauthorized) {
  ImportError e = registryAnswer(404, R"({"errors":[{"code":"UNAUTHORIZED"},{"code":"MANIFEST_UNKNOWN"}]})");
  EXPECT_EQ(imageFetchFailure("docker.io/library/x:latest", e).reason, "NotFound");
}

TEST(ImportStatus, UnauthorizedCode) {
  // Docker Hub's answer for a missing or private repository.
  ImportError e = registryAnswer(
      401, R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":[]}]})",
      {{"www-authenticate", R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",error="insufficient_scope")"}});
  EXPECT_EQ(json(imageFetchFailure("docker.io/library/nope:latest", e)),
            R"({"metadata":{},"status":"Failure","message":"you may not have access to the container image \"docker.io/library/nope:latest\"",)"
            R"("reason":"Unauthorized","code":401})");
}

TEST(ImportStatus, NoBasicAuthCredentialsSuffix) {
  ImportError e = wrapRequestError("GET", "https://r.example/v2/x/manifests/1", plainError("no basic auth credentials"));
  Status s = imageFetchFailure("r.example/x:1", e);
  EXPECT_EQ(s.reason, "Unauthorized");
  EXPECT_EQ(s.code, 401);
  EXPECT_EQ(s.message, R"(you may not have access to the container image "r.example/x:1")");
}

TEST(ImportStatus, IncorrectUsernameOrPasswordSuffix) {
  // The token endpoint's refusal, wrapped by the manifest request: the code is no longer visible,
  // the suffix decides.
  ImportError token = registryAnswer(401, R"({"details":"incorrect username or password"})");
  ImportError e = wrapRequestError("GET", "https://registry-1.docker.io/v2/library/busybox/manifests/latest", token);
  EXPECT_EQ(json(imageFetchFailure("docker.io/library/busybox:latest", e)),
            R"({"metadata":{},"status":"Failure","message":"incorrect username or password for image \"docker.io/library/busybox:latest\"",)"
            R"("reason":"Unauthorized","code":401})");
  // Unwrapped, the UNAUTHORIZED code comes first.
  EXPECT_EQ(imageFetchFailure("docker.io/library/busybox:latest", token).message,
            R"(you may not have access to the container image "docker.io/library/busybox:latest")");
}

TEST(ImportStatus, AnythingElseIsInternalErrorWithTheReference) {
  // B1 of docs/acceptance.md §5.4.
  EXPECT_EQ(json(imageFetchFailure("docker.io/library/test:latest", plainError("no such manifest tag"))),
            R"({"metadata":{},"status":"Failure","message":"Internal error occurred: docker.io/library/test:latest: no such manifest tag",)"
            R"("reason":"InternalError","details":{"causes":[{"message":"docker.io/library/test:latest: no such manifest tag"}]},"code":500})");
  // NAME_UNKNOWN on a manifest GET is not NotFound.
  ImportError nameUnknown = registryAnswer(404, R"({"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry","detail":{"name":"x"}}]})");
  Status s = imageFetchFailure("quay.io/o/x:1", nameUnknown);
  EXPECT_EQ(s.reason, "InternalError");
  EXPECT_EQ(s.message, "Internal error occurred: quay.io/o/x:1: name unknown: repository name not known to registry");
  // 5xx.
  EXPECT_EQ(imageFetchFailure("quay.io/o/x:1", registryAnswer(503, "")).message,
            "Internal error occurred: quay.io/o/x:1: received unexpected HTTP status: 503 Service Unavailable");
  // Denied alone is not Unauthorized.
  EXPECT_EQ(imageFetchFailure("quay.io/o/x:1", registryAnswer(403, R"({"errors":[{"code":"DENIED","message":"no"}]})")).reason,
            "InternalError");
}

TEST(ImportStatus, DigestReferences) {
  // B2 of docs/acceptance.md §5.4.
  const std::string ref = "docker.io/library/test@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  EXPECT_EQ(imageFetchFailure(ref, plainError("no such digest")).message, "Internal error occurred: " + ref + ": no such digest");
}

TEST(ImportStatus, BuildFailuresHaveNoReferencePrefix) {
  EXPECT_EQ(json(imageBuildFailure("unexpected end of JSON input")),
            R"({"metadata":{},"status":"Failure","message":"Internal error occurred: unexpected end of JSON input",)"
            R"("reason":"InternalError","details":{"causes":[{"message":"unexpected end of JSON input"}]},"code":500})");
}

// ---------------------------------------------------------------------------------------------
// Repository listing (docs/import.md §3.10 step 2) and aggregate (step 6)
// ---------------------------------------------------------------------------------------------

TEST(ImportStatus, RepositoryNameUnknownIsNotFoundWithTheReferenceAsWritten) {
  ImportError e = registryAnswer(404, R"({"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry","detail":{"name":"nope"}}]})");
  EXPECT_EQ(json(repositoryListFailure("nope", e)),
            R"({"metadata":{},"status":"Failure","message":"dockerimage.image.openshift.io \"nope\" not found",)"
            R"("reason":"NotFound","details":{"name":"nope","group":"image.openshift.io","kind":"dockerimage"},"code":404})");
}

TEST(ImportStatus, RepositoryUnauthorized) {
  ImportError e = registryAnswer(401, "");
  EXPECT_EQ(json(repositoryListFailure("quay.io/org/private", e)),
            R"({"metadata":{},"status":"Failure","message":"you may not have access to the container image \"quay.io/org/private\"",)"
            R"("reason":"Unauthorized","code":401})");
}

TEST(ImportStatus, RepositoryOtherFailuresHaveNoPrefix) {
  Status s = repositoryListFailure("quay.io/org/app", registryAnswer(500, ""));
  EXPECT_EQ(json(s), R"({"metadata":{},"status":"Failure","message":"Internal error occurred: received unexpected HTTP status: 500 Internal Server Error",)"
                     R"("reason":"InternalError","details":{"causes":[{"message":"received unexpected HTTP status: 500 Internal Server Error"}]},"code":500})");
  // Manifest-unknown and the credential suffixes are not special for a listing.
  EXPECT_EQ(repositoryListFailure("x", registryAnswer(404, R"({"errors":[{"code":"MANIFEST_UNKNOWN"}]})")).reason, "InternalError");
  EXPECT_EQ(repositoryListFailure("x", plainError("Get \"https://x/v2/\": no basic auth credentials")).reason, "InternalError");
}

TEST(ImportStatus, RepositoryAggregate) {
  EXPECT_EQ(json(repositoryAggregate(0)), R"({"metadata":{},"status":"Success"})");
  EXPECT_EQ(json(repositoryAggregate(1)),
            R"({"metadata":{},"status":"Failure","message":"one of the images from this repository failed to import","reason":"ImportFailed"})");
  EXPECT_EQ(json(repositoryAggregate(5)),
            R"({"metadata":{},"status":"Failure","message":"5 of the images from this repository failed to import","reason":"ImportFailed"})");
}

// ---------------------------------------------------------------------------------------------
// Other per-image statuses
// ---------------------------------------------------------------------------------------------

TEST(ImportStatus, BlockedRegistry) {
  EXPECT_EQ(json(blockedRegistryStatus("quay.io")),
            R"({"metadata":{},"status":"Failure","message":"forbidden: registry quay.io blocked","reason":"Forbidden","details":{},"code":403})");
  EXPECT_EQ(blockedRegistryStatus("").message, "forbidden: registry  blocked");
}

TEST(ImportStatus, InvalidName) {
  // B3 of docs/acceptance.md §5.4.
  EXPECT_EQ(json(invalidNameStatus("test///un/parse/able/image", "invalid reference format")),
            R"({"metadata":{},"status":"Failure","message":" \"\" is invalid: from.name: Invalid value: \"test///un/parse/able/image\": invalid name: invalid reference format",)"
            R"("reason":"Invalid","details":{"causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"test///un/parse/able/image\": invalid name: invalid reference format","field":"from.name"}]},"code":422})");
}

TEST(ImportStatus, UnknownErrorTexts) {
  EXPECT_EQ(unknownImportErrorText(false, "latest", "library/busybox", "Legacy"),
            R"(unknown error while importing tag "latest" from repository "library/busybox" with import mode "Legacy", please try again.)");
  EXPECT_EQ(unknownImportErrorText(true, "sha256:abc", "org/app", ""),
            R"(unknown error while importing digest "sha256:abc" from repository "org/app" with import mode "", please try again.)");
  EXPECT_EQ(imageBuildFailure(unknownImportErrorText(false, "1", "o/a", "Legacy")).message,
            R"(Internal error occurred: unknown error while importing tag "1" from repository "o/a" with import mode "Legacy", please try again.)");
}

// ---------------------------------------------------------------------------------------------
// docs/import.md §3.12
// ---------------------------------------------------------------------------------------------

TEST(ImportStatus, AnonymousRetryTrigger) {
  ImportError token = registryAnswer(401, R"({"details":"incorrect username or password"})");
  EXPECT_TRUE(triggersAnonymousRetry(imageFetchFailure("docker.io/library/x:latest", wrapRequestError("GET", "https://r/v2/", token))));
  Status upper;
  upper.reason = "Unauthorized";
  upper.message = "Invalid USERNAME OR PASSWORD given";
  EXPECT_TRUE(triggersAnonymousRetry(upper));
  EXPECT_FALSE(triggersAnonymousRetry(imageFetchFailure("docker.io/library/x:latest", registryAnswer(401, ""))));
  Status internal = imageFetchFailure("x", plainError("incorrect username or password here"));
  EXPECT_EQ(internal.reason, "InternalError");
  EXPECT_FALSE(triggersAnonymousRetry(internal));
}

}  // namespace
}  // namespace isimport

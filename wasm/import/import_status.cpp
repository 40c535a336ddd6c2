#include "import/import_status.h"

#include <cctype>

#include "go/go_text.h"
#include "validation/field_error.h"

namespace isimport {
namespace {

bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The ErrStatus of an apierrors constructor as the importer stores it: no kind/apiVersion.
Status bare(Status status) {
  status.kind.clear();
  status.apiVersion.clear();
  return status;
}

Status failure(std::string reason, int32_t code, std::string message) {
  Status s;
  s.status = "Failure";
  s.reason = std::move(reason);
  s.code = code;
  s.message = std::move(message);
  return s;
}

// apierrors.NewNotFound(image.Resource("dockerimage"), name).
Status notFound(const std::string& name) {
  Status s = failure("NotFound", 404, "dockerimage.image.openshift.io " + goQuote(name) + " not found");
  StatusDetails details;
  details.name = name;
  details.group = "image.openshift.io";
  details.kind = "dockerimage";
  s.details = std::move(details);
  return s;
}

// apierrors.NewUnauthorized(message).
Status unauthorized(std::string message) { return failure("Unauthorized", 401, std::move(message)); }

Status noAccess(const std::string& ref) {
  return unauthorized("you may not have access to the container image " + goQuote(ref));
}

}  // namespace

Status successStatus() {
  Status s;
  s.status = "Success";
  return s;
}

Status imageFetchFailure(const std::string& ref, const ImportError& error) {
  if (error.hasCode("MANIFEST_UNKNOWN")) return notFound(ref);
  if (error.hasCode("UNAUTHORIZED")) return noAccess(ref);
  if (endsWith(error.text, "no basic auth credentials")) return noAccess(ref);
  if (endsWith(error.text, "incorrect username or password")) {
    return unauthorized("incorrect username or password for image " + goQuote(ref));
  }
  return bare(internalErrorStatus(ref + ": " + error.text));
}

Status imageBuildFailure(const std::string& errorText) { return bare(internalErrorStatus(errorText)); }

Status repositoryListFailure(const std::string& refAsWritten, const ImportError& error) {
  if (error.hasCode("NAME_UNKNOWN")) return notFound(refAsWritten);
  if (error.hasCode("UNAUTHORIZED")) return noAccess(refAsWritten);
  return bare(internalErrorStatus(error.text));
}

Status repositoryAggregate(size_t failed) {
  if (failed == 0) return successStatus();
  Status s;
  s.status = "Failure";
  s.reason = "ImportFailed";
  s.message = failed == 1 ? std::string("one of the images from this repository failed to import")
                          : std::to_string(failed) + " of the images from this repository failed to import";
  return s;
}

Status blockedRegistryStatus(const std::string& registryAsWritten) {
  // apierrors.NewForbidden with an empty resource and name: details present but empty.
  Status s = failure("Forbidden", 403, "forbidden: registry " + registryAsWritten + " blocked");
  s.details = StatusDetails{};
  return s;
}

Status invalidNameStatus(const std::string& name, const std::string& parseError) {
  FieldError error = fieldInvalid(FieldPath("from").child("name"), BadValue::goString(name), "invalid name: " + parseError);
  return bare(invalidStatus("", "", "", ErrorList{error}));
}

std::string unknownImportErrorText(bool isDigest, std::string_view tagOrDigest, std::string_view repositoryPath,
                                   std::string_view importMode) {
  return std::string("unknown error while importing ") + (isDigest ? "digest " : "tag ") + goQuote(tagOrDigest) +
         " from repository " + goQuote(repositoryPath) + " with import mode " + goQuote(importMode) +
         ", please try again.";
}

bool triggersAnonymousRetry(const Status& status) {
  if (status.reason != "Unauthorized") return false;
  std::string message = status.message;
  for (char& c : message) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return message.find("username or password") != std::string::npos;
}

}  // namespace isimport

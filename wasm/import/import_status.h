// Per-image and per-repository statuses of an import (docs/import.md §3.9, §3.10, §3.12), shaped as the
// importer stores them: metav1.Status values without kind/apiVersion ({"metadata":{},…}).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "model/meta.h"
#include "registry/registry_error.h"

namespace isimport {

Status successStatus();  // {"metadata":{},"status":"Success"}

// A manifest or config fetch failure of reference `ref` (normalized, e.g. docker.io/library/x:1),
// classified as upstream's formatRepositoryError does, first match wins:
//   code MANIFEST_UNKNOWN visible        → NotFound 404 `dockerimage.image.openshift.io "R" not found`
//   code UNAUTHORIZED visible            → Unauthorized 401 `you may not have access to the container image "R"`
//   text ends "no basic auth credentials"  → the same Unauthorized
//   text ends "incorrect username or password" → Unauthorized 401 `incorrect username or password for image "R"`
//   anything else                        → InternalError 500 `Internal error occurred: R: <text>`
Status imageFetchFailure(const std::string& ref, const ImportError& error);

// A failure after the manifest was read (config JSON, integrity re-check …): InternalError without
// the reference prefix.
Status imageBuildFailure(const std::string& errorText);

// Tag listing failure of a repository import; `refAsWritten` as the spec entry wrote it (the
// parsed reference's exact form, not defaulted): NAME_UNKNOWN → NotFound, UNAUTHORIZED →
// Unauthorized, anything else InternalError `Internal error occurred: <text>` (no prefix).
Status repositoryListFailure(const std::string& refAsWritten, const ImportError& error);

// The aggregate of a repository import: Success, or Failure/ImportFailed (no code) with
// "one of the images from this repository failed to import" / "<n> of the images…".
Status repositoryAggregate(size_t failed);

// Forbidden per image for a blocked registry (`forbidden: registry <registry> blocked`, details
// {}); Invalid for an unparseable name (importer-direct; ` "" is invalid: from.name: …`).
Status blockedRegistryStatus(const std::string& registryAsWritten);
Status invalidNameStatus(const std::string& name, const std::string& parseError);

// The defensive "neither image nor error" text (an InternalError through imageBuildFailure):
// `unknown error while importing tag "<t>" from repository "<repo>" with import mode "<mode>",
// please try again.` (`digest "<d>"` when `isDigest`).
std::string unknownImportErrorText(bool isDigest, std::string_view tagOrDigest, std::string_view repositoryPath,
                                   std::string_view importMode);

// docs/import.md §3.12: whether this per-image status makes upstream re-run the whole import without
// credentials (reason Unauthorized and "username or password" in the message, any case).
bool triggersAnonymousRetry(const Status& status);

}  // namespace isimport

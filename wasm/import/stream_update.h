// `spec.import: true` (docs/import.md §3.14, §3.16, docs/validation.md §2.8): once the registry work is done, turn the per-image
// results into the ImageStream as it would be stored (`status.import`) and into the Image objects
// as they would be created — without writing anything anywhere.
//
// Behaviour follows openshift-apiserver's imagestreamimport REST Create (createImages,
// importSuccessful, setFailureCondition, ensureSpecTag), the image stream's internal storage
// strategy (PrepareForCreate / PrepareForUpdate, spec-tag generations, tagsChanged and tracking
// tags), the v1 defaulting round trip, and the Image creation path (signatures, manifest and config
// dropped; validation). Upstream keeps tags in Go maps; everything here walks them in ascending key
// order, so results are deterministic where upstream's map order is not.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/defaults.h"
#include "model/image_stream_import.h"

namespace isimport {

inline constexpr const char* kDockerRepositoryCheckAnnotation = "openshift.io/image.dockerRepositoryCheck";

struct StreamUpdateInput {
  // The stream as stored, if any, as decodeObject yields it (already v1-defaulted; it is not
  // defaulted again). Its kind/apiVersion are dropped in the answer, as upstream's nested object.
  // Empty name/namespace are taken from the ImageStreamImport; different ones are a 400.
  std::optional<ImageStream> current;
  int64_t nowUnix = 0;
  // The cluster registry host (e.g. image-registry.openshift-image-registry.svc:5000); "" =
  // unknown: a new stream's status.dockerImageRepository stays "" (its spec value), an existing
  // stream keeps the one it was given.
  std::string internalRegistryHost;
  std::string defaultImportMode = kDefaultImportMode;
  // Image names (digests) already stored in the cluster: creating them answers AlreadyExists,
  // which upstream tolerates by keeping its local object (no creationTimestamp).
  std::set<std::string> existingImages;
};

// One Image create call, in the order upstream makes them (each name at most once per request).
struct ImageWrite {
  std::string name;
  bool alreadyExists = false;
};

struct StreamUpdateResult {
  std::optional<ImageStream> stream;  // status.import (also stored into isi.status.import)
  std::optional<Status> failure;      // the request's whole answer when a write fails (422 …)
  bool created = false;               // a new stream is created
  bool written = false;               // false when nothing changed: the stored stream is returned as is
  std::vector<ImageWrite> imageWrites;
};

// For spec.import == true: updates `isi` in place — every Image of an entry that touched the
// stream is replaced by the Image as created (signatures, dockerImageManifest, dockerImageConfig
// removed; creationTimestamp = now unless it already existed; uid/resourceVersion left empty),
// then the preview stripping of docs/import.md §3.13 applies (entries without `to` keep their manifest when
// includeManifest is set, sub-manifests are never stripped) — and sets isi.status.import unless a
// write fails. The new stream gets name/namespace from the ISI, creationTimestamp = now,
// generation 1, an empty uid and resourceVersion. An updated stream keeps the resourceVersion it
// was given. With spec.import == false nothing is done and an empty result is returned.
StreamUpdateResult applyImport(ImageStreamImport& isi, const StreamUpdateInput& input);

// Step 7 of docs/validation.md §2.1, to run before importing (for import true or false): a missing stream while the
// ISI names a resourceVersion or uid → 404; a resourceVersion that differs → 409; a uid that
// differs → 404. nullopt when the import may proceed.
std::optional<Status> checkImportTarget(const ImageStreamImport& isi, const std::optional<ImageStream>& current);

}  // namespace isimport

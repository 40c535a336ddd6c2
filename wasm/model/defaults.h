// v1 defaulting applied while the apiserver decodes a request (docs/model.md §1.19), before validation.
#pragma once

#include <optional>
#include <vector>

#include "model/image_stream_import.h"
#include "model/reference.h"

namespace isimport {

// The cluster's import mode for entries that name none, as a cluster configures it by default
// (importPreview()'s `defaultImportMode`).
inline constexpr const char* kDefaultImportMode = "Legacy";

// What defaulting learnt of each spec.images[i].from.name it parsed (those without a `to`): the
// parse's verdict, or nullopt for a name it did not parse. Validation reads it instead of parsing
// those names again (each reference is parsed once per request).
using CheckedFromNames = std::vector<std::optional<ReferenceError>>;

// `to` from the tag of `from.name`, empty import modes → the configured default, empty reference
// policy types → Source; in spec.images, spec.repository and status.import's spec tags. With
// `checked`, the verdicts of the names it parsed are noted there.
void applyDefaults(ImageStreamImport& isi, const std::string& defaultImportMode, CheckedFromNames* checked = nullptr);

// Empty import modes and reference policy types of every spec tag.
void applyDefaults(ImageStream& stream, const std::string& defaultImportMode);

}  // namespace isimport

// v1 defaulting applied while the apiserver decodes a request (docs/model.md §1.19), before validation.
#pragma once

#include "model/image_stream_import.h"

namespace isimport {

// The cluster's import mode for entries that name none, as a cluster configures it by default
// (importPreview()'s `defaultImportMode`).
inline constexpr const char* kDefaultImportMode = "Legacy";

// `to` from the tag of `from.name`, empty import modes → the configured default, empty reference
// policy types → Source; in spec.images, spec.repository and status.import's spec tags.
void applyDefaults(ImageStreamImport& isi, const std::string& defaultImportMode);

// Empty import modes and reference policy types of every spec tag.
void applyDefaults(ImageStream& stream, const std::string& defaultImportMode);

}  // namespace isimport

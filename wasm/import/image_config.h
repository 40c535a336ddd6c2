// Docker image configuration JSON — a schema 2 / OCI config blob, or the v1Compatibility text of a
// schema 1 history entry — read into DockerImage metadata with the Go types upstream decodes it
// into, so that type errors read exactly as upstream's.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "model/image.h"

namespace isimport {

struct ConfigRead {
  DockerImage image;  // kind/apiVersion/Size as the model defaults them; Size from the JSON `size`
  std::string error;  // Go's error text ("" when read)
};

// The importer's first read of a config blob or of history[0].v1Compatibility
// (dockerpre012.DockerImage; `created` as metav1.Time). Its error fails the image.
ConfigRead readPre012Image(std::string_view text);

// A schema 2 / OCI config blob as the metadata step reads it (docker10.DockerImageConfig;
// `created` as time.Time, plus rootfs/history/os fields that are checked but not kept).
ConfigRead readImageConfig(std::string_view text);

// A schema 1 v1Compatibility text as the metadata step reads it (docker10.DockerV1CompatibilityImage).
ConfigRead readV1Compatibility(std::string_view text);

// The layer size a schema 1 history entry declares (`size`, any letter case); 0 when the text is
// not JSON or the value is not an int64, as upstream ignores that error.
int64_t v1CompatibilityLayerSize(std::string_view text);

}  // namespace isimport

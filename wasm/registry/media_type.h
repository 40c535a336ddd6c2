// A Content-Type header read as Go's mime.ParseMediaType reads it, which is how the registry client
// picks a manifest's parser (manifest.h): the media type lower-cased and trimmed, parameters checked
// but not kept, and mime's own error texts.
#pragma once

#include <string>
#include <string_view>

namespace isimport {

struct MediaTypeParse {
  std::string type;   // e.g. "application/vnd.docker.distribution.manifest.v2+json"
  std::string error;  // e.g. "mime: expected slash after first token"; "" when read
};

MediaTypeParse parseMediaType(std::string_view header);

}  // namespace isimport

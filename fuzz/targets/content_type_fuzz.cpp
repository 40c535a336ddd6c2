// Content-Type header values as Go's mime.ParseMediaType reads them: a media type lower-cased and
// trimmed, or mime's error.
#include "fuzz_support.h"
#include "registry/media_type.h"

using namespace isimport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  MediaTypeParse parsed = parseMediaType(std::string_view(reinterpret_cast<const char*>(data), size));
  if (parsed.error.empty()) {
    fuzz::check(!parsed.type.empty(), "a media type or an error");
    for (char c : parsed.type) fuzz::check(!(c >= 'A' && c <= 'Z') && c != ' ', "media types are lower-cased and trimmed", parsed.type);
  }
  return 0;
}

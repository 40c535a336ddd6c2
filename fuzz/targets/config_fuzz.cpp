// Image configuration JSON (a config blob, a schema 1 v1Compatibility entry) read with the Go types
// upstream decodes it into: metadata or Go's error text, and metadata encodes as JSON.
#include "fuzz_support.h"
#include "import/image_config.h"
#include "json/typed_encoder.h"

using namespace isimport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (ConfigRead (*read)(std::string_view) : {readPre012Image, readImageConfig, readV1Compatibility}) {
    ConfigRead r = read(text);
    if (r.error.empty()) fuzz::mustBeJson(toJson(r.image), "the metadata read");
  }
  (void)v1CompatibilityLayerSize(text);
  return 0;
}

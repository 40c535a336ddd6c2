// Manifest bodies as the importer reads them, the parser chosen by the Content-Type (each known
// type, a broken one, or the fuzzer's own): schema 2, OCI manifests, lists and indexes, schema 1
// with its JWS signatures and canonical payload. What parses has the bytes its digest is taken over.
#include "fuzz_support.h"
#include "registry/manifest.h"

using namespace isimport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::Input in(data, size);
  static constexpr std::string_view kTypes[] = {
      media::kSchema2, media::kOciManifest, media::kDockerList, media::kOciIndex, media::kSchema1Signed,
      media::kSchema1, "application/json", "", "text/plain; charset=utf-8",
  };
  size_t choice = in.choose(std::size(kTypes) + 1);
  std::string_view contentType = choice < std::size(kTypes) ? kTypes[choice] : in.string(80);
  std::string_view body = in.rest();
  ManifestParse parsed = parseManifest(contentType, body);
  fuzz::check(parsed.manifest.has_value() == parsed.error.empty(), "a manifest or upstream's error", parsed.error);
  if (parsed.manifest) {
    const Manifest& m = *parsed.manifest;
    fuzz::check(!payloadMediaType(m).empty(), "a parsed manifest has a media type");
    if (m.kind != ManifestKind::Schema1) fuzz::check(m.canonical == body, "the digest is taken over the body as sent");
    else fuzz::check(m.canonical.size() <= body.size(), "the canonical payload is part of the body");
  }
  return 0;
}

// Digests as references carry them and as the importer checks bodies against them: validation
// with upstream's errors, and computing a digest with the algorithm a digest names.
#include "fuzz_support.h"
#include "model/reference.h"
#include "registry/digest.h"

using namespace isimport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::Input in(data, size);
  std::string_view digest = in.string(200);
  std::string_view bytes = in.rest();
  (void)validateDigest(digest);
  (void)validateOciDigest(digest);
  (void)matchesDigestGrammar(digest);
  if (std::optional<std::string> computed = digestWithAlgorithmOf(digest, bytes)) {
    std::string_view algorithm = digest.substr(0, digest.find(':'));
    fuzz::check(computed->rfind(std::string(algorithm) + ":", 0) == 0, "a digest is computed with the algorithm asked for", *computed);
    fuzz::check(validateDigest(*computed) == DigestError::None, "a computed digest is a valid digest", *computed);
  }
  std::string sha = sha256Digest(bytes);
  fuzz::check(sha.size() == 71 && validateDigest(sha) == DigestError::None, "sha256:<64 hex>", sha);
  return 0;
}

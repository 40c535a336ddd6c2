// docker config.json / pull-secret text read into the credential keyring: Go's errors, an empty
// keyring when it fails, keys in lookup order, lookups of a few images never failing.
#include "fuzz_support.h"
#include "registry/credentials.h"

using namespace isimport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::Input in(data, size);
  std::string_view image = in.string(100);
  std::string error;
  Keyring keyring = Keyring::fromDockerConfig(in.rest(), error);
  if (!error.empty()) fuzz::check(keyring.empty(), "a config that fails to read gives no credentials", error);
  std::vector<std::string> keys = keyring.keys();
  for (size_t i = 1; i < keys.size(); ++i) fuzz::check(keys[i - 1] >= keys[i], "keys in reverse-lexicographic order", keys[i]);
  const std::string byDigest = "quay.io/org/app@sha256:" + std::string(64, 'a');
  for (std::string_view ref : {std::string_view("docker.io/library/nginx:latest"), std::string_view(byDigest), image}) {
    std::optional<BasicCredentials> found = keyring.lookup(ref);
    std::vector<BasicCredentials> all = keyring.lookupAll(ref);
    fuzz::check(found.has_value() == !all.empty(), "lookup is the first of lookupAll");
  }
  return 0;
}

// A token service's answer as Distribution's token flow reads it: a token or upstream's error,
// never both, and an expiry of at least 60 seconds.
#include "fuzz_support.h"
#include "registry/auth_challenge.h"

using namespace isimport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  TokenAnswer answer = parseTokenAnswer(std::string_view(reinterpret_cast<const char*>(data), size));
  fuzz::check(answer.error.empty() != answer.token.empty(), "a token or an error", answer.error);
  fuzz::check(answer.expiresInSeconds >= 60, "tokens live at least 60 s");
  return 0;
}

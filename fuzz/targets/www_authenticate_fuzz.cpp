// WWW-Authenticate header values as Distribution's challenge parser reads them (one value per line
// of the input): schemes and parameter names come out lower-cased, values as written or unquoted.
#include <vector>

#include "fuzz_support.h"
#include "registry/auth_challenge.h"

using namespace isimport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> values;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    values.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  for (const AuthChallenge& challenge : parseChallenges(values)) {
    fuzz::check(!challenge.scheme.empty(), "a challenge has a scheme");
    for (char c : challenge.scheme) fuzz::check(!(c >= 'A' && c <= 'Z'), "schemes are lower-cased", challenge.scheme);
    for (const auto& [name, value] : challenge.params) {
      for (char c : name) fuzz::check(!(c >= 'A' && c <= 'Z'), "parameter names are lower-cased", name);
    }
  }
  HttpResponse response;
  response.status = 401;
  for (std::string_view v : values) response.headers.emplace_back("www-authenticate", std::string(v));
  (void)challengesOf(response);
  return 0;
}

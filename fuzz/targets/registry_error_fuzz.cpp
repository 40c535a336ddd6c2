// Error answers of registries (status, Content-Type, challenge, body from the fuzzer) and transport
// failures turned into upstream's error values: always a text, retries only after a positive delay.
#include "fuzz_support.h"
#include "registry/registry_error.h"

using namespace isimport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::Input in(data, size);
  static constexpr int kStatus[] = {400, 401, 403, 404, 405, 409, 413, 429, 500, 502, 503, 504, 418, 599, 0, 100, 302};
  HttpResponse response;
  response.status = kStatus[in.choose(std::size(kStatus))];
  if (in.byte() & 1) response.headers.emplace_back("content-type", std::string(in.string(60)));
  if (in.byte() & 1) response.headers.emplace_back("www-authenticate", std::string(in.string(120)));
  if (in.byte() & 1) response.headers.emplace_back("retry-after", std::string(in.string(20)));
  response.finalUrl = "https://registry.example/v2/team/app/manifests/latest";
  response.body = std::string(in.rest());
  ImportError error = errorFromResponse(response);
  fuzz::check(!error.text.empty(), "an error has a text");
  for (const RegistryErrorEntry& entry : error.entries) fuzz::check(!entry.code.empty(), "an error entry has a code");
  response.failure = static_cast<TransportFailure>(1 + (size % 4));
  response.failureText = response.body.substr(0, 40);
  ImportError transport = errorFromTransport("GET", response.finalUrl, response);
  fuzz::check(!transport.text.empty(), "a transport failure has a text");
  (void)wrapRequestError("GET", response.finalUrl, error);
  (void)statusLine(response.status);
  return 0;
}

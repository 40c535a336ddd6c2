// The sans-IO boundary of the import engine: the core hands out HttpRequests and is fed
// HttpResponses. Only the JavaScript driver (or a test) performs them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace isimport {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// A registry request's deadline when nobody sets one (importPreview()'s `requestTimeout` default;
// docs/options.md): Go's http.Client in the importer has 30 s.
inline constexpr uint32_t kDefaultRequestTimeoutMs = 30000;

struct HttpRequest {
  uint32_t id = 0;
  std::string method = "GET";  // GET | HEAD
  std::string url;
  HeaderList headers;          // sent as given, in order (Accept may repeat)
  uint64_t maxBodyBytes = 0;   // the driver stops reading past this and reports bodyTooLarge
  uint64_t maxErrorBodyBytes = 1 << 20;  // the same, for answers outside 2xx/3xx (error bodies)
  uint32_t delayMs = 0;        // wait this long before sending (retries)
  uint32_t timeoutMs = kDefaultRequestTimeoutMs;  // per-request deadline
};

// How a request ended when no HTTP answer was read.
enum class TransportFailure : uint8_t {
  None,
  Network,       // connection refused, DNS, TLS, CORS …
  Timeout,       // the per-request deadline passed
  Aborted,       // the caller cancelled the import
  BodyTooLarge,  // the body exceeded maxBodyBytes; status and headers are still filled
};

struct HttpResponse {
  uint32_t id = 0;
  int status = 0;
  std::string finalUrl;        // after redirects ("" = the request URL)
  HeaderList headers;          // names lower-cased by the driver
  std::string body;            // exact bytes
  TransportFailure failure = TransportFailure::None;
  std::string failureText;     // the driver's description of a transport failure
  // When the answer arrived, in ms since the import started, on the driver's monotonic clock (0 =
  // unknown). The core has no clock of its own; this is how it knows a token has expired.
  uint64_t elapsedMs = 0;

  // First value of a header (name lower-case), or empty.
  std::string_view header(std::string_view lowerName) const {
    for (const auto& [k, v] : headers)
      if (k == lowerName) return v;
    return {};
  }
};

}  // namespace isimport

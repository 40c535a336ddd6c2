// Errors of the registry protocol as values (docs/import.md §3.4 steps 7–8, §3.9): the Distribution error
// codes an answer carried, the text upstream would print, and whether upstream would retry.
//
// Upstream (Distribution's registry client, vendored by openshift-apiserver) turns an error answer
// into one of: a list of Distribution errors (errcode.Errors: always for a {"errors":[…]} body and
// whenever a Bearer challenge error was merged in), a single Distribution error (legacy
// {"details":…} bodies, an unreadable 401), an "error parsing HTTP …" value, or "received
// unexpected HTTP status: …". The importer then classifies by the codes it can see (only when the
// error is not wrapped) and by the text's suffix; the retry wrapper retries only single values with
// UNAVAILABLE/TOOMANYREQUESTS, unparseable 429 bodies and transport timeouts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "registry/http_exchange.h"

namespace isimport {

struct RegistryErrorEntry {
  std::string code;     // "MANIFEST_UNKNOWN", "UNAUTHORIZED", "DENIED", "TOOMANYREQUESTS", "UNKNOWN" …
                        // (a code upstream does not know reads "UNKNOWN", as errcode does)
  std::string message;  // as sent (may be empty)
  std::string detail;   // the detail JSON text, if any
};

struct ImportError {
  std::string text;                         // the full error text upstream would print
  std::vector<RegistryErrorEntry> entries;  // Distribution errors the importer can see (may be empty)
  bool singleValue = false;                 // one error value (not a list): eligible for code-based retry
  bool timeout = false;                     // a transport timeout (Go net.Error.Timeout())
  uint32_t retryAfterMs = 0;                // > 0 when upstream would retry this (docs/import.md §3.4 step 8)

  bool hasCode(std::string_view code) const;
};

// An HTTP answer that is not a success (status outside 200–399) turned into upstream's error
// value (HandleErrorResponse). A body cut at the driver's cap (TransportFailure::BodyTooLarge) is
// reported as unparseable: `error parsing HTTP <code> response body: <failureText or "response
// body too large">`.
ImportError errorFromResponse(const HttpResponse& response);

// A transport failure (no HTTP answer), worded like Go's url.Error: `Get "<url>": <cause>`, where
// the cause is the driver's failureText (network failures, caps) or Go's own words for a timeout
// (`context deadline exceeded (Client.Timeout exceeded while awaiting headers)`) and an abort
// (`context canceled`). Timeouts are retried after 1 s.
ImportError errorFromTransport(std::string_view method, std::string_view url, const HttpResponse& response);

// An error raised while the HTTP client was sending a request (e.g. a token fetch or a missing
// Basic credential inside the authorizing transport), wrapped as Go's http.Client wraps it:
// `<Method> "<url>": <cause text>`. Distribution codes of the cause become invisible to the
// importer (it does not unwrap), and only a wrapped timeout stays retryable.
ImportError wrapRequestError(std::string_view method, std::string_view url, const ImportError& cause);

// A plain error with upstream's text and no registry codes.
ImportError plainError(std::string text);

// Go's resp.Status for a status code: "500 Internal Server Error" (net/http's reason phrases;
// "<code> " for codes Go has no phrase for, as an HTTP/2 answer reads).
std::string statusLine(int status);

// Go's url.Error operation word for an HTTP method: "Get", "Head", "Post".
std::string methodOp(std::string_view method);

// The text of a Distribution error code as errcode prints it: "MANIFEST_UNKNOWN" → "manifest unknown".
std::string errorCodeText(std::string_view code);
// The code's default message ("manifest unknown", "authentication required" …); UNKNOWN's for
// codes upstream does not know.
std::string errorCodeMessage(std::string_view code);

}  // namespace isimport

// The messages of one import between ImportSession and the JavaScript driver
// (web/lib/import-driver.js), declared as field lists like the model: the session's state after
// start() and feed(), each request in it, and how a request ended (what the driver feeds back).
// The progress and the notices are the importer's own structs (importer.h). The encoder writes them; the driver's types are generated from them
// (web/lib/boundary.d.ts); docs/boundary.md tells the protocol.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "import/importer.h"  // ImportProgress, ImportNotice: the importer's own, declared there
#include "model/fields.h"
#include "model/meta.h"

namespace isimport {

// A request the core decided, headers and all: [[name, value]…] in the order to send them; its
// caps in bytes, its delay (a retry's) and its deadline in ms.
struct SessionRequest {
  static constexpr const char* kGoType = "isimport.SessionRequest";
  int64_t id = 0;
  std::string method, url;
  std::vector<std::vector<std::string>> headers;
  int64_t maxBodyBytes = 0, maxErrorBodyBytes = 0, delayMs = 0, timeoutMs = 0;
};
ISIMPORT_FIELDS(SessionRequest) {
  v.field("id", o.id, kAlways);
  v.field("method", o.method, kAlways);
  v.field("url", o.url, kAlways);
  v.field("headers", o.headers, kAlways);
  v.field("maxBodyBytes", o.maxBodyBytes, kAlways);
  v.field("maxErrorBodyBytes", o.maxErrorBodyBytes, kAlways);
  v.field("delayMs", o.delayMs, kAlways);
  v.field("timeoutMs", o.timeoutMs, kAlways);
}

// What start() and feed() answer: the requests to send now and the progress; or the end before
// any request, with the Status of a refused spec or the usage error of bad options.
struct SessionState {
  static constexpr const char* kGoType = "isimport.SessionState";
  bool done = false;
  std::vector<SessionRequest> requests;
  std::optional<ImportProgress> progress;
  std::optional<Status> status;
  std::string usageError;
};
ISIMPORT_FIELDS(SessionState) {
  v.field("done", o.done, kAlways);
  v.field("requests", o.requests, kOmitEmpty);
  v.field("progress", o.progress, kOmitEmpty);
  v.field("status", o.status, kOmitEmpty);
  v.field("usageError", o.usageError, kOmitEmpty);
}

inline constexpr const char* kRequestEndings[] = {"none", "network", "timeout", "aborted", "tooLarge"};

// How a request ended, as the driver feeds it back with the body: its id, the HTTP status, the URL
// the answer came from after redirects, the headers, when it arrived (ms since the import began),
// and a failure below HTTP with its cause in Go's words. Read as encoding/json would (keys in any
// case; unknown ones dropped).
struct ResponseMeta {
  static constexpr const char* kGoType = "isimport.ResponseMeta";
  static constexpr bool kLooseKeys = true;
  int64_t id = 0, status = 0;
  std::string url;
  std::vector<std::vector<std::string>> headers;
  int64_t elapsedMs = 0;
  std::string failure = "none";
  std::string failureText;
};
ISIMPORT_FIELDS(ResponseMeta) {
  v.field("id", o.id, kAlways);
  v.field("status", o.status, kAlways);
  v.field("url", o.url, kOmitEmpty);
  v.field("headers", o.headers, kAlways);
  v.field("elapsedMs", o.elapsedMs, kAlways);
  v.field("failure", o.failure, kAlways, kRequestEndings);
  v.field("failureText", o.failureText, kOmitEmpty);
}

}  // namespace isimport

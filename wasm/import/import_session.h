// One import as JavaScript drives it, in JSON text: the options and spec in, requests out,
// responses in, the answer out. This is what the embind class wraps (one crossing per call).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace isimport {

class Importer;

class ImportSession {
 public:
  // `specText`: the ImageStreamImport (JSON). `optionsJson`: {"fieldValidation", "namespace",
  // "credentials": docker config.json (object or text), "currentImageStream": ImageStream (object
  // or text), "now": RFC 3339 text (the request time; the core has no clock, so give it),
  // "platform": "os/arch[/variant]" (the control plane's, for Legacy list selection),
  // "defaultImportMode", "maxTagsPerRepository", "requestTimeoutMs"} — all optional. As the API
  // server does, the answer carries creationTimestamp = now and a new uid (derived from the spec
  // text and the time, so answers are reproducible; upstream's is random).
  ImportSession(std::string specText, std::string optionsJson);
  ~ImportSession();

  // {"done": bool, "requests": [request…], "progress": {...}} — or, when the spec is invalid or
  // the options are bad, {"done": true, "status": Status} / {"done": true, "usageError": text}.
  // request = {"id", "method", "url", "headers": [[name, value]…], "maxBodyBytes", "delayMs",
  // "timeoutMs"}.
  std::string start();

  // `metaJson` = {"id", "status", "url", "elapsedMs" (arrival, ms since the import began), "headers": [[lower-case name, value]…],
  // "failure": "none"|"network"|"timeout"|"aborted"|"tooLarge", "failureText"}; `body` the exact
  // bytes. Answers like start().
  std::string feed(std::string_view metaJson, std::string body);

  // The final answer: the ImageStreamImport with status (or the failure Status), as JSON.
  std::string result() const;

  // What a person should be told that the answer does not say (importer.h ImportNotice):
  // [{"field", "message"}…], once the import is done.
  std::string notices() const;

 private:
  std::string state();

  std::string specText_, optionsJson_;
  std::unique_ptr<Importer> importer_;
  std::string finalAnswer_;  // set when the session ends without an importer (invalid spec …)
  bool finishedEarly_ = false;
};

}  // namespace isimport

// One import as JavaScript drives it, in JSON text: the options and spec in, requests out,
// responses in, the answer out. This is what the embind class wraps (one crossing per call).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "model/meta.h"

namespace isimport {

class Importer;

class ImportSession {
 public:
  // `specText`: the ImageStreamImport (JSON). `optionsJson`: importPreview()'s options as
  // boundary/options.h declares them (ImportOptions, read strictly); "now" should be given, since
  // the core has no clock. As the API server does, the answer carries creationTimestamp = now and
  // a new uid (derived from the spec text and the time, so answers are reproducible; upstream's
  // is random).
  ImportSession(std::string specText, std::string optionsJson);
  ~ImportSession();

  // A SessionState (session_messages.h): the requests to send and the progress; or, when the spec
  // is invalid or the options are bad, the end with the Status or the usage error.
  std::string start();

  // `metaJson`: a ResponseMeta (session_messages.h), how one request ended; `body` its exact
  // bytes. Answers like start().
  std::string feed(std::string_view metaJson, std::string body);

  // The final answer: the ImageStreamImport with status (or the failure Status), as JSON.
  std::string result() const;

  // What a person should be told that the answer does not say, once the import is done: an array
  // of ImportNotice (importer.h).
  std::string notices() const;

 private:
  std::string state();

  std::string specText_, optionsJson_;
  std::unique_ptr<Importer> importer_;
  std::optional<Status> refusal_;  // set when the session ends without an importer (invalid spec …)
};

}  // namespace isimport

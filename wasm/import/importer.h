// The import engine (docs/import.md §3): takes a validated, defaulted ImageStreamImport and the
// cluster settings, hands out HTTP requests, is fed their responses in any order, and ends with the
// ImageStreamImport the API server would answer. No I/O, clock or threads: time is an input.
//
// Theory of operation, for one request (docs/import.md §3.1).
//
// Passes. The whole request runs once with the keyring's credentials. When a spec.images entry ends
// Unauthorized with "username or password" in its message (the registry's "incorrect username or
// password"), upstream runs the whole request again without credentials (docs/import.md §3.12), on
// fresh registry clients (new pings, no tokens, nothing cached), and every entry the second run
// leaves Unauthorized gets its first status back (the status only). The passes run one after the
// other; the last one answers.
//
// Phases of a pass. Entries resolving to one registry repository share its client (ping, token,
// each manifest and config fetched once).
//   1. Spec images. The spec.images entries become imports, one per repository, tag or digest,
//      platform and mode, all issued at once, and with them spec.repository's tag listing. Entries
//      refused before any request (another kind, a bad name or digest) take their status at once.
//      The phase waits for every import and for the tag list, in whatever order they end.
//   2. Repository tags. Upstream imports spec.images first and only then the listed tags: they
//      are prioritized and capped (maxTagsPerRepository), tags beyond the cap that phase 1 fetched
//      are taken over, and the rest are imported, all at once. Skipped without a tag list.
//   3. Finished. The repository's status sums up its tags, and the pass tells the importer.
// The driver sends what was issued, as many at a time as it likes, and answers in any order; the
// phases count what has ended, so the order changes neither the answer nor the requests made.
//
// The states, each row: what it waits for, the event that moves it on, the next state.
//   Importer (Importer::passFinished)
//     CredentialedPass  its pass              pass finished   AnonymousPass if an entry asks for
//                                                             it, else Answered
//     AnonymousPass     its pass              pass finished   Answered, first statuses put back
//     Answered          nothing               —               —
//   Pass (Importer::Pass::step, importer.cpp)
//     Created           start()               start()         SpecImages, issuing imports and listing
//     SpecImages        N spec.images         the last ends   RepositoryTags if tags were listed,
//                       imports, the tag list                 else Finished
//     RepositoryTags    M tag imports         the last ends   Finished, the repository's status summed
//     Finished          nothing               —               — (the importer has been told)
// Run to completion: an import may end inside the call that issues it (a manifest the pass already
// fetched, a taken-over tag). Such an ending only counts down; the state moves on once the
// transition in progress has issued all its work, so no phase ends before it has started it all.
//
// The answer (Importer::answer): the last pass's statuses become status.images and
// status.repository; with import=true the stream update follows and may refuse the write
// (failure()); otherwise raw manifests and configs go unless includeManifest asks for them
// (docs/import.md §3.13).
//
// Ending. The core keeps no clock: every request carries its timeoutMs and the driver answers each
// one, with a response or a failure (timeout, aborted, network, too large). A timeout is retried
// where upstream retries (the request's delayMs); otherwise a failure becomes the status of the
// images that needed it ("context deadline exceeded", "context canceled"). Cancelling the import,
// or its overall deadline, makes the driver answer all that is outstanding or still to come that
// way, so every wait above is met and the import ends through the same states, with those
// statuses. A driver that gives up instead drops the Importer; pending continuations die unrun.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "import/repository_fetcher.h"
#include "model/defaults.h"
#include "model/image_stream_import.h"
#include "registry/credentials.h"
#include "registry/transport.h"

namespace isimport {

// The most tags a repository import takes when nobody says (the cluster's default limit,
// importPreview()'s `maxTagsPerRepository`).
inline constexpr int kDefaultMaxTagsPerRepository = 50;

struct ImportSettings {
  PlatformPreference controlPlane = *parsePlatform(kDefaultControlPlane);
  int maxTagsPerRepository = kDefaultMaxTagsPerRepository;  // -1: unlimited; 0: no listing (upstream quirk)
  int64_t nowUnix = 0;
  Keyring keyring;
  std::optional<ImageStream> current;  // the stream as stored, if the caller has one
  uint32_t requestTimeoutMs = kDefaultRequestTimeoutMs;
  FetchLimits limits;
  std::string defaultImportMode = kDefaultImportMode;
};

// Something a person should be told about an import that the answer does not say (upstream keeps
// silent): `field` names the spec entry (spec.images[0], spec.repository tag 1.2).
struct ImportNotice {
  static constexpr const char* kGoType = "isimport.ImportNotice";
  std::string field, message;
};
ISIMPORT_FIELDS(ImportNotice) {
  v.field("field", o.field, kAlways);
  v.field("message", o.message, kAlways);
}

// Counts of the import so far (importPreview()'s onProgress, through the session).
struct ImportProgress {
  static constexpr const char* kGoType = "isimport.ImportProgress";
  size_t requestsDone = 0, requestsKnown = 0, imagesDone = 0, imagesTotal = 0;
};
ISIMPORT_FIELDS(ImportProgress) {
  v.field("requestsDone", o.requestsDone, kAlways);
  v.field("requestsKnown", o.requestsKnown, kAlways);
  v.field("imagesDone", o.imagesDone, kAlways);
  v.field("imagesTotal", o.imagesTotal, kAlways);
}

class Importer {
 public:
  Importer(ImageStreamImport request, ImportSettings settings);
  ~Importer();

  std::vector<HttpRequest> takeRequests();
  // Routes a response; false for an id that is not outstanding.
  bool feed(const HttpResponse& response);
  bool done() const;
  ImportProgress progress() const;

  // The answer once done(): the ImageStreamImport with status, or the request's failure Status
  // (an import=true write that would be refused).
  const ImageStreamImport& result() const { return request_; }
  const std::optional<Status>& failure() const { return failure_; }
  // In the order they arose, each once (the anonymous second run repeats the first one's).
  const std::vector<ImportNotice>& notices() const { return notices_; }

 private:
  class Pass;
  // The importer's states (the table above): which pass runs, or that the answer is ready.
  enum class Stage { CredentialedPass, AnonymousPass, Answered };
  void passFinished();
  void answer(Pass& last);
  const Pass& running() const;
  void notice(std::string field, const std::string& message);

  ImageStreamImport request_;
  ImportSettings settings_;
  Transport transport_;
  Stage stage_ = Stage::CredentialedPass;
  std::unique_ptr<Pass> credentialed_, anonymous_;
  size_t imagesTotal_ = 0;  // the last pass's, kept for progress() once the answer took its statuses
  std::optional<Status> failure_;
  std::vector<ImportNotice> notices_;
};

}  // namespace isimport

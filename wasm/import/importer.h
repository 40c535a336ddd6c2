// The import engine (docs/import.md §3): takes a validated, defaulted ImageStreamImport and the cluster
// settings, hands out HTTP requests, is fed their responses in any order, and ends with the
// ImageStreamImport the API server would answer. No I/O, clock or threads: time is an input.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "import/repository_fetcher.h"
#include "model/image_stream_import.h"
#include "registry/credentials.h"
#include "registry/transport.h"

namespace isimport {

struct ImportSettings {
  PlatformPreference controlPlane{"amd64", "linux"};
  int maxTagsPerRepository = 50;  // -1: unlimited; 0: no listing (upstream quirk)
  int64_t nowUnix = 0;
  Keyring keyring;
  std::optional<ImageStream> current;  // the stream as stored, if the caller has one
  uint32_t requestTimeoutMs = 30000;
  FetchLimits limits;
  std::string defaultImportMode = "Legacy";
};

// Something a person should be told about an import that the answer does not say (upstream keeps
// silent): `field` names the spec entry (spec.images[0], spec.repository tag 1.2).
struct ImportNotice {
  std::string field, message;
};

struct ImportProgress {
  size_t requestsDone = 0, requestsKnown = 0, imagesDone = 0, imagesTotal = 0;
};

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
  void startPass(bool withCredentials);
  void passFinished();
  void finish();

  ImageStreamImport request_;
  ImportSettings settings_;
  Transport transport_;
  std::vector<std::unique_ptr<Pass>> passes_;  // the credentialed run, then the anonymous one (docs/import.md §3.12)
  bool done_ = false;
  size_t imagesTotal_ = 0;
  std::optional<Status> failure_;
  std::vector<ImportNotice> notices_;
  void notice(std::string field, const std::string& message);
};

}  // namespace isimport

#include "boundary/import_session.h"

#include "boundary/options_reader.h"
#include "boundary/session_exchange.h"
#include "boundary/session_messages.h"

#include "go/time_text.h"
#include "import/importer.h"
#include "import/list_choice.h"
#include "import/stream_update.h"
#include "json/codec.h"
#include "json/json_tree.h"
#include "json/json_writer.h"
#include "json/typed_encoder.h"
#include "model/status_builders.h"
#include "registry/digest.h"
#include "registry/registry_json.h"
#include "validation/create_request.h"

namespace isimport {
namespace {

struct SessionOptions {
  CreateOptions create;
  ImportSettings settings;
  std::string error;
};

// The session's options (boundary/options.h ImportOptions, read strictly) as the create path and
// the importer take them.
SessionOptions readSessionOptions(std::string_view optionsJson) {
  SessionOptions o;
  ImportOptions declared;
  if ((o.error = readOptions(optionsJson, declared).message); !o.error.empty()) return o;
  o.create.decode.fieldValidation = *parseFieldValidation(declared.fieldValidation);
  if (declared.nameSpace) {
    o.create.namespaceGiven = true;
    o.create.requestNamespace = *declared.nameSpace;
  }
  if (declared.credentials) {
    std::string error;
    o.settings.keyring = Keyring::fromDockerConfig(*declared.credentials, error);
    if (!error.empty()) return (o.error = "credentials: " + error, o);
  }
  if (declared.currentImageStream) {
    DecodeOptions asStream;
    asStream.defaultKind = "ImageStream";
    DecodeResult stream = decodeObject(*declared.currentImageStream, asStream);
    if (!stream.object || !std::holds_alternative<ImageStream>(*stream.object)) {
      o.error = "currentImageStream: " + (stream.failure ? stream.failure->message : std::string("not an ImageStream"));
      return o;
    }
    o.settings.current = std::get<ImageStream>(std::move(*stream.object));
  }
  if (declared.now) o.settings.nowUnix = *parseRfc3339(*declared.now);
  // os/arch, optionally /variant (ignored: upstream compares architecture and OS only).
  o.settings.controlPlane = *parsePlatform(declared.platform);
  o.settings.defaultImportMode = declared.defaultImportMode;
  o.create.decode.defaultImportMode = declared.defaultImportMode;
  o.settings.maxTagsPerRepository = static_cast<int>(declared.maxTagsPerRepository);
  o.settings.requestTimeoutMs = static_cast<uint32_t>(declared.requestTimeout);
  return o;
}

// rest.FillObjectMetaSystemFields: the answer carries the request time and a fresh uid. Upstream's
// uid is random; here it is derived from the request text and time, so answers are reproducible.
void fillSystemFields(ObjectMeta& meta, std::string_view specText, int64_t nowUnix) {
  meta.creationTimestamp = Time{true, nowUnix};
  std::string hex = sha256Digest(std::string(specText) + "\n" + std::to_string(nowUnix)).substr(7, 32);
  hex[12] = '4';                                          // version 4 layout
  hex[16] = "89ab"[static_cast<unsigned char>(hex[16]) % 4];  // RFC 4122 variant
  meta.uid = hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
             hex.substr(20, 12);
}


}  // namespace

ImportSession::ImportSession(std::string specText, std::string optionsJson)
    : specText_(std::move(specText)), optionsJson_(std::move(optionsJson)) {}

ImportSession::~ImportSession() = default;

std::string ImportSession::start() {
  SessionOptions options = readSessionOptions(optionsJson_);
  if (!options.error.empty()) {
    refusal_ = badRequest(options.error);
    SessionState ended{true, {}, std::nullopt, std::nullopt, options.error};
    return toJson(ended);
  }
  CreateOutcome created = validateCreate(specText_, options.create);
  std::optional<Status> refused = created.status;
  if (!refused && !std::holds_alternative<ImageStreamImport>(*created.object)) {
    refused = badRequest("an import needs an ImageStreamImport, not " + created.kind);
  }
  if (!refused) refused = checkImportTarget(std::get<ImageStreamImport>(*created.object), options.settings.current);
  if (refused) {
    refusal_ = std::move(refused);
    return state();
  }
  ImageStreamImport isi = std::get<ImageStreamImport>(std::move(*created.object));
  fillSystemFields(isi.metadata, specText_, options.settings.nowUnix);
  importer_ = std::make_unique<Importer>(std::move(isi), std::move(options.settings));
  return state();
}

std::string ImportSession::feed(std::string_view metaJson, std::string body) {
  if (!importer_) return state();
  HttpResponse response;
  if (readResponseMeta(metaJson, response)) {
    response.body = std::move(body);
    importer_->feed(response);
  }
  return state();
}

std::string ImportSession::state() {
  SessionState state;
  if (!importer_) {
    state.done = true;
    state.status = refusal_;
    return toJson(state);
  }
  state.done = importer_->done();
  for (const HttpRequest& r : importer_->takeRequests()) state.requests.push_back(messageOf(r));
  state.progress = importer_->progress();
  return toJson(state);
}

std::string ImportSession::result() const {
  if (!importer_) return refusal_ ? encodeStatus(*refusal_) : "";
  if (!importer_->done()) return encodeStatus(errorStatus("InternalError", 500, "Internal error occurred: the import has not finished"));
  if (importer_->failure()) return encodeStatus(*importer_->failure());
  return toJson(importer_->result());
}

std::string ImportSession::notices() const {
  return toJson(importer_ ? importer_->notices() : std::vector<ImportNotice>{});
}

}  // namespace isimport

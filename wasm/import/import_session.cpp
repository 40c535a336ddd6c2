#include "import/import_session.h"

#include "go/time_text.h"
#include "import/importer.h"
#include "import/list_choice.h"
#include "import/stream_update.h"
#include "json/codec.h"
#include "json/json_tree.h"
#include "json/json_writer.h"
#include "json/options_object.h"
#include "json/typed_encoder.h"
#include "model/status_builders.h"
#include "registry/digest.h"
#include "validation/create_request.h"

namespace isimport {
namespace {

struct SessionOptions {
  CreateOptions create;
  ImportSettings settings;
  std::string error;
};

// A JSON member that may be given as an object or as text holding one.
std::string textOrObject(const json::Tree& t, json::NodeId id) {
  const json::Node& n = t.at(id);
  return n.kind == json::Kind::String ? n.text : json::compactText(t, id);
}

// One member of the session's options (import_session.h); "" or the usage error.
std::string readSessionOption(const std::string& key, const json::Tree& t, json::NodeId id, SessionOptions& o) {
  const json::Node& v = t.at(id);
  std::string text;
  int64_t integer = 0;
  if (key == "fieldValidation") {
    if (std::string refusal = readStringOption(key, v, text); !refusal.empty()) return refusal;
    auto mode = parseFieldValidation(text);
    if (!mode) return "fieldValidation must be one of Strict, Warn, Ignore";
    o.create.decode.fieldValidation = *mode;
  } else if (key == "namespace") {
    o.create.namespaceGiven = true;
    return readStringOption(key, v, o.create.requestNamespace);
  } else if (key == "credentials") {
    std::string error;
    o.settings.keyring = Keyring::fromDockerConfig(textOrObject(t, id), error);
    if (!error.empty()) return "credentials: " + error;
  } else if (key == "currentImageStream") {
    DecodeOptions asStream;
    asStream.defaultKind = "ImageStream";
    DecodeResult stream = decodeObject(textOrObject(t, id), asStream);
    if (!stream.object || !std::holds_alternative<ImageStream>(*stream.object)) {
      return "currentImageStream: " + (stream.failure ? stream.failure->message : std::string("not an ImageStream"));
    }
    o.settings.current = std::get<ImageStream>(std::move(*stream.object));
  } else if (key == "now") {
    if (std::string refusal = readStringOption(key, v, text); !refusal.empty()) return refusal;
    auto seconds = parseRfc3339(text);
    if (!seconds) return "now must be an RFC 3339 time";
    o.settings.nowUnix = *seconds;
  } else if (key == "platform") {
    // os/arch, optionally /variant (ignored: upstream compares architecture and OS only).
    if (std::string refusal = readStringOption(key, v, text); !refusal.empty()) return refusal;
    std::optional<PlatformPreference> platform = parsePlatform(text);
    if (!platform) return "platform must be os/arch[/variant], e.g. linux/amd64";
    o.settings.controlPlane = *platform;
  } else if (key == "defaultImportMode") {
    if (std::string refusal = readStringOption(key, v, text); !refusal.empty()) return refusal;
    if (text != "Legacy" && text != "PreserveOriginal") return "defaultImportMode must be Legacy or PreserveOriginal";
    o.settings.defaultImportMode = text;
    o.create.decode.defaultImportMode = text;
  } else if (key == "maxTagsPerRepository") {
    if (std::string refusal = readIntegerOption(key, v, -1, 1000000, integer); !refusal.empty()) return refusal;
    o.settings.maxTagsPerRepository = static_cast<int>(integer);
  } else if (key == "requestTimeoutMs") {
    if (std::string refusal = readIntegerOption(key, v, 1, 3600000, integer); !refusal.empty()) return refusal;
    o.settings.requestTimeoutMs = static_cast<uint32_t>(integer);
  }
  return "";
}

SessionOptions readSessionOptions(std::string_view optionsJson) {
  SessionOptions o;
  o.error = readOptionsObject(optionsJson, [&](const std::string& key, const json::Tree& t, json::NodeId id) {
    return readSessionOption(key, t, id, o);
  });
  return o;
}

void writeRequests(json::Writer& out, const std::vector<HttpRequest>& requests) {
  out.key("requests");
  out.beginArray();
  for (const auto& r : requests) {
    out.beginObject();
    out.key("id");
    out.integer(r.id);
    out.key("method");
    out.string(r.method);
    out.key("url");
    out.string(r.url);
    out.key("headers");
    out.beginArray();
    for (const auto& [name, value] : r.headers) {
      out.beginArray();
      out.string(name);
      out.string(value);
      out.endArray();
    }
    out.endArray();
    out.key("maxBodyBytes");
    out.integer(static_cast<int64_t>(r.maxBodyBytes));
    out.key("maxErrorBodyBytes");
    out.integer(static_cast<int64_t>(r.maxErrorBodyBytes));
    out.key("delayMs");
    out.integer(r.delayMs);
    out.key("timeoutMs");
    out.integer(r.timeoutMs);
    out.endObject();
  }
  out.endArray();
}

TransportFailure failureNamed(std::string_view name) {
  if (name == "network") return TransportFailure::Network;
  if (name == "timeout") return TransportFailure::Timeout;
  if (name == "aborted") return TransportFailure::Aborted;
  if (name == "tooLarge") return TransportFailure::BodyTooLarge;
  return TransportFailure::None;
}

bool readResponseMeta(std::string_view metaJson, HttpResponse& r) {
  json::ParseResult parsed = json::parse(metaJson);
  if (!parsed.ok || parsed.tree.at(0).kind != json::Kind::Object) return false;
  const json::Tree& t = parsed.tree;
  const json::Node& root = t.at(0);
  for (uint32_t i = 0; i < root.count; ++i) {
    const std::string& key = t.key(root, i);
    const json::Node& v = t.at(t.child(root, i));
    if (key == "id" && v.integral) r.id = static_cast<uint32_t>(v.integer);
    else if (key == "status" && v.integral) r.status = static_cast<int>(v.integer);
    else if (key == "url" && v.kind == json::Kind::String) r.finalUrl = v.text;
    else if (key == "elapsedMs" && v.integral && v.integer > 0) r.elapsedMs = static_cast<uint64_t>(v.integer);
    else if (key == "failure" && v.kind == json::Kind::String) r.failure = failureNamed(v.text);
    else if (key == "failureText" && v.kind == json::Kind::String) r.failureText = v.text;
    else if (key == "headers" && v.kind == json::Kind::Array) {
      for (uint32_t h = 0; h < v.count; ++h) {
        const json::Node& pair = t.at(t.child(v, h));
        if (pair.kind != json::Kind::Array || pair.count != 2) continue;
        const json::Node& name = t.at(t.child(pair, 0));
        const json::Node& value = t.at(t.child(pair, 1));
        if (name.kind != json::Kind::String || value.kind != json::Kind::String) continue;
        std::string lower = name.text;
        for (char& c : lower)
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        r.headers.emplace_back(std::move(lower), value.text);
      }
    }
  }
  return r.id != 0;
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

std::string endedWith(std::string_view key, const std::string& valueJson) {
  json::Writer out;
  out.beginObject();
  out.key("done");
  out.boolean(true);
  out.key(key);
  out.raw(valueJson);
  out.endObject();
  return out.take();
}

}  // namespace

ImportSession::ImportSession(std::string specText, std::string optionsJson)
    : specText_(std::move(specText)), optionsJson_(std::move(optionsJson)) {}

ImportSession::~ImportSession() = default;

std::string ImportSession::start() {
  SessionOptions options = readSessionOptions(optionsJson_);
  if (!options.error.empty()) {
    finishedEarly_ = true;
    finalAnswer_ = encodeStatus(badRequest(options.error));
    return endedWith("usageError", json::quote(options.error));
  }
  CreateOutcome created = validateCreate(specText_, options.create);
  std::optional<Status> refused = created.status;
  if (!refused && !std::holds_alternative<ImageStreamImport>(*created.object)) {
    refused = badRequest("an import needs an ImageStreamImport, not " + created.kind);
  }
  if (!refused) refused = checkImportTarget(std::get<ImageStreamImport>(*created.object), options.settings.current);
  if (refused) {
    finishedEarly_ = true;
    finalAnswer_ = encodeStatus(*refused);
    return endedWith("status", finalAnswer_);
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
  if (!importer_) return endedWith("status", finalAnswer_.empty() ? "null" : finalAnswer_);
  json::Writer out;
  out.beginObject();
  out.key("done");
  out.boolean(importer_->done());
  writeRequests(out, importer_->takeRequests());
  ImportProgress p = importer_->progress();
  out.key("progress");
  out.beginObject();
  out.key("requestsDone");
  out.integer(static_cast<int64_t>(p.requestsDone));
  out.key("requestsKnown");
  out.integer(static_cast<int64_t>(p.requestsKnown));
  out.key("imagesDone");
  out.integer(static_cast<int64_t>(p.imagesDone));
  out.key("imagesTotal");
  out.integer(static_cast<int64_t>(p.imagesTotal));
  out.endObject();
  out.endObject();
  return out.take();
}

std::string ImportSession::result() const {
  if (!importer_) return finalAnswer_;
  if (!importer_->done()) return encodeStatus(errorStatus("InternalError", 500, "Internal error occurred: the import has not finished"));
  if (importer_->failure()) return encodeStatus(*importer_->failure());
  return toJson(importer_->result());
}

std::string ImportSession::notices() const {
  json::Writer out;
  out.beginArray();
  if (importer_) {
    for (const ImportNotice& n : importer_->notices()) {
      out.beginObject();
      out.key("field");
      out.string(n.field);
      out.key("message");
      out.string(n.message);
      out.endObject();
    }
  }
  out.endArray();
  return out.take();
}

}  // namespace isimport

// The embind glue: the only JavaScript-facing surface of the core. Plain strings in, JSON text out;
// nothing throws across.
#include <emscripten/bind.h>

#include "api.h"
#include "import/import_session.h"

namespace {

std::string decode(const std::string& text, const std::string& optionsJson) {
  return isimport::decodeJson(text, optionsJson);
}

std::string validate(const std::string& text, const std::string& optionsJson) {
  return isimport::validateJson(text, optionsJson);
}

// validate()'s hot path: the text is already in the module's memory (the caller wrote it there
// with TextEncoder.encodeInto), the options are numbers.
std::string validateBytes(uintptr_t text, size_t length, int fieldValidation, int kind, const std::string& nameSpace,
                          bool namespaceGiven, bool withObject) {
  isimport::ValidateRequest request{fieldValidation, kind, nameSpace, namespaceGiven, withObject};
  return isimport::validateText(std::string_view(reinterpret_cast<const char*>(text), length), request);
}

// Embind passes strings (and Uint8Array bodies) as std::string; the session wants views.
std::string feedSession(isimport::ImportSession& session, const std::string& metaJson, const std::string& body) {
  return session.feed(metaJson, body);
}

std::string parseReference(const std::string& text) { return isimport::parseReferenceJson(text); }

std::string prioritizeTags(const std::string& tagsJson) { return isimport::prioritizeTagsJson(tagsJson); }

std::string legacyChoice(const std::string& manifestsJson, const std::string& platform) {
  return isimport::legacyChoiceJson(manifestsJson, platform);
}

std::string version() { return std::string(isimport::libraryVersion()); }

}  // namespace

EMSCRIPTEN_BINDINGS(isimport_core) {
  emscripten::function("decode", &decode);
  emscripten::function("validate", &validate);
  emscripten::function("validateBytes", &validateBytes);
  emscripten::function("parseReference", &parseReference);
  emscripten::function("prioritizeTags", &prioritizeTags);
  emscripten::function("legacyChoice", &legacyChoice);
  emscripten::function("version", &version);
  emscripten::class_<isimport::ImportSession>("ImportSession")
      .constructor<std::string, std::string>()
      .function("start", &isimport::ImportSession::start)
      .function("feed", &feedSession)
      .function("result", &isimport::ImportSession::result)
      .function("notices", &isimport::ImportSession::notices);
}

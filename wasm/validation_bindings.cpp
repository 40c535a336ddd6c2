// The validation module's embind glue (what load() instantiates): decoding, validation and the
// importer's pure rules. Plain strings in, JSON text out; nothing throws across. The import engine
// is the other module (import_bindings.cpp), fetched only when an import first runs.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <cstring>

#include "boundary/api.h"
#include "boundary/call_arena.h"

namespace {

std::string decode(const std::string& text, const std::string& optionsJson) {
  return isimport::decodeJson(text, optionsJson);
}

std::string validate(const std::string& text, const std::string& optionsJson) {
  return isimport::validateJson(text, optionsJson);
}

std::string parseReference(const std::string& text) { return isimport::parseReferenceJson(text); }

std::string prioritizeTags(const std::string& tagsJson) { return isimport::prioritizeTagsJson(tagsJson); }

std::string legacyChoice(const std::string& manifestsJson, const std::string& platform) {
  return isimport::legacyChoiceJson(manifestsJson, platform);
}

std::string validateOptions(const std::string& optionsJson) { return isimport::validateOptionsJson(optionsJson); }

std::string importOptions(const std::string& optionsJson) { return isimport::importOptionsJson(optionsJson); }
std::string supplyChainOptions(const std::string& optionsJson) { return isimport::supplyChainOptionsJson(optionsJson); }

std::string compactAnswers() { return isimport::compactAnswersJson(); }

std::string version() { return std::string(isimport::libraryVersion()); }

}  // namespace

// validate()'s hot path, a plain export (Module._validateBytes) rather than an embind function:
// embind's invoker converts each of the ten arguments through a JS call of its own. The text (and
// the namespace after it) is already in the module's memory, written there by the caller with
// TextEncoder.encodeInto; the options are numbers. Answers
// validateCompact's number (>= 0), or -(n + 1) for a JSON answer of n bytes, written to `out` when
// it fits in `capacity` (else the caller calls again with room for n).
extern "C" EMSCRIPTEN_KEEPALIVE int validateBytes(uintptr_t text, size_t length, int fieldValidation, int kind,
                                                  uintptr_t nameSpace, size_t namespaceLength, bool namespaceGiven,
                                                  bool withObject, uintptr_t out, size_t capacity) {
  isimport::CallArena arena;
  isimport::ValidateRequest request{fieldValidation, kind,
                                    std::string(reinterpret_cast<const char*>(nameSpace), namespaceLength),
                                    namespaceGiven, withObject};
  std::string answer;
  int code = isimport::validateCompact(std::string_view(reinterpret_cast<const char*>(text), length), request, answer);
  if (code >= 0) return code;
  if (answer.size() <= capacity) std::memcpy(reinterpret_cast<char*>(out), answer.data(), answer.size());
  return -static_cast<int>(answer.size()) - 1;
}

EMSCRIPTEN_BINDINGS(isimport_validation) {
  emscripten::function("decode", &decode);
  emscripten::function("validate", &validate);
  emscripten::function("parseReference", &parseReference);
  emscripten::function("prioritizeTags", &prioritizeTags);
  emscripten::function("legacyChoice", &legacyChoice);
  emscripten::function("validateOptions", &validateOptions);
  emscripten::function("importOptions", &importOptions);
  emscripten::function("supplyChainOptions", &supplyChainOptions);
  emscripten::function("compactAnswers", &compactAnswers);
  emscripten::function("version", &version);
}

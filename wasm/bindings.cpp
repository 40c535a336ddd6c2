// The embind glue: the only JavaScript-facing surface of the core. Plain strings in, JSON text out;
// nothing throws across.
#include <emscripten/bind.h>

#include "api.h"

namespace {

std::string decode(const std::string& text, const std::string& optionsJson) {
  return isimport::decodeJson(text, optionsJson);
}

std::string validate(const std::string& text, const std::string& optionsJson) {
  return isimport::validateJson(text, optionsJson);
}

std::string version() { return std::string(isimport::libraryVersion()); }

}  // namespace

EMSCRIPTEN_BINDINGS(isimport_core) {
  emscripten::function("decode", &decode);
  emscripten::function("validate", &validate);
  emscripten::function("version", &version);
}

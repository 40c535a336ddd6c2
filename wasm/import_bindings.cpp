// The import module's embind glue: one ImportSession per import, driven by web/lib/import-driver.js
// (the session asks for requests, the driver fetches them and feeds the answers back). Loaded on the
// first importPreview(), so pages that only validate never fetch it.
#include <emscripten/bind.h>

#include "api.h"
#include "import/import_session.h"
#include "registry/digest.h"

namespace {

// Embind passes strings (and Uint8Array bodies) as std::string; the session wants views.
std::string feedSession(isimport::ImportSession& session, const std::string& metaJson, const std::string& body) {
  return session.feed(metaJson, body);
}

std::string version() { return std::string(isimport::libraryVersion()); }

// The digest the importer verifies bodies with, for bench/digest.mjs (beside WebCrypto's).
std::string sha256(const std::string& bytes) { return isimport::sha256Digest(bytes); }

}  // namespace

EMSCRIPTEN_BINDINGS(isimport_import) {
  emscripten::function("version", &version);
  emscripten::function("sha256", &sha256);
  emscripten::class_<isimport::ImportSession>("ImportSession")
      .constructor<std::string, std::string>()
      .function("start", &isimport::ImportSession::start)
      .function("feed", &feedSession)
      .function("result", &isimport::ImportSession::result)
      .function("notices", &isimport::ImportSession::notices);
}

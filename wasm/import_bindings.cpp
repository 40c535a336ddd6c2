// The import module's embind glue: one ImportSession per import, and one SupplySession per
// supply-chain lookup (web/lib/supply-chain.js), each driven by web/lib/import-driver.js
// (the session asks for requests, the driver fetches them and feeds the answers back). Loaded on the
// first importPreview(), so pages that only validate never fetch it.
#include <emscripten/bind.h>
#include <emscripten/emmalloc.h>
#include <sodium/utils.h>

#include "boundary/api.h"
#include "boundary/import_session.h"
#include "boundary/supply_session.h"
#include "registry/digest.h"

namespace {

// Embind passes strings (and Uint8Array bodies) as std::string; the session wants views.
std::string feedSession(isimport::ImportSession& session, const std::string& metaJson, const std::string& body) {
  return session.feed(metaJson, body);
}

std::string feedSupply(isimport::SupplySession& session, const std::string& metaJson, const std::string& body) {
  return session.feed(metaJson, body);
}

std::string supplyAnswer(const isimport::SupplySession& session, const std::string& heldJson) {
  return session.answer(heldJson);
}

std::string version() { return std::string(isimport::libraryVersion()); }

// The digest the importer verifies bodies with, for bench/digest.mjs (beside WebCrypto's).
std::string sha256(const std::string& bytes) { return isimport::sha256Digest(bytes); }

}  // namespace

// Every block this module frees is zeroed first (emmalloc's own free is weak, so this one takes
// its place, for C++'s delete and for the glue's _free alike): credentials, Basic headers and
// tokens pass through many short-lived strings, and none of them should linger in the module's
// memory once the import that needed them has ended. sodium_memzero is never optimized away.
extern "C" void free(void* block) {
  if (block == nullptr) return;
  sodium_memzero(block, emmalloc_usable_size(block));
  emmalloc_free(block);
}

EMSCRIPTEN_BINDINGS(isimport_import) {
  emscripten::function("version", &version);
  emscripten::function("sha256", &sha256);
  emscripten::class_<isimport::ImportSession>("ImportSession")
      .constructor<std::string, std::string>()
      .function("start", &isimport::ImportSession::start)
      .function("feed", &feedSession)
      .function("result", &isimport::ImportSession::result)
      .function("notices", &isimport::ImportSession::notices);
  emscripten::class_<isimport::SupplySession>("SupplySession")
      .constructor<std::string, std::string>()
      .function("start", &isimport::SupplySession::start)
      .function("feed", &feedSupply)
      .function("checks", &isimport::SupplySession::checks)
      .function("answer", &supplyAnswer);
}

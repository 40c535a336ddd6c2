#include "boundary/session_exchange.h"

#include "registry/registry_json.h"

namespace isimport {

SessionRequest messageOf(const HttpRequest& r) {
  SessionRequest m{r.id, r.method, r.url, {}, static_cast<int64_t>(r.maxBodyBytes),
                   static_cast<int64_t>(r.maxErrorBodyBytes), r.delayMs, r.timeoutMs};
  for (const auto& [name, value] : r.headers) m.headers.push_back({name, value});
  return m;
}

namespace {

TransportFailure failureNamed(std::string_view name) {
  if (name == "network") return TransportFailure::Network;
  if (name == "timeout") return TransportFailure::Timeout;
  if (name == "aborted") return TransportFailure::Aborted;
  if (name == "tooLarge") return TransportFailure::BodyTooLarge;
  return TransportFailure::None;
}

}  // namespace

bool readResponseMeta(std::string_view metaJson, HttpResponse& r) {
  ResponseMeta meta;
  if (!gojson::unmarshal(metaJson, meta).empty() || meta.id <= 0 || meta.id > UINT32_MAX) return false;
  r.id = static_cast<uint32_t>(meta.id);
  r.status = static_cast<int>(meta.status);
  r.finalUrl = meta.url;
  r.elapsedMs = meta.elapsedMs > 0 ? static_cast<uint64_t>(meta.elapsedMs) : 0;
  r.failure = failureNamed(meta.failure);
  r.failureText = meta.failureText;
  for (auto& pair : meta.headers) {
    if (pair.size() != 2) continue;
    std::string lower = pair[0];
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    r.headers.emplace_back(std::move(lower), std::move(pair[1]));
  }
  return true;
}

}  // namespace isimport

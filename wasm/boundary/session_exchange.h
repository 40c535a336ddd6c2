// The registry layer's requests and responses as the sessions' messages (session_messages.h):
// shared by the import session and the supply-chain session, which the same driver runs.
#pragma once

#include <string_view>

#include "boundary/session_messages.h"
#include "registry/http_exchange.h"

namespace isimport {

SessionRequest messageOf(const HttpRequest& request);

// The driver's ResponseMeta as the registry layer's response (header names lower-cased, pairs
// that are not two strings dropped); false when it cannot be read or names no request.
bool readResponseMeta(std::string_view metaJson, HttpResponse& response);

}  // namespace isimport

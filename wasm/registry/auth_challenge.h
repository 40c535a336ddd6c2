// WWW-Authenticate challenges and token answers (Distribution's auth client, docs/import.md §3.4 step 2).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registry/http_exchange.h"

namespace isimport {

struct AuthChallenge {
  std::string scheme;                         // lower-case: "bearer", "basic"
  std::map<std::string, std::string> params;  // lower-case names: realm, service, scope, error …
};

// The challenges of WWW-Authenticate header values, parsed as Distribution does: one challenge per
// header value (a second challenge in the same value ends the parameters of the first), parameter
// names lower-cased, values as tokens or quoted strings (backslash escapes), parsing stopping at
// the first malformed or empty parameter. Values whose scheme is empty yield nothing.
std::vector<AuthChallenge> parseChallenges(const std::vector<std::string_view>& headerValues);

// Distribution's ResponseChallenges: the challenges of every `www-authenticate` header of a 401
// answer; no challenges for any other status (a 403 or 200 carrying one is ignored upstream).
std::vector<AuthChallenge> challengesOf(const HttpResponse& response);

struct TokenAnswer {
  std::string token;              // access_token wins over token
  int64_t expiresInSeconds = 60;  // at least 60
  std::optional<int64_t> issuedAtUnixSeconds;  // `issued_at` when given; else the token is issued now
  std::string refreshToken;
  // "" on success; else upstream's error: "authorization server did not include a token in the
  // response", or "unable to decode token response: <json error>" (Go's texts, e.g. "EOF").
  std::string error;
};

// A 2xx token answer read as Distribution's GET token flow reads it (json.Decoder: the first JSON
// value only, field names case-insensitive).
TokenAnswer parseTokenAnswer(std::string_view body);

}  // namespace isimport

// Schema 1 manifests signed as libtrust lays out a pretty JWS, for tests that need one: the payload
// cut before its closing brace, then the signatures (the signature itself is not checked upstream).
#pragma once

#include <string>
#include <string_view>

#include "go/base64.h"

namespace isimport::testing {

// JOSE's base64url: URL alphabet, no padding.
inline std::string base64Url(std::string_view bytes) {
  std::string s = base64Encode(bytes);
  while (!s.empty() && s.back() == '=') s.pop_back();
  for (char& c : s) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return s;
}

// `payload` must end in "\n}" (the formatTail). `headerMembers` fill the unprotected header;
// `protectedJson`, when given, replaces the protected header.
inline std::string signSchema1(const std::string& payload, const std::string& headerMembers = "\"alg\": \"ES256\"",
                               std::string protectedJson = "") {
  size_t formatLength = payload.size() - 2;
  if (protectedJson.empty()) {
    protectedJson = "{\"formatLength\":" + std::to_string(formatLength) +
                    ",\"formatTail\":\"Cn0\",\"time\":\"2016-01-02T02:01:33Z\"}";
  }
  return payload.substr(0, formatLength) + ",\n   \"signatures\": [{\"header\": {" + headerMembers +
         "}, \"signature\": \"c2ln\", \"protected\": \"" + base64Url(protectedJson) + "\"}]\n}";
}

}  // namespace isimport::testing

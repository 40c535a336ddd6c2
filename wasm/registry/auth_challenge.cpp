#include "registry/auth_challenge.h"

#include <cctype>

#include "go/go_text.h"  // goQuote, goParseInt64
#include "go/time_text.h"
#include "json/go_json_scan.h"

namespace isimport {
namespace {

// RFC 2616 octet classes as Distribution's challenge parser uses them.
bool isTokenOctet(unsigned char c) {
  if (c > 127 || c <= 31 || c == 127) return false;
  switch (c) {
    case ' ': case '\t': case '"': case '(': case ')': case ',': case '/': case ':': case ';': case '<':
    case '=': case '>': case '?': case '@': case '[': case ']': case '\\': case '{': case '}':
      return false;
    default:
      return true;
  }
}

bool isSpaceOctet(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view skipSpace(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && isSpaceOctet(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

// Splits a token off the front of `s`.
std::string_view expectToken(std::string_view& s) {
  size_t i = 0;
  while (i < s.size() && isTokenOctet(static_cast<unsigned char>(s[i]))) ++i;
  std::string_view token = s.substr(0, i);
  s = s.substr(i);
  return token;
}

// A token or a quoted string (with backslash escapes); "" when malformed or unterminated.
std::string expectTokenOrQuoted(std::string_view& s) {
  if (s.empty() || s[0] != '"') return std::string(expectToken(s));
  std::string_view rest = s.substr(1);
  std::string value;
  bool escape = false;
  for (size_t i = 0; i < rest.size(); ++i) {
    char b = rest[i];
    if (escape) {
      escape = false;
      value += b;
    } else if (b == '\\') {
      escape = true;
    } else if (b == '"') {
      s = rest.substr(i + 1);
      return value;
    } else {
      value += b;
    }
  }
  s = {};
  return "";
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<AuthChallenge> parseOne(std::string_view header) {
  std::string_view s = header;
  std::string_view scheme = expectToken(s);
  if (scheme.empty()) return std::nullopt;
  AuthChallenge challenge;
  challenge.scheme = lower(scheme);
  std::string rest = "," + std::string(skipSpace(s));
  s = rest;
  while (!s.empty() && s[0] == ',') {
    s = skipSpace(s.substr(1));
    std::string_view key = expectToken(s);
    if (key.empty()) break;
    if (s.empty() || s[0] != '=') break;
    s = s.substr(1);
    std::string value = expectTokenOrQuoted(s);
    if (value.empty()) break;
    challenge.params[lower(key)] = std::move(value);
    s = skipSpace(s);
  }
  return challenge;
}

std::string typeError(const char* value, const char* field, const char* type) {
  return json::unmarshalTypeErrorText(value, type, std::string("getTokenResponse.") + field);
}

}  // namespace

std::vector<AuthChallenge> parseChallenges(const std::vector<std::string_view>& headerValues) {
  std::vector<AuthChallenge> out;
  for (std::string_view value : headerValues) {
    if (auto c = parseOne(value)) out.push_back(std::move(*c));
  }
  return out;
}

std::vector<AuthChallenge> challengesOf(const HttpResponse& response) {
  if (response.status != 401) return {};
  std::vector<std::string_view> values;
  for (const auto& [name, value] : response.headers)
    if (name == "www-authenticate") values.push_back(value);
  return parseChallenges(values);
}

TokenAnswer parseTokenAnswer(std::string_view body) {
  TokenAnswer answer;
  const std::string prefix = "unable to decode token response: ";
  goscan::Scan scan = goscan::firstValue(body);
  if (!scan.ok) {
    answer.error = prefix + scan.error;
    return answer;
  }
  goscan::Value root = goscan::valueOf(body.substr(0, scan.end));
  std::string token, accessToken, firstError;
  int64_t expiresIn = 0;
  auto save = [&](std::string text) {
    if (firstError.empty()) firstError = std::move(text);
  };
  auto readString = [&](const goscan::Value& v, const char* field, std::string& out) {
    if (v.kind == goscan::Kind::String) {
      out = goscan::stringOf(v);
    } else if (v.kind != goscan::Kind::Null) {
      save(typeError(json::goValueName(v.kind), field, "string"));
    }
  };

  if (root.kind == goscan::Kind::Object) {
    for (const auto& [key, value] : goscan::members(root)) {
      if (goscan::keyMatches(key, "token")) {
        readString(value, "token", token);
      } else if (goscan::keyMatches(key, "access_token")) {
        readString(value, "access_token", accessToken);
      } else if (goscan::keyMatches(key, "refresh_token")) {
        readString(value, "refresh_token", answer.refreshToken);
      } else if (goscan::keyMatches(key, "expires_in")) {
        if (value.kind == goscan::Kind::Number) {
          if (auto n = goParseInt64(value.raw)) {  // encoding/json's reading of an int
            expiresIn = *n;
          } else {
            save(typeError(("number " + std::string(value.raw)).c_str(), "expires_in", "int"));
          }
        } else if (value.kind != goscan::Kind::Null) {
          save(typeError(json::goValueName(value.kind), "expires_in", "int"));
        }
      } else if (goscan::keyMatches(key, "issued_at")) {
        // time.Time's own UnmarshalJSON: its error ends decoding at once.
        if (value.kind == goscan::Kind::Null) continue;
        if (value.kind != goscan::Kind::String) {
          answer.error = prefix + "Time.UnmarshalJSON: input is not a JSON string";
          return answer;
        }
        std::string_view text = value.raw.substr(1, value.raw.size() - 2);  // Go does not unescape here
        std::optional<int64_t> when = parseRfc3339(text);
        if (!when) {
          answer.error = prefix + "parsing time " + goQuote(text) +
                         " as \"2006-01-02T15:04:05Z07:00\": cannot parse " + goQuote(text) + " as RFC 3339";
          return answer;
        }
        answer.issuedAtUnixSeconds = *when == kGoZeroTimeUnix ? std::nullopt : std::optional<int64_t>(*when);
      }
    }
  } else if (root.kind != goscan::Kind::Null) {
    save(json::unmarshalTypeErrorText(json::goValueName(root.kind), "auth.getTokenResponse"));
  }
  if (!firstError.empty()) {
    answer.error = prefix + firstError;
    answer.refreshToken.clear();
    answer.issuedAtUnixSeconds.reset();
    return answer;
  }
  answer.token = accessToken.empty() ? token : accessToken;
  answer.expiresInSeconds = expiresIn < 60 ? 60 : expiresIn;
  if (answer.token.empty()) answer.error = "authorization server did not include a token in the response";
  return answer;
}

}  // namespace isimport

#include "registry/registry_error.h"

#include <cctype>

#include "go/go_text.h"  // goQuote
#include "json/go_json_scan.h"
#include "registry/auth_challenge.h"

namespace isimport {
namespace {

struct CodeInfo {
  const char* value;
  const char* message;
};

// The codes registered in the apiserver process: errcode's own and the registry API v2 group.
constexpr CodeInfo kCodes[] = {
    {"UNKNOWN", "unknown error"},
    {"UNSUPPORTED", "The operation is unsupported."},
    {"UNAUTHORIZED", "authentication required"},
    {"DENIED", "requested access to the resource is denied"},
    {"UNAVAILABLE", "service unavailable"},
    {"TOOMANYREQUESTS", "too many requests"},
    {"DIGEST_INVALID", "provided digest did not match uploaded content"},
    {"SIZE_INVALID", "provided length did not match content length"},
    {"RANGE_INVALID", "invalid content range"},
    {"NAME_INVALID", "invalid repository name"},
    {"TAG_INVALID", "manifest tag did not match URI"},
    {"NAME_UNKNOWN", "repository name not known to registry"},
    {"MANIFEST_UNKNOWN", "manifest unknown"},
    {"MANIFEST_INVALID", "manifest invalid"},
    {"MANIFEST_UNVERIFIED", "manifest failed signature verification"},
    {"MANIFEST_BLOB_UNKNOWN", "blob unknown to registry"},
    {"BLOB_UNKNOWN", "blob unknown to registry"},
    {"BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry"},
    {"BLOB_UPLOAD_INVALID", "blob upload invalid"},
    {"PAGINATION_NUMBER_INVALID", "invalid number of results requested"},
};

const CodeInfo* findCode(std::string_view value) {
  for (const CodeInfo& c : kCodes)
    if (value == c.value) return &c;
  return nullptr;
}

// errcode.ErrorCode.UnmarshalText: an unregistered value becomes UNKNOWN.
std::string canonicalCode(std::string_view value) {
  const CodeInfo* c = findCode(value);
  return c ? c->value : "UNKNOWN";
}

// One Go error value of a list: a Distribution error (bare code or errcode.Error) or another error.
struct Item {
  bool distribution = true;
  RegistryErrorEntry entry;
  std::string text;
};

Item codeItem(std::string code, std::string message, std::string detail, bool bare) {
  Item item;
  item.entry = RegistryErrorEntry{std::move(code), std::move(message), std::move(detail)};
  item.text = errorCodeText(item.entry.code);
  if (!bare) item.text += ": " + item.entry.message;
  return item;
}

// What parseHTTPErrorResponse returns.
struct BodyError {
  enum Kind { List, Single, Unexpected } kind = Unexpected;
  std::vector<Item> items;  // List, Single (one item)
  std::string text;         // Unexpected: the full "error parsing HTTP …" text
};

BodyError unexpected(int status, const std::string& parseError, std::string_view body) {
  BodyError e;
  e.kind = BodyError::Unexpected;
  e.text = "error parsing HTTP " + std::to_string(status) + " response body: " + parseError + ": " + goQuote(body);
  return e;
}

// The legacy {"details": "..."} form, decoded as json.Unmarshal into struct{Details string}.
// Returns the details text when decoding succeeded.
std::string legacyDetails(const goscan::Value& root, bool& ok) {
  ok = true;
  std::string details;
  if (root.kind == goscan::Kind::Null) return details;
  if (root.kind != goscan::Kind::Object) {
    ok = false;
    return details;
  }
  for (const auto& [key, value] : goscan::members(root)) {
    if (!goscan::keyMatches(key, "details")) continue;
    if (value.kind == goscan::Kind::String) {
      details = goscan::stringOf(value);
    } else if (value.kind != goscan::Kind::Null) {
      ok = false;
    }
  }
  return details;
}

// errcode.Errors.UnmarshalJSON. Returns Go's first type error text, or "".
std::string decodeErrorList(const goscan::Value& root, std::vector<Item>& items) {
  std::string firstError;
  auto typeError = [&](std::string text) {
    if (firstError.empty()) firstError = std::move(text);
  };
  if (root.kind == goscan::Kind::Null) return "";
  if (root.kind != goscan::Kind::Object) {
    return json::unmarshalTypeErrorText(json::goValueName(root.kind), "struct { Errors []errcode.Error }");
  }
  std::vector<goscan::Value> list;
  for (const auto& [key, value] : goscan::members(root)) {
    if (!goscan::keyMatches(key, "Errors")) continue;
    if (value.kind == goscan::Kind::Array) {
      list = goscan::elements(value);
    } else if (value.kind == goscan::Kind::Null) {
      list.clear();
    } else {
      typeError(json::unmarshalTypeErrorText(json::goValueName(value.kind), "[]errcode.Error", ".Errors"));
    }
  }
  for (const goscan::Value& element : list) {
    std::string code = "UNKNOWN";  // the zero ErrorCode prints as UNKNOWN
    std::string message;
    std::string detail;
    bool hasDetail = false;
    if (element.kind == goscan::Kind::Object) {
      for (const auto& [key, value] : goscan::members(element)) {
        if (goscan::keyMatches(key, "code")) {
          if (value.kind == goscan::Kind::String) {
            code = canonicalCode(goscan::stringOf(value));
          } else if (value.kind != goscan::Kind::Null) {
            typeError(json::unmarshalTypeErrorText(json::goValueName(value.kind), "errcode.ErrorCode",
                                                   "Error.Errors.code"));
          }
        } else if (goscan::keyMatches(key, "message")) {
          if (value.kind == goscan::Kind::String) {
            message = goscan::stringOf(value);
          } else if (value.kind != goscan::Kind::Null) {
            typeError(json::unmarshalTypeErrorText(json::goValueName(value.kind), "string", "Error.Errors.message"));
          }
        } else if (goscan::keyMatches(key, "detail")) {
          hasDetail = value.kind != goscan::Kind::Null;
          detail = hasDetail ? std::string(value.raw) : std::string();
        }
      }
    } else if (element.kind != goscan::Kind::Null) {
      typeError(json::unmarshalTypeErrorText(json::goValueName(element.kind), "errcode.Error", ".Errors"));
    }
    // Without detail, a message that is empty or the code's own collapses to the bare code.
    bool bare = !hasDetail && (message.empty() || message == errorCodeMessage(code));
    items.push_back(codeItem(code, message, detail, bare));
  }
  return firstError;
}

BodyError parseErrorBody(int status, std::string_view body) {
  goscan::Scan scan = goscan::checkValid(body);
  goscan::Value root;
  if (scan.ok) {
    root = goscan::valueOf(body);
    bool ok = false;
    std::string details = legacyDetails(root, ok);
    if (ok && !details.empty()) {
      const char* code = status == 401 ? "UNAUTHORIZED"
                         : status == 403 ? "DENIED"
                         : status == 429 ? "TOOMANYREQUESTS"
                                         : "UNKNOWN";
      BodyError e;
      e.kind = BodyError::Single;
      e.items.push_back(codeItem(code, details, "", false));
      return e;
    }
  }
  if (!scan.ok) return unexpected(status, scan.error, body);
  std::vector<Item> items;
  if (std::string typeError = decodeErrorList(root, items); !typeError.empty()) {
    return unexpected(status, typeError, body);
  }
  if (items.empty()) return unexpected(status, "no error details found in HTTP response body", body);
  BodyError e;
  e.kind = BodyError::List;
  e.items = std::move(items);
  return e;
}

// errcode.Errors.Error().
std::string listText(const std::vector<Item>& items) {
  if (items.empty()) return "<nil>";
  if (items.size() == 1) return items[0].text;
  std::string text = "errors:\n";
  for (const Item& item : items) text += item.text + "\n";
  return text;
}

ImportError fromItems(const std::vector<Item>& items, bool single) {
  ImportError e;
  e.text = single ? items[0].text : listText(items);
  for (const Item& item : items)
    if (item.distribution) e.entries.push_back(item.entry);
  e.singleValue = single;
  return e;
}

}  // namespace

bool ImportError::hasCode(std::string_view code) const {
  for (const RegistryErrorEntry& e : entries)
    if (e.code == code) return true;
  return false;
}

std::string errorCodeText(std::string_view code) {
  std::string text(code);
  for (char& c : text) c = c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string errorCodeMessage(std::string_view code) {
  const CodeInfo* c = findCode(code);
  return c ? c->message : kCodes[0].message;
}

std::string statusLine(int status) {
  const char* phrase = "";
  switch (status) {
    case 100: phrase = "Continue"; break;
    case 101: phrase = "Switching Protocols"; break;
    case 102: phrase = "Processing"; break;
    case 103: phrase = "Early Hints"; break;
    case 200: phrase = "OK"; break;
    case 201: phrase = "Created"; break;
    case 202: phrase = "Accepted"; break;
    case 203: phrase = "Non-Authoritative Information"; break;
    case 204: phrase = "No Content"; break;
    case 205: phrase = "Reset Content"; break;
    case 206: phrase = "Partial Content"; break;
    case 207: phrase = "Multi-Status"; break;
    case 208: phrase = "Already Reported"; break;
    case 226: phrase = "IM Used"; break;
    case 300: phrase = "Multiple Choices"; break;
    case 301: phrase = "Moved Permanently"; break;
    case 302: phrase = "Found"; break;
    case 303: phrase = "See Other"; break;
    case 304: phrase = "Not Modified"; break;
    case 305: phrase = "Use Proxy"; break;
    case 307: phrase = "Temporary Redirect"; break;
    case 308: phrase = "Permanent Redirect"; break;
    case 400: phrase = "Bad Request"; break;
    case 401: phrase = "Unauthorized"; break;
    case 402: phrase = "Payment Required"; break;
    case 403: phrase = "Forbidden"; break;
    case 404: phrase = "Not Found"; break;
    case 405: phrase = "Method Not Allowed"; break;
    case 406: phrase = "Not Acceptable"; break;
    case 407: phrase = "Proxy Authentication Required"; break;
    case 408: phrase = "Request Timeout"; break;
    case 409: phrase = "Conflict"; break;
    case 410: phrase = "Gone"; break;
    case 411: phrase = "Length Required"; break;
    case 412: phrase = "Precondition Failed"; break;
    case 413: phrase = "Request Entity Too Large"; break;
    case 414: phrase = "Request URI Too Long"; break;
    case 415: phrase = "Unsupported Media Type"; break;
    case 416: phrase = "Requested Range Not Satisfiable"; break;
    case 417: phrase = "Expectation Failed"; break;
    case 418: phrase = "I'm a teapot"; break;
    case 421: phrase = "Misdirected Request"; break;
    case 422: phrase = "Unprocessable Entity"; break;
    case 423: phrase = "Locked"; break;
    case 424: phrase = "Failed Dependency"; break;
    case 425: phrase = "Too Early"; break;
    case 426: phrase = "Upgrade Required"; break;
    case 428: phrase = "Precondition Required"; break;
    case 429: phrase = "Too Many Requests"; break;
    case 431: phrase = "Request Header Fields Too Large"; break;
    case 451: phrase = "Unavailable For Legal Reasons"; break;
    case 500: phrase = "Internal Server Error"; break;
    case 501: phrase = "Not Implemented"; break;
    case 502: phrase = "Bad Gateway"; break;
    case 503: phrase = "Service Unavailable"; break;
    case 504: phrase = "Gateway Timeout"; break;
    case 505: phrase = "HTTP Version Not Supported"; break;
    case 506: phrase = "Variant Also Negotiates"; break;
    case 507: phrase = "Insufficient Storage"; break;
    case 508: phrase = "Loop Detected"; break;
    case 510: phrase = "Not Extended"; break;
    case 511: phrase = "Network Authentication Required"; break;
    default: break;
  }
  return std::to_string(status) + " " + phrase;
}

std::string methodOp(std::string_view method) {
  if (method.empty()) return "Get";
  std::string op(1, method[0]);
  for (size_t i = 1; i < method.size(); ++i) op += static_cast<char>(std::tolower(static_cast<unsigned char>(method[i])));
  return op;
}

ImportError errorFromResponse(const HttpResponse& response) {
  const int status = response.status;
  if (status < 400 || status >= 500) {
    return plainError("received unexpected HTTP status: " + statusLine(status));
  }

  BodyError body;
  if (response.failure == TransportFailure::BodyTooLarge) {
    body.kind = BodyError::Unexpected;
    body.text = "error parsing HTTP " + std::to_string(status) + " response body: " +
                (response.failureText.empty() ? std::string("response body too large") : response.failureText);
  } else {
    body = parseErrorBody(status, response.body);
  }

  // OAuth errors of a Bearer challenge come first (RFC 6750 §3.1); challenges count only on a 401.
  for (const AuthChallenge& c : challengesOf(response)) {
    if (c.scheme != "bearer") continue;
    auto error = c.params.find("error");
    if (error == c.params.end()) continue;
    std::string code;
    if (error->second == "invalid_token") {
      code = "UNAUTHORIZED";
    } else if (error->second == "insufficient_scope") {
      code = "DENIED";
    } else {
      continue;
    }
    auto description = c.params.find("error_description");
    std::string message = description != c.params.end() && !description->second.empty()
                              ? description->second
                              : errorCodeMessage(code);
    std::vector<Item> merged{codeItem(code, message, "", false)};
    if (body.kind == BodyError::Unexpected) {
      Item other;
      other.distribution = false;
      other.text = body.text;
      merged.push_back(std::move(other));
    } else {
      merged.insert(merged.end(), body.items.begin(), body.items.end());
    }
    return fromItems(merged, false);
  }

  ImportError e;
  switch (body.kind) {
    case BodyError::Unexpected:
      if (status == 401) {
        // An unreadable 401 is still "unauthorized" (the body becomes the error's detail).
        e = fromItems({codeItem("UNAUTHORIZED", errorCodeMessage("UNAUTHORIZED"), response.body, false)}, true);
        break;
      }
      e.text = body.text;
      e.singleValue = true;
      if (status == 429) e.retryAfterMs = 2000;
      // Upstream also lists 500/502/503/504 here, but bodies of those statuses are never parsed.
      break;
    case BodyError::Single:
      e = fromItems(body.items, true);
      if (e.hasCode("UNAVAILABLE")) e.retryAfterMs = 5000;
      if (e.hasCode("TOOMANYREQUESTS")) e.retryAfterMs = 2000;
      break;
    case BodyError::List:
      // errcode.Errors is not an ErrorCoder: a list is never retried, even with one 429 entry.
      e = fromItems(body.items, false);
      break;
  }
  return e;
}

ImportError errorFromTransport(std::string_view method, std::string_view url, const HttpResponse& response) {
  std::string cause;
  bool timeout = false;
  switch (response.failure) {
    case TransportFailure::Timeout:
      // The driver says when the time ran out while the body was being read (Go's words then differ).
      cause = response.failureText.rfind("context deadline exceeded (", 0) == 0
                  ? response.failureText
                  : "context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
      timeout = true;
      break;
    case TransportFailure::Aborted:
      cause = "context canceled";
      break;
    case TransportFailure::BodyTooLarge:
      cause = response.failureText.empty() ? "response body too large" : response.failureText;
      break;
    case TransportFailure::Network:
    case TransportFailure::None:
      cause = response.failureText.empty() ? "network error" : response.failureText;
      break;
  }
  ImportError e;
  e.text = methodOp(method) + " " + goQuote(url) + ": " + cause;
  e.singleValue = true;
  e.timeout = timeout;
  e.retryAfterMs = timeout ? 1000 : 0;
  return e;
}

ImportError wrapRequestError(std::string_view method, std::string_view url, const ImportError& cause) {
  ImportError e;
  e.text = methodOp(method) + " " + goQuote(url) + ": " + cause.text;
  e.singleValue = true;
  e.timeout = cause.timeout;
  e.retryAfterMs = cause.timeout ? 1000 : 0;
  return e;
}

ImportError plainError(std::string text) {
  ImportError e;
  e.text = std::move(text);
  e.singleValue = true;
  return e;
}

}  // namespace isimport

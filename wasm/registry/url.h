// Just enough URL handling for registry traffic, with Go net/url's rules (the registry client
// upstream is Go): split, resolve a Link target, encode a query.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace isimport {

// An absolute URL.
struct Url {
  std::string scheme;    // lower-case
  std::string userinfo;  // as written, without '@' (rare; fetch refuses URLs carrying one)
  std::string host;      // host[:port], lower-case
  std::string path;      // escaped form as Go sends it; starts with '/' (or empty)
  std::string query;     // without '?'
};

// An absolute http(s)-style URL (scheme and "//authority" required); fragment dropped. nullopt
// where Go's url.Parse fails or there is no scheme/host.
std::optional<Url> parseUrl(std::string_view text);
std::string toString(const Url& url);

// "host[:port]" of a URL, lower-case, or "" when `text` is not an absolute URL.
std::string hostOf(std::string_view text);

// Go's url.Parse of any URL reference (absolute or relative), fields kept as Go keeps them:
// scheme lower-cased, host as written (%-escapes decoded), `path` decoded and `rawPath` as
// written. `error` receives Go's text, e.g. `parse "%zz": invalid URL escape "%zz"`.
struct UrlReference {
  std::string scheme;
  bool hasAuthority = false;
  bool hasUserinfo = false;
  std::string userinfo;  // as written
  std::string host;
  std::string path;     // decoded
  std::string rawPath;  // as written
  std::string query;    // without '?'
  bool forceQuery = false;
  std::string fragment;  // decoded
  std::string opaque;    // "scheme:opaque" forms
};
std::optional<UrlReference> parseUrlReference(std::string_view text, std::string* error = nullptr);

// RFC 3986 reference resolution of `reference` against `base`, as Go's URL.ResolveReference then
// URL.String() (fragment dropped). For Link: </v2/x/tags/list?n=2&last=b>; rel="next".
std::optional<std::string> resolveUrl(std::string_view base, std::string_view reference);

// application/x-www-form-urlencoded value encoding (Go url.QueryEscape: space → '+').
std::string queryEscape(std::string_view value);

// Go's url.Values.Encode(): keys sorted (byte-wise, stable for repeated keys), "k=v" joined by '&'.
std::string encodeQuery(const std::vector<std::pair<std::string, std::string>>& values);

// Go's url.ParseQuery as URL.Query() uses it: pairs split on '&', '+' → space, malformed pairs
// (bad escapes, ';') dropped. In order of appearance.
std::vector<std::pair<std::string, std::string>> parseQuery(std::string_view rawQuery);

// The next page of a tag list: upstream takes the Link header's first entry (the text before the
// first ';', with '<' and '>' trimmed), whatever its rel, and resolves it against the request URL.
// nullopt when there is no Link header or the target cannot be parsed (then `error`, if given,
// receives Go's url.Parse text, which upstream returns as the listing error).
std::optional<std::string> nextLink(std::string_view linkHeader, std::string_view requestUrl,
                                    std::string* error = nullptr);

}  // namespace isimport

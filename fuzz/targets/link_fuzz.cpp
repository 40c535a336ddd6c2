// URLs as the registry client handles them (Go net/url's rules): parsing, printing, resolving a
// Link header's target against the page that sent it, queries. A parsed URL prints to a text that
// parses to the same URL; a resolved Link is a URL (but for one quirk of Go's printing); control
// characters are refused where Go refuses them.
#include "fuzz_support.h"
#include "registry/url.h"

using namespace isimport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::Input in(data, size);
  std::string_view base = in.string(120);
  std::string_view text = in.rest();
  if (std::optional<Url> url = parseUrl(text)) {
    std::string printed = toString(*url);
    std::optional<Url> again = parseUrl(printed);
    fuzz::check(again.has_value(), "a printed URL parses", printed);
    fuzz::check(toString(*again) == printed, "printing a parsed URL is a fixed point", printed);
  }
  std::string error;
  bool control = false;
  for (char c : text.substr(0, text.find('#'))) control = control || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  std::optional<UrlReference> reference = parseUrlReference(text, &error);
  // Go's url.Parse refuses a control character before the fragment ("net/url: invalid control
  // character in URL"); the fragment may hold any.
  if (control) fuzz::check(!reference, "a URL with a control character is refused", text);
  const std::string page = "https://registry.example:5000/v2/team/app/tags/list?n=50";
  for (std::string_view from : {std::string_view(page), base}) {
    // Resolved against an absolute URL, a Link is a URL again (of any scheme: Go follows
    // `sha256:x` as far as the HTTP client, which refuses it), except where Go's URL.String
    // prints an empty host before a path of "//…" as "scheme://…", which parses differently
    // (found by this target; the importer refuses such a Link as upstream's client does).
    if (std::optional<std::string> next = nextLink(text, from, &error)) {
      size_t colon = next->find(':');
      bool quirk = colon != std::string::npos && next->compare(colon + 1, 2, "//") == 0;
      if (parseUrl(from) && !quirk) fuzz::check(parseUrlReference(*next).has_value(), "a resolved Link is a URL", *next);
      if (parseUrl(from)) fuzz::check(colon != std::string::npos && colon > 0, "a resolved Link has a scheme", *next);
    }
    (void)resolveUrl(from, text);
  }
  std::vector<std::pair<std::string, std::string>> query = parseQuery(text);
  std::string encoded = encodeQuery(query);
  fuzz::check(encodeQuery(parseQuery(encoded)) == encoded, "an encoded query reads back to itself", encoded);
  (void)hostOf(text);
  return 0;
}

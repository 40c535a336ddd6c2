// URL handling with Go net/url's rules: parsing, RFC 3986 resolution (Link pagination), query
// escaping and encoding, and upstream's reading of the Link header.
#include "registry/url.h"

#include <gtest/gtest.h>

namespace isimport {
namespace {

TEST(Url, ParsesAbsoluteUrls) {
  auto u = parseUrl("HTTPS://Registry.Example.COM:5000/v2/org/app/tags/list?n=50&last=a#frag");
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "registry.example.com:5000");
  EXPECT_EQ(u->path, "/v2/org/app/tags/list");
  EXPECT_EQ(u->query, "n=50&last=a");
  EXPECT_EQ(toString(*u), "https://registry.example.com:5000/v2/org/app/tags/list?n=50&last=a");

  u = parseUrl("http://[::1]:5000/v2/");
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->host, "[::1]:5000");
  EXPECT_EQ(toString(*u), "http://[::1]:5000/v2/");

  u = parseUrl("https://auth.docker.io");
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->path, "");
  EXPECT_EQ(toString(*u), "https://auth.docker.io");
  EXPECT_EQ(hostOf("https://Quay.io/v2/"), "quay.io");
  EXPECT_EQ(hostOf("/v2/"), "");
}

TEST(Url, RefusesWhatGoRefusesOrIsNotAbsolute) {
  EXPECT_FALSE(parseUrl("/v2/x").has_value());
  EXPECT_FALSE(parseUrl("registry.example.com/v2/").has_value());
  EXPECT_FALSE(parseUrl("https://r:port/v2/").has_value());
  EXPECT_FALSE(parseUrl("https://r/v2/%zz").has_value());
  EXPECT_FALSE(parseUrl("https://r/v2/\n").has_value());
  EXPECT_FALSE(parseUrl("https://bad host/").has_value());
  EXPECT_FALSE(parseUrl("mailto:someone@example.com").has_value());
}

TEST(Url, ParseErrorsReadAsGo) {
  std::string error;
  EXPECT_FALSE(parseUrlReference("https://r/%zz", &error));
  EXPECT_EQ(error, R"(parse "https://r/%zz": invalid URL escape "%zz")");
  EXPECT_FALSE(parseUrlReference("https://r:x/", &error));
  EXPECT_EQ(error, R"(parse "https://r:x/": invalid port ":x" after host)");
  EXPECT_FALSE(parseUrlReference("https://a b/", &error));
  EXPECT_EQ(error, R"(parse "https://a b/": invalid character " " in host name)");
  EXPECT_FALSE(parseUrlReference(":x", &error));
  EXPECT_EQ(error, R"(parse ":x": missing protocol scheme)");
  EXPECT_FALSE(parseUrlReference("a:b/c", nullptr).value().opaque.empty());  // "a:" is a scheme here
  EXPECT_FALSE(parseUrlReference("1a:b", &error));
  EXPECT_EQ(error, R"(parse "1a:b": first path segment in URL cannot contain colon)");
  EXPECT_FALSE(parseUrlReference("https://r/\x7f", &error));
  EXPECT_EQ(error, "parse \"https://r/\\x7f\": net/url: invalid control character in URL");
}

TEST(Url, ReferencesKeepHostCaseAndDecodePath) {
  auto r = parseUrlReference("https://User:pw@Quay.IO/v2/a%2Fb?x=1");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->host, "Quay.IO");
  EXPECT_TRUE(r->hasUserinfo);
  EXPECT_EQ(r->userinfo, "User:pw");
  EXPECT_EQ(r->path, "/v2/a/b");
  EXPECT_EQ(r->rawPath, "/v2/a%2Fb");
  EXPECT_EQ(r->query, "x=1");
  r = parseUrlReference("https://*.example.com/org");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->host, "*.example.com");
}

// RFC 3986 §5.4 examples, as Go's ResolveReference renders them.
TEST(Url, ResolvesRfc3986Examples) {
  const std::string base = "http://a/b/c/d;p?q";
  const std::pair<const char*, const char*> cases[] = {
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q"},
      {"g#s", "http://a/b/c/g"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
  };
  for (const auto& [ref, want] : cases) {
    auto got = resolveUrl(base, ref);
    ASSERT_TRUE(got.has_value()) << ref;
    EXPECT_EQ(*got, want) << ref;
  }
}

TEST(Url, ResolvesRegistryLinks) {
  EXPECT_EQ(resolveUrl("https://r.example/v2/x/tags/list", "/v2/x/tags/list?n=2&last=b").value(),
            "https://r.example/v2/x/tags/list?n=2&last=b");
  EXPECT_EQ(resolveUrl("https://r.example/v2/x/tags/list?n=2", "list?n=2&last=d").value(),
            "https://r.example/v2/x/tags/list?n=2&last=d");
  EXPECT_EQ(resolveUrl("https://r.example/v2/x/tags/list", "https://cdn.example/page2?x=1").value(),
            "https://cdn.example/page2?x=1");
  // Go re-escapes a path that is not validly encoded.
  EXPECT_EQ(resolveUrl("https://r.example/v2/", "/v2/a b").value(), "https://r.example/v2/a%20b");
  EXPECT_FALSE(resolveUrl("https://r.example/v2/", "/v2/%zz").has_value());
}

TEST(Url, NextLinkTakesTheFirstEntryLikeUpstream) {
  EXPECT_EQ(nextLink(R"(</v2/x/tags/list?n=2&last=b>; rel="next")", "https://r.example/v2/x/tags/list?n=2").value(),
            "https://r.example/v2/x/tags/list?n=2&last=b");
  EXPECT_EQ(nextLink("</v2/x/tags/list?last=b>", "http://127.0.0.1:5000/v2/x/tags/list").value(),
            "http://127.0.0.1:5000/v2/x/tags/list?last=b");
  EXPECT_EQ(nextLink(R"(<https://other.example/v2/x/tags/list?last=b>; rel="next")", "https://r.example/v2/x/tags/list")
                .value(),
            "https://other.example/v2/x/tags/list?last=b");
  // Upstream ignores rel: whatever comes first is followed.
  EXPECT_EQ(nextLink(R"(</v2/x/tags/list?last=a>; rel="prev", </v2/x/tags/list?last=c>; rel="next")",
                     "https://r.example/v2/x/tags/list")
                .value(),
            "https://r.example/v2/x/tags/list?last=a");
  EXPECT_FALSE(nextLink("", "https://r.example/v2/x/tags/list").has_value());
  // An empty target resolves to the same page again (upstream would loop; the importer caps pages).
  EXPECT_EQ(nextLink("<>", "https://r.example/v2/x/tags/list?n=1").value(), "https://r.example/v2/x/tags/list?n=1");

  std::string error;
  // A bad escape in the query is kept raw, as Go keeps RawQuery.
  EXPECT_EQ(nextLink("</v2/x/tags/list?last=%zz>", "https://r.example/v2/x/tags/list", &error).value(),
            "https://r.example/v2/x/tags/list?last=%zz");
  EXPECT_FALSE(nextLink("</v2/%zz>; rel=\"next\"", "https://r.example/v2/x/tags/list", &error).has_value());
  EXPECT_EQ(error, R"(parse "/v2/%zz": invalid URL escape "%zz")");
}

TEST(Url, QueryEscapeMatchesGo) {
  EXPECT_EQ(queryEscape("repository:library/nginx:pull"), "repository%3Alibrary%2Fnginx%3Apull");
  EXPECT_EQ(queryEscape("registry.docker.io"), "registry.docker.io");
  EXPECT_EQ(queryEscape("a b+c&d=e?f#g"), "a+b%2Bc%26d%3De%3Ff%23g");
  EXPECT_EQ(queryEscape("-_.~"), "-_.~");
  EXPECT_EQ(queryEscape("user@example.com"), "user%40example.com");
  EXPECT_EQ(queryEscape("caf\xC3\xA9"), "caf%C3%A9");
  EXPECT_EQ(queryEscape(""), "");
}

TEST(Url, EncodeQuerySortsKeysLikeGoValues) {
  EXPECT_EQ(encodeQuery({{"service", "registry.docker.io"}, {"scope", "repository:library/nginx:pull"}, {"account", "me"}}),
            "account=me&scope=repository%3Alibrary%2Fnginx%3Apull&service=registry.docker.io");
  EXPECT_EQ(encodeQuery({{"scope", "b"}, {"a", "1"}, {"scope", "a"}}), "a=1&scope=b&scope=a");
  EXPECT_EQ(encodeQuery({}), "");
}

TEST(Url, ParseQueryDropsMalformedPairs) {
  auto q = parseQuery("a=1&b=x+y&c=%41&bad=%zz&semi=1;2&&flag&=v");
  ASSERT_EQ(q.size(), 5u);
  EXPECT_EQ(q[0], (std::pair<std::string, std::string>{"a", "1"}));
  EXPECT_EQ(q[1], (std::pair<std::string, std::string>{"b", "x y"}));
  EXPECT_EQ(q[2], (std::pair<std::string, std::string>{"c", "A"}));
  EXPECT_EQ(q[3], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_EQ(q[4], (std::pair<std::string, std::string>{"", "v"}));
}

}  // namespace
}  // namespace isimport

// A container registry in memory for the importer's native tests: recorded answers for the /v2/
// ping (anonymous, or 401 with Bearer and/or Basic challenges), a token realm (anonymous and Basic
// credentials with account=), manifests by tag and digest with their Content-Type, blobs (GET and
// HEAD with Content-Length), tags/list with Link pagination, Distribution's error bodies, and
// scripted answers (legacy and empty error bodies, 429/5xx, network failures and timeouts). It
// emulates the driver's body cap (TransportFailure::BodyTooLarge past request.maxBodyBytes) and
// records every request. `drive` runs an Importer to the end, answering outstanding requests in a
// chosen order.
#pragma once

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "go/base64.h"
#include "import/importer.h"
#include "registry/digest.h"
#include "registry/http_exchange.h"
#include "registry/url.h"

namespace isimport::testing {

// One answer (or transport failure) the registry gives.
struct Answer {
  int status = 200;
  HeaderList headers;
  std::string body;
  TransportFailure failure = TransportFailure::None;
  std::string failureText;

  static Answer fail(TransportFailure f, std::string text = "") {
    Answer a;
    a.status = 0;
    a.failure = f;
    a.failureText = std::move(text);
    return a;
  }
  static Answer json(int status, std::string body, HeaderList headers = {}) {
    Answer a;
    a.status = status;
    a.body = std::move(body);
    a.headers = std::move(headers);
    a.headers.emplace_back("content-type", "application/json; charset=utf-8");
    return a;
  }
};

inline std::string errorsBody(const std::string& code, const std::string& message, const std::string& detail = "null") {
  return R"({"errors":[{"code":")" + code + R"(","message":")" + message + R"(","detail":)" + detail + "}]}";
}

struct FakeRepository {
  struct Manifest {
    std::string contentType, body;
  };
  std::map<std::string, Manifest> manifests;  // by tag and by digest
  std::map<std::string, std::string> blobs;   // digest → bytes (GET and HEAD)
  std::map<std::string, int64_t> layerSizes;  // digest → size, for HEAD only (layers are never downloaded)
  std::vector<std::string> tags;              // tags/list, in this order
  size_t pageSize = 0;                        // 0: one page
  std::string linkHost;                       // "https://other.example" makes Link absolute on that host
  bool privateRepo = false;                   // anonymous tokens / missing credentials are refused

  // Serves `body` under its sha256 digest and, if given, under `tag`; returns the digest.
  std::string putManifest(const std::string& contentType, const std::string& body, const std::string& tag = "") {
    std::string digest = sha256Digest(body);
    manifests[digest] = {contentType, body};
    if (!tag.empty()) manifests[tag] = {contentType, body};
    return digest;
  }
  std::string putBlob(const std::string& body) {
    std::string digest = sha256Digest(body);
    blobs[digest] = body;
    return digest;
  }
};

enum class RegistryAuth { Anonymous, Bearer, Basic, BearerAndBasic };

struct FakeHost {
  RegistryAuth auth = RegistryAuth::Anonymous;
  std::string realm = "https://auth.example.com/token";
  std::string service = "registry.example.com";
  bool httpOnly = false;  // https connections are refused (an insecure registry)
  std::map<std::string, FakeRepository> repositories;
};

class FakeRegistry {
 public:
  std::map<std::string, FakeHost> hosts;                // "registry-1.docker.io", "quay.io" …
  std::map<std::string, std::string> users;             // username → password (realm and Basic)
  std::string tokenHost = "auth.example.com";           // where the realm lives (https and http)
  std::vector<HttpRequest> log;                          // every request, in the order answered
  uint64_t msPerAnswer = 0;  // a simulated clock: each answer arrives this much later (0 = no clock)
  uint64_t clockMs = 0;

  FakeHost& host(const std::string& name) { return hosts[name]; }
  FakeRepository& repo(const std::string& hostName, const std::string& path) {
    return hosts[hostName].repositories[path];
  }

  // Answers for an exact "METHOD URL", used (and consumed) before the recorded content.
  void script(const std::string& method, const std::string& url, std::vector<Answer> answers) {
    auto& q = scripts_[method + " " + url];
    for (auto& a : answers) q.push_back(std::move(a));
  }
  // Answers for every request whose URL contains `fragment` (consumed, before exact scripts).
  void scriptMatching(const std::string& method, const std::string& fragment, std::vector<Answer> answers) {
    auto& q = fragmentScripts_[method + " " + fragment];
    for (auto& a : answers) q.push_back(std::move(a));
  }

  HttpResponse answer(const HttpRequest& request) {
    log.push_back(request);
    Answer a = route(request);
    HttpResponse r;
    r.id = request.id;
    r.status = a.status;
    r.headers = a.headers;
    for (auto& [k, v] : r.headers)
      for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.failure = a.failure;
    r.failureText = a.failureText;
    if (msPerAnswer > 0) r.elapsedMs = clockMs += msPerAnswer;
    if (a.failure == TransportFailure::None && request.method != "HEAD") {
      bool errorAnswer = a.status < 200 || a.status >= 400;
      if (a.body.size() > (errorAnswer ? request.maxErrorBodyBytes : request.maxBodyBytes)) {
        r.failure = TransportFailure::BodyTooLarge;  // what the driver reports past the cap
        r.failureText = "body over the limit";
      } else {
        r.body = a.body;
      }
    }
    return r;
  }

  // Requests whose method matches and whose URL contains `fragment`.
  size_t count(const std::string& method, const std::string& fragment = "") const {
    return static_cast<size_t>(std::count_if(log.begin(), log.end(), [&](const HttpRequest& r) {
      return r.method == method && r.url.find(fragment) != std::string::npos;
    }));
  }
  // "METHOD URL" of every request, sorted (the order requests are answered in varies).
  std::vector<std::string> requestLines() const {
    std::vector<std::string> lines;
    for (const auto& r : log) lines.push_back(r.method + " " + r.url);
    std::sort(lines.begin(), lines.end());
    return lines;
  }
  const HttpRequest* find(const std::string& method, const std::string& fragment) const {
    for (const auto& r : log)
      if (r.method == method && r.url.find(fragment) != std::string::npos) return &r;
    return nullptr;
  }

  static std::string header(const HttpRequest& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      std::string lower = k;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower == name) return v;
    }
    return "";
  }

 private:
  std::map<std::string, std::deque<Answer>> scripts_;
  std::map<std::string, std::deque<Answer>> fragmentScripts_;

  static std::string basic(const std::string& user, const std::string& password) {
    return "Basic " + base64Encode(user + ":" + password);
  }

  Answer route(const HttpRequest& request) {
    for (auto& [key, queue] : fragmentScripts_) {
      auto space = key.find(' ');
      if (queue.empty() || key.substr(0, space) != request.method) continue;
      if (request.url.find(key.substr(space + 1)) == std::string::npos) continue;
      Answer a = queue.front();
      queue.pop_front();
      return a;
    }
    if (auto it = scripts_.find(request.method + " " + request.url); it != scripts_.end() && !it->second.empty()) {
      Answer a = it->second.front();
      it->second.pop_front();
      return a;
    }
    std::optional<Url> url = parseUrl(request.url);
    if (!url) return Answer::fail(TransportFailure::Network, "unparseable URL");
    if (url->host == tokenHost) return token(request, *url);
    auto h = hosts.find(url->host);
    if (h == hosts.end()) return Answer::fail(TransportFailure::Network, "dial tcp: lookup " + url->host + ": no such host");
    FakeHost& host = h->second;
    if (host.httpOnly && url->scheme == "https") {
      return Answer::fail(TransportFailure::Network, "http: server gave HTTP response to HTTPS client");
    }
    if (!host.httpOnly && url->scheme == "http") {
      return Answer::fail(TransportFailure::Network, "dial tcp " + url->host + ":80: connect: connection refused");
    }
    const std::string& path = url->path;
    if (path == "/v2/") return ping(host);
    if (path.rfind("/v2/", 0) != 0) return Answer::json(404, "404 page not found");
    std::string rest = path.substr(4);
    std::string repoPath, kind, ref;
    for (const char* k : {"/manifests/", "/blobs/", "/tags/list"}) {
      auto at = rest.rfind(k);
      if (at == std::string::npos) continue;
      repoPath = rest.substr(0, at);
      kind = k;
      ref = rest.substr(at + kind.size());
      break;
    }
    auto repo = host.repositories.find(repoPath);
    if (Answer denied; !authorized(host, request, repoPath, repo != host.repositories.end() && repo->second.privateRepo, denied)) {
      return denied;
    }
    if (repo == host.repositories.end()) {
      return Answer::json(404, errorsBody("NAME_UNKNOWN", "repository name not known to registry",
                                          R"({"name":")" + repoPath + R"("})"));
    }
    FakeRepository& r = repo->second;
    if (kind == "/manifests/") {
      auto m = r.manifests.find(ref);
      if (m == r.manifests.end()) {
        return Answer::json(404, errorsBody("MANIFEST_UNKNOWN", "manifest unknown", R"({"Tag":")" + ref + R"("})"));
      }
      Answer a;
      a.body = m->second.body;
      a.headers = {{"Content-Type", m->second.contentType},
                   {"Docker-Content-Digest", sha256Digest(m->second.body)},
                   {"Content-Length", std::to_string(m->second.body.size())}};
      return a;
    }
    if (kind == "/blobs/") {
      auto b = r.blobs.find(ref);
      if (b != r.blobs.end()) {
        Answer a;
        a.body = b->second;
        a.headers = {{"Content-Type", "application/octet-stream"}, {"Content-Length", std::to_string(b->second.size())}};
        return a;
      }
      auto l = r.layerSizes.find(ref);
      if (l != r.layerSizes.end() && request.method == "HEAD") {
        Answer a;
        a.headers = {{"Content-Type", "application/octet-stream"}, {"Content-Length", std::to_string(l->second)}};
        return a;
      }
      return Answer::json(404, errorsBody("BLOB_UNKNOWN", "blob unknown to registry", "\"" + ref + "\""));
    }
    return tagPage(r, repoPath, url->query);
  }

  Answer ping(const FakeHost& host) {
    Answer a;
    a.headers = {{"Docker-Distribution-API-Version", "registry/2.0"}};
    a.body = "{}";
    if (host.auth == RegistryAuth::Anonymous) return a;
    a.status = 401;
    a.body = errorsBody("UNAUTHORIZED", "authentication required");
    if (host.auth == RegistryAuth::Bearer || host.auth == RegistryAuth::BearerAndBasic) {
      a.headers.emplace_back("WWW-Authenticate",
                             "Bearer realm=\"" + host.realm + "\",service=\"" + host.service + "\"");
    }
    if (host.auth == RegistryAuth::Basic || host.auth == RegistryAuth::BearerAndBasic) {
      a.headers.emplace_back("WWW-Authenticate", "Basic realm=\"Registry Realm\"");
    }
    return a;
  }

  // Tokens name who asked and for what: "token|<user or ->|<scope>".
  Answer token(const HttpRequest& request, const Url& url) {
    std::string who = "-";
    std::string authorization = header(request, "authorization");
    if (!authorization.empty()) {
      bool ok = false;
      for (const auto& [user, password] : users) {
        if (authorization == basic(user, password)) {
          ok = true;
          who = user;
        }
      }
      if (!ok) return Answer::json(401, R"({"details":"incorrect username or password"})");
    }
    std::string scope;
    for (const auto& [k, v] : parseQuery(url.query))
      if (k == "scope") scope = v;
    return Answer::json(200, R"({"token":"token|)" + who + "|" + scope + R"(","expires_in":300})");
  }

  bool authorized(const FakeHost& host, const HttpRequest& request, const std::string& repoPath, bool privateRepo,
                  Answer& denied) {
    std::string authorization = header(request, "authorization");
    std::string scope = "repository:" + repoPath + ":pull";
    switch (host.auth) {
      case RegistryAuth::Anonymous:
        return true;
      case RegistryAuth::Basic:
      case RegistryAuth::BearerAndBasic: {
        for (const auto& [user, password] : users)
          if (authorization == basic(user, password)) return true;
        if (host.auth == RegistryAuth::Basic) {
          denied = Answer::json(401, errorsBody("UNAUTHORIZED", "authentication required"),
                                {{"WWW-Authenticate", "Basic realm=\"Registry Realm\""}});
          return false;
        }
        [[fallthrough]];
      }
      case RegistryAuth::Bearer: {
        std::string prefix = "Bearer token|";
        bool tokenOk = authorization.rfind(prefix, 0) == 0 && authorization.size() > scope.size() &&
                       authorization.substr(authorization.size() - scope.size()) == scope;
        bool anonymous = authorization.rfind(prefix + "-|", 0) == 0;
        if (tokenOk && !(privateRepo && anonymous)) return true;
        // Docker Hub's answer: a Bearer challenge naming the scope, with insufficient_scope once a
        // token was presented, and an UNAUTHORIZED body.
        std::string challenge = "Bearer realm=\"" + host.realm + "\",service=\"" + host.service + "\",scope=\"" + scope + "\"";
        if (tokenOk) challenge += ",error=\"insufficient_scope\"";
        denied = Answer::json(401, errorsBody("UNAUTHORIZED", "authentication required",
                                              R"([{"Type":"repository","Name":")" + repoPath +
                                                  R"(","Action":"pull"}])"),
                              {{"WWW-Authenticate", challenge}});
        return false;
      }
    }
    return true;
  }

  Answer tagPage(const FakeRepository& r, const std::string& repoPath, const std::string& query) {
    size_t start = 0;
    for (const auto& [k, v] : parseQuery(query)) {
      if (k != "last") continue;
      auto it = std::find(r.tags.begin(), r.tags.end(), v);
      start = it == r.tags.end() ? r.tags.size() : static_cast<size_t>(it - r.tags.begin()) + 1;
    }
    size_t end = r.pageSize == 0 ? r.tags.size() : std::min(r.tags.size(), start + r.pageSize);
    std::string body = R"({"name":")" + repoPath + R"(","tags":[)";
    for (size_t i = start; i < end; ++i) {
      if (i > start) body += ',';
      body += '"';
      body += r.tags[i];
      body += '"';
    }
    body += "]}";
    Answer a = Answer::json(200, body);
    if (end < r.tags.size()) {
      std::string next = "/v2/" + repoPath + "/tags/list?last=" + r.tags[end - 1] + "&n=" + std::to_string(r.pageSize);
      a.headers.emplace_back("Link", "<" + r.linkHost + next + ">; rel=\"next\"");
    }
    return a;
  }
};

// The order outstanding requests are answered in. Results must not depend on it.
enum class Order { Fifo, Lifo, Interleaved, Shuffled };

inline const char* orderName(Order o) {
  switch (o) {
    case Order::Fifo: return "fifo";
    case Order::Lifo: return "lifo";
    case Order::Interleaved: return "interleaved";
    case Order::Shuffled: return "shuffled";
  }
  return "?";
}

// Runs `importer` to the end against `registry`, one answer at a time, picking among the
// outstanding requests by `order`. Returns false (and fails the test) if it stalls.
inline bool drive(Importer& importer, FakeRegistry& registry, Order order, unsigned seed = 7) {
  std::vector<HttpRequest> pending = importer.takeRequests();
  std::mt19937 random(seed);
  bool front = true;
  size_t steps = 0;
  while (!pending.empty()) {
    size_t pick = 0;
    switch (order) {
      case Order::Fifo: pick = 0; break;
      case Order::Lifo: pick = pending.size() - 1; break;
      case Order::Interleaved: pick = front ? 0 : pending.size() - 1; front = !front; break;
      case Order::Shuffled: pick = std::uniform_int_distribution<size_t>(0, pending.size() - 1)(random); break;
    }
    HttpRequest request = pending[pick];
    pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(pick));
    HttpResponse response = registry.answer(request);
    EXPECT_TRUE(importer.feed(response)) << "request " << request.id << " not outstanding";
    EXPECT_FALSE(importer.feed(response)) << "request " << request.id << " accepted twice";
    for (auto& r : importer.takeRequests()) pending.push_back(std::move(r));
    if (++steps > 10000) break;
  }
  EXPECT_TRUE(importer.done()) << "the import stalled with no request outstanding (" << orderName(order) << ")";
  return importer.done();
}

}  // namespace isimport::testing

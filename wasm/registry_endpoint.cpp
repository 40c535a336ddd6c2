#include "registry_endpoint.h"

#include "base64.h"
#include "url.h"

namespace isimport {
namespace {

std::string basicHeader(const BasicCredentials& c) { return "Basic " + base64Encode(c.username + ":" + c.password); }

std::vector<std::string_view> headerValues(const HttpResponse& r, std::string_view lowerName) {
  std::vector<std::string_view> values;
  for (const auto& [k, v] : r.headers)
    if (k == lowerName) values.push_back(v);
  return values;
}

const AuthChallenge* findChallenge(const std::vector<AuthChallenge>& all, std::string_view scheme) {
  for (const auto& c : all)
    if (c.scheme == scheme) return &c;
  return nullptr;
}

// Go wraps errors raised while sending a request (auth included) as `Get "<url>": <cause>`.
ImportError wrappedAsRequestError(const std::string& method, const std::string& url, const ImportError& cause) {
  ImportError e = cause;
  std::string verb = method == "HEAD" ? "Head" : "Get";
  e.text = verb + " \"" + url + "\": " + cause.text;
  e.retryAfterMs = 0;
  return e;
}

}  // namespace

RegistryEndpoint::RegistryEndpoint(Transport& transport, std::string host, bool insecure, EndpointLimits limits)
    : transport_(transport), host_(std::move(host)), insecure_(insecure), limits_(limits) {}

void RegistryEndpoint::call(RegistryCall call, Done done) {
  switch (ping_) {
    case PingState::Ready:
      return authorizeAndSend(std::move(call), std::move(done));
    case PingState::Failed:
      return done(CallOutcome{std::nullopt, pingError_});
    case PingState::NotStarted:
      waitingForPing_.push_back({std::move(call), std::move(done)});
      return ping("https");
    case PingState::InFlight:
      waitingForPing_.push_back({std::move(call), std::move(done)});
      return;
  }
}

void RegistryEndpoint::ping(const std::string& scheme) {
  ping_ = PingState::InFlight;
  HttpRequest request;
  request.method = "GET";
  request.url = scheme + "://" + host_ + "/v2/";
  request.maxBodyBytes = limits_.tokenBodyBytes;
  request.timeoutMs = 15000;  // upstream's ping client timeout
  transport_.send(std::move(request), [this, scheme](const HttpResponse& r) { onPing(scheme, r); });
}

void RegistryEndpoint::onPing(const std::string& scheme, const HttpResponse& r) {
  std::string url = scheme + "://" + host_ + "/v2/";
  bool answered = r.failure == TransportFailure::None || r.failure == TransportFailure::BodyTooLarge;
  if (!answered) {
    if (insecure_ && scheme == "https" && r.failure != TransportFailure::Aborted) return ping("http");
    ping_ = PingState::Failed;
    pingError_ = errorFromTransport("GET", url, r);
  } else {
    bool v2 = !r.header("docker-distribution-api-version").empty() || (r.status >= 200 && r.status < 300) ||
              r.status == 401 || r.status == 403;
    if (v2) {
      scheme_ = scheme;
      challenges_ = parseChallenges(headerValues(r, "www-authenticate"));
      ping_ = PingState::Ready;
    } else {
      ping_ = PingState::Failed;
      pingError_ = plainError("endpoint \"" + scheme + "://" + host_ + "\" does not support v2 API (got " +
                              statusLine(r.status) + ")");
    }
  }
  std::vector<Waiting> waiting = std::exchange(waitingForPing_, {});
  for (auto& w : waiting) call(std::move(w.call), std::move(w.done));
}

std::string RegistryEndpoint::urlOf(const RegistryCall& call) const {
  if (call.path.rfind("http://", 0) == 0 || call.path.rfind("https://", 0) == 0) return call.path;
  return baseUrl() + call.path;
}

// Credentials travel only over https, unless the registry is marked insecure.
bool RegistryEndpoint::mayCarryCredentials(const std::string& url) const {
  return insecure_ || url.rfind("https://", 0) == 0;
}

void RegistryEndpoint::authorizeAndSend(RegistryCall call, Done done) {
  // A Link page on another host is followed, but nothing that authorizes us travels there.
  if (auto target = parseUrl(urlOf(call)); target && target->host != host_) {
    return send(std::move(call), "", 1, 0, std::move(done));
  }
  if (const AuthChallenge* bearer = findChallenge(challenges_, "bearer")) {
    return withToken(*bearer, std::move(call), std::move(done));
  }
  if (findChallenge(challenges_, "basic")) {
    if (!call.credentials) {
      return done(CallOutcome{std::nullopt, wrappedAsRequestError(call.method, urlOf(call),
                                                                  plainError("no basic auth credentials"))});
    }
    std::string header = mayCarryCredentials(urlOf(call)) ? basicHeader(*call.credentials) : std::string();
    return send(std::move(call), header, 1, 0, std::move(done));
  }
  send(std::move(call), "", 1, 0, std::move(done));
}

void RegistryEndpoint::withToken(const AuthChallenge& bearer, RegistryCall call, Done done) {
  auto realm = bearer.params.find("realm");
  if (realm == bearer.params.end() || realm->second.empty()) {
    return done(CallOutcome{std::nullopt, wrappedAsRequestError(call.method, urlOf(call),
                                                                plainError("no realm specified for token auth challenge"))});
  }
  std::string scope = "repository:" + call.repository + ":pull";
  auto service = bearer.params.find("service");
  std::string user = call.credentials ? call.credentials->username : std::string();
  std::string key = realm->second + "\n" + (service != bearer.params.end() ? service->second : "") + "\n" + scope +
                    "\n" + user;
  if (auto cached = tokens_.find(key); cached != tokens_.end()) {
    return send(std::move(call), "Bearer " + cached->second, 1, 0, std::move(done));
  }
  auto& waiters = tokenWaiters_[key];
  bool alreadyAsked = !waiters.empty();
  std::optional<BasicCredentials> credentials = call.credentials;
  waiters.push_back({std::move(call), std::move(done)});
  if (alreadyAsked) return;

  std::string url = realm->second;
  url += url.find('?') == std::string::npos ? "?" : "&";
  std::string query;
  if (service != bearer.params.end()) query += "service=" + queryEscape(service->second) + "&";
  query += "scope=" + queryEscape(scope);
  if (credentials) query += "&account=" + queryEscape(credentials->username);
  url += query;

  HttpRequest request;
  request.url = url;
  request.maxBodyBytes = limits_.tokenBodyBytes;
  request.timeoutMs = limits_.requestTimeoutMs;
  if (credentials && mayCarryCredentials(url)) request.headers.emplace_back("Authorization", basicHeader(*credentials));
  transport_.send(std::move(request), [this, key, url](const HttpResponse& r) {
    std::vector<Waiting> ready = std::exchange(tokenWaiters_[key], {});
    tokenWaiters_.erase(key);
    std::optional<ImportError> failure;
    std::string token;
    if (r.failure != TransportFailure::None) {
      failure = errorFromTransport("GET", url, r);
    } else if (r.status < 200 || r.status >= 300) {
      failure = errorFromResponse(r);
    } else {
      TokenAnswer answer = parseTokenAnswer(r.body);
      if (!answer.error.empty()) failure = plainError(answer.error);
      token = answer.token;
    }
    if (!failure) tokens_[key] = token;
    for (auto& w : ready) {
      if (failure) {
        w.done(CallOutcome{std::nullopt, wrappedAsRequestError(w.call.method, urlOf(w.call), *failure)});
      } else {
        send(std::move(w.call), "Bearer " + token, 1, 0, std::move(w.done));
      }
    }
  });
}

void RegistryEndpoint::send(RegistryCall call, std::string authorization, int attempt, uint32_t delayMs, Done done) {
  HttpRequest request;
  request.method = call.method;
  request.url = urlOf(call);
  for (const auto& type : call.accept) request.headers.emplace_back("Accept", type);
  if (!authorization.empty()) request.headers.emplace_back("Authorization", authorization);
  request.maxBodyBytes = call.maxBodyBytes;
  request.timeoutMs = limits_.requestTimeoutMs;
  request.delayMs = delayMs;  // a retry waits in the driver before it goes out
  std::string url = request.url;
  transport_.send(std::move(request), [this, call = std::move(call), authorization = std::move(authorization), url,
                                       attempt, done = std::move(done)](const HttpResponse& r) mutable {
    ImportError error;
    if (r.failure == TransportFailure::BodyTooLarge) {
      error = plainError(call.whatIsCapped + " from " + url + " exceeds the limit of " +
                         std::to_string(call.maxBodyBytes) + " bytes");
    } else if (r.failure != TransportFailure::None) {
      error = errorFromTransport(call.method, url, r);
    } else if (r.status >= 200 && r.status < 300) {
      return done(CallOutcome{r, {}});
    } else {
      error = errorFromResponse(r);
    }
    if (error.retryAfterMs > 0 && attempt < limits_.maxAttempts) {
      return send(std::move(call), std::move(authorization), attempt + 1, error.retryAfterMs, std::move(done));
    }
    done(CallOutcome{std::nullopt, std::move(error)});
  });
}

}  // namespace isimport

#include "registry/registry_endpoint.h"

#include "go/base64.h"
#include "go/go_text.h"  // goQuote
#include "registry/url.h"

namespace isimport {
namespace {

std::string basicHeader(const BasicCredentials& c) { return "Basic " + base64Encode(c.username + ":" + c.password); }

const AuthChallenge* findChallenge(const std::vector<AuthChallenge>& all, std::string_view scheme) {
  for (const auto& c : all)
    if (c.scheme == scheme) return &c;
  return nullptr;
}

bool isSuccess(int status) { return status >= 200 && status <= 399; }  // Distribution's SuccessStatus

std::string lower(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

// The token request URL as Distribution builds it: the realm's own query kept, service, scope and
// account added, everything encoded by url.Values.Encode (keys sorted). `error` gets the text of
// what Go would fail with instead.
std::string tokenUrl(const std::string& realm, const std::string* service, const std::string& scope,
                     const std::string* account, std::string& error) {
  std::string parseError;
  std::optional<UrlReference> ref = parseUrlReference(realm, &parseError);
  if (!ref) {
    error = "invalid token auth challenge realm: " + parseError;
    return "";
  }
  std::string_view text = realm;
  if (auto hash = text.find('#'); hash != std::string_view::npos) text = text.substr(0, hash);
  std::string_view base = text;
  std::string_view rawQuery;
  if (auto q = text.find('?'); q != std::string_view::npos) {
    base = text.substr(0, q);
    rawQuery = text.substr(q + 1);
  }
  std::vector<std::pair<std::string, std::string>> query = parseQuery(rawQuery);
  if (service) query.emplace_back("service", *service);
  query.emplace_back("scope", scope);
  if (account) query.emplace_back("account", *account);
  std::string url = std::string(base) + "?" + encodeQuery(query);
  std::string scheme = lower(ref->scheme);
  if (scheme != "http" && scheme != "https") {
    error = "Get " + goQuote(url) + ": unsupported protocol scheme " + goQuote(ref->scheme);
  } else if (ref->host.empty()) {
    error = "Get " + goQuote(url) + ": http: no Host in request URL";
  }
  return url;
}

}  // namespace

std::optional<std::string> challengeKeyOf(const std::string& text) {
  std::optional<Url> url = parseUrl(text);
  if (!url) return std::nullopt;
  std::string path = url->path;
  std::string pingPath;
  if (auto v2 = path.find("/v2/"); v2 != std::string::npos) {
    pingPath = path.substr(0, v2 + 4);
  } else if (auto v1 = path.find("/v1/"); v1 != std::string::npos) {
    pingPath = path.substr(0, v1) + "/v2/";
  } else {
    return std::nullopt;
  }
  std::string host = url->host;  // already lower-case
  bool hasPort = false;
  if (!host.empty() && host.front() == '[') {
    hasPort = host.find("]:") != std::string::npos;
  } else {
    hasPort = host.find(':') != std::string::npos;
  }
  if (!hasPort) host += url->scheme == "http" ? ":80" : url->scheme == "https" ? ":443" : ":";
  return url->scheme + "://" + host + pingPath;
}

RegistryEndpoint::RegistryEndpoint(Transport& transport, std::string host, EndpointLimits limits)
    : transport_(transport), host_(std::move(host)), limits_(limits) {}

void RegistryEndpoint::call(RegistryCall call, Done done) {
  switch (ping_) {
    case PingState::Ready:
      return attempt(std::move(call), 1, std::move(done));
    case PingState::Failed:
      return done(CallOutcome{std::nullopt, pingError_, 0, {}});
    case PingState::NotStarted:
      insecure_ = call.insecure;
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
  request.timeoutMs = std::min(limits_.pingTimeoutMs, limits_.requestTimeoutMs);
  transport_.send(std::move(request), [this, scheme](const HttpResponse& r) { onPing(scheme, r); });
}

void RegistryEndpoint::onPing(const std::string& scheme, const HttpResponse& r) {
  std::string url = scheme + "://" + host_ + "/v2/";
  bool answered = r.failure == TransportFailure::None || r.failure == TransportFailure::BodyTooLarge;
  if (!answered) {
    // library-go: a failed https ping of an insecure registry is retried over http, and then that
    // answer (or its error) is the ping's.
    if (insecure_ && scheme == "https" && r.failure != TransportFailure::Aborted) return ping("http");
    ping_ = PingState::Failed;
    pingError_ = errorFromTransport("GET", url, r);
  } else {
    // auth.APIVersions: any whitespace-separated version in any Docker-Distribution-API-Version value.
    bool versioned = false;
    for (const auto& [k, v] : r.headers)
      if (k == "docker-distribution-api-version" && v.find_first_not_of(" \t\r\n\v\f") != std::string::npos) versioned = true;
    bool v2 = versioned || (r.status >= 200 && r.status < 300) || r.status == 401 || r.status == 403;
    if (v2) {
      scheme_ = scheme;
      challenges_ = challengesOf(r);  // only a 401 carries challenges (Distribution's ResponseChallenges)
      ping_ = PingState::Ready;
    } else {
      ping_ = PingState::Failed;
      pingError_ = plainError("endpoint " + goQuote(scheme + "://" + host_) + " does not support v2 API (got " +
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

// The authorizer applies the ping's challenges only to URLs filed under the same key (same scheme,
// host and port): a Link page on another host, or over another scheme, goes without Authorization.
bool RegistryEndpoint::authorizes(const std::string& url) const {
  std::optional<std::string> key = challengeKeyOf(url);
  return key && *key == challengeKeyOf(baseUrl() + "/v2/");
}

// Credentials travel only over https, unless the registry was reached as an insecure one.
bool RegistryEndpoint::mayCarryCredentials(const std::string& url) const {
  return insecure_ || lower(url.substr(0, 8)) == "https://";
}

// Distribution's handlers use a credential only when both parts are set.
std::optional<BasicCredentials> RegistryEndpoint::usableCredentials(const RegistryCall& call,
                                                                    const std::string& url) const {
  if (!call.credentials || call.credentials->username.empty() || call.credentials->password.empty()) return std::nullopt;
  if (!mayCarryCredentials(url)) return std::nullopt;
  return call.credentials;
}

void RegistryEndpoint::attempt(RegistryCall call, int attemptNo, Done done) {
  std::string url = urlOf(call);
  if (!challenges_.empty() && authorizes(url)) {
    // endpointAuthorizer: the token handler first, then the Basic handler (which overrides the
    // header when it has credentials and fails the request when it has none).
    if (const AuthChallenge* bearer = findChallenge(challenges_, "bearer")) {
      return withToken(*bearer, std::move(call), attemptNo, std::move(done));
    }
    return afterBearer(std::move(call), "", attemptNo, std::move(done));
  }
  send(std::move(call), "", attemptNo, std::move(done));
}

void RegistryEndpoint::afterBearer(RegistryCall call, std::string authorization, int attemptNo, Done done) {
  if (findChallenge(challenges_, "basic")) {
    std::string url = urlOf(call);
    std::optional<BasicCredentials> credentials = usableCredentials(call, url);
    if (!credentials) {
      CallOutcome outcome{std::nullopt, wrapRequestError(call.method, url, plainError("no basic auth credentials")), 0, {}};
      return failOrRetry(std::move(call), attemptNo, std::move(outcome), std::move(done));
    }
    authorization = basicHeader(*credentials);
  }
  send(std::move(call), std::move(authorization), attemptNo, std::move(done));
}

void RegistryEndpoint::withToken(const AuthChallenge& bearer, RegistryCall call, int attemptNo, Done done) {
  auto realm = bearer.params.find("realm");
  if (realm == bearer.params.end()) {
    CallOutcome outcome{std::nullopt,
                        wrapRequestError(call.method, urlOf(call), plainError("no realm specified for token auth challenge")),
                        0, {}};
    return failOrRetry(std::move(call), attemptNo, std::move(outcome), std::move(done));
  }
  std::string scope = "repository:" + call.repository + ":pull";
  auto service = bearer.params.find("service");
  std::string serviceValue = service != bearer.params.end() ? service->second : "";
  // A probe URL on the realm decides whether credentials may go there (https, or an insecure registry).
  std::string urlError;
  std::string probe = tokenUrl(realm->second, nullptr, scope, nullptr, urlError);
  std::optional<BasicCredentials> credentials = usableCredentials(call, probe);
  std::string user = credentials ? credentials->username : std::string();
  std::string key = realm->second + "\n" + serviceValue + "\n" + scope + "\n" + user;
  // A token is reused for its scope until it expires (Distribution refreshes it after
  // issued time + expires_in); expiry is judged on the driver's clock.
  if (auto cached = tokens_.find(key); cached != tokens_.end()) {
    const CachedToken& t = cached->second;
    if (t.expiresAtMs == 0 || transport_.elapsedMs() <= t.expiresAtMs) {
      return afterBearer(std::move(call), "Bearer " + t.token, attemptNo, std::move(done));
    }
    tokens_.erase(cached);
  }
  auto& waiters = tokenWaiters_[key];
  bool alreadyAsked = !waiters.empty();
  uint32_t delayMs = std::exchange(call.delayMs, 0);  // the wait goes before the token request
  if (alreadyAsked) call.delayMs = delayMs;
  waiters.push_back({std::move(call), std::move(done), attemptNo});
  if (alreadyAsked) return;

  // Distribution omits service when the challenge has none or an empty one.
  std::string url = tokenUrl(realm->second, serviceValue.empty() ? nullptr : &serviceValue, scope,
                             credentials ? &credentials->username : nullptr, urlError);
  auto deliver = [this, key](std::optional<ImportError> failure, const std::string& token, uint64_t expiresAtMs) {
    std::vector<Waiting> ready = std::exchange(tokenWaiters_[key], {});
    tokenWaiters_.erase(key);
    if (!failure) tokens_[key] = CachedToken{token, expiresAtMs};
    for (auto& w : ready) {
      if (failure) {
        CallOutcome outcome{std::nullopt, wrapRequestError(w.call.method, urlOf(w.call), *failure), 0, {}};
        failOrRetry(std::move(w.call), w.attemptNo, std::move(outcome), std::move(w.done));
      } else {
        afterBearer(std::move(w.call), "Bearer " + token, w.attemptNo, std::move(w.done));
      }
    }
  };
  if (!urlError.empty()) return deliver(plainError(urlError), "", 0);

  HttpRequest request;
  request.url = url;
  request.maxBodyBytes = limits_.tokenBodyBytes;
  request.timeoutMs = std::min(limits_.tokenTimeoutMs, limits_.requestTimeoutMs);
  request.delayMs = delayMs;
  if (credentials) request.headers.emplace_back("Authorization", basicHeader(*credentials));
  uint64_t cap = limits_.tokenBodyBytes;
  transport_.send(std::move(request), [url, cap, deliver](const HttpResponse& r) {
    bool answered = r.failure == TransportFailure::None || r.failure == TransportFailure::BodyTooLarge;
    if (!answered) return deliver(errorFromTransport("GET", url, r), "", 0);
    if (!isSuccess(r.status)) return deliver(errorFromResponse(r), "", 0);
    if (r.failure == TransportFailure::BodyTooLarge) {
      return deliver(plainError("token answer from " + url + " exceeds the limit of " +
                                std::to_string(cap) + " bytes"),
                     "", 0);
    }
    TokenAnswer answer = parseTokenAnswer(r.body);
    if (!answer.error.empty()) return deliver(plainError(answer.error), "", 0);
    uint64_t lifetimeMs = static_cast<uint64_t>(answer.expiresInSeconds) * 1000;
    deliver(std::nullopt, answer.token, r.elapsedMs == 0 ? 0 : r.elapsedMs + lifetimeMs);
  });
}

constexpr uint64_t kMaxErrorBodyBytes = 1 << 20;

void RegistryEndpoint::send(RegistryCall call, std::string authorization, int attemptNo, Done done) {
  HttpRequest request;
  request.method = call.method;
  request.url = urlOf(call);
  for (const auto& type : call.accept) request.headers.emplace_back("Accept", type);
  if (!authorization.empty()) request.headers.emplace_back("Authorization", authorization);
  request.maxBodyBytes = call.maxBodyBytes;
  request.maxErrorBodyBytes = kMaxErrorBodyBytes;
  request.timeoutMs = limits_.requestTimeoutMs;
  request.delayMs = std::exchange(call.delayMs, 0);  // a retry waits in the driver before it goes out
  std::string url = request.url;
  transport_.send(std::move(request), [this, call = std::move(call), url, attemptNo,
                                       done = std::move(done)](const HttpResponse& r) mutable {
    CallOutcome outcome;
    bool answered = r.failure == TransportFailure::None || r.failure == TransportFailure::BodyTooLarge;
    if (!answered) {
      outcome.error = errorFromTransport(call.method, url, r);
    } else if (isSuccess(r.status) && r.failure == TransportFailure::BodyTooLarge) {
      outcome.error = plainError(call.whatIsCapped + " from " + url + " exceeds the limit of " +
                                 std::to_string(call.maxBodyBytes) + " bytes");
      outcome.status = r.status;
    } else if (isSuccess(r.status)) {
      return done(CallOutcome{r, {}, r.status, url});
    } else if (r.failure == TransportFailure::BodyTooLarge) {
      outcome.error = plainError("the error answer from " + url + " (" + statusLine(r.status) +
                                 ") has a body over the limit of " + std::to_string(kMaxErrorBodyBytes) + " bytes");
      outcome.status = r.status;
    } else {
      outcome.error = errorFromResponse(r);
      outcome.status = r.status;
    }
    failOrRetry(std::move(call), attemptNo, std::move(outcome), std::move(done));
  });
}

// library-go's retryRepository: up to two more attempts for the narrow set of temporary errors,
// each through the whole authorizing transport again, after the wait the error asks for.
void RegistryEndpoint::failOrRetry(RegistryCall call, int attemptNo, CallOutcome outcome, Done done) {
  if (call.retry && outcome.error.retryAfterMs > 0 && attemptNo < limits_.maxAttempts) {
    call.delayMs = outcome.error.retryAfterMs;
    return attempt(std::move(call), attemptNo + 1, std::move(done));
  }
  done(std::move(outcome));
}

}  // namespace isimport

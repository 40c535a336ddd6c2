// One registry host as the importer talks to it (spec §3.4): the lazy /v2/ ping with its
// insecure http fallback, the auth challenges it answered, Bearer tokens per scope, Basic auth,
// and upstream's retries. Every call ends in exactly one callback, with a response or an error.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth_challenge.h"
#include "credentials.h"
#include "registry_error.h"
#include "transport.h"

namespace isimport {

struct RegistryCall {
  std::string method = "GET";
  std::string path;                   // "/v2/<repo>/manifests/<ref>" …, or a full URL (Link pages)
  std::vector<std::string> accept;    // one Accept header each
  std::string repository;             // for the token scope repository:<repo>:pull
  std::optional<BasicCredentials> credentials;
  uint64_t maxBodyBytes = 4 << 20;
  std::string whatIsCapped = "response body";  // named in the error when the cap is hit
};

struct CallOutcome {
  std::optional<HttpResponse> response;  // set on a 2xx answer
  ImportError error;                     // set otherwise
  bool ok() const { return response.has_value(); }
};

struct EndpointLimits {
  uint32_t requestTimeoutMs = 30000;
  uint64_t tokenBodyBytes = 1 << 20;
  int maxAttempts = 3;  // the first try and upstream's two retries
};

class RegistryEndpoint {
 public:
  using Done = std::function<void(CallOutcome)>;

  // `host` as in the reference (host[:port]); `insecure` allows the http fallback.
  RegistryEndpoint(Transport& transport, std::string host, bool insecure, EndpointLimits limits);

  void call(RegistryCall call, Done done);

  // Scheme and host requests go to, e.g. "https://quay.io" (valid once pinged).
  std::string baseUrl() const { return scheme_ + "://" + host_; }

 private:
  struct Waiting {
    RegistryCall call;
    Done done;
  };
  enum class PingState { NotStarted, InFlight, Ready, Failed };

  void ping(const std::string& scheme);
  void onPing(const std::string& scheme, const HttpResponse& response);
  void authorizeAndSend(RegistryCall call, Done done);
  void withToken(const AuthChallenge& bearer, RegistryCall call, Done done);
  void send(RegistryCall call, std::string authorization, int attempt, uint32_t delayMs, Done done);
  std::string urlOf(const RegistryCall& call) const;
  bool mayCarryCredentials(const std::string& url) const;

  Transport& transport_;
  std::string host_;
  bool insecure_;
  EndpointLimits limits_;
  std::string scheme_ = "https";
  PingState ping_ = PingState::NotStarted;
  ImportError pingError_;
  std::vector<AuthChallenge> challenges_;
  std::vector<Waiting> waitingForPing_;
  std::map<std::string, std::string> tokens_;                 // cache key → token
  std::map<std::string, std::vector<Waiting>> tokenWaiters_;  // cache key → calls waiting
};

}  // namespace isimport

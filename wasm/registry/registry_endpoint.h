// One repository connection as upstream's importer opens it (docs/import.md §3.4): openshift-apiserver keeps
// one registry client context per repository (StaticCredentialsContext), so each repository has its
// own lazy /v2/ ping (with the insecure http fallback), its own remembered challenges and its own
// Bearer token. Requests are authorized as Distribution's endpointAuthorizer does (the token
// handler, then the Basic handler), and retried as library-go's retryRepository does. Every call
// ends in exactly one callback, with a response or an error.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "registry/auth_challenge.h"
#include "registry/credentials.h"
#include "registry/registry_error.h"
#include "registry/transport.h"

namespace isimport {

struct RegistryCall {
  std::string method = "GET";
  std::string path;                   // "/v2/<repo>/manifests/<ref>" …, or a full URL (Link pages)
  std::vector<std::string> accept;    // one Accept header each
  std::string repository;             // for the token scope repository:<repo>:pull
  std::optional<BasicCredentials> credentials;
  bool insecure = false;              // the entry's importPolicy.insecure (used by the call that pings)
  bool retry = true;                  // upstream's retry wrapper applies (not to config blob GETs)
  uint64_t maxBodyBytes = 4 << 20;
  std::string whatIsCapped = "response body";  // named in the error when the cap is hit
  uint32_t delayMs = 0;               // wait before the first request of this call (a caller's retry)
};

struct CallOutcome {
  std::optional<HttpResponse> response;  // set on a success answer (200–399, as Distribution counts)
  ImportError error;                     // set otherwise
  int status = 0;                        // the HTTP status of the failed answer; 0 when none was read
  std::string url;                       // the URL the answer came for, as sent (scheme after the ping)
  bool ok() const { return response.has_value(); }
};

struct EndpointLimits {
  uint32_t requestTimeoutMs = kDefaultRequestTimeoutMs;
  uint32_t pingTimeoutMs = 15000;   // library-go's ping client
  uint32_t tokenTimeoutMs = 15000;  // Distribution's token client
  uint64_t tokenBodyBytes = 1 << 20;
  int maxAttempts = 3;  // the first try and upstream's two retries
};

class RegistryEndpoint {
 public:
  using Done = std::function<void(CallOutcome)>;

  // `host` is the v2 host of the repository (host[:port], registry-1.docker.io for Docker Hub).
  RegistryEndpoint(Transport& transport, std::string host, EndpointLimits limits);

  void call(RegistryCall call, Done done);

  // Scheme and host requests go to, e.g. "https://quay.io" (valid once pinged).
  std::string baseUrl() const { return scheme_ + "://" + host_; }
  std::string urlOf(const RegistryCall& call) const;

 private:
  struct Waiting {
    RegistryCall call;
    Done done;
    int attemptNo = 1;
  };
  enum class PingState { NotStarted, InFlight, Ready, Failed };

  void ping(const std::string& scheme);
  void onPing(const std::string& scheme, const HttpResponse& response);
  void attempt(RegistryCall call, int attemptNo, Done done);
  void withToken(const AuthChallenge& bearer, RegistryCall call, int attemptNo, Done done);
  void afterBearer(RegistryCall call, std::string authorization, int attemptNo, Done done);
  void send(RegistryCall call, std::string authorization, int attemptNo, Done done);
  void failOrRetry(RegistryCall call, int attemptNo, CallOutcome outcome, Done done);
  bool authorizes(const std::string& url) const;
  bool mayCarryCredentials(const std::string& url) const;
  std::optional<BasicCredentials> usableCredentials(const RegistryCall& call, const std::string& url) const;

  Transport& transport_;
  std::string host_;
  EndpointLimits limits_;
  std::string scheme_ = "https";
  bool insecure_ = false;  // the insecure flag of the call that pinged
  PingState ping_ = PingState::NotStarted;
  ImportError pingError_;
  std::vector<AuthChallenge> challenges_;
  std::vector<Waiting> waitingForPing_;
  struct CachedToken {
    std::string token;
    uint64_t expiresAtMs = 0;  // on the driver's clock; 0: no clock, the token lasts the import
  };
  std::map<std::string, CachedToken> tokens_;                 // cache key → token
  std::map<std::string, std::vector<Waiting>> tokenWaiters_;  // cache key → calls waiting
};

// The key Distribution's challenge manager files a URL under: scheme://host:port/<path up to /v2/>
// (host lower-cased, the scheme's default port added); nullopt when the URL has no /v2/ path (the
// authorizer then leaves the request alone).
std::optional<std::string> challengeKeyOf(const std::string& url);

}  // namespace isimport

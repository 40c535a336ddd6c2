// The core's side of the sans-IO boundary: numbers requests, keeps their continuations, collects
// the ones ready to go, and routes each response back. No I/O happens here.
#pragma once

#include <functional>
#include <unordered_map>
#include <vector>

#include "registry/http_exchange.h"

namespace isimport {

class Transport {
 public:
  using Continuation = std::function<void(const HttpResponse&)>;

  void send(HttpRequest request, Continuation onResponse) {
    request.id = nextId_++;
    pending_.emplace(request.id, std::move(onResponse));
    outbox_.push_back(std::move(request));
    ++known_;
  }

  // Requests created since the last call, in creation order.
  std::vector<HttpRequest> takeOutbox() { return std::exchange(outbox_, {}); }

  // Routes a response to its continuation; false for an unknown or already answered id.
  bool deliver(const HttpResponse& response) {
    auto it = pending_.find(response.id);
    if (it == pending_.end()) return false;
    Continuation next = std::move(it->second);
    pending_.erase(it);
    ++done_;
    if (response.elapsedMs > elapsedMs_) elapsedMs_ = response.elapsedMs;
    next(response);
    return true;
  }

  size_t inFlight() const { return pending_.size(); }
  size_t requestsKnown() const { return known_; }
  size_t requestsDone() const { return done_; }
  // The latest answer's arrival time (ms since the import started; 0 while unknown).
  uint64_t elapsedMs() const { return elapsedMs_; }

 private:
  uint32_t nextId_ = 1;
  std::unordered_map<uint32_t, Continuation> pending_;
  std::vector<HttpRequest> outbox_;
  size_t known_ = 0, done_ = 0;
  uint64_t elapsedMs_ = 0;
};

}  // namespace isimport

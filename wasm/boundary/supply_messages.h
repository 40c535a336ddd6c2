// The messages of one supply-chain lookup between SupplySession and the JavaScript driver
// (web/lib/supply-chain.js), declared as field lists: the state after start() and feed() (the
// requests are the import session's SessionRequest, fed back as a ResponseMeta), and, once the
// registry work is done, the signature checks the core cannot make itself — WebCrypto makes them,
// and the driver answers which held (docs/supply-chain.md §9.4).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "boundary/session_messages.h"
#include "model/fields.h"
#include "model/meta.h"

namespace isimport {

struct SupplyProgress {
  static constexpr const char* kGoType = "isimport.SupplyProgress";
  size_t requestsDone = 0, requestsKnown = 0, subjectsDone = 0, subjectsTotal = 0;
};
ISIMPORT_FIELDS(SupplyProgress) {
  v.field("requestsDone", o.requestsDone, kAlways);
  v.field("requestsKnown", o.requestsKnown, kAlways);
  v.field("subjectsDone", o.subjectsDone, kAlways);
  v.field("subjectsTotal", o.subjectsTotal, kAlways);
}

// What start() and feed() answer: the requests to send now and the progress; or the end before any
// request: a usage error (bad options, a key that is no public key, an answer that is no
// ImageStreamImport) or the Status the API server would answer for a policy it refuses.
struct SupplyState {
  static constexpr const char* kGoType = "isimport.SupplyState";
  bool done = false;
  std::vector<SessionRequest> requests;
  std::optional<SupplyProgress> progress;
  std::optional<Status> status;
  std::string usageError;
};
ISIMPORT_FIELDS(SupplyState) {
  v.field("done", o.done, kAlways);
  v.field("requests", o.requests, kOmitEmpty);
  v.field("progress", o.progress, kOmitEmpty);
  v.field("status", o.status, kOmitEmpty);
  v.field("usageError", o.usageError, kOmitEmpty);
}

inline constexpr const char* kKeyAlgorithms[] = {"ecdsa-p256", "ecdsa-p384", "rsa", "ed25519"};

// A key to import (WebCrypto importKey('spki', …)): its fingerprint, algorithm and SPKI (base64).
struct CheckKey {
  static constexpr const char* kGoType = "isimport.CheckKey";
  std::string fingerprint, algorithm, spki;
};
ISIMPORT_FIELDS(CheckKey) {
  v.field("fingerprint", o.fingerprint, kAlways);
  v.field("algorithm", o.algorithm, kAlways, kKeyAlgorithms);
  v.field("spki", o.spki, kAlways);
}

inline constexpr const char* kCheckHashes[] = {"SHA-256", "SHA-384", ""};

// One verification to make: does `signature` (base64, in the form WebCrypto takes for the key's
// algorithm) verify over `data` (base64, the exact signed bytes), hashed with `hash` ("" for
// Ed25519, which hashes by itself), with the key named `key`?
struct SignatureCheck {
  static constexpr const char* kGoType = "isimport.SignatureCheck";
  int64_t id = 0;
  std::string key, hash, data, signature;
};
ISIMPORT_FIELDS(SignatureCheck) {
  v.field("id", o.id, kAlways);
  v.field("key", o.key, kAlways);
  v.field("hash", o.hash, kAlways, kCheckHashes);
  v.field("data", o.data, kAlways);
  v.field("signature", o.signature, kAlways);
}

struct SupplyChecks {
  static constexpr const char* kGoType = "isimport.SupplyChecks";
  std::vector<CheckKey> keys;
  std::vector<SignatureCheck> checks;
};
ISIMPORT_FIELDS(SupplyChecks) {
  v.field("keys", o.keys, kAlways);
  v.field("checks", o.checks, kAlways);
}

}  // namespace isimport

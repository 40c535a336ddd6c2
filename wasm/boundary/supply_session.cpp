#include "boundary/supply_session.h"

#include <set>

#include "boundary/options_reader.h"
#include "boundary/session_exchange.h"
#include "boundary/supply_messages.h"
#include "go/base64.h"
#include "json/codec.h"
#include "json/json_tree.h"
#include "json/typed_encoder.h"
#include "model/status_builders.h"
#include "supply/discovery.h"
#include "supply/image_policy.h"
#include "supply/public_key.h"
#include "supply/vouching.h"

namespace isimport {

// The policies given, read and validated, with the fingerprints of their keys (docs/image-policy.md §11).
struct PolicySet {
  std::vector<ImagePolicyObject> policies;
  std::vector<std::vector<std::string>> keyFingerprints;  // per policy
};

namespace {

// An answer may hold many images with their manifests: more than a request body may.
constexpr size_t kMaxAnswerBytes = 64 << 20;

struct ReadOptions {
  DiscoverySettings discovery;
  std::vector<PublicKey> keys;
  PolicySet policies;
  std::string usageError;
  std::optional<Status> refusal;
};

// A key joins the keys signatures are checked with once, however often it is given.
void addKey(PublicKey key, std::vector<PublicKey>& keys) {
  for (const PublicKey& known : keys) {
    if (known.fingerprint == key.fingerprint) return;
  }
  keys.push_back(std::move(key));
}

// The keys: each a PEM public key.
std::string readKeys(const std::vector<std::string>& pems, std::vector<PublicKey>& keys) {
  for (size_t i = 0; i < pems.size(); ++i) {
    PublicKeyRead read = readPublicKeyPem(pems[i]);
    if (!read.key) return "keys[" + std::to_string(i) + "]: " + read.error;
    addKey(std::move(*read.key), keys);
  }
  return "";
}

// The policies: each refused as the API server would refuse creating it; a PublicKey policy's key
// joins the keys signatures are checked with (its verdicts name it).
std::optional<Status> readPolicies(const std::vector<std::string>& texts, PolicySet& set, std::vector<PublicKey>& keys) {
  for (const std::string& text : texts) {
    PolicyRead read = readImagePolicy(text);
    if (read.status) return read.status;
    std::vector<std::string> fingerprints;
    const PolicyRootOfTrust& root = read.policy->spec.policy.rootOfTrust;
    if (root.publicKey) {
      PublicKeyRead key = readPublicKeyPem(root.publicKey->keyData.data);
      if (key.key) {
        fingerprints.push_back(key.key->fingerprint);
        addKey(std::move(*key.key), keys);
      }
    }
    set.policies.push_back(std::move(*read.policy));
    set.keyFingerprints.push_back(std::move(fingerprints));
  }
  return std::nullopt;
}

ReadOptions readSupplyOptions(std::string_view optionsJson) {
  ReadOptions o;
  SupplyChainOptions declared;
  if ((o.usageError = readOptions(optionsJson, declared).message); !o.usageError.empty()) return o;
  if (declared.credentials) {
    std::string error;
    o.discovery.keyring = Keyring::fromDockerConfig(*declared.credentials, error);
    if (!error.empty()) return (o.usageError = "credentials: " + error, o);
  }
  if ((o.usageError = readKeys(declared.keys, o.keys)); !o.usageError.empty()) return o;
  o.refusal = readPolicies(declared.policies, o.policies, o.keys);
  o.discovery.requestTimeoutMs = static_cast<uint32_t>(declared.requestTimeout);
  o.discovery.maxRequests = static_cast<size_t>(declared.maxRequestsPerSubject);
  return o;
}

}  // namespace

SupplySession::SupplySession(std::string answerText, std::string optionsJson)
    : answerText_(std::move(answerText)), optionsJson_(std::move(optionsJson)) {}

SupplySession::~SupplySession() = default;

std::string SupplySession::start() {
  ReadOptions options = readSupplyOptions(optionsJson_);
  if (!options.usageError.empty() || options.refusal) {
    usageError_ = std::move(options.usageError);
    refusal_ = std::move(options.refusal);
    return state();
  }
  // Read as a client reads what a server answered: fields it does not know are no error.
  DecodeOptions asAnswer;
  asAnswer.fieldValidation = FieldValidation::Ignore;
  asAnswer.maxBodyBytes = kMaxAnswerBytes;
  DecodeResult decoded = decodeObject(answerText_, asAnswer);
  if (!decoded.object || !std::holds_alternative<ImageStreamImport>(*decoded.object)) {
    usageError_ = "the answer is not an ImageStreamImport: " +
                  (decoded.failure ? decoded.failure->message : "its kind is " + decoded.kind);
    return state();
  }
  const auto& answer = std::get<ImageStreamImport>(*decoded.object);
  nameSpace_ = answer.metadata.nameSpace.empty() ? "default" : answer.metadata.nameSpace;
  keys_ = std::move(options.keys);
  policies_ = std::make_unique<PolicySet>(std::move(options.policies));
  discovery_ = std::make_unique<Discovery>(subjectsOf(answer), std::move(options.discovery));
  return state();
}

std::string SupplySession::feed(std::string_view metaJson, std::string body) {
  if (!discovery_) return state();
  HttpResponse response;
  if (readResponseMeta(metaJson, response)) {
    response.body = std::move(body);
    discovery_->feed(response);
  }
  return state();
}

std::string SupplySession::state() {
  SupplyState state;
  if (!discovery_) {
    state.done = true;
    state.status = refusal_;
    state.usageError = usageError_;
    return toJson(state);
  }
  state.done = discovery_->done();
  for (const HttpRequest& r : discovery_->takeRequests()) state.requests.push_back(messageOf(r));
  DiscoveryProgress p = discovery_->progress();
  state.progress = SupplyProgress{p.requestsDone, p.requestsKnown, p.subjectsDone, p.subjectsTotal};
  if (state.done && !vouching_) vouching_ = std::make_unique<Vouching>(*discovery_, keys_);
  return toJson(state);
}

std::string SupplySession::checks() const {
  SupplyChecks out;
  if (!vouching_) return toJson(out);
  for (const PublicKey& key : keys_) out.keys.push_back({key.fingerprint, key.algorithm, base64Encode(key.spki)});
  for (const CryptoCheck& check : vouching_->checks()) {
    out.checks.push_back({check.id, check.key, check.hash, base64Encode(check.data), base64Encode(check.signature)});
  }
  return toJson(out);
}

std::string SupplySession::answer(std::string_view heldJson) const {
  SupplyAnswer out;
  if (!vouching_) return toJson(out);
  std::set<int64_t> held;
  json::ParseResult parsed = json::parse(heldJson);
  if (parsed.ok && parsed.tree.at(0).kind == json::Kind::Array) {
    const json::Node& list = parsed.tree.at(0);
    for (uint32_t i = 0; i < list.count; ++i) {
      const json::Node& id = parsed.tree.at(parsed.tree.child(list, i));
      if (id.kind == json::Kind::Number && id.integral) held.insert(id.integer);
    }
  }
  Verdicts verdicts = vouching_->verdicts(held);
  const auto& subjects = discovery_->subjects();
  for (size_t i = 0; i < subjects.size(); ++i) {
    Subject subject{subjects[i].source, subjects[i].repository, subjects[i].digest, subjects[i].platform,
                    std::move(verdicts.artifacts[i]), std::nullopt};
    PullDecision decision = decidePull(policies_->policies, policies_->keyFingerprints, nameSpace_, verdicts.pulls[i]);
    if (!decision.policies.empty()) {
      // Several policies on one scope all apply; the one named is the first whose verdict is the
      // decision (the one that denies, when one does).
      size_t named = 0;
      while (named + 1 < decision.verdicts.size() && decision.verdicts[named].decision != decision.decision) ++named;
      const ImagePolicyObject& policy = policies_->policies[decision.policies[named]];
      subject.policy = PolicyDecision{policy.kind, policy.metadata.name, decision.scope, decision.decision, decision.reason};
    }
    out.subjects.push_back(std::move(subject));
  }
  for (size_t i = 0; i < subjects.size(); ++i) {
    for (const std::string& message : discovery_->findings(i).errors) {
      SupplyError error{subjects[i].repository, subjects[i].digest + ": " + message};
      bool repeated = false;
      for (const SupplyError& e : out.errors) repeated = repeated || (e.repository == error.repository && e.message == error.message);
      if (!repeated) out.errors.push_back(std::move(error));
    }
  }
  return toJson(out);
}

}  // namespace isimport

// One supply-chain lookup as JavaScript drives it (docs/supply-chain.md §9), in JSON text: the
// answer and options in, registry requests out, responses in; then the signature checks out, which
// WebCrypto makes, and which of them held in; the answer out. The embind class wraps it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/meta.h"
#include "supply/public_key.h"

namespace isimport {

class Discovery;
class Vouching;
struct PolicySet;

class SupplySession {
 public:
  // `answerText`: an ImageStreamImport with status (JSON), from importPreview() or a cluster.
  // `optionsJson`: supplyChain()'s options as boundary/options.h declares them (SupplyChainOptions).
  SupplySession(std::string answerText, std::string optionsJson);
  ~SupplySession();

  // A SupplyState (supply_messages.h): the requests to send and the progress; or the end before any
  // request, with a usage error or the Status of a refused policy.
  std::string start();
  // `metaJson`: a ResponseMeta (session_messages.h); `body` the answer's exact bytes.
  std::string feed(std::string_view metaJson, std::string body);

  // Once the lookup is done: the SupplyChecks to make (the keys and, for each signature and key
  // that may match, the bytes to verify).
  std::string checks() const;
  // `heldJson`: [id, …], the checks whose signature verified. Answers the SupplyAnswer
  // (supply/supply_answer.h) as JSON.
  std::string answer(std::string_view heldJson) const;

 private:
  std::string state();

  std::string answerText_, optionsJson_;
  std::unique_ptr<Discovery> discovery_;
  std::unique_ptr<Vouching> vouching_;
  std::unique_ptr<PolicySet> policies_;
  std::vector<PublicKey> keys_;  // given, and the policies' own
  std::string nameSpace_;        // the answer's: where a pod would pull (ImagePolicy applies there)
  std::optional<Status> refusal_;
  std::string usageError_;
};

}  // namespace isimport

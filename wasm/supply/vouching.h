// What the artifacts found for each subject say, and whether their signatures hold
// (docs/supply-chain.md §9.3–§9.5). Two steps, because the core does no public-key cryptography of
// its own (WebCrypto does, in JavaScript): first every check a verdict needs is prepared — the
// exact bytes signed, the signature in the form WebCrypto takes, the key that may have made it —
// then, told which checks held, each artifact gets its verdict: "verified" only when a key verified
// it and the payload binds it to this very image (its digest, its repository); "failed" naming the
// first check that did not hold; "unverified" with the reason nothing could be checked.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "supply/discovery.h"
#include "supply/dsse.h"
#include "supply/policy_decision.h"
#include "supply/public_key.h"
#include "supply/supply_answer.h"

namespace isimport {

// One verification WebCrypto makes: `signature` over `data` hashed with `hash` ("SHA-256",
// "SHA-384"; "" for Ed25519) with the key `key` (its fingerprint).
struct CryptoCheck {
  int64_t id = 0;
  std::string key, hash, data, signature;
};

struct Verdicts {
  std::vector<std::vector<Artifact>> artifacts;  // per subject of the discovery
  std::vector<PullSubject> pulls;                // per subject: what an image policy weighs
};

class Vouching {
 public:
  Vouching(const Discovery& discovery, const std::vector<PublicKey>& keys);

  const std::vector<CryptoCheck>& checks() const { return checks_; }
  // The verdicts, given the ids of the checks that held.
  Verdicts verdicts(const std::set<int64_t>& held) const;

 private:
  // What one artifact claims and what must hold for it to be verified.
  struct Claim {
    std::string unverified;  // nothing can be checked, and why (set: the verdict is "unverified")
    std::string failed;      // a check that failed before any key (set: the verdict is "failed")
    std::vector<std::pair<int64_t, std::string>> checks;  // check id → key fingerprint
    std::string holds;       // what a held check means, for the reason
    // A cosign simple-signing signature in a .sig tag, as CRI-O reads it (image policies).
    bool forCrio = false;
    CandidateSignature crio;
    bool signature = false;  // a signature of any form (a policy says when CRI-O reads none of them)
  };
  struct Judged {
    Artifact artifact;
    Claim claim;
  };

  void judgeArtifact(const SubjectTarget& subject, const FoundArtifact& found, std::vector<Judged>& out);
  Claim signedBytes(std::string_view data, const std::vector<std::string>& signatures);
  Claim simpleSigning(const SubjectTarget& subject, const FoundArtifact& found, const FoundLayer& layer);
  Claim dsseClaim(const SubjectTarget& subject, const DsseEnvelope& envelope, Artifact& artifact);
  Claim bundleClaim(const SubjectTarget& subject, const FoundLayer& layer, Artifact& artifact);
  Claim statementClaim(const SubjectTarget& subject, const FoundLayer& layer, Artifact& artifact);
  Claim notationClaim(const SubjectTarget& subject, const FoundLayer* envelope);
  Verification verdictOf(const Claim& claim, const std::set<int64_t>& held) const;

  const Discovery& discovery_;
  const std::vector<PublicKey>& keys_;
  std::vector<CryptoCheck> checks_;
  std::vector<std::vector<Judged>> judged_;  // per lookup (distinct findings)
  std::vector<size_t> judgedOf_;             // per subject: its lookup's judgement in judged_
};

}  // namespace isimport

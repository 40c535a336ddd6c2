#include "supply/signed_identity.h"

#include "go/go_text.h"
#include "supply/named_reference.h"

namespace isimport {
namespace {

IdentityMatch refuse(std::string reason) { return {false, std::move(reason)}; }

// policy_reference_match.go `matchRepoDigestOrExactReferenceValues`.
IdentityMatch repoDigestOrExact(const NamedReference& intended, const NamedReference& signature,
                                std::string_view policyName) {
  std::string named = "the signature names " + signature.string();
  if (signature.nameOnly()) {
    return refuse(named + ", a repository without tag or digest, which " + std::string(policyName) +
                  " never accepts (cosign writes such identities by default; sign with the tag or digest)");
  }
  if (!intended.tag.empty()) {  // a tag, with or without a digest: the whole reference must be equal
    if (signature.string() == intended.string()) return {true, ""};
    return refuse(named + ", which " + std::string(policyName) + " does not accept for the tagged pull " +
                  intended.string() + " (it must be that exact reference)");
  }
  if (!intended.digest.empty()) {
    if (signature.name == intended.name) return {true, ""};
    return refuse(named + ", in repository " + signature.name + ", which " + std::string(policyName) +
                  " does not accept for a pull from " + intended.name);
  }
  return refuse("the pulled reference " + intended.string() + " has neither tag nor digest");
}

}  // namespace

IdentityMatch matchSignedIdentity(const std::optional<PolicySignedIdentity>& identity, std::string_view pullReference,
                                  std::string_view signedReference) {
  NamedReferenceParse pulled = parseNormalizedReference(pullReference);
  if (!pulled.ref) return refuse("the pulled reference " + goQuote(pullReference) + " is not valid: " + pulled.error);
  NamedReferenceParse signedParse = parseNormalizedReference(signedReference);
  if (!signedParse.ref) {
    return refuse("the signature names " + goQuote(signedReference) + ", which is not an image reference: " + signedParse.error);
  }
  const NamedReference& intended = *pulled.ref;
  const NamedReference& signature = *signedParse.ref;
  std::string policy = identity ? identity->matchPolicy : "MatchRepoDigestOrExact";

  if (policy == "MatchRepoDigestOrExact") return repoDigestOrExact(intended, signature, policy);
  if (policy == "MatchRepository") {
    if (signature.name == intended.name) return {true, ""};
    return refuse("the signature names " + signature.string() + ", in repository " + signature.name +
                  ", which MatchRepository does not accept for " + intended.name);
  }
  if (policy == "ExactRepository") {
    std::string_view repository = identity->exactRepository ? std::string_view(identity->exactRepository->repository) : "";
    NamedReferenceParse wanted = parseNormalizedReference(repository);
    if (!wanted.ref) return refuse("the policy's exactRepository " + goQuote(repository) + " is not valid: " + wanted.error);
    if (signature.name == wanted.ref->name) return {true, ""};
    return refuse("the signature names " + signature.string() + ", in repository " + signature.name +
                  ", but ExactRepository requires " + wanted.ref->name);
  }
  if (policy == "RemapIdentity") {
    if (!identity->remapIdentity) return refuse("the policy's RemapIdentity has no prefixes");
    const std::string& prefix = identity->remapIdentity->prefix;
    const std::string& signedPrefix = identity->remapIdentity->signedPrefix;
    NamedReference remapped = intended;
    // prmRemapIdentity `refMatchesPrefix`: the name equals the prefix or continues it with '/'.
    bool under = intended.name == prefix ||
                 (intended.name.size() > prefix.size() && intended.name.starts_with(prefix) && intended.name[prefix.size()] == '/');
    std::string note;
    if (under) {
      // `remapReferencePrefix`: the first occurrence of the prefix in String() is replaced, and the
      // result must parse as a canonical reference.
      std::string text = intended.string();
      text.replace(text.find(prefix), prefix.size(), signedPrefix);
      NamedReferenceParse reparsed = parseCanonicalReference(text);
      if (!reparsed.ref) {
        return refuse("rewriting " + intended.string() + " from prefix " + prefix + " to " + signedPrefix + " gives " +
                      goQuote(text) + ", which is not a canonical reference: " + reparsed.error);
      }
      remapped = *reparsed.ref;
      note = " (the pull, remapped from " + prefix + " to " + signedPrefix + ", is " + remapped.string() + ")";
    } else {
      note = " (" + intended.name + " is not under the prefix " + prefix + ", so it is not remapped)";
    }
    IdentityMatch m = repoDigestOrExact(remapped, signature, "RemapIdentity");
    if (!m.accepted) m.reason += note;
    return m;
  }
  return refuse("unknown matchPolicy " + goQuote(policy));
}

}  // namespace isimport

// See in_toto.h. Statement rules: in-toto/attestation `go/v1/statement.go` (Validate) and
// `go/v1/resource_descriptor.go` (Validate, digest lengths). Provenance: in-toto/attestation
// `protos/in_toto_attestation/predicates/provenance/v0.2/provenance.proto` and `v1/provenance.proto`;
// the sources BuildKit (moby/buildkit `docs/attestations/slsa-definitions.md`) and GitHub
// (actions/attest-build-provenance, buildType https://actions.github.io/buildtypes/workflow/v1)
// write.
#include "supply/in_toto.h"

#include "json/json_writer.h"
#include "supply/json_object.h"

namespace isimport {
namespace {

using supply::JsonObject;

InTotoRead failure(std::string why) {
  InTotoRead r;
  r.error = std::move(why);
  return r;
}

// Digest sizes in bytes of the algorithms in-toto knows (`go/v1/resource_descriptor.go`); git
// object names are SHA-1 or SHA-256. Others are allowed unchecked.
bool digestLengthFits(std::string_view alg, size_t bytes) {
  if (alg == "gitBlob" || alg == "gitCommit" || alg == "gitTag" || alg == "gitTree") return bytes == 20 || bytes == 32;
  if (alg == "md5") return bytes == 16;
  if (alg == "sha1") return bytes == 20;
  if (alg == "sha224" || alg == "sha512_224" || alg == "sha3_224") return bytes == 28;
  if (alg == "sha256" || alg == "sha512_256" || alg == "sha3_256" || alg == "dirHash") return bytes == 32;
  if (alg == "sha384" || alg == "sha3_384") return bytes == 48;
  if (alg == "sha512" || alg == "sha3_512") return bytes == 64;
  return true;
}
bool knownDigestAlgorithm(std::string_view alg) { return !digestLengthFits(alg, 0); }  // no known size is 0

// The string at a dotted path of nested objects under `o` ("runDetails.builder.id"), or "" when a
// step is absent or null; a step of the wrong kind is reported once in `problem`.
std::string stringAt(const JsonObject& o, std::initializer_list<std::string_view> steps, std::string& problem) {
  JsonObject at = o;
  size_t i = 0;
  for (std::string_view step : steps) {
    const json::Node* n = at.node(step);
    if (!n || n->kind == json::Kind::Null) return {};
    bool last = ++i == steps.size();
    json::Kind want = last ? json::Kind::String : json::Kind::Object;
    if (n->kind != want) {
      if (problem.empty()) problem = at.path(step) + " is " + supply::kindName(n->kind) + (last ? ", not a string" : ", not an object");
      return {};
    }
    if (last) return n->text;
    at = JsonObject(at.tree(), *at.find(step), at.path(step));
  }
  return {};
}

// The `uri` of the first entry of the array member `key`.
std::string firstUri(const JsonObject& o, std::string_view key, std::string& problem) {
  const json::Node* n = o.node(key);
  if (!n || n->kind != json::Kind::Array || n->count == 0) return {};
  json::NodeId first = o.tree().child(*n, 0);
  if (o.tree().at(first).kind != json::Kind::Object) return {};
  return stringAt(JsonObject(o.tree(), first, o.path(key) + "[0]"), {"uri"}, problem);
}

ProvenanceSummary summarizeProvenance(const JsonObject& predicate, std::string_view version) {
  ProvenanceSummary p;
  p.slsaVersion = std::string(version);
  std::string& problem = p.problem;
  auto source = [&](std::string value, std::string_view from) {
    if (p.source.empty() && !value.empty()) p.source = std::move(value), p.sourceFrom = std::string(from);
  };
  if (version == "v0.2") {
    p.builderId = stringAt(predicate, {"builder", "id"}, problem);
    p.buildType = stringAt(predicate, {"buildType"}, problem);
    source(stringAt(predicate, {"invocation", "configSource", "uri"}, problem), "invocation.configSource.uri");
    source(firstUri(predicate, "materials", problem), "materials[0].uri");
    if (p.builderId.empty() && problem.empty()) problem = predicate.path("builder.id") + " is missing";
  } else {
    p.builderId = stringAt(predicate, {"runDetails", "builder", "id"}, problem);
    p.buildType = stringAt(predicate, {"buildDefinition", "buildType"}, problem);
    std::string ignored;  // BuildKit's configSource and GitHub's workflow are optional shapes
    source(stringAt(predicate, {"buildDefinition", "externalParameters", "configSource", "uri"}, ignored),
           "externalParameters.configSource.uri");
    if (const json::Node* d = predicate.node("buildDefinition"); d && d->kind == json::Kind::Object) {
      source(firstUri(JsonObject(predicate.tree(), *predicate.find("buildDefinition"), predicate.path("buildDefinition")),
                      "resolvedDependencies", problem),
             "resolvedDependencies[0].uri");
    }
    source(stringAt(predicate, {"buildDefinition", "externalParameters", "workflow", "repository"}, ignored),
           "externalParameters.workflow.repository");
    if (p.builderId.empty() && problem.empty()) problem = predicate.path("runDetails.builder.id") + " is missing";
  }
  return p;
}

std::string readSubject(const json::Tree& tree, json::NodeId id, std::string where, InTotoSubject& out) {
  JsonObject s(tree, id, std::move(where));
  std::string error = s.check({}, false);
  if (!error.empty()) return error;
  JsonObject::Text name = s.string("name", false);
  if (!name.error.empty()) return name.error;
  out.name = name.value;
  const json::Node* digest = s.node("digest");
  // Statement.Validate: v1 statements need a digest on every subject.
  if (!digest || digest->kind == json::Kind::Null) return s.path("digest") + " is missing";
  auto d = s.object("digest", true, error);
  if (!d) return error;
  error = d->check({}, false);
  if (!error.empty()) return error;
  if (digest->count == 0) return s.path("digest") + " is empty";
  if (digest->count > kMaxSubjectDigests) return s.path("digest") + " has more than " + std::to_string(kMaxSubjectDigests) + " entries";
  for (uint32_t i = 0; i < digest->count; ++i) {
    const std::string& alg = tree.key(*digest, i);
    const json::Node& value = tree.at(tree.child(*digest, i));
    if (value.kind != json::Kind::String) return d->path(alg) + " is " + supply::kindName(value.kind) + ", not a string";
    if (knownDigestAlgorithm(alg)) {
      if (!supply::isHex(value.text)) return d->path(alg) + " is not hex: " + json::quote(value.text);
      if (!digestLengthFits(alg, value.text.size() / 2)) {
        return d->path(alg) + " has " + std::to_string(value.text.size() / 2) + " bytes, not the length of " + alg;
      }
    }
    out.digest.emplace_back(alg, value.text);
  }
  return {};
}

}  // namespace

std::string sbomFormatOfPredicateType(std::string_view t) {
  auto is = [&](std::string_view base) { return t == base || (t.size() > base.size() + 1 && t.substr(0, base.size() + 2) == std::string(base) + "/v"); };
  if (is(kSpdxPredicate)) return "spdx";
  if (is(kCycloneDxPredicate)) return "cyclonedx";
  return {};
}

std::string slsaVersionOfPredicateType(std::string_view t) {
  if (t == kSlsaProvenanceV02) return "v0.2";
  if (t == kSlsaProvenanceV1) return "v1";
  return {};
}

InTotoRead readInTotoStatement(std::string_view text) {
  supply::JsonDocument doc = supply::parseJsonDocument(text, kMaxStatementBytes, "in-toto statement");
  if (!doc.ok) return failure(doc.error);
  const json::Tree& tree = doc.tree;
  JsonObject top(tree, 0, "");
  std::string error = top.check({}, false);
  if (!error.empty()) return failure(error);
  InTotoStatement out;
  JsonObject::Text type = top.string("_type", true);
  if (!type.error.empty()) return failure(type.error);
  if (type.value != kInTotoStatementV1 && type.value != kInTotoStatementV01) {
    return failure("_type is " + json::quote(type.value) + ", not an in-toto Statement v1 or v0.1");
  }
  out.type = type.value;

  const json::Node* subjects = top.node("subject");
  if (!subjects || subjects->kind == json::Kind::Null) return failure("subject is missing: at least one subject is required");
  if (subjects->kind != json::Kind::Array) return failure("subject is " + supply::kindName(subjects->kind) + ", not an array");
  if (subjects->count == 0) return failure("subject is empty: at least one subject is required");
  if (subjects->count > kMaxSubjects) return failure("subject has " + std::to_string(subjects->count) + " entries, more than " + std::to_string(kMaxSubjects));
  out.subject.resize(subjects->count);
  for (uint32_t i = 0; i < subjects->count; ++i) {
    error = readSubject(tree, tree.child(*subjects, i), "subject[" + std::to_string(i) + "]", out.subject[i]);
    if (!error.empty()) return failure(error);
  }

  JsonObject::Text predicateType = top.string("predicateType", true);
  if (!predicateType.error.empty()) return failure(predicateType.error);
  if (predicateType.value.empty()) return failure("predicateType is empty");
  out.predicateType = predicateType.value;
  const json::Node* predicate = top.node("predicate");
  if (!predicate || predicate->kind == json::Kind::Null) return failure("predicate is missing");
  if (predicate->kind != json::Kind::Object) return failure("predicate is " + supply::kindName(predicate->kind) + ", not an object");
  JsonObject p(tree, *top.find("predicate"), "predicate");
  error = p.check({}, false);
  if (!error.empty()) return failure(error);

  if (std::string slsa = slsaVersionOfPredicateType(out.predicateType); !slsa.empty()) {
    out.provenance = summarizeProvenance(p, slsa);
  } else if (!sbomFormatOfPredicateType(out.predicateType).empty()) {
    SbomRead sbom = summarizeSbomAt(tree, p.id(), "predicate");
    if (sbom.summary) out.sbom = std::move(sbom.summary);
    else out.sbomProblem = sbom.error;
  }
  InTotoRead result;
  result.statement = std::move(out);
  return result;
}

bool statementHasSubjectDigest(const InTotoStatement& statement, std::string_view digest) {
  size_t colon = digest.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view alg = digest.substr(0, colon), hex = digest.substr(colon + 1);
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (const InTotoSubject& s : statement.subject) {
    for (const auto& [a, h] : s.digest) {
      if (a != alg || h.size() != hex.size()) continue;
      bool same = true;
      for (size_t i = 0; i < h.size() && same; ++i) same = lower(h[i]) == lower(hex[i]);
      if (same) return true;
    }
  }
  return false;
}

}  // namespace isimport

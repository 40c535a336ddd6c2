// in-toto Statements, what DSSE envelopes carry as attestations (in-toto/attestation
// `spec/v1/statement.md`): the subjects (artifacts by digest) a predicate is about, the predicate's
// type, the predicate. The predicates people look for are summarised: SLSA provenance (who built
// it, from what) and SBOMs (docs/signatures.md §10.4).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "supply/sbom_summary.h"

namespace isimport {

inline constexpr std::string_view kInTotoStatementV1 = "https://in-toto.io/Statement/v1";
inline constexpr std::string_view kInTotoStatementV01 = "https://in-toto.io/Statement/v0.1";
inline constexpr std::string_view kSlsaProvenanceV02 = "https://slsa.dev/provenance/v0.2";
inline constexpr std::string_view kSlsaProvenanceV1 = "https://slsa.dev/provenance/v1";
inline constexpr std::string_view kSpdxPredicate = "https://spdx.dev/Document";
inline constexpr std::string_view kCycloneDxPredicate = "https://cyclonedx.org/bom";
inline constexpr size_t kMaxStatementBytes = 32 * 1024 * 1024;
inline constexpr size_t kMaxSubjects = 1024;
inline constexpr size_t kMaxSubjectDigests = 16;

struct InTotoSubject {
  std::string name;
  std::vector<std::pair<std::string, std::string>> digest;  // algorithm → hex, in document order
};

// SLSA provenance, summarised (slsa.dev/spec/v0.2/provenance, slsa.dev/spec/v1.0/provenance).
struct ProvenanceSummary {
  std::string slsaVersion;  // "v0.2" | "v1"
  std::string builderId;    // v0.2 builder.id; v1 runDetails.builder.id
  std::string buildType;    // v0.2 buildType; v1 buildDefinition.buildType
  std::string source;       // where the build came from, see sourceFrom
  // Which member `source` is: "invocation.configSource.uri", "materials[0].uri" (v0.2);
  // "externalParameters.configSource.uri" (BuildKit), "resolvedDependencies[0].uri",
  // "externalParameters.workflow.repository" (GitHub); "" when none is there.
  std::string sourceFrom;
  std::string problem;  // a member of the wrong kind or a missing builder id; the rest is still read
};

struct InTotoStatement {
  std::string type;  // kInTotoStatementV1 or kInTotoStatementV01
  std::vector<InTotoSubject> subject;
  std::string predicateType;
  std::optional<ProvenanceSummary> provenance;  // predicateType is SLSA v0.2 or v1
  std::optional<SbomSummary> sbom;              // predicateType is SPDX's or CycloneDX's
  std::string sbomProblem;                      // why an SBOM predicate was not summarised
};

struct InTotoRead {
  std::optional<InTotoStatement> statement;
  std::string error;  // when !statement
};

// Reads a Statement (at most kMaxStatementBytes), validated as in-toto/attestation
// `go/v1/statement.go` Statement.Validate does. Refused: `_type` other than v1 or v0.1; no subject
// or more than kMaxSubjects; a subject without digest (or with more than kMaxSubjectDigests), or
// whose digest for a known algorithm (`go/v1/resource_descriptor.go`) is not hex of its length;
// an empty `predicateType`; a missing or null `predicate`; a duplicate key in the objects read.
// A predicate that does not summarise does not refuse the statement (see problem / sbomProblem).
InTotoRead readInTotoStatement(std::string_view json);

// Whether a subject has `digest` ("sha256:<hex>"), comparing hex case-insensitively.
bool statementHasSubjectDigest(const InTotoStatement& statement, std::string_view digest);

// Whether a predicate type names an SBOM: SPDX's or CycloneDX's URI, with or without a version
// suffix ("https://spdx.dev/Document/v2.3", "https://cyclonedx.org/bom/v1.5"); the spelling is
// "spdx" or "cyclonedx", or "" for any other type.
std::string sbomFormatOfPredicateType(std::string_view predicateType);

// Whether a predicate type is SLSA provenance: "v0.2", "v1" (every 1.x release keeps that URI) or "".
std::string slsaVersionOfPredicateType(std::string_view predicateType);

}  // namespace isimport

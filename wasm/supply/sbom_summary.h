// A software bill of materials, summarised: which format, its version, what it describes and how
// many packages it lists (docs/signatures.md §10.5). SPDX 2.x JSON (spdx/spdx-spec, `spdxVersion`,
// `name`, `packages`) and CycloneDX JSON (CycloneDX/specification `bom-1.x.schema.json`:
// `bomFormat`, `specVersion`, `metadata.component.name`, `components`). The same summary serves a
// standalone SBOM blob and an in-toto predicate holding one (in_toto.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "json/json_tree.h"

namespace isimport {

inline constexpr size_t kMaxSbomBytes = 32 * 1024 * 1024;

struct SbomSummary {
  std::string format;   // "spdx" | "cyclonedx"
  std::string version;  // "SPDX-2.3"; CycloneDX's specVersion ("1.5"), "" when absent
  std::string name;     // the SPDX document's name; CycloneDX metadata.component.name ("" when absent)
  size_t packages = 0;  // SPDX `packages`; CycloneDX top-level `components` (nested ones not counted)
};

struct SbomRead {
  std::optional<SbomSummary> summary;
  std::string error;  // when !summary
};

// Summarises an SBOM document (at most kMaxSbomBytes). The format is told by the document itself:
// a `spdxVersion` string starting "SPDX-" is SPDX, `bomFormat` "CycloneDX" is CycloneDX. Refused:
// anything else (SPDX 3 JSON-LD, CycloneDX XML, tag-value SPDX included), a duplicate top-level
// key, a `name`/`packages`/`components`/`metadata` of the wrong JSON kind. Counting is a look at
// the array's size: no work grows with what the packages hold.
SbomRead summarizeSbom(std::string_view json);

// The same for the object at `id` of a parsed document; `where` names it in errors ("predicate").
SbomRead summarizeSbomAt(const json::Tree& tree, json::NodeId id, std::string_view where);

}  // namespace isimport

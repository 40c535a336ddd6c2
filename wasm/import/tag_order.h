// OpenShift's tag priority for repository imports (docs/import.md §3.10 step 3): latest, then minor
// versions newest first, then full semver newest first, then the rest byte-wise.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace isimport {

// Unique tags ("" becomes "latest"), prioritized.
std::vector<std::string> prioritizeTags(std::vector<std::string> tags);

// The four classes of the priority, in their order: `latest`; "minor" versions (X.Y or X.Y-word,
// an optional leading v); full semantic versions (X.Y.Z[-pre][+build], optional v); the rest.
enum class TagClass { Latest, MinorVersion, FullVersion, Other };

TagClass classifyTag(const std::string& tag);
std::string_view tagClassName(TagClass c);  // "latest", "minor", "full", "other"

}  // namespace isimport

// OpenShift's tag priority for repository imports (spec §3.10 step 3): latest, then minor
// versions newest first, then full semver newest first, then the rest byte-wise.
#pragma once

#include <string>
#include <vector>

namespace isimport {

// Unique tags ("" becomes "latest"), prioritized.
std::vector<std::string> prioritizeTags(std::vector<std::string> tags);

}  // namespace isimport

// Which entry of a manifest list (or OCI index) Legacy mode imports: upstream's rule (docs/import.md §3.6,
// "Manifest list / index, mode Legacy", step 3), named here so that the importer and the page's
// explanation of a platform table share it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registry/manifest.h"

namespace isimport {

struct PlatformPreference {
  std::string architecture, os;
};

// The control plane's platform when nobody says (importPreview()'s `platform`).
inline constexpr const char* kDefaultControlPlane = "linux/amd64";

enum class ListChoiceRule {
  Preferred,   // the first entry whose architecture and OS equal the preference (variant ignored)
  LinuxAmd64,  // none does: the first linux/amd64 entry
  First,       // none of those either: the first entry
};

struct ListChoice {
  size_t index = 0;
  ListChoiceRule rule = ListChoiceRule::First;
};

// `entries` must not be empty (an empty list is an import error before any choice).
ListChoice chooseLegacyEntry(const std::vector<ListEntry>& entries, const PlatformPreference& want);

std::string_view listChoiceRuleName(ListChoiceRule rule);  // "preferred", "linux/amd64", "first"

// "os/arch" or "os/arch/variant" (the variant is read and dropped: upstream compares architecture
// and OS only); nullopt for anything else.
std::optional<PlatformPreference> parsePlatform(std::string_view text);

}  // namespace isimport

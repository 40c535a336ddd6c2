#include "import/list_choice.h"

#include "go/cold_code.h"

ISIMPORT_COLD_CODE_BEGIN

namespace isimport {

ListChoice chooseLegacyEntry(const std::vector<ListEntry>& entries, const PlatformPreference& want) {
  for (size_t i = 0; i < entries.size(); ++i) {
    const Platform& p = entries[i].platform;
    if (p.architecture == want.architecture && p.os == want.os) return {i, ListChoiceRule::Preferred};
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    const Platform& p = entries[i].platform;
    if (p.architecture == "amd64" && p.os == "linux") return {i, ListChoiceRule::LinuxAmd64};
  }
  return {0, ListChoiceRule::First};
}

std::string_view listChoiceRuleName(ListChoiceRule rule) {
  switch (rule) {
    case ListChoiceRule::Preferred: return "preferred";
    case ListChoiceRule::LinuxAmd64: return "linux/amd64";
    case ListChoiceRule::First: return "first";
  }
  return "first";
}

std::optional<PlatformPreference> parsePlatform(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  size_t second = text.find('/', slash + 1);
  std::string_view os = text.substr(0, slash);
  std::string_view arch = text.substr(slash + 1, second == std::string_view::npos ? std::string_view::npos : second - slash - 1);
  if (os.empty() || arch.empty()) return std::nullopt;
  if (second != std::string_view::npos && (second + 1 == text.size() || text.find('/', second + 1) != std::string_view::npos)) {
    return std::nullopt;
  }
  return PlatformPreference{std::string(arch), std::string(os)};
}

}  // namespace isimport

ISIMPORT_COLD_CODE_END

// Reading and writing the options declared in options.h. Reading is strict: an option nobody
// declared, or a value it does not take, is one usage error naming it (JavaScript throws it as a
// TypeError, the CLI prints it); null counts as absent. The texts are worded here and nowhere else.
#pragma once

#include <string>
#include <string_view>

#include "boundary/options.h"

namespace isimport {

// A refusal: the usage error ("concurrency must be an integer from 1 to 64 (got 0)"), and for a
// value an option does not take, the option and what it takes (so that a CLI can name its flag).
struct OptionsRefusal {
  std::string message, option, expected;
  bool refused() const { return !message.empty(); }
};

// Decodes `json` (an object; "" means {}) into `out`, which starts with every default.
OptionsRefusal readOptions(std::string_view json, ValidateOptions& out);
OptionsRefusal readOptions(std::string_view json, ImportOptions& out);
OptionsRefusal readOptions(std::string_view json, SupplyChainOptions& out);

// The options as JSON, every option with its value or default (an absent optional is left out;
// a host option that was given is true).
std::string writeOptions(const ValidateOptions& options);
std::string writeOptions(const ImportOptions& options);
std::string writeOptions(const SupplyChainOptions& options);

}  // namespace isimport

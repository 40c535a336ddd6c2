// The generated halves of the core↔JavaScript boundary, from its one declaration (the option lists
// of wasm/boundary/options.h and the Diagnostic of wasm/json/diagnostic.h): the TypeScript
// declarations in web/lib/boundary.d.ts and the option tables in docs/options.md. schema_gen
// writes both; tests/wasm/json/schema_test.cpp fails when a committed copy differs.
#pragma once

#include <string>
#include <type_traits>

#include "boundary/options.h"
#include "boundary/session_messages.h"
#include "boundary/supply_messages.h"
#include "supply/supply_answer.h"
#include "json/diagnostic.h"
#include "json/json_writer.h"  // json::quote
#include "model_dts.h"

namespace isimport::boundary_dts {

template <class Values>
std::string literalUnion(const Values& values) {
  std::string out;
  for (const char* v : values) {
    if (!out.empty()) out += " | ";
    out.append("'").append(v).append("'");
  }
  return out;
}

// The TypeScript type a caller may pass for an option.
inline std::string passedType(const OptionRule& rule) {
  switch (rule.type) {
    case OptionType::String:
    case OptionType::Platform: return "string";
    case OptionType::OneOf: return literalUnion(rule.values);
    case OptionType::Integer:
    case OptionType::Milliseconds: return "number";
    case OptionType::Boolean: return "boolean";
    case OptionType::Strings: return "string[]";
    case OptionType::Time: return "Date | string | number";
    case OptionType::Document:
    case OptionType::Documents:
    case OptionType::Function:
    case OptionType::Signal: {
      std::string type = rule.tsType;
      return (type.find("=>") != std::string::npos ? "(" + type + ")" : type) + " | null";
    }
  }
  return "unknown";
}

// The TypeScript type of the option as the core answers it back (options.js reads these).
inline std::string decodedType(const OptionRule& rule) {
  switch (rule.type) {
    case OptionType::Time:
    case OptionType::Document: return "string";
    case OptionType::Documents: return "string[]";
    case OptionType::Function:
    case OptionType::Signal: return "true";
    default: return passedType(rule);
  }
}

// What an option takes, in words, for the docs table.
inline std::string takes(const OptionRule& rule) {
  switch (rule.type) {
    case OptionType::String: return "text";
    case OptionType::Platform: return "`os/arch[/variant]`";
    case OptionType::OneOf: {
      std::string out;
      for (const char* v : rule.values) {
        if (!out.empty()) out += ", ";
        out.append("`").append(v).append("`");
      }
      return out;
    }
    case OptionType::Integer:
      return "integer, " + std::to_string(rule.min) + " to " + std::to_string(rule.max) + rule.extra;
    case OptionType::Milliseconds: return "milliseconds, " + std::to_string(rule.min) + " to " + std::to_string(rule.max);
    case OptionType::Boolean: return "boolean";
    case OptionType::Strings: return "array of text";
    case OptionType::Time: return "Date, epoch milliseconds or RFC 3339 text";
    case OptionType::Document: return "object or text (JSON or YAML)";
    case OptionType::Documents: return "array of objects or texts (JSON or YAML, Lists too)";
    case OptionType::Function: return "function (stays in JavaScript)";
    case OptionType::Signal: return "AbortSignal (stays in JavaScript)";
  }
  return "";
}

// A member's default as JSON text, or "" when it has none (absent unless given).
inline std::string defaultText(const std::string& v) { return json::quote(v); }
inline std::string defaultText(const std::optional<std::string>&) { return ""; }
inline std::string defaultText(int64_t v) { return std::to_string(v); }
inline std::string defaultText(bool v) { return v ? "true" : "false"; }
inline std::string defaultText(const std::vector<std::string>& v) { return v.empty() ? "" : "[…]"; }
inline std::string defaultText(const HostValue&) { return ""; }

struct Declaration {
  std::string passed, decoded, table;
  void option(const char* name, const auto& member, const OptionRule& rule) {
    std::string dflt = defaultText(member);
    std::string doc = std::string(rule.doc) + (dflt.empty() ? "" : ". Default: " + dflt);
    passed += "  /** " + doc + ". */\n  " + name + "?: " + passedType(rule) + ";\n";
    bool always = !dflt.empty() || std::is_same_v<std::remove_cvref_t<decltype(member)>, std::vector<std::string>> ||
                  std::is_same_v<std::remove_cvref_t<decltype(member)>, bool>;
    decoded += "  " + std::string(name) + (always ? ": " : "?: ") + decodedType(rule) + ";\n";
    table += "| `" + std::string(name) + "` | " + takes(rule) + " | " + (dflt.empty() ? "—" : "`" + dflt + "`") + " | " +
             rule.doc + " |\n";
  }
};

template <class O>
Declaration declare() {
  Declaration d;
  O defaults;
  forEachOption(d, defaults);
  return d;
}

// The interfaces of the messages that cross (findings, the import session's), from their field
// lists; the model's types they use are imported from model.d.ts.
inline std::string messageDts() {
  model_dts::DtsBuilder builder;
  builder.addKind<ImageStreamImport>();
  builder.addKind<ImageStream>();
  builder.addKind<Image>();
  size_t model = builder.declared();
  builder.addType<Diagnostic>();
  builder.addType<SessionState>();
  builder.addType<ResponseMeta>();
  builder.addType<ImportNotice>();
  builder.addType<SupplyState>();
  builder.addType<SupplyChecks>();
  builder.addType<SupplyAnswer>();
  return builder.declarationsSince(model);
}

inline std::string generateBoundaryDts() {
  Declaration validate = declare<ValidateOptions>();
  Declaration import = declare<ImportOptions>();
  Declaration supply = declare<SupplyChainOptions>();
  return "// Generated by build/native/schema_gen from wasm/boundary/options.h, wasm/json/diagnostic.h and\n"
         "// wasm/boundary/session_messages.h: do not edit (docs/boundary.md says how to add an option).\n"
         "import type { DockerConfigJson, DockerConfigSecret, FetchLike, ImageStream, RequestFailure } from './api.js';\n"
         "import type { Status } from './model.js';\n\n"
         "/** validate()'s and validateAll()'s options. */\n"
         "export interface ValidateOptions {\n" + validate.passed + "}\n\n"
         "/** validate()'s options as the core reads them back, every default filled in. */\n"
         "export interface ValidateOptionsDecoded {\n" + validate.decoded + "}\n\n"
         "/** importPreview()'s options. */\n"
         "export interface ImportPreviewOptions {\n" + import.passed + "}\n\n"
         "/** importPreview()'s options as the core reads them back (host options: true when given). */\n"
         "export interface ImportOptionsDecoded {\n" + import.decoded + "}\n\n"
         "/** supplyChain()'s options. */\n"
         "export interface SupplyChainOptions {\n" + supply.passed + "}\n\n"
         "/** supplyChain()'s options as the core reads them back (host options: true when given). */\n"
         "export interface SupplyChainOptionsDecoded {\n" + supply.decoded + "}\n\n"
         "/** What a finding is (wasm/json/diagnostic.h). */\n"
         "export type DiagnosticKind = CoreDiagnostic['kind'];\n" + messageDts();
}

inline std::string generateOptionsDoc() {
  Declaration validate = declare<ValidateOptions>();
  Declaration import = declare<ImportOptions>();
  Declaration supply = declare<SupplyChainOptions>();
  const std::string head = "| option | takes | default | what it does |\n|---|---|---|---|\n";
  return "<!-- Generated by build/native/schema_gen from wasm/boundary/options.h: do not edit. -->\n"
         "# Options\n\n"
         "Every option, as the core declares it (`wasm/boundary/options.h`) and reads it: strictly. An option\n"
         "nobody declared, or a value an option does not take, is one usage error naming it, a `TypeError` from\n"
         "`validate()`, `validateAll()`, `importPreview()` and `supplyChain()` alike, and the CLI's error for its flags.\n"
         "`null` counts as absent. How the options cross from JavaScript: [boundary.md](boundary.md).\n\n"
         "## validate() and validateAll()\n\n" + head + validate.table +
         "\n## importPreview()\n\n" + head + import.table +
         "\n## supplyChain()\n\n" + head + supply.table;
}

}  // namespace isimport::boundary_dts

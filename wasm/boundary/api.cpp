#include "boundary/api.h"

#include "boundary/options_reader.h"

#include "go/cold_code.h"
#include "go/go_text.h"  // sameText
#include "import/list_choice.h"
#include "import/tag_order.h"
#include "json/json_tree.h"
#include "json/json_writer.h"
#include "json/typed_encoder.h"
#include "model/reference.h"
#include "validation/create_request.h"

ISIMPORT_COLD_CODE_BEGIN

namespace isimport {
namespace {

// validate()'s options as the core's create path takes them.
CreateOptions createOptionsOf(const ValidateOptions& declared) {
  CreateOptions options;
  options.decode.fieldValidation = *parseFieldValidation(declared.fieldValidation);
  if (declared.kind) options.decode.defaultKind = *declared.kind;
  if (declared.nameSpace) {
    options.namespaceGiven = true;
    options.requestNamespace = *declared.nameSpace;
  }
  return options;
}

// The options of decodeJson and validateJson (api.h); "" or the usage error.
std::string readCreateOptions(std::string_view optionsJson, CreateOptions& options) {
  ValidateOptions declared;
  if (OptionsRefusal refusal = readOptions(optionsJson, declared); refusal.refused()) return refusal.message;
  options = createOptionsOf(declared);
  return "";
}

std::string usageError(const std::string& message) {
  json::Writer out;
  out.beginObject();
  out.key("usageError");
  out.string(message);
  out.endObject();
  return out.take();
}

// An options refusal, with the option and what it takes when it is about a value.
std::string usageError(const OptionsRefusal& refusal) {
  json::Writer out;
  out.beginObject();
  out.key("usageError");
  out.string(refusal.message);
  if (!refusal.option.empty()) {
    out.key("option");
    out.string(refusal.option);
    out.key("expected");
    out.string(refusal.expected);
  }
  out.endObject();
  return out.take();
}

void writeWarnings(json::Writer& out, const std::vector<std::string>& warnings) {
  out.key("warnings");
  out.beginArray();
  for (const auto& w : warnings) out.string(w);
  out.endArray();
}

}  // namespace

std::string decodeJson(std::string_view text, std::string_view optionsJson) {
  CreateOptions options;
  if (std::string optionsError = readCreateOptions(optionsJson, options); !optionsError.empty()) {
    return usageError(optionsError);
  }
  options.decode.borrowText = true;  // the object is written out before `text` goes
  DecodeResult result = decodeObject(text, options.decode);
  json::Writer out;
  out.beginObject();
  out.key("ok");
  out.boolean(result.object.has_value());
  out.key("kind");
  out.string(result.kind.empty() ? options.decode.defaultKind : result.kind);
  if (result.object) {
    out.key("object");
    out.raw(encodeObject(*result.object));
  }
  writeWarnings(out, result.warnings);
  if (result.failure) {
    out.key("status");
    out.raw(encodeStatus(*result.failure));
  }
  out.endObject();
  return out.take();
}

namespace {

std::string writeAnswer(const CreateOutcome& outcome, bool withObject, bool withType) {
  json::Writer out;
  out.beginObject();
  out.key("valid");
  out.boolean(outcome.valid);
  out.key("kind");
  out.string(outcome.kind);
  if (withType) {
    out.key("type");
    out.beginObject();
    out.key("apiVersion");
    out.string(outcome.apiVersionInData);
    out.key("kind");
    out.string(outcome.kindInData);
    out.endObject();
    if (outcome.rootItems) {
      out.key("rootItems");
      out.boolean(true);
    }
  }
  out.key("causes");
  out.beginArray();
  if (outcome.status && outcome.status->details) {
    for (const auto& cause : outcome.status->details->causes) out.raw(encodeStatusCause(cause));
  }
  out.endArray();
  writeWarnings(out, outcome.warnings);
  out.key("diagnostics");
  out.beginArray();
  for (const Diagnostic& finding : outcome.diagnostics) out.raw(toJson(finding));
  out.endArray();
  if (outcome.status) {
    out.key("status");
    out.raw(encodeStatus(*outcome.status));
  }
  if (outcome.syntaxOffset) {
    out.key("syntaxOffset");
    out.integer(static_cast<int64_t>(*outcome.syntaxOffset));
  }
  if (withType && outcome.object) {
    out.key("decoded");
    out.boolean(true);
  }
  if (withObject && outcome.object) {
    out.key("object");
    out.raw(encodeObject(*outcome.object));
  }
  out.endObject();
  return out.take();
}

}  // namespace

std::string validateJson(std::string_view text, std::string_view optionsJson) {
  CreateOptions options;
  if (std::string optionsError = readCreateOptions(optionsJson, options); !optionsError.empty()) {
    return usageError(optionsError);
  }
  options.decode.borrowText = true;  // the outcome is written out before `text` goes
  return writeAnswer(validateCreate(text, options), true, false);
}

namespace {

constexpr const char* kKinds[] = {"ImageStreamImport", "ImageStream", "Image"};

// The request's options, or the usage error.
std::string readRequest(const ValidateRequest& request, CreateOptions& options) {
  static constexpr FieldValidation kModes[] = {FieldValidation::Strict, FieldValidation::Warn, FieldValidation::Ignore};
  if (request.fieldValidation < 0 || request.fieldValidation > 2) return "fieldValidation must be 0 (Strict), 1 (Warn) or 2 (Ignore)";
  if (request.kind < 0 || request.kind > 2) return "kind must be 0 (ImageStreamImport), 1 (ImageStream) or 2 (Image)";
  options.decode.fieldValidation = kModes[request.fieldValidation];
  options.decode.defaultKind = kKinds[request.kind];
  if (request.namespaceGiven) {
    options.namespaceGiven = true;
    options.requestNamespace = request.nameSpace;
  }
  return "";
}

// validateCompact's number for an outcome that has one, else -1.
int compactCode(const CreateOutcome& outcome) {
  if (!outcome.valid || !outcome.object || !outcome.warnings.empty()) return -1;
  int kind = 0;
  while (kind < 3 && !sameText(outcome.kind, kKinds[kind])) ++kind;
  if (kind == 3) return -1;
  int code = kind;
  if (sameText(outcome.apiVersionInData, "image.openshift.io/v1")) code |= 4;
  else if (!outcome.apiVersionInData.empty()) return -1;
  if (sameText(outcome.kindInData, outcome.kind)) code |= 8;
  else if (!outcome.kindInData.empty()) return -1;
  if (outcome.rootItems) code |= 16;
  return code;
}

}  // namespace

int validateCompact(std::string_view text, const ValidateRequest& request, std::string& answer) {
  CreateOptions options;
  if (std::string refusal = readRequest(request, options); !refusal.empty()) {
    answer = usageError(refusal);
    return -1;
  }
  options.decode.borrowText = true;  // the outcome is read and written out before `text` goes
  CreateOutcome outcome = validateCreate(text, options);
  if (int code = request.withObject ? -1 : compactCode(outcome); code >= 0) return code;
  answer = writeAnswer(outcome, request.withObject, true);
  return -1;
}

std::string compactAnswersJson() {
  json::Writer out;
  out.beginArray();
  for (int code = 0; code < 32; ++code) {
    CreateOutcome outcome;
    outcome.valid = true;
    if ((code & 3) == 3) {
      out.null();  // no kind has the number 3
      continue;
    }
    outcome.kind = kKinds[code & 3];
    outcome.apiVersionInData = (code & 4) ? "image.openshift.io/v1" : "";
    outcome.kindInData = (code & 8) ? outcome.kind : "";
    outcome.rootItems = (code & 16) != 0;
    outcome.object = Image{};  // stands for "decoded": the answer says so, and writes no object
    out.raw(writeAnswer(outcome, false, true));
  }
  out.endArray();
  return out.take();
}

std::string validateOptionsJson(std::string_view optionsJson) {
  ValidateOptions options;
  if (OptionsRefusal refusal = readOptions(optionsJson, options); refusal.refused()) return usageError(refusal);
  CreateOptions create = createOptionsOf(options);
  json::Writer out;
  out.beginObject();
  out.key("options");
  out.raw(writeOptions(options));
  out.key("request");
  out.beginObject();
  out.key("fieldValidation");
  out.integer(static_cast<int64_t>(create.decode.fieldValidation));
  out.key("kind");
  int kind = 0;
  while (kind < 2 && create.decode.defaultKind != kKinds[kind]) ++kind;
  out.integer(kind);
  out.endObject();
  out.endObject();
  return out.take();
}

namespace {

template <class Options>
std::string optionsAnswer(std::string_view optionsJson) {
  Options options;
  if (OptionsRefusal refusal = readOptions(optionsJson, options); refusal.refused()) return usageError(refusal);
  json::Writer out;
  out.beginObject();
  out.key("options");
  out.raw(writeOptions(options));
  out.endObject();
  return out.take();
}

}  // namespace

std::string importOptionsJson(std::string_view optionsJson) { return optionsAnswer<ImportOptions>(optionsJson); }
std::string supplyChainOptionsJson(std::string_view optionsJson) { return optionsAnswer<SupplyChainOptions>(optionsJson); }

std::string parseReferenceJson(std::string_view text) {
  ReferenceParse parsed = parseDockerImageReference(text);
  json::Writer out;
  out.beginObject();
  out.key("valid");
  out.boolean(parsed.ok());
  if (!parsed.ok()) {
    out.key("error");
    out.string(parsed.error);
    out.endObject();
    return out.take();
  }
  const DockerImageReference& ref = *parsed.ref;
  auto field = [&](const char* name, const std::string& value) {
    out.key(name);
    out.string(value);
  };
  field("registry", ref.registry);
  field("namespace", ref.nameSpace);
  field("name", ref.name);
  field("tag", ref.tag);
  field("id", ref.id);
  field("exact", ref.exact());
  DockerImageReference defaulted = ref.dockerClientDefaults();
  field("repository", defaulted.repositoryName());
  field("registryUrl", defaulted.registryUrl());
  // The form importer messages name the image by (Distribution's normalized reference).
  if (NormalizedReference normalized = normalizedString(ref); normalized.ok()) field("normalized", normalized.value);
  out.endObject();
  return out.take();
}

namespace {

// The strings of a JSON array of strings, or the usage error.
std::string readStringArray(std::string_view text, const char* what, std::vector<std::string>& out) {
  json::ParseResult parsed = json::parse(text);
  if (!parsed.ok || parsed.tree.at(0).kind != json::Kind::Array) return std::string(what) + " must be a JSON array";
  const json::Node& array = parsed.tree.at(0);
  for (uint32_t i = 0; i < array.count; ++i) {
    const json::Node& item = parsed.tree.at(parsed.tree.child(array, i));
    if (item.kind != json::Kind::String) return std::string(what) + " must hold strings only";
    out.push_back(item.text);
  }
  return "";
}

// The platforms of a JSON array of objects with "architecture" and "os" strings.
std::string readPlatforms(std::string_view text, std::vector<ListEntry>& out) {
  json::ParseResult parsed = json::parse(text);
  const char* shape = "manifests must be a non-empty JSON array of {architecture, os} objects";
  if (!parsed.ok || parsed.tree.at(0).kind != json::Kind::Array || parsed.tree.at(0).count == 0) return shape;
  const json::Node& array = parsed.tree.at(0);
  for (uint32_t i = 0; i < array.count; ++i) {
    const json::Node& item = parsed.tree.at(parsed.tree.child(array, i));
    if (item.kind != json::Kind::Object) return shape;
    ListEntry entry;
    for (uint32_t m = 0; m < item.count; ++m) {
      const json::Node& value = parsed.tree.at(parsed.tree.child(item, m));
      const std::string& key = parsed.tree.key(item, m);
      if (key != "architecture" && key != "os") continue;
      if (value.kind != json::Kind::String) return shape;
      (key == "os" ? entry.platform.os : entry.platform.architecture) = value.text;
    }
    out.push_back(std::move(entry));
  }
  return "";
}

}  // namespace

std::string prioritizeTagsJson(std::string_view tagsJson) {
  std::vector<std::string> tags;
  if (std::string refusal = readStringArray(tagsJson, "tags", tags); !refusal.empty()) return usageError(refusal);
  json::Writer out;
  out.beginObject();
  out.key("tags");
  out.beginArray();
  for (const std::string& tag : prioritizeTags(std::move(tags))) {
    out.beginObject();
    out.key("tag");
    out.string(tag);
    out.key("class");
    out.string(tagClassName(classifyTag(tag)));
    out.endObject();
  }
  out.endArray();
  out.endObject();
  return out.take();
}

std::string legacyChoiceJson(std::string_view manifestsJson, std::string_view platform) {
  std::optional<PlatformPreference> want = parsePlatform(platform);
  if (!want) return usageError("platform must be os/arch[/variant], e.g. linux/amd64");
  std::vector<ListEntry> entries;
  if (std::string refusal = readPlatforms(manifestsJson, entries); !refusal.empty()) return usageError(refusal);
  ListChoice choice = chooseLegacyEntry(entries, *want);
  json::Writer out;
  out.beginObject();
  out.key("index");
  out.integer(static_cast<int64_t>(choice.index));
  out.key("rule");
  out.string(listChoiceRuleName(choice.rule));
  out.endObject();
  return out.take();
}

std::string_view libraryVersion() { return "0.1.0"; }

}  // namespace isimport

ISIMPORT_COLD_CODE_END

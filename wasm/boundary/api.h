// The library's entry points as plain text in, JSON text out: what the embind glue exposes to
// JavaScript (one crossing per call) and what native tests and tools call directly.
#pragma once

#include <string>
#include <string_view>

namespace isimport {

// Options: validate()'s (boundary/options.h ValidateOptions; the core reads fieldValidation, kind
// and namespace), read strictly. A bad options object answers {"usageError": text}.

// Decodes `text` (one JSON document) and answers
// {"ok": bool, "kind": string, "object"?: {...}, "warnings": [string], "status"?: Status}.
std::string decodeJson(std::string_view text, std::string_view optionsJson);

// Decodes and validates `text` as the API server's create path does and answers
// {"valid": bool, "kind": string, "causes": [StatusCause], "warnings": [string],
//  "diagnostics": [Diagnostic] (json/diagnostic.h), "status"?: Status (400/413/422/500),
//  "syntaxOffset"?: byte of a JSON syntax error, "object"?: the decoded, defaulted object}.
std::string validateJson(std::string_view text, std::string_view optionsJson);

// The same with the options as values, for the hot path: one call per document, no options text
// to read, and the decoded object written only when asked for. The answer also carries
// "type": {"apiVersion", "kind"} as the body wrote them (for callers that skip other kinds) and
// "decoded": true when there is an object to ask for.
struct ValidateRequest {
  int fieldValidation = 0;  // 0 Strict, 1 Warn, 2 Ignore
  int kind = 0;             // the endpoint's kind: 0 ImageStreamImport, 1 ImageStream, 2 Image
  std::string nameSpace;    // the request's namespace
  bool namespaceGiven = false;
  bool withObject = false;
};

// validateJson's answer for callers that cross a boundary per call: the common answer, valid with nothing
// to report, as a small number (no text to write, copy and parse), and anything else as the JSON
// answer in `answer`. The number, when >= 0: bits 0-1 the kind (0 ImageStreamImport, 1 ImageStream,
// 2 Image), bit 2 set when the body's apiVersion is "image.openshift.io/v1" (else it had none),
// bit 3 set when the body's kind is that kind (else it had none), bit 4 set when the body's root
// has an "items" member (kubectl would read it as a list; the JSON answer says "rootItems": true).
// -1: read `answer` (with "type" and, when there is an object to ask for, "decoded": true).
int validateCompact(std::string_view text, const ValidateRequest& request, std::string& answer);

// The answer each number of validateCompact stands for, as a JSON array indexed by the number
// (so that JavaScript reads the bit layout from here instead of restating it).
std::string compactAnswersJson();

// validate()'s, importPreview()'s and supplyChain()'s options (boundary/options.h), read strictly: {"options":
// {every option with its value or default}, "request": {"fieldValidation", "kind"} (the numbers
// ValidateRequest takes; validate only)} or {"usageError": text}.
std::string validateOptionsJson(std::string_view optionsJson);
std::string importOptionsJson(std::string_view optionsJson);
std::string supplyChainOptionsJson(std::string_view optionsJson);

// Parses an image reference as OpenShift does (library-go reference.Parse) and answers
// {"valid": true, "registry", "namespace", "name", "tag", "id", "exact", "repository",
//  "registryUrl", "normalized"?} or {"valid": false, "error": text} (upstream's text).
std::string parseReferenceJson(std::string_view text);

// What the importer decided, with its own rules, for a page that explains an answer:
// `tagsJson` = ["tag", …] → {"tags": [{"tag", "class": "latest"|"minor"|"full"|"other"}…]} in
// OpenShift's repository-import priority (duplicates collapsed, "" read as "latest").
std::string prioritizeTagsJson(std::string_view tagsJson);

// `manifestsJson` = [{"architecture", "os", …}…] (an Image's dockerImageManifests) and `platform`
// = "os/arch[/variant]" (the control plane's) → {"index", "rule": "preferred"|"linux/amd64"|"first"}:
// the entry Legacy mode would import, and why.
std::string legacyChoiceJson(std::string_view manifestsJson, std::string_view platform);

// Both answer {"usageError": text} for input they cannot read.

std::string_view libraryVersion();

}  // namespace isimport

// The options of validate() and importPreview(), declared once: each option's JSON name, the
// values it takes, its default (the member's initial value) and one line saying what it does.
// The same list decodes what JavaScript passes (strictly: options_reader.h), writes the decoded
// options back with every default filled in, and generates the TypeScript declarations and the
// table in docs/options.md (tests/tools/schema_gen.cpp). docs/boundary.md tells the whole story.
//
// JavaScript sends the options as JSON. A value JSON cannot carry (a function, an AbortSignal, NaN)
// travels as {"$host": "<what it is>"}: host options are checked for being what they must be, and
// the values themselves never leave JavaScript.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "import/importer.h"  // the importer's own defaults, which the options take

namespace isimport {

enum class OptionType {
  String,        // any text
  OneOf,         // one of `values`
  Integer,       // an integer in [min, max]
  Milliseconds,  // a number of milliseconds in [min, max], rounded to a whole one
  Boolean,
  Strings,       // an array of strings
  Time,          // RFC 3339 text or epoch milliseconds (JavaScript also takes a Date)
  Platform,      // "os/arch[/variant]"
  Document,      // an object, or text holding one (JSON or YAML: JavaScript reads YAML first)
  Documents,     // an array of objects (JavaScript reads texts, several documents and Lists, into them)
  Function,      // a JavaScript function (host)
  Signal,        // an AbortSignal (host)
};

struct OptionRule {
  OptionType type = OptionType::String;
  const char* doc = "";
  std::initializer_list<const char*> values = {};  // OneOf
  int64_t min = 0, max = 0;                       // Integer, Milliseconds
  const char* extra = "";                         // appended to the range's wording
  const char* tsType = "";                        // Document, Function, Signal: the TypeScript type
};

// A host option's presence (its value stays in JavaScript).
struct HostValue {
  bool given = false;
};

// ---- validate() ---------------------------------------------------------------------------------

inline constexpr std::initializer_list<const char*> kFieldValidationModes = {"Strict", "Warn", "Ignore"};
inline constexpr std::initializer_list<const char*> kModeledKinds = {"ImageStreamImport", "ImageStream", "Image"};
inline constexpr std::initializer_list<const char*> kImportModes = {"Legacy", "PreserveOriginal"};

struct ValidateOptions {
  std::string fieldValidation = "Strict";
  std::optional<std::string> kind;
  std::optional<std::string> nameSpace;
  std::vector<std::string> kinds;
  std::vector<std::string> skip;
  bool rejectUnknownKinds = false;
};

template <class V, class O>
void optionsOf(V& v, O& o, const ValidateOptions*) {
  v.option("fieldValidation", o.fieldValidation,
           {OptionType::OneOf, "what an unknown or duplicate field is: an error, a warning, or nothing (the API server's fieldValidation)",
            kFieldValidationModes});
  v.option("kind", o.kind,
           {OptionType::OneOf, "the endpoint's kind: what a body naming no kind is read as", kModeledKinds});
  v.option("namespace", o.nameSpace,
           {OptionType::String, "the request's namespace (a body in another one is refused; absent: the body's own, else \"default\")"});
  v.option("kinds", o.kinds, {OptionType::Strings, "validate only these kinds (Kind or apiVersion/Kind); others are skipped"});
  v.option("skip", o.skip, {OptionType::Strings, "skip these kinds (Kind or apiVersion/Kind)"});
  v.option("rejectUnknownKinds", o.rejectUnknownKinds,
           {OptionType::Boolean, "refuse objects of other groups instead of skipping them"});
}

// ---- importPreview() ----------------------------------------------------------------------------

struct ImportOptions {
  std::string fieldValidation = "Strict";
  std::optional<std::string> nameSpace;
  std::string platform = kDefaultControlPlane;
  std::string defaultImportMode = kDefaultImportMode;
  int64_t maxTagsPerRepository = kDefaultMaxTagsPerRepository;
  int64_t concurrency = 6;
  int64_t requestTimeout = kDefaultRequestTimeoutMs;
  int64_t importTimeout = 120000;
  std::optional<std::string> proxyPrefix;
  std::optional<std::string> now;  // RFC 3339, whole seconds (JavaScript gives its clock's time)
  std::optional<std::string> credentials;
  std::optional<std::string> currentImageStream;
  HostValue fetch, signal, onProgress, onRequestFailure, onNotice;
};

template <class V, class O>
void optionsOf(V& v, O& o, const ImportOptions*) {
  v.option("fieldValidation", o.fieldValidation,
           {OptionType::OneOf, "what an unknown or duplicate field of the spec is (the API server's fieldValidation)",
            kFieldValidationModes});
  v.option("namespace", o.nameSpace, {OptionType::String, "the request's namespace"});
  v.option("platform", o.platform,
           {OptionType::Platform, "the control plane's platform, os/arch[/variant]: the entry of a list Legacy mode imports"});
  v.option("defaultImportMode", o.defaultImportMode,
           {OptionType::OneOf, "the cluster's import mode for entries that name none", kImportModes});
  v.option("maxTagsPerRepository", o.maxTagsPerRepository,
           {OptionType::Integer, "the most tags a repository import takes (the cluster's limit)", {}, -1, 1000000,
            " (-1: unlimited, 0: no tags are listed, as upstream)"});
  v.option("concurrency", o.concurrency, {OptionType::Integer, "registry requests in flight at once", {}, 1, 64});
  v.option("requestTimeout", o.requestTimeout,
           {OptionType::Milliseconds, "milliseconds per registry request (headers and body)", {}, 1, 3600000});
  v.option("importTimeout", o.importTimeout,
           {OptionType::Milliseconds, "milliseconds for the whole import; requests still running then end as per-image failures", {},
            1, 3600000});
  v.option("proxyPrefix", o.proxyPrefix,
           {OptionType::String, "a URL prefix every registry request goes through (a CORS proxy: the registry's URL is appended)"});
  v.option("now", o.now, {OptionType::Time, "the request's time (creationTimestamp, tag events); absent: the clock's"});
  v.option("credentials", o.credentials,
           {.type = OptionType::Document,
            .doc = "a docker config.json, or a kubernetes.io/dockerconfigjson Secret (read in JavaScript, never stored)",
            .tsType = "DockerConfigJson | DockerConfigSecret | string | Uint8Array"});
  v.option("currentImageStream", o.currentImageStream,
           {.type = OptionType::Document,
            .doc = "the ImageStream as the cluster has it now (import: true merges into it)",
            .tsType = "ImageStream | string | Uint8Array"});
  v.option("fetch", o.fetch,
           {.type = OptionType::Function,
            .doc = "the fetch every registry request goes through (absent: globalThis.fetch)",
            .tsType = "FetchLike"});
  v.option("signal", o.signal,
           {.type = OptionType::Signal,
            .doc = "ends the import: requests in flight end as per-image failures",
            .tsType = "AbortSignal"});
  v.option("onProgress", o.onProgress,
           {.type = OptionType::Function,
            .doc = "called with each progress report",
            .tsType = "(progress: ImportProgress) => void"});
  v.option("onRequestFailure", o.onRequestFailure,
           {.type = OptionType::Function,
            .doc = "called for each request that failed below HTTP (network, CORS, timeout); never with credentials",
            .tsType = "(failure: RequestFailure) => void"});
  v.option("onNotice", o.onNotice,
           {.type = OptionType::Function,
            .doc = "called with what a person should be told beyond the answer (e.g. Legacy mode's platform fallback)",
            .tsType = "(notice: ImportNotice) => void"});
}

// ---- supplyChain() ------------------------------------------------------------------------------

// The most requests one subject's lookups make when nobody says (docs/supply-chain.md §9.2).
inline constexpr int64_t kDefaultMaxRequestsPerSubject = 100;

struct SupplyChainOptions {
  int64_t concurrency = 6;
  int64_t requestTimeout = kDefaultRequestTimeoutMs;
  int64_t timeout = 120000;
  int64_t maxRequestsPerSubject = kDefaultMaxRequestsPerSubject;
  std::optional<std::string> proxyPrefix;
  std::optional<std::string> credentials;
  std::vector<std::string> keys;
  std::vector<std::string> policies;
  HostValue fetch, signal, onProgress;
};

template <class V, class O>
void optionsOf(V& v, O& o, const SupplyChainOptions*) {
  v.option("concurrency", o.concurrency, {OptionType::Integer, "registry requests in flight at once", {}, 1, 64});
  v.option("requestTimeout", o.requestTimeout,
           {OptionType::Milliseconds, "milliseconds per registry request (headers and body)", {}, 1, 3600000});
  v.option("timeout", o.timeout,
           {OptionType::Milliseconds, "milliseconds for the whole lookup; what is still running then is reported as an error", {},
            1, 3600000});
  v.option("maxRequestsPerSubject", o.maxRequestsPerSubject,
           {OptionType::Integer, "the most registry requests made for one image (referrer pages, tags, manifests, blobs)", {}, 1,
            10000});
  v.option("proxyPrefix", o.proxyPrefix,
           {OptionType::String, "a URL prefix every registry request goes through (a CORS proxy: the registry's URL is appended)"});
  v.option("credentials", o.credentials,
           {.type = OptionType::Document,
            .doc = "a docker config.json, or a kubernetes.io/dockerconfigjson Secret (read in JavaScript, never stored)",
            .tsType = "DockerConfigJson | DockerConfigSecret | string | Uint8Array"});
  v.option("keys", o.keys,
           {OptionType::Strings, "public keys (PEM `PUBLIC KEY`: ECDSA P-256/P-384, RSA, Ed25519) signatures are checked with"});
  v.option("policies", o.policies,
           {.type = OptionType::Documents,
            .doc = "ClusterImagePolicy and ImagePolicy objects (config.openshift.io/v1), or texts holding them (JSON or YAML, Lists too)",
            .tsType = "Array<object | string>"});
  v.option("fetch", o.fetch,
           {.type = OptionType::Function,
            .doc = "the fetch every registry request goes through (absent: globalThis.fetch)",
            .tsType = "FetchLike"});
  v.option("signal", o.signal,
           {.type = OptionType::Signal, .doc = "ends the lookup: what is still running is reported as an error", .tsType = "AbortSignal"});
  v.option("onProgress", o.onProgress,
           {.type = OptionType::Function,
            .doc = "called with each progress report",
            .tsType = "(progress: SupplyProgress) => void"});
}

// Visits every option of `o` (a ValidateOptions or ImportOptions, const or not).
template <class V, class O>
void forEachOption(V& v, O& o) {
  optionsOf(v, o, static_cast<const std::remove_const_t<O>*>(nullptr));
}

}  // namespace isimport

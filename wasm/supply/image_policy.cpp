// Reading a ClusterImagePolicy or ImagePolicy as the API server does for a custom resource
// (docs/image-policy.md §11.2, §11.3): the body is decoded without Go types (unknown fields found
// by pruning against the CRD schema, duplicate keys by the strict JSON decoder), then validated in
// apiextensions-apiserver's order (customresource strategy `Validate`): ObjectMeta, the OpenAPI
// schema (kube-openapi), x-kubernetes-list-type set, then the CEL rules unless an earlier error
// blocks them. The schema below is the v1 CRD's, written out by hand.
#include "supply/image_policy.h"

#include <algorithm>
#include <span>

#include "go/base64.h"
#include "go/go_text.h"
#include "json/json_tree.h"
#include "json/text_decoder.h"
#include "model/status_builders.h"
#include "supply/policy_patterns.h"
#include "validation/field_error.h"
#include "validation/format_rules.h"
#include "validation/validation.h"

namespace isimport {
namespace {

constexpr size_t kMaxBodyBytes = 3 * 1024 * 1024;  // the apiserver's MaxRequestBodyBytes
constexpr size_t kMaxStrictErrors = 100;           // sigs.k8s.io/json keeps at most 100

// ---- the v1 CRD schema ---------------------------------------------------------------------------

enum class Ty : uint8_t { Object, Array, String, Integer };

struct Prop;
struct Schema {
  Ty type;
  std::span<const Prop> props = {};
  std::span<const char* const> required = {};
  std::span<const char* const> enumValues = {};
  int64_t minLength = -1, maxLength = -1, maxItems = -1;
  bool byteFormat = false;
  const Schema* items = nullptr;
};
struct Prop {
  const char* name;
  const Schema* schema;
};

constexpr Schema kString{Ty::String};
constexpr Schema kInteger{Ty::Integer};
constexpr Schema kPem8192{.type = Ty::String, .maxLength = 8192, .byteFormat = true};
constexpr Schema kCertData{.type = Ty::String, .minLength = 72, .maxLength = 8192, .byteFormat = true};
constexpr Schema kKeyData{.type = Ty::String, .minLength = 68, .maxLength = 8192, .byteFormat = true};
constexpr Schema kString512{.type = Ty::String, .maxLength = 512};

constexpr Prop kPublicKeyProps[] = {{"keyData", &kKeyData}, {"rekorKeyData", &kPem8192}};
constexpr const char* kPublicKeyRequired[] = {"keyData"};
constexpr Schema kPublicKey{Ty::Object, kPublicKeyProps, kPublicKeyRequired};

constexpr Schema kIssuer{.type = Ty::String, .maxLength = 2048};
constexpr Schema kEmail{.type = Ty::String, .maxLength = 320};
constexpr Prop kFulcioSubjectProps[] = {{"oidcIssuer", &kIssuer}, {"signedEmail", &kEmail}};
constexpr const char* kFulcioSubjectRequired[] = {"oidcIssuer", "signedEmail"};
constexpr Schema kFulcioSubject{Ty::Object, kFulcioSubjectProps, kFulcioSubjectRequired};
constexpr Prop kFulcioProps[] = {
    {"fulcioCAData", &kPem8192}, {"fulcioSubject", &kFulcioSubject}, {"rekorKeyData", &kPem8192}};
constexpr const char* kFulcioRequired[] = {"fulcioCAData", "fulcioSubject", "rekorKeyData"};
constexpr Schema kFulcio{Ty::Object, kFulcioProps, kFulcioRequired};

constexpr Schema kHostname{.type = Ty::String, .maxLength = 253};
constexpr Prop kPkiSubjectProps[] = {{"email", &kEmail}, {"hostname", &kHostname}};
constexpr Schema kPkiSubject{Ty::Object, kPkiSubjectProps};
constexpr Prop kPkiProps[] = {
    {"caIntermediatesData", &kCertData}, {"caRootsData", &kCertData}, {"pkiCertificateSubject", &kPkiSubject}};
constexpr const char* kPkiRequired[] = {"caRootsData", "pkiCertificateSubject"};
constexpr Schema kPki{Ty::Object, kPkiProps, kPkiRequired};

constexpr const char* kPolicyTypes[] = {"PublicKey", "FulcioCAWithRekor", "PKI"};
constexpr Schema kPolicyType{.type = Ty::String, .enumValues = kPolicyTypes};
constexpr Prop kRootProps[] = {
    {"fulcioCAWithRekor", &kFulcio}, {"pki", &kPki}, {"policyType", &kPolicyType}, {"publicKey", &kPublicKey}};
constexpr const char* kRootRequired[] = {"policyType"};
constexpr Schema kRootOfTrust{Ty::Object, kRootProps, kRootRequired};

constexpr Prop kExactProps[] = {{"repository", &kString512}};
constexpr const char* kExactRequired[] = {"repository"};
constexpr Schema kExact{Ty::Object, kExactProps, kExactRequired};
constexpr Prop kRemapProps[] = {{"prefix", &kString512}, {"signedPrefix", &kString512}};
constexpr const char* kRemapRequired[] = {"prefix", "signedPrefix"};
constexpr Schema kRemap{Ty::Object, kRemapProps, kRemapRequired};
constexpr const char* kMatchPolicies[] = {"MatchRepoDigestOrExact", "MatchRepository", "ExactRepository",
                                          "RemapIdentity"};
constexpr Schema kMatchPolicy{.type = Ty::String, .enumValues = kMatchPolicies};
constexpr Prop kIdentityProps[] = {
    {"exactRepository", &kExact}, {"matchPolicy", &kMatchPolicy}, {"remapIdentity", &kRemap}};
constexpr const char* kIdentityRequired[] = {"matchPolicy"};
constexpr Schema kIdentity{Ty::Object, kIdentityProps, kIdentityRequired};

constexpr Prop kPolicyProps[] = {{"rootOfTrust", &kRootOfTrust}, {"signedIdentity", &kIdentity}};
constexpr const char* kPolicyRequired[] = {"rootOfTrust"};
constexpr Schema kPolicy{Ty::Object, kPolicyProps, kPolicyRequired};

constexpr Schema kScopes{.type = Ty::Array, .maxItems = 256, .items = &kString512};
constexpr Prop kSpecProps[] = {{"policy", &kPolicy}, {"scopes", &kScopes}};
constexpr const char* kSpecRequired[] = {"policy", "scopes"};
constexpr Schema kSpec{Ty::Object, kSpecProps, kSpecRequired};

// Status is dropped on create (the status subresource): only its field names matter, for pruning.
constexpr Prop kConditionProps[] = {{"lastTransitionTime", &kString}, {"message", &kString},
                                    {"observedGeneration", &kInteger}, {"reason", &kString},
                                    {"status", &kString},              {"type", &kString}};
constexpr Schema kCondition{Ty::Object, kConditionProps};
constexpr Schema kConditions{.type = Ty::Array, .items = &kCondition};
constexpr Prop kStatusProps[] = {{"conditions", &kConditions}};
constexpr Schema kStatus{Ty::Object, kStatusProps};

// The root: apiVersion, kind and metadata are the API server's own (metadata is checked as
// ObjectMeta, not by the schema).
constexpr Schema kMetadataPlaceholder{Ty::Object};
constexpr Prop kRootObjectProps[] = {{"apiVersion", &kString},
                                     {"kind", &kString},
                                     {"metadata", &kMetadataPlaceholder},
                                     {"spec", &kSpec},
                                     {"status", &kStatus}};
constexpr const char* kRootObjectRequired[] = {"spec"};
constexpr Schema kRootObject{Ty::Object, kRootObjectProps, kRootObjectRequired};

const Schema* propSchema(const Schema& s, std::string_view name) {
  for (const Prop& p : s.props) {
    if (name == p.name) return p.schema;
  }
  return nullptr;
}

// ---- reading the tree as the decoded map -----------------------------------------------------------

// The value a key holds after decoding into a Go map: its last occurrence; a null there is pruned
// (apiextensions `PruneNonNullableNullsWithoutDefaults`), so the key counts as absent.
const json::Node* member(const json::Tree& t, const json::Node& object, std::string_view key) {
  const json::Node* found = nullptr;
  for (uint32_t i = 0; i < object.count; ++i) {
    if (t.key(object, i) == key) found = &t.at(t.child(object, i));
  }
  return found && found->kind != json::Kind::Null ? found : nullptr;
}

// Whether member i of `object` is the one a Go map keeps (no later member has its key).
bool isLastOfKey(const json::Tree& t, const json::Node& object, uint32_t i) {
  for (uint32_t j = i + 1; j < object.count; ++j) {
    if (t.key(object, j) == t.key(object, i)) return false;
  }
  return true;
}

// Duplicate keys anywhere in the body, as sigs.k8s.io/json's strict decoding reports them (every
// value is decoded, including one a later duplicate replaces).
void findDuplicates(const json::Tree& t, json::NodeId id, const std::string& path, std::vector<std::string>& out) {
  const json::Node& n = t.at(id);
  if (n.kind == json::Kind::Array) {
    for (uint32_t i = 0; i < n.count; ++i) {
      findDuplicates(t, t.child(n, i), path + "[" + std::to_string(i) + "]", out);
    }
  } else if (n.kind == json::Kind::Object) {
    for (uint32_t i = 0; i < n.count; ++i) {
      const std::string& key = t.key(n, i);
      std::string childPath = path.empty() ? key : path + "." + key;
      for (uint32_t j = 0; j < i; ++j) {
        if (t.key(n, j) == key) {
          out.push_back("duplicate field " + json::quote(childPath));
          break;
        }
      }
      findDuplicates(t, t.child(n, i), childPath, out);
    }
  }
}

// Fields the schema does not declare (apiextensions pruning `PruneWithOptions`, paths sorted).
void findUnknown(const json::Tree& t, const json::Node& n, const Schema& s, const std::string& path,
                 std::vector<std::string>& out) {
  if (s.type == Ty::Object && n.kind == json::Kind::Object) {
    for (uint32_t i = 0; i < n.count; ++i) {
      if (!isLastOfKey(t, n, i)) continue;
      const std::string& key = t.key(n, i);
      std::string childPath = path.empty() ? key : path + "." + key;
      const Schema* child = propSchema(s, key);
      if (!child) {
        out.push_back(childPath);
      } else if (child != &kMetadataPlaceholder) {
        findUnknown(t, t.at(t.child(n, i)), *child, childPath, out);
      }
    }
  } else if (s.type == Ty::Array && n.kind == json::Kind::Array && s.items) {
    for (uint32_t i = 0; i < n.count; ++i) {
      findUnknown(t, t.at(t.child(n, i)), *s.items, path + "[" + std::to_string(i) + "]", out);
    }
  }
}

// ---- kube-openapi schema validation ------------------------------------------------------------------

const char* typeName(Ty ty) {
  switch (ty) {
    case Ty::Object: return "object";
    case Ty::Array: return "array";
    case Ty::String: return "string";
    case Ty::Integer: return "integer";
  }
  return "";
}

// How kube-openapi names the type of a decoded JSON value.
const char* dataTypeName(const json::Node& n) {
  switch (n.kind) {
    case json::Kind::Null: return "null";
    case json::Kind::Bool: return "boolean";
    case json::Kind::Number: return n.integral ? "integer" : "number";
    case json::Kind::String: return "string";
    case json::Kind::Array: return "array";
    case json::Kind::Object: return "object";
  }
  return "";
}

bool typeMatches(Ty ty, const json::Node& n) {
  switch (ty) {
    case Ty::Object: return n.kind == json::Kind::Object;
    case Ty::Array: return n.kind == json::Kind::Array;
    case Ty::String: return n.kind == json::Kind::String;
    case Ty::Integer: return n.kind == json::Kind::Number && n.integral;
  }
  return false;
}

// Go's utf8.RuneCountInString (the text is valid UTF-8: the parser refused anything else).
int64_t runeCount(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// apiextensions `ValidateCustomResource` turns each kube-openapi failure into a field error; the
// messages name the path as kube-openapi writes it ("spec.scopes[0] in body …").
void validateSchema(const json::Tree& t, const json::Node& n, const Schema& s, const FieldPath& path, ErrorList& errs) {
  if (!typeMatches(s.type, n)) {
    std::string actual = dataTypeName(n);
    errs.push_back(fieldTypeInvalid(path, BadValue::goString(actual),
                                    path.str() + " in body must be of type " + typeName(s.type) + ": " + goQuote(actual)));
    return;
  }
  switch (s.type) {
    case Ty::String: {
      int64_t runes = runeCount(n.text);
      if (s.maxLength >= 0 && runes > s.maxLength) errs.push_back(fieldTooLong(path, s.maxLength));
      if (s.minLength >= 0 && runes < s.minLength) {
        errs.push_back(fieldInvalid(path, BadValue::goString(n.text),
                                    path.str() + " in body should be at least " + std::to_string(s.minLength) +
                                        " chars long"));
      }
      if (s.byteFormat && !base64Decode(n.text).bytes) {
        errs.push_back(fieldTypeInvalid(path, BadValue::goString(n.text),
                                        path.str() + " in body must be of type byte: " + goQuote(n.text)));
      }
      if (!s.enumValues.empty() &&
          std::find(s.enumValues.begin(), s.enumValues.end(), n.text) == s.enumValues.end()) {
        errs.push_back(fieldNotSupported(path, BadValue::goString(n.text),
                                         std::vector<std::string>(s.enumValues.begin(), s.enumValues.end())));
      }
      return;
    }
    case Ty::Array:
      if (s.items) {
        for (uint32_t i = 0; i < n.count; ++i) validateSchema(t, t.at(t.child(n, i)), *s.items, path.index(i), errs);
      }
      if (s.maxItems >= 0 && n.count > s.maxItems) errs.push_back(fieldTooMany(path, n.count, s.maxItems));
      return;
    case Ty::Object:
      for (const char* name : s.required) {
        if (!member(t, n, name)) errs.push_back(fieldRequired(path.child(name), ""));
      }
      // kube-openapi walks properties in Go map order; here in the schema's (alphabetical) order.
      for (const Prop& p : s.props) {
        if (p.schema == &kMetadataPlaceholder) continue;
        if (const json::Node* v = member(t, n, p.name)) validateSchema(t, *v, *p.schema, path.child(p.name), errs);
      }
      return;
    case Ty::Integer:
      return;
  }
}

// x-kubernetes-list-type: set on spec.scopes (apiextensions listtype `validateListSet`): each
// repeat of an earlier item is a Duplicate.
void validateScopeSet(const json::Tree& t, const json::Node& scopes, const FieldPath& path, ErrorList& errs) {
  for (uint32_t i = 0; i < scopes.count; ++i) {
    const json::Node& item = t.at(t.child(scopes, i));
    if (item.kind != json::Kind::String) continue;
    for (uint32_t j = 0; j < i; ++j) {
      const json::Node& earlier = t.at(t.child(scopes, j));
      if (earlier.kind == json::Kind::String && earlier.text == item.text) {
        errs.push_back(fieldDuplicate(path.index(i), BadValue::goString(item.text)));
        break;
      }
    }
  }
}

// apiextensions `hasBlockingErr`: a schema error of these types stops the CEL rules.
bool blocksCel(const ErrorList& errs) {
  for (const FieldError& e : errs) {
    switch (e.type) {
      case FieldErrorType::NotSupported:
      case FieldErrorType::Required:
      case FieldErrorType::TooLong:
      case FieldErrorType::TooMany:
      case FieldErrorType::TypeInvalid:
        return true;
      default:
        break;
    }
  }
  return false;
}

// ---- the CEL rules (x-kubernetes-validations of the v1 CRD) -------------------------------------------

// A failed rule: `Invalid value: "<schema type>": <message>` (apiextensions cel `Validator`).
void celFailure(ErrorList& errs, const FieldPath& path, const char* schemaType, std::string message) {
  errs.push_back(fieldInvalid(path, BadValue::goString(schemaType), std::move(message)));
}

// The decoded bytes of a `format: byte` member (the schema check already held).
std::string bytesOf(const json::Node& n) { return base64Decode(n.text).bytes.value_or(std::string()); }

bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool endsWith(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(s.size() - p.size()) == p; }

size_t countOf(std::string_view s, std::string_view needle) {
  size_t n = 0;
  for (size_t at = s.find(needle); at != std::string_view::npos; at = s.find(needle, at + needle.size())) ++n;
  return n;
}

constexpr std::string_view kBeginKey = "-----BEGIN PUBLIC KEY-----";
constexpr std::string_view kEndKey = "-----END PUBLIC KEY-----";
constexpr std::string_view kBeginCert = "-----BEGIN CERTIFICATE-----";
constexpr std::string_view kEndCert = "-----END CERTIFICATE-----";

// The two PEM rules of a key member (`keyData`, `rekorKeyData`).
void checkKeyPem(const json::Tree& t, const json::Node& parent, const char* name, const FieldPath& parentPath,
                 ErrorList& errs) {
  const json::Node* v = member(t, parent, name);
  if (!v) return;
  std::string pem = bytesOf(*v);
  FieldPath path = parentPath.child(name);
  if (!startsWith(pem, kBeginKey)) {
    celFailure(errs, path, "string", std::string("the ") + name + " must start with base64 encoding of '-----BEGIN PUBLIC KEY-----'.");
  }
  if (!(endsWith(pem, std::string(kEndKey) + "\n") || endsWith(pem, kEndKey))) {
    celFailure(errs, path, "string", std::string("the ") + name + " must end with base64 encoding of '-----END PUBLIC KEY-----'.");
  }
}

// The PEM rules of a certificate member; `counted` adds the rule on matching BEGIN/END counts.
void checkCertPem(const json::Tree& t, const json::Node& parent, const char* name, const FieldPath& parentPath,
                  bool counted, ErrorList& errs) {
  const json::Node* v = member(t, parent, name);
  if (!v) return;
  std::string pem = bytesOf(*v);
  FieldPath path = parentPath.child(name);
  if (!startsWith(pem, kBeginCert)) {
    celFailure(errs, path, "string", std::string("the ") + name + " must start with base64 encoding of '" + std::string(kBeginCert) + "'.");
  }
  if (!(endsWith(pem, std::string(kEndCert) + "\n") || endsWith(pem, kEndCert))) {
    celFailure(errs, path, "string", std::string("the ") + name + " must end with base64 encoding of '" + std::string(kEndCert) + "'.");
  }
  if (counted && countOf(pem, kBeginCert) != countOf(pem, kEndCert)) {
    celFailure(errs, path, "string",
               std::string(name) + " must be base64 encoding of valid PEM format data contain the same number of '" +
                   std::string(kBeginCert) + "' and '" + std::string(kEndCert) + "' markers.");
  }
}

const std::string kIdentityTagMessage = "invalid repository or prefix in the signedIdentity, should not include the tag or digest";
const std::string kIdentityFormatMessage =
    "invalid repository or prefix in the signedIdentity. The repository or prefix must starts with 'localhost' or a "
    "valid '.' separated domain. If contains registry paths, the path component names must start with at least one "
    "letter or number, with following parts able to be separated by one period, one or two underscore and multiple "
    "dashes.";

void checkIdentityString(const json::Tree& t, const json::Node& parent, const char* name, const FieldPath& parentPath,
                         ErrorList& errs) {
  const json::Node* v = member(t, parent, name);
  if (!v) return;
  FieldPath path = parentPath.child(name);
  if (!identityHasNoTag(v->text)) celFailure(errs, path, "string", kIdentityTagMessage);
  if (!identityRepositoryWellFormed(v->text)) celFailure(errs, path, "string", kIdentityFormatMessage);
}

// `has(self.<type>) && self.policyType == X ? has(self.x) : !has(self.x)`, three times.
void checkUnion(const json::Tree& t, const json::Node& n, const char* discriminator, const char* value,
                const char* memberName, const FieldPath& path, const std::string& message, ErrorList& errs) {
  const json::Node* d = member(t, n, discriminator);
  bool selected = d && d->text == value;
  if (selected != (member(t, n, memberName) != nullptr)) celFailure(errs, path, "object", message);
}

void checkRootOfTrust(const json::Tree& t, const json::Node& n, const FieldPath& path, ErrorList& errs) {
  checkUnion(t, n, "policyType", "PKI", "pki", path, "pki is required when policyType is PKI, and forbidden otherwise", errs);
  checkUnion(t, n, "policyType", "PublicKey", "publicKey", path,
             "publicKey is required when policyType is PublicKey, and forbidden otherwise", errs);
  checkUnion(t, n, "policyType", "FulcioCAWithRekor", "fulcioCAWithRekor", path,
             "fulcioCAWithRekor is required when policyType is FulcioCAWithRekor, and forbidden otherwise", errs);
  if (const json::Node* f = member(t, n, "fulcioCAWithRekor")) {
    FieldPath fp = path.child("fulcioCAWithRekor");
    checkCertPem(t, *f, "fulcioCAData", fp, false, errs);
    if (const json::Node* subject = member(t, *f, "fulcioSubject")) {
      FieldPath sp = fp.child("fulcioSubject");
      if (const json::Node* issuer = member(t, *subject, "oidcIssuer"); issuer && !celIsUrl(issuer->text)) {
        celFailure(errs, sp.child("oidcIssuer"), "string", "oidcIssuer must be a valid URL");
      }
      if (const json::Node* email = member(t, *subject, "signedEmail"); email && !looksLikeEmail(email->text)) {
        celFailure(errs, sp.child("signedEmail"), "string", "invalid email address");
      }
    }
    checkKeyPem(t, *f, "rekorKeyData", fp, errs);
  }
  if (const json::Node* p = member(t, n, "pki")) {
    FieldPath pp = path.child("pki");
    checkCertPem(t, *p, "caIntermediatesData", pp, true, errs);
    checkCertPem(t, *p, "caRootsData", pp, true, errs);
    if (const json::Node* subject = member(t, *p, "pkiCertificateSubject")) {
      FieldPath sp = pp.child("pkiCertificateSubject");
      const json::Node* email = member(t, *subject, "email");
      const json::Node* hostname = member(t, *subject, "hostname");
      if (!email && !hostname) {
        celFailure(errs, sp, "object", "at least one of email or hostname must be set in pkiCertificateSubject");
      }
      if (email && !looksLikeEmail(email->text)) celFailure(errs, sp.child("email"), "string", "invalid email address");
      if (hostname && !pkiHostnameWellFormed(hostname->text)) {
        celFailure(errs, sp.child("hostname"), "string",
                   "hostname must be a valid dns 1123 subdomain name, optionally prefixed by '*.'. It must consist only "
                   "of lowercase alphanumeric characters, hyphens, periods and the optional preceding asterisk.");
      }
    }
  }
  if (const json::Node* k = member(t, n, "publicKey")) {
    FieldPath kp = path.child("publicKey");
    checkKeyPem(t, *k, "keyData", kp, errs);
    checkKeyPem(t, *k, "rekorKeyData", kp, errs);
  }
}

void checkSignedIdentity(const json::Tree& t, const json::Node& n, const FieldPath& path, ErrorList& errs) {
  checkUnion(t, n, "matchPolicy", "ExactRepository", "exactRepository", path,
             "exactRepository is required when matchPolicy is ExactRepository, and forbidden otherwise", errs);
  checkUnion(t, n, "matchPolicy", "RemapIdentity", "remapIdentity", path,
             "remapIdentity is required when matchPolicy is RemapIdentity, and forbidden otherwise", errs);
  if (const json::Node* e = member(t, n, "exactRepository")) {
    checkIdentityString(t, *e, "repository", path.child("exactRepository"), errs);
  }
  if (const json::Node* r = member(t, n, "remapIdentity")) {
    checkIdentityString(t, *r, "prefix", path.child("remapIdentity"), errs);
    checkIdentityString(t, *r, "signedPrefix", path.child("remapIdentity"), errs);
  }
}

void checkScope(std::string_view scope, const FieldPath& path, ErrorList& errs) {
  if (!scopeHasQualifiedHost(scope)) {
    celFailure(errs, path, "string", "invalid image scope format, scope must contain a fully qualified domain name or 'localhost'");
  }
  bool wildcard = scope.find('*') != std::string_view::npos;
  if (wildcard && !scopeWildcardWellFormed(scope)) {
    celFailure(errs, path, "string",
               "invalid image scope with wildcard, a wildcard can only be at the start of the domain and is only "
               "supported for subdomain matching, not path matching");
  }
  if (!wildcard && !scopeReferenceWellFormed(scope)) {
    celFailure(errs, path, "string", "invalid repository namespace or image specification in the image scope");
  }
}

// Each node's own rules before its children's (apiextensions cel `Validator.validate`); children
// in the schema's (alphabetical) order where upstream walks a Go map.
void validateCel(const json::Tree& t, const json::Node& spec, ErrorList& errs) {
  FieldPath specPath("spec");
  if (const json::Node* policy = member(t, spec, "policy")) {
    FieldPath pp = specPath.child("policy");
    if (const json::Node* root = member(t, *policy, "rootOfTrust")) checkRootOfTrust(t, *root, pp.child("rootOfTrust"), errs);
    if (const json::Node* id = member(t, *policy, "signedIdentity")) checkSignedIdentity(t, *id, pp.child("signedIdentity"), errs);
  }
  if (const json::Node* scopes = member(t, spec, "scopes")) {
    for (uint32_t i = 0; i < scopes->count; ++i) checkScope(t.at(t.child(*scopes, i)).text, specPath.child("scopes").index(i), errs);
  }
}

// NameIsDNSSubdomain, the name rule of every custom resource.
std::vector<std::string> dnsSubdomainName(std::string_view name, bool prefix) {
  std::string masked(name);
  if (prefix && !masked.empty() && masked.back() == '-') masked.back() = 'a';  // maskTrailingDash
  return isDns1123Subdomain(masked);
}

// ---- the answer ---------------------------------------------------------------------------------------

PolicyRead refused(Status status) {
  PolicyRead read;
  read.status = std::move(status);
  return read;
}

struct MetaOnly {
  static constexpr const char* kGoType = "v1.PartialObjectMetadata";
  ObjectMeta metadata;
};
ISIMPORT_FIELDS(MetaOnly) { v.field("metadata", o.metadata, kAlways); }

}  // namespace

PolicyRead readImagePolicy(std::string_view text) {
  if (text.size() > kMaxBodyBytes) return refused(requestEntityTooLarge(static_cast<int64_t>(kMaxBodyBytes)));
  json::ParseResult parsed = json::parse(text);
  if (!parsed.ok) return refused(badRequest("couldn't get version/kind; json parse error: " + parsed.error));
  const json::Tree& t = parsed.tree;
  const json::Node& root = t.at(0);
  if (root.kind != json::Kind::Object) {
    return refused(badRequest("couldn't get version/kind; json parse error: " +
                              json::unmarshalTypeErrorText(json::goValueName(root.kind), "map[string]interface {}")));
  }

  // Which endpoint the body goes to: kubectl maps group and kind to a resource of the v1 CRDs.
  const json::Node* kindNode = member(t, root, "kind");
  const json::Node* versionNode = member(t, root, "apiVersion");
  std::string kind = kindNode && kindNode->kind == json::Kind::String ? kindNode->text : "";
  std::string apiVersion = versionNode && versionNode->kind == json::Kind::String ? versionNode->text : "";
  if (kind.empty()) return refused(badRequest("Object 'Kind' is missing in the body"));
  if (apiVersion.empty()) return refused(badRequest("Object 'apiVersion' is missing in the body"));
  if ((kind != kClusterImagePolicyKind && kind != kImagePolicyKind) || apiVersion != kImagePolicyApiVersion) {
    Status s = errorStatus("NotFound", 404, "no matches for kind " + json::quote(kind) + " in version " + json::quote(apiVersion));
    return refused(std::move(s));
  }
  bool clusterScoped = kind == kClusterImagePolicyKind;

  // Strict decoding: unknown fields (pruning, then metadata's), then duplicate keys.
  std::vector<std::string> unknown;
  findUnknown(t, root, kRootObject, "", unknown);
  std::sort(unknown.begin(), unknown.end());
  MetaOnly meta;
  TextDecoder metaDecoder(text);  // the parser accepted the text: the text decoder may walk it
  decodeValue(metaDecoder, meta);
  std::vector<std::string> strict;
  for (const std::string& path : unknown) strict.push_back("unknown field " + json::quote(path));
  for (const std::string& e : metaDecoder.errors().strictErrors()) {
    if (e.starts_with("unknown field \"metadata.")) strict.push_back(e);
  }
  findDuplicates(t, 0, "", strict);
  if (!strict.empty()) {
    std::string joined;
    for (size_t i = 0; i < strict.size() && i < kMaxStrictErrors; ++i) joined += (i ? ", " : "") + strict[i];
    return refused(badRequest(kind + " in version \"v1\" cannot be handled as a " + kind + ": strict decoding error: " + joined));
  }

  // Validation, in the custom resource strategy's order.
  ErrorList errs;
  if (!metaDecoder.errors().error().empty()) {
    const json::Node* m = member(t, root, "metadata");
    errs.push_back(fieldInvalid(FieldPath("metadata"), BadValue::goString(m ? dataTypeName(*m) : "null"),
                                metaDecoder.errors().error()));
  } else {
    if (clusterScoped) meta.metadata.nameSpace.clear();  // BeforeCreate clears it for cluster-scoped kinds
    errs = validateGenericObjectMeta(meta.metadata, !clusterScoped, &dnsSubdomainName, FieldPath("metadata"));
  }
  validateSchema(t, root, kRootObject, FieldPath(), errs);
  const json::Node* spec = member(t, root, "spec");
  const json::Node* scopes = spec && spec->kind == json::Kind::Object ? member(t, *spec, "scopes") : nullptr;
  if (scopes && scopes->kind == json::Kind::Array) validateScopeSet(t, *scopes, FieldPath("spec").child("scopes"), errs);
  if (blocksCel(errs)) {
    errs.push_back(fieldInvalid(FieldPath("<nil>"), BadValue::goString("null"),
                                "some validation rules were not checked because the object was invalid; correct the "
                                "existing errors to complete validation"));
  } else if (spec) {
    validateCel(t, *spec, errs);
  }
  if (!errs.empty()) return refused(invalidStatus(kind, kImagePolicyGroup, meta.metadata.name, errs));

  PolicyRead read;
  ImagePolicyObject& object = read.policy.emplace();
  TextDecoder decoder(text);
  decodeValue(decoder, object);  // the schema held, so only its strict findings remain (ignored)
  object.kind = kind;
  object.apiVersion = std::string(kImagePolicyApiVersion);
  object.metadata = std::move(meta.metadata);
  object.status = {};  // the status subresource: dropped on create
  return read;
}

}  // namespace isimport

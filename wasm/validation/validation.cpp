// Server-side validation of ImageStreamImport, ImageStream and Image (see validation.h).
#include "validation/validation.h"

#include <map>

#include "go/cold_code.h"
#include "go/go_text.h"
#include "go/time_text.h"
#include "json/json_writer.h"
#include "model/reference.h"

ISIMPORT_COLD_CODE_BEGIN

namespace isimport {
namespace {

constexpr int64_t kTotalAnnotationSizeLimit = 256 * 1024;
constexpr size_t kFieldManagerMaxLength = 128;
constexpr size_t kMaxSubresourceNameLength = 256;
constexpr size_t kNameTotalLengthMax = 255;  // Distribution's reference.NameTotalLengthMax

// ---------------------------------------------------------------------------------------------
// Go-JSON renderings of the values some errors print
// ---------------------------------------------------------------------------------------------

void writeStringList(json::Writer& w, const std::vector<std::string>& list) {
  w.beginArray();
  for (const std::string& s : list) w.string(s);
  w.endArray();
}

// metav1.OwnerReference has JSON tags.
void writeOwnerReference(json::Writer& w, const OwnerReference& ref) {
  w.beginObject();
  w.key("apiVersion");
  w.string(ref.apiVersion);
  w.key("kind");
  w.string(ref.kind);
  w.key("name");
  w.string(ref.name);
  w.key("uid");
  w.string(ref.uid);
  if (ref.controller) {
    w.key("controller");
    w.boolean(*ref.controller);
  }
  if (ref.blockOwnerDeletion) {
    w.key("blockOwnerDeletion");
    w.boolean(*ref.blockOwnerDeletion);
  }
  w.endObject();
}

// metav1.Time: null when zero, else the RFC 3339 UTC text.
void writeTime(json::Writer& w, const Time& t) {
  if (t.set) {
    w.string(formatRfc3339(t.unixSeconds));
  } else {
    w.null();
  }
}

// The internal image types carry no JSON tags, so Go prints their field names.
std::string renderLayers(const std::vector<ImageLayer>& layers) {
  json::Writer w;
  w.beginArray();
  for (const ImageLayer& layer : layers) {
    w.beginObject();
    w.key("Name");
    w.string(layer.name);
    w.key("LayerSize");
    w.integer(layer.size);
    w.key("MediaType");
    w.string(layer.mediaType);
    w.endObject();
  }
  w.endArray();
  return w.take();
}

std::string renderConditions(const std::vector<SignatureCondition>& conditions) {
  json::Writer w;
  w.beginArray();
  for (const SignatureCondition& c : conditions) {
    w.beginObject();
    w.key("Type");
    w.string(c.type);
    w.key("Status");
    w.string(c.status);
    w.key("LastProbeTime");
    writeTime(w, c.lastProbeTime);
    w.key("LastTransitionTime");
    writeTime(w, c.lastTransitionTime);
    w.key("Reason");
    w.string(c.reason);
    w.key("Message");
    w.string(c.message);
    w.endObject();
  }
  w.endArray();
  return w.take();
}

std::string renderStringMap(const StringMap& map) {
  json::Writer w;
  w.beginObject();
  for (const auto& [k, v] : map) {
    w.key(k);
    w.string(v);
  }
  w.endObject();
  return w.take();
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

void append(ErrorList& to, ErrorList&& from) {
  for (FieldError& e : from) to.push_back(std::move(e));
}

// One Invalid error at `path` for each complaint of a name rule about `value`.
void appendInvalid(ErrorList& to, const FieldPath& path, std::string_view value, std::vector<std::string> complaints) {
  for (std::string& msg : complaints) to.push_back(fieldInvalid(path, BadValue::goString(value), std::move(msg)));
}
// The same at `path`'s child `field`, whose path is written out only for a complaint.
void appendInvalid(ErrorList& to, const FieldPath& path, std::string_view field, std::string_view value,
                   std::vector<std::string> complaints) {
  if (!complaints.empty()) appendInvalid(to, path.child(field), value, std::move(complaints));
}

// strings.ToLower, closely enough for the qualified-name check that follows it: ASCII letters are
// folded and each byte that is not valid UTF-8 becomes U+FFFD (three bytes), as Go's strings.Map
// does. Non-ASCII letters are kept (they fail the check either way; only a length message on the
// 63/253 boundary could differ where Unicode lower-casing changes a character's byte length).
std::string goToLowerForCheck(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      ++i;
      continue;
    }
    i += appendGoRune(out, s, i);
  }
  return out;
}

std::string hexUpper(uint32_t value, int minDigits) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  while (value > 0 || static_cast<int>(out.size()) < minDigits) {
    out.insert(out.begin(), kDigits[value & 0xF]);
    value >>= 4;
  }
  return out;
}

struct GroupVersionKind {
  std::string group, version, kind;
};

// schema.FromAPIVersionAndKind (ParseGroupVersion; a malformed apiVersion leaves only the kind).
GroupVersionKind groupVersionKindOf(std::string_view apiVersion, std::string_view kind) {
  GroupVersionKind gvk{"", "", std::string(kind)};
  if (apiVersion.empty() || apiVersion == "/") return gvk;
  size_t slashes = 0;
  for (char c : apiVersion) slashes += c == '/';
  if (slashes == 0) {
    gvk.version = apiVersion;
  } else if (slashes == 1) {
    size_t slash = apiVersion.find('/');
    gvk.group = apiVersion.substr(0, slash);
    gvk.version = apiVersion.substr(slash + 1);
  }
  return gvk;
}

// metav1.Time of an unset value is Go's zero time, 0001-01-01T00:00:00Z.
int64_t comparableTime(const Time& t) { return t.set ? t.unixSeconds : kGoZeroTimeUnix; }

// (`meta` is the metadata's path: the map's own is written out only for an error.)
ErrorList validateLabels(const StringMap& labels, const FieldPath& meta) {
  ErrorList errs;
  for (const auto& [key, value] : labels) {
    appendInvalid(errs, meta, "labels", key, isQualifiedName(key));
    appendInvalid(errs, meta, "labels", value, isValidLabelValue(value));
  }
  return errs;
}

// Whether Go's strings.ToLower would change `s`: an ASCII capital or any byte beyond ASCII.
bool lowerMayDiffer(std::string_view s) {
  for (char c : s) {
    if ((c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

ErrorList validateAnnotations(const StringMap& annotations, const FieldPath& meta) {
  ErrorList errs;
  int64_t total = 0;
  for (const auto& [key, value] : annotations) {
    // The rule is a qualified name, compared case-insensitively.
    std::string lowered;
    std::string_view checked = key;
    if (lowerMayDiffer(key)) checked = lowered = goToLowerForCheck(key);
    appendInvalid(errs, meta, "annotations", key, isQualifiedName(checked));
    total += static_cast<int64_t>(key.size()) + static_cast<int64_t>(value.size());
  }
  if (total > kTotalAnnotationSizeLimit) errs.push_back(fieldTooLong(meta.child("annotations"), kTotalAnnotationSizeLimit));
  return errs;
}

ErrorList validateOwnerReferences(const std::vector<OwnerReference>& refs, const FieldPath& path) {
  ErrorList errs;
  std::string firstController;
  for (const OwnerReference& ref : refs) {
    GroupVersionKind gvk = groupVersionKindOf(ref.apiVersion, ref.kind);
    if (gvk.version.empty()) {
      errs.push_back(fieldInvalid(path.child("apiVersion"), BadValue::goString(ref.apiVersion), "version must not be empty"));
    }
    if (gvk.kind.empty()) errs.push_back(fieldInvalid(path.child("kind"), BadValue::goString(ref.kind), "must not be empty"));
    if (ref.name.empty()) errs.push_back(fieldInvalid(path.child("name"), BadValue::goString(ref.name), "must not be empty"));
    // The UID is a named string type (types.UID).
    if (ref.uid.empty()) errs.push_back(fieldInvalid(path.child("uid"), BadValue::namedString(ref.uid), "must not be empty"));
    if (gvk.group.empty() && gvk.version == "v1" && gvk.kind == "Event") {
      json::Writer w;
      writeOwnerReference(w, ref);
      errs.push_back(fieldInvalid(path, BadValue::json(w.take()),
                                  gvk.group + "/" + gvk.version + ", Kind=" + gvk.kind + " is disallowed from being an owner"));
    }
    if (ref.controller && *ref.controller) {
      std::string current = ref.kind + "/" + ref.name;
      if (!firstController.empty()) {
        json::Writer w;
        w.beginArray();
        for (const OwnerReference& r : refs) writeOwnerReference(w, r);
        w.endArray();
        errs.push_back(fieldInvalid(path, BadValue::json(w.take()),
                                    "Only one reference can have Controller set to true. Found \"true\" in references for " +
                                        firstController + " and " + current));
      } else {
        firstController = current;
      }
    }
  }
  return errs;
}

ErrorList validateFinalizers(const std::vector<std::string>& finalizers, const FieldPath& path) {
  ErrorList errs;
  bool orphan = false, foreground = false;
  for (const std::string& finalizer : finalizers) {
    appendInvalid(errs, path, finalizer, isQualifiedName(finalizer));
    orphan = orphan || finalizer == "orphan";
    foreground = foreground || finalizer == "foregroundDeletion";
  }
  if (orphan && foreground) {
    json::Writer w;
    writeStringList(w, finalizers);
    errs.push_back(fieldInvalid(path, BadValue::json(w.take()), "finalizer orphan and foregroundDeletion cannot be both set"));
  }
  return errs;
}

ErrorList validateManagedFields(const std::vector<ManagedFieldsEntry>& entries, const FieldPath& path) {
  ErrorList errs;
  for (size_t i = 0; i < entries.size(); ++i) {
    const ManagedFieldsEntry& e = entries[i];
    FieldPath p = path.index(i);
    if (e.operation != "Apply" && e.operation != "Update") {
      // ManagedFieldsOperationType is a named string type.
      errs.push_back(fieldInvalid(p.child("operation"), BadValue::namedString(e.operation), "must be `Apply` or `Update`"));
    }
    if (!e.fieldsType.empty() && e.fieldsType != "FieldsV1") {
      errs.push_back(fieldInvalid(p.child("fieldsType"), BadValue::goString(e.fieldsType), "must be `FieldsV1`"));
    }
    // ValidateFieldManager
    if (e.manager.size() > kFieldManagerMaxLength) errs.push_back(fieldTooLong(p.child("manager"), kFieldManagerMaxLength));
    for (size_t at = 0; at < e.manager.size();) {
      DecodedRune d = goDecodeRune(e.manager, at);  // invalid bytes read as U+FFFD, which is printable
      if (!goIsPrint(d.rune)) {
        errs.push_back(fieldInvalid(p.child("manager"), BadValue::goString(e.manager),
                                    "invalid character U+" + hexUpper(d.rune, 4) + " (at position " + std::to_string(at) + ")"));
      }
      at += d.width;
    }
    if (e.subresource.size() > kMaxSubresourceNameLength) {
      errs.push_back(fieldTooLong(p.child("subresource"), kMaxSubresourceNameLength));
    }
  }
  return errs;
}

bool isStandardFinalizer(std::string_view name) {
  return name == "kubernetes" || name == "orphan" || name == "foregroundDeletion";
}

// A nil-pointer dereference in upstream Go code: the request ends in a panic (HTTP 500).
FieldError goPanic(const FieldPath& path) {
  return fieldInternal(path, "runtime error: invalid memory address or nil pointer dereference");
}

ErrorList validateSignature(const ImageSignature& sig, const FieldPath& path, bool& panicked) {
  ErrorList errs = validateObjectMeta(sig.metadata, false, validatePathSegmentName, path.child("metadata"));
  if (!sig.metadata.labels.empty()) {
    errs.push_back(fieldForbidden(path.child("metadata", "labels"), "signature labels cannot be set"));
  }
  if (!sig.metadata.annotations.empty()) {
    errs.push_back(fieldForbidden(path.child("metadata", "annotations"), "signature annotations cannot be set"));
  }

  // "<imageName>@<signatureName>": exactly one '@', text on both sides.
  std::string_view name = sig.metadata.name;
  size_t at = name.find('@');
  bool wellFormed = at != std::string::npos && name.find('@', at + 1) == std::string::npos && at > 0 && at + 1 < name.size();
  if (!wellFormed) {
    errs.push_back(fieldInvalid(path.child("metadata", "name"), BadValue::goString(name),
                                "name must be of format <imageName>@<signatureName>"));
  }
  if (sig.type.empty()) errs.push_back(fieldRequired(path.child("type"), ""));
  if (!sig.content || sig.content->data.empty()) errs.push_back(fieldRequired(path.child("content"), ""));

  // Upstream picks the newest Trusted condition and — through an operator-precedence slip — any
  // later condition that is not older than the current ForImage pick, which dereferences a nil
  // pointer while no ForImage condition has been picked yet.
  const SignatureCondition* trusted = nullptr;
  const SignatureCondition* forImage = nullptr;
  for (size_t j = 0; j < sig.conditions.size(); ++j) {
    const SignatureCondition& c = sig.conditions[j];
    if (c.type == "Trusted" && (!trusted || !(comparableTime(c.lastProbeTime) < comparableTime(trusted->lastProbeTime)))) {
      trusted = &c;
    } else if (c.type == "ForImage" && !forImage) {
      forImage = &c;
    } else if (!forImage) {
      panicked = true;
      return {goPanic(path.child("conditions").index(j))};
    } else if (!(comparableTime(c.lastProbeTime) < comparableTime(forImage->lastProbeTime))) {
      forImage = &c;
    }
  }

  if (trusted && !forImage) {
    errs.push_back(fieldInvalid(path.child("conditions"), BadValue::json(renderConditions(sig.conditions)),
                                "missing \"ForImage\" condition type"));
  } else if (forImage && !trusted) {
    errs.push_back(fieldInvalid(path.child("conditions"), BadValue::json(renderConditions(sig.conditions)),
                                "missing \"Trusted\" condition type"));
  }

  if (!trusted || trusted->status == "Unknown") {
    const char* unset = "must be unset for unknown signature state";
    if (!sig.imageIdentity.empty()) {
      errs.push_back(fieldInvalid(path.child("imageIdentity"), BadValue::goString(sig.imageIdentity), unset));
    }
    if (!sig.signedClaims.empty()) {
      errs.push_back(fieldInvalid(path.child("signedClaims"), BadValue::json(renderStringMap(sig.signedClaims)), unset));
    }
    if (sig.issuedBy) {
      json::Writer w;
      w.beginObject();
      w.key("Organization");
      w.string(sig.issuedBy->organization);
      w.key("CommonName");
      w.string(sig.issuedBy->commonName);
      w.endObject();
      errs.push_back(fieldInvalid(path.child("issuedBy"), BadValue::json(w.take()), unset));
    }
    if (sig.issuedTo) {
      json::Writer w;
      w.beginObject();
      w.key("Organization");
      w.string(sig.issuedTo->organization);
      w.key("CommonName");
      w.string(sig.issuedTo->commonName);
      w.key("PublicKeyID");
      w.string(sig.issuedTo->publicKeyID);
      w.endObject();
      errs.push_back(fieldInvalid(path.child("issuedTo"), BadValue::json(w.take()), unset));
    }
  }
  return errs;
}

ErrorList validateImageManifests(const std::vector<ImageManifest>& manifests, const FieldPath& path) {
  ErrorList errs;
  for (size_t i = 0; i < manifests.size(); ++i) {
    const ImageManifest& m = manifests[i];
    FieldPath p = path.index(i);
    if (!containsImageDigest(m.digest)) {
      errs.push_back(fieldInvalid(p.child("digest"), BadValue::goString(m.digest),
                                  "digest does not conform with OCI image specification"));
    }
    if (!matchesMediaType(m.mediaType)) {
      errs.push_back(fieldInvalid(p.child("mediaType"), BadValue::goString(m.mediaType), "media type does not conform to RFC6838"));
    }
    if (m.architecture.empty()) errs.push_back(fieldRequired(p.child("architecture"), ""));
    if (m.os.empty()) errs.push_back(fieldRequired(p.child("os"), ""));
    if (m.manifestSize < 0) {
      errs.push_back(fieldInvalid(p.child("size"), BadValue::integer(m.manifestSize), "manifest size cannot be negative"));
    }
  }
  return errs;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// ObjectMeta
// ---------------------------------------------------------------------------------------------

ErrorList validateGenericObjectMeta(const ObjectMeta& meta, bool requiresNamespace, NameValidator nameFn,
                                    const FieldPath& path) {
  ErrorList errs;
  if (!meta.generateName.empty()) {
    appendInvalid(errs, path, "generateName", meta.generateName, nameFn(meta.generateName, true));
  }
  if (meta.name.empty()) {
    errs.push_back(fieldRequired(path.child("name"), "name or generateName is required"));
  } else {
    appendInvalid(errs, path, "name", meta.name, nameFn(meta.name, false));
  }
  if (requiresNamespace) {
    if (meta.nameSpace.empty()) {
      errs.push_back(fieldRequired(path.child("namespace"), ""));
    } else {
      appendInvalid(errs, path, "namespace", meta.nameSpace, validateDnsLabelName(meta.nameSpace, false));
    }
  } else if (!meta.nameSpace.empty()) {
    errs.push_back(fieldForbidden(path.child("namespace"), "not allowed on this type"));
  }
  if (meta.generation < 0) {
    errs.push_back(fieldInvalid(path.child("generation"), BadValue::integer(meta.generation), "must be greater than or equal to 0"));
  }
  // (Each list's path is written out only when it has something to check.)
  if (!meta.labels.empty()) append(errs, validateLabels(meta.labels, path));
  if (!meta.annotations.empty()) append(errs, validateAnnotations(meta.annotations, path));
  if (!meta.ownerReferences.empty()) append(errs, validateOwnerReferences(meta.ownerReferences, path.child("ownerReferences")));
  if (!meta.finalizers.empty()) append(errs, validateFinalizers(meta.finalizers, path.child("finalizers")));
  if (!meta.managedFields.empty()) append(errs, validateManagedFields(meta.managedFields, path.child("managedFields")));
  return errs;
}

ErrorList validateObjectMeta(const ObjectMeta& meta, bool requiresNamespace, NameValidator nameFn, const FieldPath& path) {
  ErrorList errs = validateGenericObjectMeta(meta, requiresNamespace, nameFn, path);
  // Kubernetes core adds: a finalizer without '/' must be one of the standard names.
  for (size_t i = 0; i < meta.finalizers.size(); ++i) {
    const std::string& finalizer = meta.finalizers[i];
    if (finalizer.find('/') == std::string::npos && !isStandardFinalizer(finalizer)) {
      errs.push_back(fieldInvalid(path.child("finalizers").index(i), BadValue::goString(finalizer),
                                  "name is neither a standard finalizer name nor is it fully qualified"));
    }
  }
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Image stream pieces
// ---------------------------------------------------------------------------------------------

ErrorList validateImportPolicy(const TagImportPolicy& policy, const std::function<FieldPath()>& owner) {
  std::string_view mode = policy.importMode;
  if (mode.empty() || sameText(mode, "Legacy") || sameText(mode, "PreserveOriginal")) return {};
  // ImportModeType is a named string type: its value prints as JSON.
  return {fieldInvalid(owner().child("importPolicy", "importMode"), BadValue::namedString(mode),
                       "invalid import mode, valid modes are '', 'Legacy', 'PreserveOriginal'")};
}

ErrorList validateTagReference(const TagReference& tag, const FieldPath& path) {
  ErrorList errs;
  if (tag.from) {
    const ObjectReference& from = *tag.from;
    if (from.name.empty()) errs.push_back(fieldRequired(path.child("from", "name"), ""));
    if (from.kind == "DockerImage") {
      ReferenceCheck parsed = checkDockerImageReference(from.name);
      if (!parsed.ok() && !from.name.empty()) {
        errs.push_back(fieldInvalid(path.child("from", "name"), BadValue::goString(from.name), std::string(parsed.error)));
      }
    } else if (from.kind == "ImageStreamImage" || from.kind == "ImageStreamTag") {
      if (tag.importPolicy.scheduled) {
        errs.push_back(fieldInvalid(path.child("importPolicy", "scheduled"), BadValue::boolean(true),
                                    "only tags pointing to Docker repositories may be scheduled for background import"));
      }
    } else {
      errs.push_back(fieldRequired(path.child("from", "kind"), "valid values are 'DockerImage', 'ImageStreamImage', 'ImageStreamTag'"));
    }
  }
  std::string_view policyType = tag.referencePolicy.type;
  if (policyType != "Source" && policyType != "Local") {
    // TagReferencePolicyType is a named string type.
    errs.push_back(fieldInvalid(path.child("referencePolicy", "type"), BadValue::namedString(policyType),
                                "valid values are \"Source\", \"Local\""));
  }
  append(errs, validateImportPolicy(tag.importPolicy, [&] { return path; }));
  return errs;
}

ErrorList validateImageSignature(const ImageSignature& signature, const FieldPath& path) {
  bool panicked = false;
  return validateSignature(signature, path, panicked);
}

// ---------------------------------------------------------------------------------------------
// The three kinds
// ---------------------------------------------------------------------------------------------

ErrorList validateImageStreamImport(const ImageStreamImport& isi, const CheckedFromNames* checked) {
  ErrorList errs;
  // Paths are written out only for an error: a valid document builds none.
  auto imagesPath = [] { return FieldPath("spec").child("images"); };
  auto repositoryPath = [] { return FieldPath("spec").child("repository"); };

  for (size_t i = 0; i < isi.spec.images.size(); ++i) {
    const ImageImportSpec& image = isi.spec.images[i];
    auto at = [&] { return imagesPath().index(i); };
    if (sameText(image.from.kind, "DockerImage")) {
      if (image.to && image.to->name.empty()) {
        errs.push_back(fieldInvalid(at().child("to", "name"), BadValue::goString(image.to->name),
                                    "the name of the target tag must be specified"));
      }
      if (image.from.name.empty()) {
        errs.push_back(fieldRequired(at().child("from", "name"), ""));
      } else {
        // The legacy wildcard is accepted as is, and skips the import-mode check as well.
        if (image.from.name == "*") continue;
        // Defaulting parsed the names without a `to` already.
        bool known = checked && i < checked->size() && (*checked)[i];
        ReferenceError code = known ? *(*checked)[i] : checkDockerImageReference(image.from.name).code;
        if (code != ReferenceError::None) {
          errs.push_back(fieldInvalid(at().child("from", "name"), BadValue::goString(image.from.name),
                                      std::string(referenceErrorText(code))));
        }
      }
    } else {
      errs.push_back(fieldInvalid(at().child("from", "kind"), BadValue::goString(image.from.kind), "only DockerImage is supported"));
    }
    append(errs, validateImportPolicy(image.importPolicy, at));
  }

  if (isi.spec.repository) {
    const RepositoryImportSpec& repository = *isi.spec.repository;
    if (sameText(repository.from.kind, "DockerImage")) {
      if (repository.from.name.empty()) {
        errs.push_back(fieldRequired(repositoryPath().child("from", "name"), "container image references require a name"));
      } else {
        ReferenceCheck parsed = checkDockerImageReference(repository.from.name);
        if (!parsed.ok()) {
          errs.push_back(fieldInvalid(repositoryPath().child("from", "name"), BadValue::goString(repository.from.name),
                                      std::string(parsed.error)));
        } else if (!parsed.parts->id.empty() || !parsed.parts->tag.empty()) {
          errs.push_back(fieldInvalid(repositoryPath().child("from", "name"), BadValue::goString(repository.from.name),
                                      "you must specify an image repository, not a tag or ID"));
        }
      }
    } else {
      errs.push_back(fieldInvalid(repositoryPath().child("from", "kind"), BadValue::goString(repository.from.kind),
                                  "only DockerImage is supported"));
    }
    append(errs, validateImportPolicy(repository.importPolicy, repositoryPath));
  }

  if (isi.spec.images.empty() && !isi.spec.repository) {
    errs.push_back(fieldInvalid(imagesPath(), BadValue::null(), "you must specify at least one image or a repository import"));
  }

  append(errs, validateObjectMeta(isi.metadata, true, validateImageStreamName, FieldPath("metadata")));
  return errs;
}

ErrorList validateImageStream(const ImageStream& stream) {
  ErrorList errs = validateObjectMeta(stream.metadata, true, validateImageStreamName, FieldPath("metadata"));

  // The stream must make a valid repository name `namespace/name`.
  if (stream.metadata.nameSpace.size() + 1 + stream.metadata.name.size() > kNameTotalLengthMax) {
    errs.push_back(fieldInvalid(FieldPath("metadata").child("name"), BadValue::goString(stream.metadata.name),
                                "'namespace/name' cannot be longer than " + std::to_string(kNameTotalLengthMax) + " characters"));
  }

  std::string_view repository = stream.spec.dockerImageRepository;
  if (!repository.empty()) {
    const FieldPath p = FieldPath("spec").child("dockerImageRepository");
    ReferenceCheck parsed = checkDockerImageReference(repository);
    if (!parsed.ok()) {
      errs.push_back(fieldInvalid(p, BadValue::goString(repository), std::string(parsed.error)));
    } else {
      if (!parsed.parts->tag.empty()) {
        errs.push_back(fieldInvalid(p, BadValue::goString(repository), "the repository name may not contain a tag"));
      }
      if (!parsed.parts->id.empty()) {
        errs.push_back(fieldInvalid(p, BadValue::goString(repository), "the repository name may not contain an ID"));
      }
    }
  }

  // Upstream holds tags in maps keyed by name (a later duplicate replaces an earlier one).
  std::map<std::string, const TagReference*> specTags;
  for (const TagReference& tag : stream.spec.tags) specTags[tag.name.str()] = &tag;
  for (const auto& [name, tag] : specTags) {
    append(errs, validateTagReference(*tag, FieldPath("spec").child("tags").key(name)));
  }

  std::map<std::string, const NamedTagEventList*> statusTags;
  for (const NamedTagEventList& list : stream.status.tags) statusTags[list.tag.str()] = &list;
  for (const auto& [tag, list] : statusTags) {
    if (!list->items) continue;
    for (size_t i = 0; i < list->items->size(); ++i) {
      std::string_view ref = (*list->items)[i].dockerImageReference;
      const FieldPath p = FieldPath("status").child("tags").key(tag).child("items").index(i).child("dockerImageReference");
      if (ref.empty()) {
        errs.push_back(fieldRequired(p, ""));
        continue;
      }
      ReferenceCheck parsed = checkDockerImageReference(ref);
      if (!parsed.ok()) errs.push_back(fieldInvalid(p, BadValue::goString(ref), std::string(parsed.error)));
    }
  }
  return errs;
}

ErrorList validateImage(const Image& image) {
  ErrorList errs = validateObjectMeta(image.metadata, false, validatePathSegmentName, FieldPath("metadata"));

  if (image.dockerImageReference.empty()) {
    errs.push_back(fieldRequired(FieldPath("dockerImageReference"), ""));
  } else {
    ReferenceCheck parsed = checkDockerImageReference(image.dockerImageReference);
    if (!parsed.ok()) {
      errs.push_back(fieldInvalid(FieldPath("dockerImageReference"), BadValue::goString(image.dockerImageReference),
                                  std::string(parsed.error)));
    }
  }

  for (size_t i = 0; i < image.signatures.size(); ++i) {
    bool panicked = false;
    ErrorList signatureErrors = validateSignature(image.signatures[i], FieldPath("signatures").index(i), panicked);
    if (panicked) return signatureErrors;  // the whole request fails; nothing else is reported
    append(errs, std::move(signatureErrors));
  }

  if (!image.dockerImageManifests.empty()) {
    append(errs, validateImageManifests(image.dockerImageManifests, FieldPath("dockerImageManifests")));
    if (!image.dockerImageLayers.empty()) {
      errs.push_back(fieldInvalid(FieldPath("dockerImageLayers"), BadValue::json(renderLayers(image.dockerImageLayers)),
                                  "dockerImageLayers should not be set when dockerImageManifests is set"));
    }
  }
  return errs;
}

}  // namespace isimport

ISIMPORT_COLD_CODE_END

#include "import/stream_update.h"

#include <map>
#include <utility>

#include "go/go_text.h"
#include "go/time_text.h"
#include "json/codec.h"
#include "model/reference.h"
#include "model/status_builders.h"
#include "validation/field_error.h"
#include "validation/validation.h"

namespace isimport {
namespace {

constexpr std::string_view kGroup = "image.openshift.io";

// ---------------------------------------------------------------------------------------------
// The server's in-memory form of an ImageStream: tags held in maps keyed by name / tag. The v1
// lists convert to it (a later duplicate replaces an earlier one) and back (sorted by key).
// ---------------------------------------------------------------------------------------------

struct TagEventList {
  std::vector<TagEvent> items;
  std::vector<TagEventCondition> conditions;
};

struct Stream {
  ObjectMeta metadata;
  ImageLookupPolicy lookupPolicy;
  std::string specRepository;
  std::map<std::string, TagReference> specTags;
  std::string statusRepository, publicRepository;
  std::map<std::string, TagEventList> statusTags;
};

Stream fromV1(const ImageStream& in) {
  Stream s;
  s.metadata = in.metadata;
  s.lookupPolicy = in.spec.lookupPolicy;
  s.specRepository = in.spec.dockerImageRepository;
  for (const TagReference& tag : in.spec.tags) s.specTags[tag.name] = tag;
  s.statusRepository = in.status.dockerImageRepository;
  s.publicRepository = in.status.publicDockerImageRepository;
  for (const NamedTagEventList& list : in.status.tags) {
    TagEventList& out = s.statusTags[list.tag];
    out.items = list.items ? *list.items : std::vector<TagEvent>{};
    out.conditions = list.conditions;
  }
  return s;
}

// The v1 conversion drops a tag or ID from a stored repository (possible in 1.0.0–1.0.7).
std::string repositoryWithoutTagOrId(const std::string& repository) {
  if (repository.empty()) return repository;
  ReferenceParse parsed = parseDockerImageReference(repository);
  if (!parsed.ok() || (parsed.ref->tag.empty() && parsed.ref->id.empty())) return repository;
  DockerImageReference ref = *parsed.ref;
  ref.tag.clear();
  ref.id.clear();
  return ref.exact();
}

ImageStream toV1(const Stream& s) {
  ImageStream out;
  out.metadata = s.metadata;
  out.spec.lookupPolicy = s.lookupPolicy;
  out.spec.dockerImageRepository = repositoryWithoutTagOrId(s.specRepository);
  for (const auto& [name, tag] : s.specTags) {
    out.spec.tags.push_back(tag);
    out.spec.tags.back().name = name;
  }
  out.status.dockerImageRepository = repositoryWithoutTagOrId(s.statusRepository);
  out.status.publicDockerImageRepository = s.publicRepository;
  for (const auto& [tag, list] : s.statusTags) {
    NamedTagEventList named;
    named.tag = tag;
    if (!list.items.empty()) named.items = list.items;  // an empty list prints as null
    named.conditions = list.conditions;
    out.status.tags.push_back(std::move(named));
  }
  return out;
}

// apimachinery's Semantic.DeepEqual treats a nil map or slice like an empty one; the v1 text of
// both sides, after making empty annotation maps absent, compares the same way.
std::string semanticText(ImageStream stream) {
  for (TagReference& tag : stream.spec.tags) {
    if (tag.annotations && tag.annotations->empty()) tag.annotations.reset();
  }
  return encodeObject(Object{std::move(stream)});
}

bool semanticEqual(const Stream& a, const Stream& b) { return semanticText(toV1(a)) == semanticText(toV1(b)); }

bool specEqual(const Stream& a, const Stream& b) {
  ImageStream va, vb;
  va.spec = toV1(a).spec;
  vb.spec = toV1(b).spec;
  // The conversion's repository clean-up must not count as a difference of the in-memory spec.
  va.spec.dockerImageRepository = a.specRepository;
  vb.spec.dockerImageRepository = b.specRepository;
  return semanticText(std::move(va)) == semanticText(std::move(vb));
}

bool sameEvent(const TagEvent& a, const TagEvent& b) {
  return a.created == b.created && a.dockerImageReference == b.dockerImageReference && a.image == b.image &&
         a.generation == b.generation;
}

Time timeAt(int64_t unixSeconds) { return Time{true, unixSeconds}; }

std::string repositoryFor(const std::string& host, const std::string& nameSpace, const std::string& name) {
  DockerImageReference ref;
  ref.registry = host;
  ref.nameSpace = nameSpace;
  ref.name = name;
  return ref.string();
}

// ---------------------------------------------------------------------------------------------
// internal/imageutil helpers
// ---------------------------------------------------------------------------------------------

// AddTagEventToImageStream: collapse onto items[0] where ref and/or image match, else prepend.
bool addTagEvent(Stream& stream, const std::string& tag, const TagEvent& next) {
  auto found = stream.statusTags.find(tag);
  if (found == stream.statusTags.end() || found->second.items.empty()) {
    stream.statusTags[tag] = TagEventList{{next}, {}};  // any conditions go with it
    return true;
  }
  TagEventList& list = found->second;
  TagEvent& previous = list.items[0];
  bool sameRef = previous.dockerImageReference == next.dockerImageReference;
  bool sameImage = previous.image == next.image;
  bool sameGeneration = previous.generation == next.generation;
  if (sameRef && sameImage && sameGeneration) return false;
  if (sameRef && sameImage) {
    // collapse: only the generation moves
  } else if (sameRef) {
    previous.image = next.image;
  } else if (sameImage) {
    previous.dockerImageReference = next.dockerImageReference;
  } else {
    list.conditions.clear();
    list.items.insert(list.items.begin(), next);
    return true;
  }
  previous.generation = next.generation;
  list.conditions.clear();
  return true;
}

// library-go imageutil.DigestOrImageMatch.
bool digestOrImageMatch(const std::string& image, const std::string& id) {
  if (isValidDigest(image)) {
    std::string hex = image.substr(image.find(':') + 1);
    if (hex.starts_with(id)) return true;
  }
  return image.starts_with(id);
}

// ResolveImageID: the one image of the stream whose name matches the (prefix) id.
std::optional<TagEvent> resolveImageId(const Stream& stream, const std::string& id, int64_t now, std::string& error) {
  const TagEvent* event = nullptr;
  std::set<std::string> images;
  for (const auto& [tag, list] : stream.statusTags) {
    for (const TagEvent& item : list.items) {
      if (digestOrImageMatch(item.image, id)) {
        event = &item;
        images.insert(item.image);
      }
    }
  }
  if (images.size() == 1) return TagEvent{timeAt(now), event->dockerImageReference, event->image, 0};
  std::string resource = std::string("imagestreamimage.") + std::string(kGroup);
  if (images.empty()) {
    error = resource + " " + goQuote(id) + " not found";
  } else {
    std::string list;
    for (const std::string& image : images) list += (list.empty() ? "" : ", ") + image;
    error = "Operation cannot be fulfilled on " + resource + " " + goQuote(id) + ": multiple images match the prefix " +
            goQuote(id) + ": " + list;
  }
  return std::nullopt;
}

// UpdateTrackingTags: spec tags that follow `updatedTag` of this stream (from ImageStreamTag
// `<tag>` or `<this stream>:<tag>`) get the same event.
void updateTrackingTags(Stream& stream, const std::string& updatedTag, const TagEvent& updatedImage) {
  std::vector<std::string> names;
  for (const auto& [name, ref] : stream.specTags) names.push_back(name);
  for (const std::string& specTag : names) {
    const TagReference& tagRef = stream.specTags[specTag];
    if (!tagRef.from || tagRef.from->kind != "ImageStreamTag") continue;
    const std::string& fromNamespace = tagRef.from->nameSpace.empty() ? stream.metadata.nameSpace : tagRef.from->nameSpace;
    if (fromNamespace != stream.metadata.nameSpace) continue;
    std::string streamName, tag;
    const std::string& fromName = tagRef.from->name;
    if (size_t colon = fromName.find(':'); colon != std::string::npos) {
      streamName = fromName.substr(0, colon);
      tag = fromName.substr(colon + 1);
      if (tag.empty()) tag = std::string(kDefaultImageTag);
    } else {
      streamName = stream.metadata.name;
      tag = fromName;
    }
    if (streamName != stream.metadata.name || tag != updatedTag) continue;
    addTagEvent(stream, specTag, updatedImage);
  }
}

// ---------------------------------------------------------------------------------------------
// The image stream storage strategy (internal store: spec and status written together)
// ---------------------------------------------------------------------------------------------

bool tagRefGenerationChanged(const TagReference& old, const TagReference& next) {
  if (!old.generation || !next.generation) return false;
  if (*old.generation == *next.generation) return false;
  return *next.generation == 0;
}

bool tagRefChanged(const TagReference& old, const TagReference& next, const std::string& streamNamespace) {
  if (!next.from) return false;
  if (next.from->kind.empty() && next.from->name.empty()) return false;
  ObjectReference oldFrom = old.from ? *old.from : ObjectReference{};
  const std::string& oldNamespace = oldFrom.nameSpace.empty() ? streamNamespace : oldFrom.nameSpace.str();
  const std::string& nextNamespace = next.from->nameSpace.empty() ? streamNamespace : next.from->nameSpace.str();
  if (oldNamespace != nextNamespace) return true;
  if (oldFrom.name != next.from->name) return true;
  if (old.reference != next.reference) return true;
  if (old.importPolicy.importMode != next.importPolicy.importMode) return true;
  return tagRefGenerationChanged(old, next);
}

// Strategy.tagsChanged (run by Validate): spec tags that are new or changed and resolve to an image
// now (DockerImage references, ImageStreamTag / ImageStreamImage of this stream) get their event,
// then tracking tags follow changed status tags. Returns the errors upstream wraps into one
// internal error of the 422.
ErrorList tagsChanged(const Stream* old, Stream& stream, const std::string& internalRegistryHost, int64_t now) {
  ErrorList errs;
  std::vector<std::string> names;
  for (const auto& [name, ref] : stream.specTags) names.push_back(name);
  for (const std::string& tag : names) {
    TagReference tagRef = stream.specTags[tag];
    if (old) {
      auto oldRef = old->specTags.find(tag);
      if (oldRef != old->specTags.end() && !tagRefChanged(oldRef->second, tagRef, stream.metadata.nameSpace)) continue;
    }
    if (!tagRef.from) continue;
    tagRef.generation = stream.metadata.generation;
    const FieldPath fromPath = FieldPath("spec").child("tags").key(tag).child("from");
    const ObjectReference& from = *tagRef.from;

    if (from.kind == "DockerImage" && !from.name.empty()) {
      if (tagRef.reference) {
        TagEvent event{timeAt(now), from.name, "", *tagRef.generation};
        stream.specTags[tag] = tagRef;
        addTagEvent(stream, tag, event);
      }
      continue;
    }

    // parseFromReference
    std::string separator;
    if (from.kind == "ImageStreamTag") separator = ":";
    else if (from.kind == "ImageStreamImage") separator = "@";
    std::vector<std::string> parts;
    if (!separator.empty()) {
      size_t start = 0;
      for (;;) {
        size_t at = from.name.find(separator, start);
        parts.emplace_back(from.name.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos) break;
        start = at + 1;
      }
    }
    if (parts.empty() || parts.size() > 2) {
      errs.push_back(fieldInvalid(fromPath.child("name"), BadValue::goString(from.name),
                                  "must be of the form <tag>, <repo>:<tag>, <id>, or <repo>@<id>"));
      continue;
    }
    std::string refStreamName = parts.size() == 1 ? stream.metadata.name.str() : parts[0];
    std::string tagOrId = parts.size() == 1 ? from.name.str() : parts[1];
    const std::string& refNamespace = from.nameSpace.empty() ? stream.metadata.nameSpace : from.nameSpace;
    if (refNamespace != stream.metadata.nameSpace || refStreamName != stream.metadata.name) {
      // Upstream reads that other stream; isimport has only this one, so the tag is left alone.
      continue;
    }

    TagEvent event;
    if (from.kind == "ImageStreamImage") {
      std::string error;
      std::optional<TagEvent> resolved = resolveImageId(stream, tagOrId, now, error);
      if (!resolved) {
        errs.push_back(fieldInvalid(fromPath.child("name"), BadValue::goString(from.name), "error generating tag event: " + error));
        continue;
      }
      event = *resolved;
      event.generation = *tagRef.generation;
    } else {
      // LatestTaggedImage hands out the referenced tag's own items[0]; upstream then sets the
      // generation on that very event, so the referenced tag's items[0] changes too (QUIRK).
      std::string latest = tagOrId.empty() ? std::string(kDefaultImageTag) : tagOrId;
      auto history = stream.statusTags.find(latest);
      if (history == stream.statusTags.end() || history->second.items.empty()) continue;
      history->second.items[0].generation = *tagRef.generation;
      event = history->second.items[0];
    }

    if (!tagRef.reference && !internalRegistryHost.empty()) {
      ReferenceParse parsed = parseDockerImageReference(event.dockerImageReference);
      if (parsed.ok() && parsed.ref->registry == internalRegistryHost && parsed.ref->nameSpace == stream.metadata.nameSpace &&
          parsed.ref->name == stream.metadata.name) {
        event.dockerImageReference = parsed.ref->exact();
      }
    }
    stream.specTags[tag] = tagRef;
    addTagEvent(stream, tag, event);
  }

  // updateChangedTrackingTags
  std::vector<std::string> statusNames;
  for (const auto& [tag, list] : stream.statusTags) statusNames.push_back(tag);
  for (const std::string& tag : statusNames) {
    const TagEventList& list = stream.statusTags[tag];
    if (list.items.empty()) continue;
    if (old) {
      auto before = old->statusTags.find(tag);
      bool hadItems = before != old->statusTags.end() && !before->second.items.empty();
      if (hadItems && sameEvent(list.items[0], before->second.items[0])) continue;  // unchanged
    }
    TagEvent latest = list.items[0];
    updateTrackingTags(stream, tag, latest);
  }
  return errs;
}

// Validate / ValidateUpdate of the stream strategy: tagsChanged's errors as one internal error
// (upstream wraps them as `imagestreams "<name>" is invalid: …`), then ValidateImageStream.
ErrorList validateStreamWrite(const Stream* old, Stream& stream, const std::string& internalRegistryHost, int64_t now) {
  ErrorList errs;
  ErrorList tagErrors = tagsChanged(old, stream, internalRegistryHost, now);
  if (!tagErrors.empty()) {
    Status inner = invalidStatus("imagestreams", "", stream.metadata.name, tagErrors);
    errs.push_back(fieldInternal(FieldPath(""), inner.message));
  }
  ErrorList validation = validateImageStream(toV1(stream));
  errs.insert(errs.end(), validation.begin(), validation.end());
  return errs;
}

// ---------------------------------------------------------------------------------------------
// The ImageStreamImport REST logic
// ---------------------------------------------------------------------------------------------

class ImageCreator {
 public:
  ImageCreator(const StreamUpdateInput& input, std::vector<ImageWrite>& writes) : input_(input), writes_(writes) {}

  // The image as the answer shows it after creation; `image` itself is stripped as upstream's
  // PrepareImageForCreate does to the object it is handed.
  std::optional<Image> create(Image& image, std::optional<Status>& failure) {
    image.signatures.clear();
    image.dockerImageManifest.clear();
    image.dockerImageConfig.clear();
    if (auto cached = cache_.find(image.metadata.name); cached != cache_.end()) return cached->second;

    Image result = image;
    bool exists = input_.existingImages.count(image.metadata.name) > 0;
    writes_.push_back(ImageWrite{image.metadata.name, exists});
    if (!exists) {
      ErrorList errs = validateImage(image);
      if (!errs.empty()) {
        failure = invalidStatus("Image", kGroup, image.metadata.name, errs);
        return std::nullopt;
      }
      result.metadata.creationTimestamp = timeAt(input_.nowUnix);
    }
    cache_[image.metadata.name] = result;
    return result;
  }

 private:
  const StreamUpdateInput& input_;
  std::vector<ImageWrite>& writes_;
  std::map<std::string, Image> cache_;
};

struct ImportContext {
  Stream& stream;
  int64_t generation;  // the stream's generation + 1
  int64_t now;
  ImageCreator& images;
};

bool hasTagCondition(const Stream& stream, const std::string& tag, const TagEventCondition& condition) {
  auto found = stream.statusTags.find(tag);
  if (found == stream.statusTags.end()) return false;
  for (const TagEventCondition& existing : found->second.conditions) {
    if (existing.type == condition.type && existing.status == condition.status && existing.reason == condition.reason &&
        existing.message == condition.message) {
      return true;
    }
  }
  return false;
}

void setTagConditions(Stream& stream, const std::string& tag, std::vector<TagEventCondition> conditions) {
  stream.statusTags[tag].conditions = std::move(conditions);
}

void setFailureCondition(ImportContext& ctx, const ImageImportStatus& status, std::string tag) {
  TagEventCondition condition;
  condition.type = "ImportSuccess";
  condition.status = "False";
  condition.lastTransitionTime = timeAt(ctx.now);
  condition.reason = status.status.reason;
  condition.message = status.status.message.empty() ? "unknown error prevented import" : status.status.message;
  condition.generation = ctx.generation;

  if (tag.empty()) {
    if (!status.tag.empty()) {
      tag = status.tag;
    } else if (status.image) {
      ReferenceParse parsed = parseDockerImageReference(status.image->dockerImageReference);
      if (parsed.ok()) tag = parsed.ref->tag;
    }
  }
  if (hasTagCondition(ctx.stream, tag, condition)) return;
  setTagConditions(ctx.stream, tag, {condition});
  if (auto spec = ctx.stream.specTags.find(tag); spec != ctx.stream.specTags.end()) spec->second.generation = 0;
}

void ensureSpecTag(Stream& stream, const std::string& tag, const std::string& from, const TagImportPolicy& importPolicy,
                   const TagReferencePolicy& referencePolicy, bool reset) {
  auto found = stream.specTags.find(tag);
  if (found != stream.specTags.end() && !reset) return;
  TagReference& specTag = stream.specTags[tag];
  specTag.from = ObjectReference{};
  specTag.from->kind = "DockerImage";
  specTag.from->name = from;
  specTag.generation = 0;
  specTag.importPolicy = importPolicy;
  // Importing never changes a reference policy the tag already has.
  if (specTag.referencePolicy.type.empty()) specTag.referencePolicy = referencePolicy;
}

// mostAccuratePullSpec with the image's name as ID: `<repository>@<digest>` (or the spec as given
// when it does not parse).
std::string mostAccuratePullSpec(const std::string& pullSpec, const std::string& id) {
  ReferenceParse parsed = parseDockerImageReference(pullSpec);
  if (!parsed.ok()) return pullSpec;
  DockerImageReference ref = *parsed.ref;
  if (!id.empty()) ref.id = id;
  return ref.mostSpecific().exact();
}

bool hasTagChanged(const Stream& stream, const std::string& tag, const TagEvent& event) {
  auto history = stream.statusTags.find(tag);
  if (history == stream.statusTags.end() || history->second.items.empty()) return true;
  auto spec = stream.specTags.find(tag);
  if (spec == stream.specTags.end() || !spec->second.generation) return true;
  const TagEvent& previous = history->second.items[0];
  return previous.dockerImageReference != event.dockerImageReference || previous.image != event.image ||
         *spec->second.generation > previous.generation;
}

// importSuccessful: record the image on the tag, then create the sub-manifest images and the image.
std::optional<Status> importSuccessful(ImportContext& ctx, ImageImportStatus& status, const std::string& tag,
                                       const std::string& from, const TagImportPolicy& importPolicy,
                                       const TagReferencePolicy& referencePolicy) {
  Image& image = *status.image;
  TagEvent event{timeAt(ctx.now), mostAccuratePullSpec(image.dockerImageReference, image.metadata.name),
                 image.metadata.name, ctx.generation};
  if (hasTagChanged(ctx.stream, tag, event)) {
    ensureSpecTag(ctx.stream, tag, from, importPolicy, referencePolicy, true);
    addTagEvent(ctx.stream, tag, event);
  }
  ctx.stream.specTags[tag].importPolicy = importPolicy;
  setTagConditions(ctx.stream, tag, {});  // a success clears earlier failures

  std::optional<Status> failure;
  std::vector<Image> updatedManifests;
  for (const Image& manifest : status.manifests) {
    Image copy = manifest;
    std::optional<Image> created = ctx.images.create(copy, failure);
    if (!created) return failure;
    updatedManifests.push_back(std::move(*created));
  }
  std::optional<Image> created = ctx.images.create(image, failure);
  if (!created) return failure;
  status.image = std::move(*created);
  status.manifests = std::move(updatedManifests);
  return std::nullopt;
}

bool importFailed(const ImageImportStatus& status) { return !status.image || status.status.status != "Success"; }

// createImages: repository results first, then spec.images entries that name a `to` tag.
std::optional<Status> createImages(ImportContext& ctx, ImageStreamImport& isi) {
  if (isi.spec.repository && isi.status.repository) {
    const RepositoryImportSpec& spec = *isi.spec.repository;
    for (ImageImportStatus& status : isi.status.repository->images) {
      if (importFailed(status)) {
        setFailureCondition(ctx, status, status.tag);
        continue;
      }
      ReferenceParse imageRef = parseDockerImageReference(status.image->dockerImageReference);
      if (!imageRef.ok()) continue;  // upstream logs and skips the entry
      ReferenceParse fromRef = parseDockerImageReference(spec.from.name);
      if (!fromRef.ok()) continue;
      std::string tag = status.tag.empty() ? imageRef.ref->tag : status.tag.str();
      DockerImageReference from = *fromRef.ref;
      from.id.clear();
      from.tag = tag;
      if (auto failure = importSuccessful(ctx, status, tag, from.exact(), spec.importPolicy, spec.referencePolicy)) {
        return failure;
      }
    }
  }

  for (size_t i = 0; i < isi.spec.images.size(); ++i) {
    const ImageImportSpec& spec = isi.spec.images[i];
    if (!spec.to || i >= isi.status.images.size()) continue;
    const std::string& tag = spec.to->name;
    ImageImportStatus& status = isi.status.images[i];
    if (importFailed(status)) {
      setFailureCondition(ctx, status, tag);
      ensureSpecTag(ctx.stream, tag, spec.from.name, spec.importPolicy, spec.referencePolicy, false);
      continue;
    }
    if (auto failure = importSuccessful(ctx, status, tag, spec.from.name, spec.importPolicy, spec.referencePolicy)) {
      return failure;
    }
  }
  return std::nullopt;
}

// clearManifests (docs/import.md §3.13): raw manifest and config go unless the entry asked for them.
void clearManifests(ImageStreamImport& isi) {
  for (size_t i = 0; i < isi.status.images.size() && i < isi.spec.images.size(); ++i) {
    if (isi.spec.images[i].includeManifest || !isi.status.images[i].image) continue;
    isi.status.images[i].image->dockerImageManifest.clear();
    isi.status.images[i].image->dockerImageConfig.clear();
  }
  if (isi.spec.repository && !isi.spec.repository->includeManifest && isi.status.repository) {
    for (ImageImportStatus& status : isi.status.repository->images) {
      if (!status.image) continue;
      status.image->dockerImageManifest.clear();
      status.image->dockerImageConfig.clear();
    }
  }
}

// The v1 round trip the REST layer runs to default the stream: empty import modes and reference
// policies of spec tags, and the repository clean-up of the conversion.
void defaultRoundTrip(Stream& stream, const std::string& defaultImportMode) {
  for (auto& [name, tag] : stream.specTags) {
    if (tag.importPolicy.importMode.empty()) tag.importPolicy.importMode = defaultImportMode;
    if (tag.referencePolicy.type.empty()) tag.referencePolicy.type = "Source";
  }
  stream.specRepository = repositoryWithoutTagOrId(stream.specRepository);
  stream.statusRepository = repositoryWithoutTagOrId(stream.statusRepository);
}

ImageStream answerOf(const Stream& stream) {
  ImageStream out = toV1(stream);
  out.kind.clear();
  out.apiVersion.clear();
  return out;
}

Status streamNotFound(std::string_view resource, const std::string& name) {
  std::string qualified = std::string(resource) + "." + std::string(kGroup);
  Status status = errorStatus("NotFound", 404, qualified + " " + goQuote(name) + " not found");
  StatusDetails details;
  details.name = name;
  details.group = std::string(kGroup);
  details.kind = std::string(resource);
  status.details = std::move(details);
  return status;
}

}  // namespace

// isimport only: the caller's current stream must be the one the import writes to (an empty
// name or namespace is taken to be it).
static std::optional<Status> currentStreamMismatch(const ImageStreamImport& isi, const ImageStream& current) {
  std::string name = current.metadata.name.empty() ? isi.metadata.name : current.metadata.name;
  std::string ns = current.metadata.nameSpace.empty() ? isi.metadata.nameSpace : current.metadata.nameSpace;
  if (name == isi.metadata.name && ns == isi.metadata.nameSpace) return std::nullopt;
  return badRequest("the current ImageStream " + goQuote(ns + "/" + name) + " is not the stream this import writes to (" +
                    goQuote(isi.metadata.nameSpace + "/" + isi.metadata.name) + ")");
}

std::optional<Status> checkImportTarget(const ImageStreamImport& isi, const std::optional<ImageStream>& current) {
  const ObjectMeta& meta = isi.metadata;
  if (!current) {
    if (!meta.resourceVersion.empty() || !meta.uid.empty()) return streamNotFound("imagestreams", meta.name);
    return std::nullopt;
  }
  if (!meta.resourceVersion.empty() && meta.resourceVersion != current->metadata.resourceVersion) {
    std::string qualified = "imagestream." + std::string(kGroup);
    Status status = errorStatus("Conflict", 409,
                                "Operation cannot be fulfilled on " + qualified + " " + goQuote(meta.name) +
                                    ": the image stream was updated from " + goQuote(meta.resourceVersion) + " to " +
                                    goQuote(current->metadata.resourceVersion));
    StatusDetails details;
    details.name = meta.name;
    details.group = std::string(kGroup);
    details.kind = "imagestream";
    status.details = std::move(details);
    return status;
  }
  if (!meta.uid.empty() && meta.uid != current->metadata.uid) return streamNotFound("imagestream", meta.name);
  if (auto mismatch = currentStreamMismatch(isi, *current)) return mismatch;
  return std::nullopt;
}

StreamUpdateResult applyImport(ImageStreamImport& isi, const StreamUpdateInput& input) {
  StreamUpdateResult result;
  if (!isi.spec.import) return result;
  const std::string& host = input.internalRegistryHost;
  const int64_t now = input.nowUnix;

  // The stream as read: the stored one (decorated with the registry location), or a new one.
  result.created = !input.current;
  Stream stream;
  if (input.current) {
    stream = fromV1(*input.current);
    ObjectMeta& meta = stream.metadata;
    if (auto mismatch = currentStreamMismatch(isi, *input.current)) {
      result.failure = std::move(mismatch);
      return result;
    }
    if (meta.name.empty()) meta.name = isi.metadata.name;
    if (meta.nameSpace.empty()) meta.nameSpace = isi.metadata.nameSpace;
    if (!host.empty()) stream.statusRepository = repositoryFor(host, meta.nameSpace, meta.name);
  } else {
    stream.metadata.name = isi.metadata.name;
    stream.metadata.nameSpace = isi.metadata.nameSpace;
  }
  const bool hasAnnotation = stream.metadata.annotations.count(kDockerRepositoryCheckAnnotation) > 0;
  const Stream original = stream;

  ImageCreator images(input, result.imageWrites);
  ImportContext ctx{stream, stream.metadata.generation + 1, now, images};
  if (auto failure = createImages(ctx, isi)) {
    result.failure = std::move(failure);
    return result;
  }
  clearManifests(isi);
  defaultRoundTrip(stream, input.defaultImportMode);

  const bool hasChanges = !semanticEqual(original, stream);
  const std::string stamp = formatRfc3339(now);
  ErrorList errs;
  if (result.created) {
    stream.metadata.annotations[kDockerRepositoryCheckAnnotation] = stamp;
    stream.metadata.creationTimestamp = timeAt(now);  // uid and resourceVersion stay empty
    // InternalStrategy.PrepareForCreate: status kept, generation 1 everywhere.
    stream.statusRepository = host.empty() ? stream.specRepository : repositoryFor(host, stream.metadata.nameSpace, stream.metadata.name);
    stream.publicRepository.clear();
    stream.metadata.generation = 1;
    for (auto& [name, tag] : stream.specTags) tag.generation = 1;
    errs = validateStreamWrite(nullptr, stream, host, now);
  } else if (hasAnnotation && !hasChanges) {
    result.stream = answerOf(original);
    isi.status.import = result.stream;
    return result;
  } else {
    stream.metadata.annotations[kDockerRepositoryCheckAnnotation] = stamp;
    const Stream& old = original;
    // InternalStrategy.PrepareForUpdate
    for (auto it = stream.statusTags.begin(); it != stream.statusTags.end();) {
      if (it->second.items.empty() && it->second.conditions.empty()) it = stream.statusTags.erase(it);
      else ++it;
    }
    stream.metadata.generation = old.metadata.generation;
    if (!host.empty()) {
      const std::string ns = stream.metadata.nameSpace.empty() ? std::string("default") : stream.metadata.nameSpace.str();
      stream.statusRepository = repositoryFor(host, ns, stream.metadata.name);
    }
    // Only generation 0 may be set by a writer; other spec tag generations come from the old stream.
    for (auto& [name, tag] : stream.specTags) {
      if (tag.generation && *tag.generation == 0) continue;
      if (auto oldTag = old.specTags.find(name); oldTag != old.specTags.end()) tag.generation = oldTag->second.generation;
    }
    if (!specEqual(old, stream) || stream.metadata.generation == 0) stream.metadata.generation = old.metadata.generation + 1;
    for (auto& [name, tag] : stream.specTags) {
      auto oldTag = old.specTags.find(name);
      if (oldTag == old.specTags.end() || tagRefChanged(oldTag->second, tag, stream.metadata.nameSpace)) tag.generation.reset();
      if (tag.generation && *tag.generation != 0) continue;
      tag.generation = stream.metadata.generation;
    }
    errs = validateStreamWrite(&old, stream, host, now);
  }
  if (!errs.empty()) {
    result.failure = invalidStatus("ImageStream", kGroup, stream.metadata.name, errs);
    return result;
  }
  result.written = true;
  result.stream = answerOf(stream);
  isi.status.import = result.stream;
  return result;
}

}  // namespace isimport

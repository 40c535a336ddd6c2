#include "import/repository_fetcher.h"

#include "go/go_text.h"  // goQuote, goParseInt64
#include "import/image_builder.h"
#include "import/import_status.h"
#include "json/json_tree.h"
#include "registry/digest.h"
#include "registry/registry_json.h"
#include "registry/url.h"

namespace isimport {
namespace {

constexpr const char* kNestedListError = "unsupported image manifest type: *manifestlist.DeserializedManifestList";

ImageOutcome failed(Status status) { return ImageOutcome{std::move(status), std::nullopt, {}, std::nullopt, {}}; }

bool isDigest(std::string_view reference) { return reference.find(':') != std::string_view::npos; }

// Go's strconv.ParseInt(s, 10, 64), as the blob Stat reads Content-Length.
std::optional<int64_t> parseInt64(std::string_view s, std::string& error) {
  const char* why = "";
  std::optional<int64_t> value = goParseInt64(s, &why);
  if (!value) error = "error parsing content-length: strconv.ParseInt: parsing " + goQuote(s) + ": " + why;
  return value;
}

// One page of a tag list decoded as json.Unmarshal into struct{ Tags []string `json:"tags"` }:
// Go's texts, case-insensitive member names, null elements as "".
std::optional<std::string> decodeTagPage(std::string_view body, std::vector<std::string>& out) {
  gojson::Document doc = gojson::parse(body);
  if (!doc.ok) return doc.error;
  const json::Tree& t = doc.tree;
  const json::Node& root = t.at(0);
  if (root.kind == json::Kind::Null) return std::nullopt;
  if (root.kind != json::Kind::Object) {
    return json::unmarshalTypeErrorText(json::goValueName(root.kind), "struct { Tags []string \"json:\\\"tags\\\"\" }");
  }
  std::optional<std::string> firstError;
  std::vector<std::string> tags;
  bool seen = false;
  for (uint32_t i = 0; i < root.count; ++i) {
    if (!goFoldEqual(t.key(root, i), "tags")) continue;
    const json::Node& value = t.at(t.child(root, i));
    if (value.kind == json::Kind::Null) {
      tags.clear();
      seen = true;
      continue;
    }
    if (value.kind != json::Kind::Array) {
      if (!firstError) {
        firstError = json::unmarshalTypeErrorText(json::goValueName(value.kind), "[]string", ".tags");
      }
      continue;
    }
    tags.clear();
    seen = true;
    for (uint32_t k = 0; k < value.count; ++k) {
      const json::Node& tag = t.at(t.child(value, k));
      if (tag.kind == json::Kind::String) {
        tags.push_back(tag.text);
      } else if (tag.kind == json::Kind::Null) {
        tags.emplace_back();
      } else {
        tags.emplace_back();
        if (!firstError) {
          firstError = json::unmarshalTypeErrorText(json::goValueName(tag.kind), "string", ".tags");
        }
      }
    }
  }
  if (firstError) return firstError;
  if (seen) out.insert(out.end(), tags.begin(), tags.end());
  return std::nullopt;
}

}  // namespace

RepositoryFetcher::RepositoryFetcher(RepositoryTarget target, FetchLimits limits, PlatformPreference controlPlane,
                                     int64_t nowUnix)
    : target_(std::move(target)), limits_(limits), controlPlane_(std::move(controlPlane)), nowUnix_(nowUnix) {}

std::string RepositoryFetcher::referenceFor(const DockerImageReference& base, const std::string& digest) {
  DockerImageReference ref = base;
  ref.tag.clear();
  ref.id = digest;
  return ref.mostSpecific().exact();
}

RegistryCall RepositoryFetcher::baseCall(std::string path) const {
  RegistryCall call;
  call.path = std::move(path);
  call.repository = target_.repositoryPath;
  call.credentials = target_.credentials;
  call.insecure = target_.insecure;
  return call;
}

void RepositoryFetcher::fetchManifest(const std::string& tagOrDigest, std::function<void(const Fetched&)> done) {
  manifests_.get(
      tagOrDigest,
      [this, tagOrDigest](std::function<void(Fetched)> store) {
        RegistryCall call = baseCall("/v2/" + target_.repositoryPath + "/manifests/" + tagOrDigest);
        call.accept = manifestAcceptTypes();
        call.maxBodyBytes = limits_.manifestBytes;
        call.whatIsCapped = "manifest";
        target_.endpoint->call(std::move(call), [this, tagOrDigest, store](CallOutcome outcome) {
          Fetched f;
          if (!outcome.ok()) {
            f.fetchError = std::move(outcome.error);
            return store(std::move(f));
          }
          const HttpResponse& r = *outcome.response;
          ManifestParse parsed = parseManifest(r.header("content-type"), r.body);
          if (!parsed.manifest) {
            f.fetchError = plainError(parsed.error);
            return store(std::move(f));
          }
          f.body = r.body;
          f.manifest = std::move(parsed.manifest);
          f.digest = sha256Digest(f.manifest->canonical);
          if (isDigest(tagOrDigest)) {
            // library-go's manifestServiceVerifier: fetched by digest, the bytes must hash to it
            // with its own algorithm (docs/import.md §3.8 step 1). libsodium has no SHA-384: such a digest is left
            // to the importer's SHA-256 re-check, which it always fails (docs/browser.md §8.8).
            std::optional<std::string> actual = digestWithAlgorithmOf(tagOrDigest, f.manifest->canonical);
            if (actual && *actual != tagOrDigest) {
              f.fetchError = plainError("content integrity error: the manifest retrieved with digest " + tagOrDigest +
                                        " does not match the digest calculated from the content " + *actual);
              f.manifest.reset();
            }
          } else {
            manifests_.put(f.digest, f);
          }
          store(std::move(f));
        });
      },
      std::move(done));
}

void RepositoryFetcher::fetchConfig(const std::string& digest, std::function<void(const Blob&)> done) {
  configs_.get(
      digest,
      [this, digest](std::function<void(Blob)> store) {
        RegistryCall call = baseCall("/v2/" + target_.repositoryPath + "/blobs/" + digest);
        call.maxBodyBytes = limits_.configBytes;
        call.whatIsCapped = "image config";
        call.retry = false;  // BlobStore.Get is not behind library-go's retry wrapper
        target_.endpoint->call(std::move(call), [digest, store](CallOutcome outcome) {
          Blob b;
          if (!outcome.ok()) {
            // Distribution's blob reader: a 404 is ErrBlobUnknown, whatever the body says.
            b.error = outcome.status == 404 ? plainError("unknown blob") : std::move(outcome.error);
            return store(std::move(b));
          }
          // library-go's blobStoreVerifier.
          std::optional<std::string> actual = digestWithAlgorithmOf(digest, outcome.response->body);
          if (actual && *actual != digest) {
            b.error = plainError("content integrity error: the blob retrieved with digest " + digest +
                                 " does not match the digest calculated from the content " + *actual);
            return store(std::move(b));
          }
          b.body = std::move(outcome.response->body);
          store(std::move(b));
        });
      },
      std::move(done));
}

void RepositoryFetcher::probeLayer(const std::string& digest, std::function<void(const LayerSize&)> done) {
  layers_.get(
      digest,
      [this, digest](std::function<void(LayerSize)> store) {
        RegistryCall call = baseCall("/v2/" + target_.repositoryPath + "/blobs/" + digest);
        call.method = "HEAD";
        call.maxBodyBytes = 0;
        std::string url = target_.endpoint->urlOf(call);
        target_.endpoint->call(std::move(call), [url, store](CallOutcome outcome) {
          LayerSize s;
          if (!outcome.ok()) {
            // Distribution's blob Stat: 404 is ErrBlobUnknown; other answers are error answers.
            s.error = outcome.status == 404 ? std::string("unknown blob") : outcome.error.text;
            return store(std::move(s));
          }
          std::string_view length = outcome.response->header("content-length");
          if (length.empty()) {
            s.error = "missing content-length header for request: " + url;
            return store(std::move(s));
          }
          std::optional<int64_t> value = parseInt64(length, s.error);
          if (value) s.size = *value;
          store(std::move(s));
        });
      },
      std::move(done));
}

void RepositoryFetcher::importImage(const std::string& tagOrDigest, const std::string& normalizedRef,
                                    bool preserveOriginal, const PlatformPreference& prefer,
                                    const DockerImageReference& base, Done done) {
  fetchManifest(tagOrDigest, [this, tagOrDigest, normalizedRef, preserveOriginal, prefer, base,
                              done = std::move(done)](const Fetched& fetched) {
    if (fetched.fetchError) return done(failed(imageFetchFailure(normalizedRef, *fetched.fetchError)));
    std::string requested = isDigest(tagOrDigest) ? tagOrDigest : std::string();
    if (fetched.manifest->kind != ManifestKind::List) return importFetched(fetched, requested, normalizedRef, base, done);
    if (preserveOriginal) return importPreservedList(fetched, requested, base, done);
    importLegacyList(fetched, requested, normalizedRef, prefer, base, done);
  });
}

// Legacy (or empty) mode: one entry of the list, fetched by digest and imported as the image
// (manifestFromManifestList). Errors of the choice and of the entry's fetch name the list's
// reference. Upstream does not re-check the list itself with SHA-256 here.
void RepositoryFetcher::importLegacyList(const Fetched& list, const std::string& requestedDigest,
                                         const std::string& normalizedRef, const PlatformPreference& prefer,
                                         const DockerImageReference& base, Done done) {
  const Manifest& manifest = *list.manifest;
  if (!requestedDigest.empty() && !digestWithAlgorithmOf(requestedDigest, "")) {
    // A digest libsodium cannot verify (sha384): refused with upstream's re-check text (docs/browser.md §8.8).
    if (auto recheck = integrityRecheck(manifest, requestedDigest)) return done(failed(imageBuildFailure(*recheck)));
  }
  if (manifest.manifests.empty()) {
    return done(failed(imageFetchFailure(normalizedRef, plainError("no manifests in manifest list"))));
  }
  PlatformPreference want = prefer;
  if (want.architecture.empty()) want.architecture = controlPlane_.architecture;
  if (want.os.empty()) want.os = controlPlane_.os;
  ListChoice choice = chooseLegacyEntry(manifest.manifests, want);
  const ListEntry& entry = manifest.manifests[choice.index];
  std::string digest = entry.descriptor.digest;
  std::string fallback;
  if (choice.rule != ListChoiceRule::Preferred) {
    const Platform& p = entry.platform;
    fallback = "the list has no " + want.os + "/" + want.architecture + " entry; Legacy mode took " +
               (choice.rule == ListChoiceRule::LinuxAmd64 ? "its first linux/amd64 entry" : "its first entry") + ", " +
               p.os + "/" + p.architecture + (p.variant.empty() ? "" : "/" + p.variant) + " (" + digest + ")";
  }
  fetchManifest(digest, [this, digest, normalizedRef, base, fallback, done = std::move(done)](const Fetched& child) {
    // Copies, not references: importFetched may answer later, after a config arrives.
    Done noted = [fallback, done](ImageOutcome outcome) {
      outcome.platformFallback = fallback;
      done(std::move(outcome));
    };
    if (child.fetchError) return noted(failed(imageFetchFailure(normalizedRef, *child.fetchError)));
    if (child.manifest->kind == ManifestKind::List) return noted(failed(imageBuildFailure(kNestedListError)));
    importFetched(child, digest, normalizedRef, base, noted);
  });
}

// PreserveOriginal: the list is the image; then every entry, in list order, is imported as a
// normal image (importSubManifests); the first entry that fails (in list order) fails the whole
// entry. Upstream imports the entries one after the other and stops at the first failure; here they
// are fetched together, so a failure costs the requests of later entries but not the result.
void RepositoryFetcher::importPreservedList(const Fetched& list, const std::string& requestedDigest,
                                            const DockerImageReference& base, Done done) {
  const Manifest& manifest = *list.manifest;
  ImageBuild build = buildListImage(manifest, requestedDigest, referenceFor(base, list.digest), nowUnix_);
  if (!build.image) return done(failed(imageBuildFailure(build.error)));
  size_t count = manifest.manifests.size();
  if (count == 0) return done(ImageOutcome{successStatus(), std::move(*build.image), {}, std::nullopt, {}});
  auto listImage = std::make_shared<Image>(std::move(*build.image));
  auto children = std::make_shared<std::vector<std::optional<ImageOutcome>>>(count);
  auto remaining = std::make_shared<size_t>(count);
  for (size_t i = 0; i < count; ++i) {
    importSubManifest(manifest.manifests[i].descriptor.digest, base,
                      [children, remaining, listImage, i, done](ImageOutcome child) {
                        (*children)[i] = std::move(child);
                        if (--*remaining > 0) return;
                        ImageOutcome whole{successStatus(), *listImage, {}, std::nullopt, {}};
                        for (auto& c : *children) {
                          if (!c->succeeded()) {
                            ImageOutcome failure = failed(c->status);
                            failure.partialImage = *listImage;
                            return done(std::move(failure));
                          }
                          whole.manifests.push_back(std::move(*c->image));
                        }
                        done(std::move(whole));
                      });
  }
}

// One entry of a PreserveOriginal list: named by its own digest reference in errors, imported with
// the empty import mode (so a nested list picks the control plane's platform), and given the
// reference <group reference>@<entry digest> whatever image it yields.
void RepositoryFetcher::importSubManifest(const std::string& digest, const DockerImageReference& base, Done done) {
  DockerImageReference named = base;
  named.tag.clear();
  named.id = digest;
  NormalizedReference childRef = normalizedString(named);
  if (!childRef.ok()) return done(failed(imageBuildFailure(childRef.error)));
  std::string reference = referenceFor(base, digest);
  auto withReference = [reference, done](ImageOutcome outcome) {
    if (outcome.image) outcome.image->dockerImageReference = reference;
    done(std::move(outcome));
  };
  fetchManifest(digest, [this, digest, R = childRef.value, base, withReference](const Fetched& fetched) {
    if (fetched.fetchError) return withReference(failed(imageFetchFailure(R, *fetched.fetchError)));
    if (fetched.manifest->kind == ManifestKind::List) {
      return importLegacyList(fetched, digest, R, PlatformPreference{}, base, withReference);
    }
    importFetched(fetched, digest, R, base, withReference);
  });
}

void RepositoryFetcher::importFetched(const Fetched& fetched, const std::string& requestedDigest,
                                      const std::string& normalizedRef, const DockerImageReference& base,
                                      Done done) {
  const Manifest& manifest = *fetched.manifest;
  std::string reference = referenceFor(base, fetched.digest);
  if (manifest.kind == ManifestKind::Schema1) {
    ImageBuild build = buildImage(manifest, fetched.body, "", requestedDigest, reference, nowUnix_);
    if (!build.image) return done(failed(imageBuildFailure(build.error)));
    return finishImage(std::move(*build.image), std::move(build.layersToProbe), 0, std::move(done));
  }
  fetchConfig(manifest.config.digest, [this, reference, normalizedRef, requestedDigest, done = std::move(done),
                                        body = fetched.body, manifestCopy = manifest](const Blob& config) mutable {
    if (config.error) return done(failed(imageFetchFailure(normalizedRef, *config.error)));
    ImageBuild build = buildImage(manifestCopy, body, config.body, requestedDigest, reference, nowUnix_);
    if (!build.image) return done(failed(imageBuildFailure(build.error)));
    finishImage(std::move(*build.image), std::move(build.layersToProbe), static_cast<int64_t>(config.body.size()),
                std::move(done));
  });
}

// calculateImageSize: the size of every distinct layer from a HEAD; the first failure (in layer
// order) fails the image, which upstream still hands back with the error.
void RepositoryFetcher::finishImage(Image image, std::vector<std::string> layersToProbe, int64_t configSize, Done done) {
  if (layersToProbe.empty()) return done(ImageOutcome{successStatus(), std::move(image), {}, std::nullopt, {}});
  size_t count = layersToProbe.size();
  auto sizes = std::make_shared<std::vector<LayerSize>>(count);
  auto remaining = std::make_shared<size_t>(count);
  auto pending = std::make_shared<Image>(std::move(image));
  for (size_t i = 0; i < count; ++i) {
    probeLayer(layersToProbe[i], [sizes, remaining, pending, configSize, i, done](const LayerSize& s) {
      (*sizes)[i] = s;
      if (--*remaining > 0) return;
      std::vector<int64_t> values;
      for (const auto& l : *sizes) {
        if (!l.error.empty()) {
          ImageOutcome failure = failed(imageBuildFailure(l.error));
          failure.partialImage = *pending;
          return done(std::move(failure));
        }
        values.push_back(l.size);
      }
      finishWithProbedSizes(*pending, values, configSize);
      done(ImageOutcome{successStatus(), std::move(*pending), {}, std::nullopt, {}});
    });
  }
}

void RepositoryFetcher::listTags(std::function<void(TagList)> done) {
  collectTags("/v2/" + target_.repositoryPath + "/tags/list", std::make_shared<TagList>(), 0, 1, 0, std::move(done));
}

void RepositoryFetcher::collectTags(std::string url, std::shared_ptr<TagList> acc, size_t page, int attemptNo,
                                    uint32_t delayMs, std::function<void(TagList)> done) {
  RegistryCall call = baseCall(url);
  call.maxBodyBytes = limits_.tagPageBytes;
  call.whatIsCapped = "tag list page";
  call.retry = false;  // the retry wrapper sits around the whole listing, below
  call.delayMs = delayMs;
  // A relative Link resolves against the URL the page was asked for, as sent: its scheme is only
  // known once the lazy ping has run (an insecure registry answers over http).
  target_.endpoint->call(std::move(call), [this, acc, page, attemptNo,
                                           done = std::move(done)](CallOutcome outcome) {
    auto fail = [&](ImportError error) {
      if (error.retryAfterMs > 0 && attemptNo < 3) {
        acc->tags.clear();
        acc->pagesRead.clear();
        return collectTags("/v2/" + target_.repositoryPath + "/tags/list", acc, 0, attemptNo + 1,
                           error.retryAfterMs, done);
      }
      acc->error = std::move(error);
      done(std::move(*acc));
    };
    if (!outcome.ok()) return fail(std::move(outcome.error));
    if (std::optional<std::string> error = decodeTagPage(outcome.response->body, acc->tags)) {
      return fail(plainError(*error));
    }
    if (acc->tags.size() > limits_.maxTags) {
      return fail(plainError("the repository lists more than " + std::to_string(limits_.maxTags) + " tags"));
    }
    std::string linkError;
    std::optional<std::string> next = nextLink(outcome.response->header("link"), outcome.url, &linkError);
    if (!linkError.empty()) return fail(plainError(linkError));
    if (!next) return done(std::move(*acc));
    // Upstream hands the resolved text to its HTTP client, which parses it once more (Go's
    // URL.String can print a URL that does not parse again) and has a transport for http and
    // https only. Anything else would otherwise be taken for a path on this registry.
    std::string nextError;
    std::optional<UrlReference> target = parseUrlReference(*next, &nextError);
    if (!target) return fail(plainError(nextError));
    if (target->scheme != "http" && target->scheme != "https") {
      return fail(plainError("Get " + goQuote(*next) + ": unsupported protocol scheme " + goQuote(target->scheme)));
    }
    // Upstream would follow such a Link until its deadline; the answer cannot change, so say so.
    acc->pagesRead.push_back(outcome.url);
    for (const std::string& read : acc->pagesRead) {
      if (read == *next) return fail(plainError("the tag list's Link leads back to a page already read: " + *next));
    }
    if (page + 1 >= limits_.maxTagPages) {
      return fail(plainError("the tag list has more than " + std::to_string(limits_.maxTagPages) + " pages"));
    }
    collectTags(*next, acc, page + 1, attemptNo, 0, done);
  });
}

}  // namespace isimport

#include "repository_fetcher.h"

#include "digest.h"
#include "image_builder.h"
#include "import_status.h"
#include "json_tree.h"
#include "url.h"

namespace isimport {
namespace {

ImageOutcome failed(Status status) { return ImageOutcome{std::move(status), std::nullopt, {}}; }

bool isDigest(std::string_view reference) { return reference.find(':') != std::string_view::npos; }

// The entry of a list that Legacy mode imports (spec §3.6): the preferred platform, else
// linux/amd64, else the first.
const ListEntry& chooseEntry(const Manifest& list, const PlatformPreference& prefer) {
  for (const auto& e : list.manifests)
    if (e.platform.architecture == prefer.architecture && e.platform.os == prefer.os) return e;
  for (const auto& e : list.manifests)
    if (e.platform.architecture == "amd64" && e.platform.os == "linux") return e;
  return list.manifests.front();
}

}  // namespace

RepositoryFetcher::RepositoryFetcher(RepositoryTarget target, FetchLimits limits, PlatformPreference controlPlane,
                                     int64_t nowUnix)
    : target_(std::move(target)), limits_(limits), controlPlane_(std::move(controlPlane)), nowUnix_(nowUnix) {}

std::string RepositoryFetcher::referenceFor(const DockerImageReference& base, const std::string& digest) {
  DockerImageReference ref = base;
  ref.tag.clear();
  ref.id = digest;
  return ref.exact();
}

void RepositoryFetcher::fetchManifest(const std::string& tagOrDigest, std::function<void(const Fetched&)> done) {
  manifests_.get(
      tagOrDigest,
      [this, tagOrDigest](std::function<void(Fetched)> store) {
        RegistryCall call;
        call.path = "/v2/" + target_.repositoryPath + "/manifests/" + tagOrDigest;
        call.accept = manifestAcceptTypes();
        call.repository = target_.repositoryPath;
        call.credentials = target_.credentials;
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
            // Fetched by digest: the bytes must hash to it with its own algorithm (spec §3.8.1).
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
        RegistryCall call;
        call.path = "/v2/" + target_.repositoryPath + "/blobs/" + digest;
        call.repository = target_.repositoryPath;
        call.credentials = target_.credentials;
        call.maxBodyBytes = limits_.configBytes;
        call.whatIsCapped = "image config";
        target_.endpoint->call(std::move(call), [digest, store](CallOutcome outcome) {
          Blob b;
          if (!outcome.ok()) {
            b.error = std::move(outcome.error);
            return store(std::move(b));
          }
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
        RegistryCall call;
        call.method = "HEAD";
        call.path = "/v2/" + target_.repositoryPath + "/blobs/" + digest;
        call.repository = target_.repositoryPath;
        call.credentials = target_.credentials;
        call.maxBodyBytes = 0;
        std::string url = target_.endpoint->baseUrl() + call.path;
        target_.endpoint->call(std::move(call), [url, store](CallOutcome outcome) {
          LayerSize s;
          if (!outcome.ok()) {
            s.error = outcome.error.hasCode("BLOB_UNKNOWN") || outcome.error.text.find("404") != std::string::npos
                          ? "unknown blob"
                          : outcome.error.text;
            return store(std::move(s));
          }
          std::string_view length = outcome.response->header("content-length");
          if (length.empty()) {
            s.error = "missing content-length header for request: " + url;
            return store(std::move(s));
          }
          int64_t value = 0;
          for (char c : length) {
            if (c < '0' || c > '9' || value > (INT64_MAX - 9) / 10) {
              s.error = "invalid content-length header for request: " + url;
              return store(std::move(s));
            }
            value = value * 10 + (c - '0');
          }
          s.size = value;
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
    const Manifest& manifest = *fetched.manifest;
    if (manifest.kind != ManifestKind::List) return importFetched(fetched, requested, normalizedRef, base, done);

    if (auto recheck = integrityRecheck(manifest, requested)) return done(failed(imageBuildFailure(*recheck)));
    if (manifest.manifests.empty()) return done(failed(imageBuildFailure("no manifests in manifest list")));
    if (!preserveOriginal) {
      PlatformPreference want = prefer.architecture.empty() && prefer.os.empty() ? controlPlane_ : prefer;
      if (want.architecture.empty()) want.architecture = controlPlane_.architecture;
      if (want.os.empty()) want.os = controlPlane_.os;
      return importChild(chooseEntry(manifest, want).descriptor.digest, normalizedRef, base, done);
    }

    // PreserveOriginal: the list is the image; every entry is imported too, in list order, and
    // the first failure fails the whole entry.
    ImageBuild list = buildListImage(manifest, requested, referenceFor(base, fetched.digest), nowUnix_);
    if (!list.image) return done(failed(imageBuildFailure(list.error)));
    auto listImage = std::make_shared<Image>(std::move(*list.image));
    size_t count = manifest.manifests.size();
    auto children = std::make_shared<std::vector<std::optional<ImageOutcome>>>(count);
    auto remaining = std::make_shared<size_t>(count);
    for (size_t i = 0; i < count; ++i) {
      importChild(manifest.manifests[i].descriptor.digest, normalizedRef, base,
                  [children, remaining, listImage, i, done](ImageOutcome child) {
                    (*children)[i] = std::move(child);
                    if (--*remaining > 0) return;
                    ImageOutcome whole{successStatus(), *listImage, {}};
                    for (auto& c : *children) {
                      if (!c->succeeded()) return done(failed(c->status));
                      whole.manifests.push_back(std::move(*c->image));
                    }
                    done(std::move(whole));
                  });
    }
  });
}

void RepositoryFetcher::importChild(const std::string& digest, const std::string& normalizedRef,
                                    const DockerImageReference& base, Done done) {
  fetchManifest(digest, [this, digest, normalizedRef, base, done = std::move(done)](const Fetched& fetched) {
    if (fetched.fetchError) return done(failed(imageFetchFailure(normalizedRef, *fetched.fetchError)));
    if (fetched.manifest->kind == ManifestKind::List) {
      return done(failed(imageBuildFailure("unsupported image manifest type: *manifestlist.DeserializedManifestList")));
    }
    importFetched(fetched, digest, normalizedRef, base, done);
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

void RepositoryFetcher::finishImage(Image image, std::vector<std::string> layersToProbe, int64_t configSize, Done done) {
  if (layersToProbe.empty()) return done(ImageOutcome{successStatus(), std::move(image), {}});
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
        if (!l.error.empty()) return done(failed(imageBuildFailure(l.error)));
        values.push_back(l.size);
      }
      finishWithProbedSizes(*pending, values, configSize);
      done(ImageOutcome{successStatus(), std::move(*pending), {}});
    });
  }
}

void RepositoryFetcher::listTags(std::function<void(TagList)> done) {
  collectTags("/v2/" + target_.repositoryPath + "/tags/list", std::make_shared<TagList>(), 0, std::move(done));
}

void RepositoryFetcher::collectTags(std::string url, std::shared_ptr<TagList> acc, size_t page,
                                    std::function<void(TagList)> done) {
  RegistryCall call;
  call.path = url;
  call.repository = target_.repositoryPath;
  call.credentials = target_.credentials;
  call.maxBodyBytes = limits_.tagPageBytes;
  call.whatIsCapped = "tag list page";
  std::string requestUrl = url.rfind("http", 0) == 0 ? url : target_.endpoint->baseUrl() + url;
  target_.endpoint->call(std::move(call), [this, acc, page, requestUrl, done = std::move(done)](CallOutcome outcome) {
    if (!outcome.ok()) {
      acc->error = std::move(outcome.error);
      return done(std::move(*acc));
    }
    json::ParseResult parsed = json::parse(outcome.response->body);
    const json::Tree& t = parsed.tree;
    if (!parsed.ok || t.at(0).kind != json::Kind::Object) {
      acc->error = plainError(parsed.ok ? "json: cannot unmarshal tag list into an object" : parsed.error);
      return done(std::move(*acc));
    }
    const json::Node& root = t.at(0);
    for (uint32_t i = 0; i < root.count; ++i) {
      if (t.key(root, i) != "tags") continue;
      const json::Node& tags = t.at(t.child(root, i));
      if (tags.kind != json::Kind::Array && tags.kind != json::Kind::Null) {
        acc->error = plainError(std::string("json: cannot unmarshal ") + json::goValueName(tags.kind) +
                                " into Go struct field tagsResponse.tags of type []string");
        return done(std::move(*acc));
      }
      for (uint32_t k = 0; k < tags.count; ++k) {
        const json::Node& tag = t.at(t.child(tags, k));
        if (tag.kind != json::Kind::String) {
          acc->error = plainError(std::string("json: cannot unmarshal ") + json::goValueName(tag.kind) +
                                  " into Go struct field tagsResponse.tags of type string");
          return done(std::move(*acc));
        }
        if (acc->tags.size() >= limits_.maxTags) {
          acc->error = plainError("the repository lists more than " + std::to_string(limits_.maxTags) + " tags");
          return done(std::move(*acc));
        }
        acc->tags.push_back(tag.text);
      }
    }
    std::optional<std::string> next = nextLink(outcome.response->header("link"), requestUrl);
    if (!next) return done(std::move(*acc));
    if (page + 1 >= limits_.maxTagPages) {
      acc->error = plainError("the tag list has more than " + std::to_string(limits_.maxTagPages) + " pages");
      return done(std::move(*acc));
    }
    collectTags(*next, acc, page + 1, done);
  });
}

}  // namespace isimport

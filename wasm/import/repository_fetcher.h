// Imports images from one repository of one registry (docs/import.md §3.6–§3.9), as openshift-apiserver's
// importManifest / importSubManifests do: manifests by tag or digest, Legacy platform choice or
// PreserveOriginal lists, config blobs, size probes, digest checks, and the per-image Status.
// Manifests, configs and layer sizes are fetched once per import (a deliberate difference: upstream
// fetches a manifest again for each import mode and each sub-manifest import).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "import/list_choice.h"
#include "registry/once_cache.h"
#include "model/image.h"
#include "model/reference.h"
#include "registry/manifest.h"
#include "registry/registry_endpoint.h"

namespace isimport {

struct ImageOutcome {
  Status status;
  std::optional<Image> image;
  std::vector<Image> manifests;  // PreserveOriginal lists: one image per entry, list order
  // Upstream's importManifest can fail after it built the Image (size probe, sub-manifests) and
  // still hands that Image back; the importer caches it anyway, and a repository import later
  // takes it from that cache as a success (docs/import.md §3.3, §3.10 step 4). Set only on such failures.
  std::optional<Image> partialImage;
  // Legacy mode took a list entry that is not for the wanted platform (upstream's silent
  // fallback): what it wanted and what it took, for a person to be told.
  std::string platformFallback;
  bool succeeded() const { return status.status == "Success"; }
};

struct FetchLimits {
  uint64_t manifestBytes = 4 << 20;
  uint64_t configBytes = 4 << 20;
  uint64_t tagPageBytes = 4 << 20;
  size_t maxTagPages = 100;
  size_t maxTags = 1000000;  // ~10x the largest public repositories; bounds memory with tagPageBytes
};

struct RepositoryTarget {
  RegistryEndpoint* endpoint = nullptr;
  std::string repositoryPath;  // "library/nginx"
  std::optional<BasicCredentials> credentials;
  bool insecure = false;  // importPolicy.insecure of the entry that opened the repository
};

class RepositoryFetcher {
 public:
  using Done = std::function<void(ImageOutcome)>;

  RepositoryFetcher(RepositoryTarget target, FetchLimits limits, PlatformPreference controlPlane, int64_t nowUnix);

  // Imports the image named by `tagOrDigest`. `normalizedRef` is the reference as error texts
  // name it; `preserveOriginal` keeps manifest lists; `prefer` picks a list platform otherwise.
  // `referenceBase` (the group's reference as written) is rendered, with the image digest, into
  // each dockerImageReference, and names the sub-manifests of a PreserveOriginal list.
  void importImage(const std::string& tagOrDigest, const std::string& normalizedRef, bool preserveOriginal,
                   const PlatformPreference& prefer, const DockerImageReference& referenceBase, Done done);

  struct TagList {
    std::vector<std::string> tags;
    std::optional<ImportError> error;
    std::vector<std::string> pagesRead;  // the URLs of the pages read, to refuse a Link back to one
  };
  // Distribution's Tags().All() behind library-go's retry wrapper: every page, following Link; a
  // retryable failure starts the listing again from the first page.
  void listTags(std::function<void(TagList)> done);

  const RepositoryTarget& target() const { return target_; }

 private:
  struct Fetched {
    std::optional<Manifest> manifest;
    std::string body;
    std::string digest;  // sha256 of the canonical bytes: the image name
    std::optional<ImportError> fetchError;
  };
  struct Blob {
    std::string body;
    std::optional<ImportError> error;
  };
  struct LayerSize {
    int64_t size = 0;
    std::string error;
  };

  RegistryCall baseCall(std::string path) const;
  void fetchManifest(const std::string& tagOrDigest, std::function<void(const Fetched&)> done);
  void fetchConfig(const std::string& digest, std::function<void(const Blob&)> done);
  void probeLayer(const std::string& digest, std::function<void(const LayerSize&)> done);
  void importLegacyList(const Fetched& list, const std::string& requestedDigest, const std::string& normalizedRef,
                        const PlatformPreference& prefer, const DockerImageReference& base, Done done);
  void importPreservedList(const Fetched& list, const std::string& requestedDigest, const DockerImageReference& base,
                           Done done);
  void importSubManifest(const std::string& digest, const DockerImageReference& base, Done done);
  void importFetched(const Fetched& fetched, const std::string& requestedDigest, const std::string& normalizedRef,
                     const DockerImageReference& base, Done done);
  void finishImage(Image image, std::vector<std::string> layersToProbe, int64_t configSize, Done done);
  static std::string referenceFor(const DockerImageReference& base, const std::string& digest);
  void collectTags(std::string url, std::shared_ptr<TagList> acc, size_t page, int attemptNo, uint32_t delayMs,
                   std::function<void(TagList)> done);

  RepositoryTarget target_;
  FetchLimits limits_;
  PlatformPreference controlPlane_;
  int64_t nowUnix_;
  OnceCache<std::string, Fetched> manifests_;
  OnceCache<std::string, Blob> configs_;
  OnceCache<std::string, LayerSize> layers_;
};

}  // namespace isimport

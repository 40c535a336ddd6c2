#include "supply/subjects.h"

#include "model/reference.h"

namespace isimport {
namespace {

std::string platformOf(const ImageManifest& m) {
  std::string p = m.os + "/" + m.architecture;
  if (!m.variant.empty()) p += "/" + m.variant;
  return p;
}

// The subject for one imported Image, or false when the image names no repository and digest.
bool subjectOf(const Image& image, std::string source, const ImageImportSpec* spec, const RepositoryImportSpec* repo,
               const std::string& tag, SubjectTarget& out) {
  ReferenceParse parsed = parseDockerImageReference(image.dockerImageReference);
  if (!parsed.ok() || image.metadata.name.empty() || !isValidDigest(image.metadata.name)) return false;
  DockerImageReference ref = parsed.ref->dockerClientDefaults();
  out.source = std::move(source);
  out.host = ref.asV2().registry;
  out.repositoryPath = ref.repositoryName();
  out.repository = ref.asRepository().exact();
  out.digest = image.metadata.name;
  out.pullReference = out.repository + "@" + out.digest;
  out.tag = tag;
  out.credentialRef = out.repository;
  out.insecure = spec ? spec->importPolicy.insecure : repo ? repo->importPolicy.insecure : false;
  out.isList = !image.dockerImageManifests.empty();
  return true;
}

// The tag an entry of spec.images was imported from (its from.name's tag), when it named one.
std::string tagOf(const ImageImportSpec& spec) {
  ReferenceParse parsed = parseDockerImageReference(spec.from.name);
  if (!parsed.ok() || !parsed.ref->id.empty()) return "";
  return parsed.ref->tag.empty() ? "latest" : parsed.ref->tag;
}

void addImage(const ImageImportStatus& status, const std::string& source, const ImageImportSpec* spec,
              const RepositoryImportSpec* repo, const std::string& tag, std::vector<SubjectTarget>& out) {
  if (!status.image) return;
  SubjectTarget list;
  if (!subjectOf(*status.image, source, spec, repo, tag, list)) return;
  out.push_back(list);
  for (size_t j = 0; j < status.manifests.size(); ++j) {
    SubjectTarget entry;
    if (!subjectOf(status.manifests[j], source + ".manifests[" + std::to_string(j) + "]", spec, repo, "", entry)) continue;
    for (const ImageManifest& m : status.image->dockerImageManifests) {
      if (m.digest == entry.digest) entry.platform = platformOf(m);
    }
    // BuildKit's attestation manifests sit in the list as "unknown/unknown": they are what vouches
    // for the images beside them (found there by discovery), not images to vouch for.
    if (entry.platform == "unknown/unknown") continue;
    entry.listDigest = list.digest;
    out.push_back(std::move(entry));
  }
}

}  // namespace

std::vector<SubjectTarget> subjectsOf(const ImageStreamImport& answer) {
  std::vector<SubjectTarget> out;
  const auto& spec = answer.spec;
  for (size_t i = 0; i < answer.status.images.size(); ++i) {
    const ImageImportSpec* entry = i < spec.images.size() ? &spec.images[i] : nullptr;
    addImage(answer.status.images[i], "status.images[" + std::to_string(i) + "]", entry, nullptr,
             entry ? tagOf(*entry) : "", out);
  }
  if (answer.status.repository) {
    const auto& images = answer.status.repository->images;
    const RepositoryImportSpec* repo = spec.repository ? &*spec.repository : nullptr;
    for (size_t i = 0; i < images.size(); ++i) {
      addImage(images[i], "status.repository.images[" + std::to_string(i) + "]", nullptr, repo, images[i].tag, out);
    }
  }
  return out;
}

}  // namespace isimport

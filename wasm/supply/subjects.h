// The images of an ImageStreamImport answer that something may vouch for
// (docs/supply-chain.md §9.1): each image of status.images, each entry of a list kept whole
// (PreserveOriginal), each image of the repository import; with the repository to ask and the
// reference a pod would pull.
#pragma once

#include <string>
#include <vector>

#include "model/image_stream_import.h"

namespace isimport {

struct SubjectTarget {
  std::string source;         // "status.images[0]", "status.images[0].manifests[1]", "status.repository.images[2]"
  std::string host;           // the registry's v2 host ("quay.io", "127.0.0.1:5000", "registry-1.docker.io")
  std::string repositoryPath; // registry-relative, defaulted as a client does ("library/nginx")
  std::string repository;     // registry/path, as people write it ("quay.io/openshift/cli")
  std::string digest;         // the image's name: its manifest digest
  std::string platform;       // os/arch[/variant] of a list entry; "" otherwise
  std::string pullReference;  // repository@digest: what the ImageStream hands a pod
  std::string tag;            // the tag it was imported from, when there was one (finds its index)
  std::string credentialRef;  // the reference the keyring is asked with
  bool insecure = false;      // the importPolicy of the spec entry it came from
  bool isList = false;        // a manifest list / index kept whole
  std::string listDigest;     // the digest of the list this entry belongs to ("" otherwise)
};

// The subjects in answer order; images without a digest (failed imports) are not subjects.
std::vector<SubjectTarget> subjectsOf(const ImageStreamImport& answer);

}  // namespace isimport

// Registry credentials from a docker config.json / pull secret, matched to images as upstream's
// credential keyring does (Kubernetes credentialprovider, docs/import.md §3.5).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace isimport {

struct BasicCredentials {
  std::string username, password;
};

class Keyring {
 public:
  // Reads {"auths": {...}} (dockerconfigjson) or the legacy top-level map (dockercfg): a document
  // with an "auths" member, or with any member that is not an object or null, is read as the
  // former (other members such as credsStore are ignored); otherwise as the latter. Entries carry
  // "auth" (base64 user:pass, which then replaces "username"/"password") and/or
  // "username"/"password".
  //
  // `error` is set as upstream's json.Unmarshal of a pull secret fails: Go's JSON texts, an invalid
  // "auth" as `illegal base64 data at input byte N`, or `unable to parse auth field, must be
  // formatted as base64(username:password)`. Upstream then fails every image of the import with
  // `Internal error occurred: <ref>: <error>` (the secret is read when the repository is opened);
  // the keyring returned is empty.
  static Keyring fromDockerConfig(std::string_view json, std::string& error);

  // Credentials for an image given as its defaulted reference string without scheme, e.g.
  // "docker.io/library/nginx:latest" or "quay.io/org/app@sha256:…": the first entry of the first
  // key (in reverse-lexicographic key order) whose host labels glob-match, whose port is equal and
  // whose path is a prefix of the image path; failing that, for Docker Hub images, the entry of the
  // key "index.docker.io" (as "https://index.docker.io/v1/" normalizes). The credentials may be
  // empty strings (upstream then sends no Basic and no `account=`).
  std::optional<BasicCredentials> lookup(std::string_view image) const;

  // Every match in upstream's order (what the keyring's Lookup returns).
  std::vector<BasicCredentials> lookupAll(std::string_view image) const;

  bool empty() const { return entries_.empty(); }

  // Normalized keys, in lookup order (for tests and diagnostics).
  std::vector<std::string> keys() const;

 private:
  struct Entry {
    std::string key;  // normalized: host[:port][/path]
    BasicCredentials credentials;
  };
  std::vector<Entry> entries_;  // reverse-lexicographic by key; entries of one key in document order
};

}  // namespace isimport

// A Docker reference as containers/image reads one (docker/reference `ParseNormalizedNamed`: the
// Distribution grammar, docker.io and library/ filled in), split into the parts its policy code
// compares: Name(), the tag, the digest, and whether it is name-only (docs/image-policy.md §11.5).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace isimport {

struct NamedReference {
  std::string name;    // "docker.io/library/busybox", "registry.example.com:5000/ns/repo"
  std::string tag;     // "" when none
  std::string digest;  // "" when none
  bool nameOnly() const { return tag.empty() && digest.empty(); }
  // String(): name[:tag][@digest].
  std::string string() const;
};

struct NamedReferenceParse {
  std::optional<NamedReference> ref;
  std::string error;  // the parse error's text when !ref
};

// ParseNormalizedNamed.
NamedReferenceParse parseNormalizedReference(std::string_view text);
// ParseNamed: ParseNormalizedNamed, and the text must already be in its normalized form.
NamedReferenceParse parseCanonicalReference(std::string_view text);

}  // namespace isimport

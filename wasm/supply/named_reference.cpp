#include "supply/named_reference.h"

#include "model/reference.h"

namespace isimport {

std::string NamedReference::string() const {
  std::string s = name;
  if (!tag.empty()) s += ":" + tag;
  if (!digest.empty()) s += "@" + digest;
  return s;
}

NamedReferenceParse parseNormalizedReference(std::string_view text) {
  NamedReferenceParse out;
  NormalizedReference normalized = parseNormalizedNamed(text);
  if (!normalized.ok()) {
    out.error = normalized.error;
    return out;
  }
  // The normalized text is name[:tag][@digest]; a tag's ':' comes after the name's last '/'.
  std::string_view s = normalized.value;
  NamedReference ref;
  if (size_t at = s.find('@'); at != std::string_view::npos) {
    ref.digest = std::string(s.substr(at + 1));
    s = s.substr(0, at);
  }
  size_t slash = s.rfind('/');
  size_t colon = s.rfind(':');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    ref.tag = std::string(s.substr(colon + 1));
    s = s.substr(0, colon);
  }
  ref.name = std::string(s);
  out.ref = std::move(ref);
  return out;
}

NamedReferenceParse parseCanonicalReference(std::string_view text) {
  NamedReferenceParse out = parseNormalizedReference(text);
  if (out.ref && out.ref->string() != text) {
    out.ref.reset();
    out.error = "repository name must be canonical";  // docker/reference ErrNameNotCanonical
  }
  return out;
}

}  // namespace isimport

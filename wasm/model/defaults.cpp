#include "model/defaults.h"

#include "go/go_text.h"  // sameText
#include "model/reference.h"

namespace isimport {
namespace {

// A default that is one of the API's words views that word's literal, which outlives every object;
// any other text (a cluster's mode the API does not know) is copied.
void setDefault(Text& field, std::string_view value) {
  for (const char* word : {"Legacy", "PreserveOriginal", "Source"}) {
    if (sameText(value, word)) return field.borrow(word);
  }
  field = value;
}

void defaultPolicies(TagImportPolicy& importPolicy, TagReferencePolicy& referencePolicy,
                     const std::string& defaultImportMode) {
  if (importPolicy.importMode.empty()) setDefault(importPolicy.importMode, defaultImportMode);
  if (referencePolicy.type.empty()) setDefault(referencePolicy.type, "Source");
}

}  // namespace

void applyDefaults(ImageStream& stream, const std::string& defaultImportMode) {
  for (TagReference& tag : stream.spec.tags) defaultPolicies(tag.importPolicy, tag.referencePolicy, defaultImportMode);
}

void applyDefaults(ImageStreamImport& isi, const std::string& defaultImportMode, CheckedFromNames* checked) {
  if (checked) checked->assign(isi.spec.images.size(), std::nullopt);
  for (size_t i = 0; i < isi.spec.images.size(); ++i) {
    ImageImportSpec& image = isi.spec.images[i];
    if (!image.to) {
      // Only a name that parses and carries an explicit tag names the target tag.
      ReferenceCheck parsed = checkDockerImageReference(image.from.name);
      if (checked) (*checked)[i] = parsed.code;
      if (parsed.ok() && !parsed.parts->tag.empty()) image.to = LocalObjectReference{std::string(parsed.parts->tag)};
    }
    defaultPolicies(image.importPolicy, image.referencePolicy, defaultImportMode);
  }
  if (isi.spec.repository) {
    defaultPolicies(isi.spec.repository->importPolicy, isi.spec.repository->referencePolicy, defaultImportMode);
  }
  if (isi.status.import) applyDefaults(*isi.status.import, defaultImportMode);
}

}  // namespace isimport

// Image references as OpenShift (library-go reference.Parse) and Distribution read them: any text
// gives a parse or an error with upstream's words, never a crash; what parses prints an exact form
// that parses to itself; the JSON answer the page reads is JSON.
#include "boundary/api.h"
#include "fuzz_support.h"
#include "model/reference.h"

using namespace isimport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ReferenceParse parsed = parseDockerImageReference(text);
  fuzz::check(parsed.ok() != !parsed.error.empty(), "a reference parses or says why not");
  if (parsed.ok()) {
    const DockerImageReference& ref = *parsed.ref;
    std::string exact = ref.exact();
    ReferenceParse again = parseDockerImageReference(exact);
    if (again.ok()) fuzz::check(again.ref->exact() == exact, "the exact form of a reference is a fixed point", exact);
    (void)ref.dockerClientDefaults().registryUrl();
    (void)ref.mostSpecific().string();
    (void)normalizedString(ref);
  }
  NormalizedReference normalized = parseNormalizedNamed(text);
  fuzz::check(normalized.ok() == !normalized.value.empty(), "a normalized name or its error", normalized.error);
  fuzz::mustBeJson(parseReferenceJson(text), "parseReferenceJson's answer");
  return 0;
}

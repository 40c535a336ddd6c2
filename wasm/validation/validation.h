// Validation of the three kinds exactly as openshift-apiserver runs it on create (docs/validation.md §2).
//
// Input is the decoded and defaulted v1 object (codec.h's decodeObject applies v1 defaulting, as
// the API server does before validating). Rules, their order and every text follow
// openshift-apiserver's `pkg/image/apis/image/validation` and the Kubernetes ObjectMeta rules it
// calls (k8s.io/kubernetes core `ValidateObjectMeta` over apimachinery's). Where upstream walks a
// Go map (spec tags, status tags, labels, annotations) and so reports in random order, errors come
// in ascending key order here. The name and format rules are format_rules.h's.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model/defaults.h"
#include "model/image_stream_import.h"
#include "validation/field_error.h"
#include "validation/format_rules.h"

namespace isimport {

// ValidateImageStreamImport: spec.images[*] in order, spec.repository, the "nothing to import"
// rule, then metadata (namespaced, image-stream name rules). docs/validation.md §2.2. `checked`:
// what defaulting learnt of the same object's from.names (defaults.h), not parsed again.
ErrorList validateImageStreamImport(const ImageStreamImport& isi, const CheckedFromNames* checked = nullptr);

// ValidateImageStream (no registry allow-list): metadata, the 'namespace/name' ≤ 255 rule,
// spec.dockerImageRepository, spec tags, status tag items. docs/validation.md §2.8.
ErrorList validateImageStream(const ImageStream& stream);

// ValidateImage: metadata (cluster-scoped, path-segment names; a non-empty namespace is
// Forbidden — the API server clears it for cluster-scoped kinds before validating),
// dockerImageReference, signatures, manifest-list entries. docs/validation.md §2.8.
//
// Upstream quirk: ValidateImageSignature dereferences a nil pointer (the Go handler panics and the
// server answers HTTP 500 "This request caused apiserver to panic. Look in the logs for
// details.") when a signature condition is neither the newest Trusted condition nor a first
// ForImage condition while no ForImage condition has been seen yet. That case is reported here as
// a FieldErrorType::Internal error on `signatures[i].conditions[j]` with detail
// "runtime error: invalid memory address or nil pointer dereference"; the remaining checks of
// that signature are skipped, as the panic would.
ErrorList validateImage(const Image& image);

// ---------------------------------------------------------------------------------------------
// Building blocks, exposed for other validators and for tests
// ---------------------------------------------------------------------------------------------

// Kubernetes core ValidateObjectMeta (apimachinery's rules plus the core finalizer-name rule).
ErrorList validateObjectMeta(const ObjectMeta& meta, bool requiresNamespace, NameValidator nameFn,
                             const FieldPath& path);
// apimachinery's ValidateObjectMetaAccessor alone (what the generic create path runs after the
// kind's own validation, with validatePathSegmentName).
ErrorList validateGenericObjectMeta(const ObjectMeta& meta, bool requiresNamespace, NameValidator nameFn,
                                    const FieldPath& path);

// ValidateImportPolicy: importMode must be "", Legacy or PreserveOriginal. `owner` gives the path
// of the field holding the policy, asked only for an error.
ErrorList validateImportPolicy(const TagImportPolicy& policy, const std::function<FieldPath()>& owner);

// ValidateImageStreamTagReference without an allow-list.
ErrorList validateTagReference(const TagReference& tag, const FieldPath& path);

// validateImageSignature (see the quirk note on validateImage).
ErrorList validateImageSignature(const ImageSignature& signature, const FieldPath& path);

}  // namespace isimport

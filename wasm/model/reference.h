// Container image references as OpenShift's image API understands them.
//
// Behaviour follows openshift/library-go `pkg/image/reference` (DockerImageReference and its
// Parse), which sits on library-go's private copy of an older Distribution reference grammar and
// digest package, and — for the "normalized" form used in importer error messages — the
// Distribution v3 `reference.ParseNormalizedNamed` (+ opencontainers/go-digest) that
// openshift-apiserver's importer uses. See docs/validation.md §2.3, docs/import.md §3.2, docs/acceptance.md §5.2.
//
// Everything here is a hand-written scanner (no regex, no exceptions). Parsing allocates nothing
// except the strings of the returned reference; error texts are static.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace isimport {

// ---------------------------------------------------------------------------------------------
// Digests ("algorithm:hex")
// ---------------------------------------------------------------------------------------------

enum class DigestError {
    None,
    InvalidFormat,  // "invalid checksum digest format"
    InvalidLength,  // "invalid checksum digest length"
    Unsupported,    // "unsupported digest algorithm"
};

// Error text for a digest error; empty for DigestError::None.
std::string_view digestErrorText(DigestError e);

// library-go's internal digest validation (what `reference.Parse`, `MostSpecific`, `NameString`
// and `Exact` use): `[A-Za-z0-9_+.-]+:[A-Fa-f0-9]+`, then algorithm must be sha256/sha384/sha512
// (case-sensitive) with exactly 64/96/128 hex characters (upper-case hex is accepted).
DigestError validateDigest(std::string_view digest);
inline bool isValidDigest(std::string_view digest) { return validateDigest(digest) == DigestError::None; }

// opencontainers/go-digest v1.0.0 validation (used by Distribution's parser): same algorithms and
// lengths, but the hex must be lower-case, and the length is checked before the character set.
DigestError validateOciDigest(std::string_view digest);

// ---------------------------------------------------------------------------------------------
// Grammar pieces (library-go grammar)
// ---------------------------------------------------------------------------------------------

// `[\w][\w.-]{0,127}` — the tag production of the reference grammar.
bool matchesTagGrammar(std::string_view tag);
// `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}` — the digest production
// (syntax only; see validateDigest for the semantic check Parse applies afterwards).
bool matchesDigestGrammar(std::string_view digest);

// ---------------------------------------------------------------------------------------------
// DockerImageReference
// ---------------------------------------------------------------------------------------------

inline constexpr std::string_view kDockerDefaultRegistry = "docker.io";
inline constexpr std::string_view kDockerDefaultV1Registry = "index.docker.io";
inline constexpr std::string_view kDockerDefaultV2Registry = "registry-1.docker.io";
inline constexpr std::string_view kDockerDefaultNamespace = "library";
inline constexpr std::string_view kDefaultImageTag = "latest";

// docker.io, index.docker.io or registry-1.docker.io (exact, case-sensitive).
bool isRegistryDockerHub(std::string_view registry);

struct DockerImageReference {
    std::string registry;
    std::string nameSpace;  // upstream "Namespace"
    std::string name;
    std::string tag;
    std::string id;

    // `[registry/][namespace/]name` followed by `@id` when id is a valid digest, `:id` when id is
    // set otherwise, else `:tag` when tag is set. Empty name → "" (even with a registry: a
    // registry-only reference such as `quay.io` renders as ""; an unmerged library-go branch
    // commit renders `quay.io/` — not what openshift-apiserver vendors).
    std::string exact() const;
    // Upstream String(): exact() after filling namespace "library" when it is empty and the
    // registry is Docker Hub. (No other defaulting: `foo` stays `foo`.)
    std::string string() const;
    // name with `@id` / `:id` / `:tag` as in exact(); "" when name is empty.
    std::string nameString() const;
    // Registry-relative repository: `namespace/name` or `name` ("" when name is empty).
    std::string repositoryName() const;
    // `https://` + asV2().registry, rendered like Go's url.URL{Scheme:"https",Host:h}.String()
    // (bytes outside the URL host set are %-escaped; an empty host gives "https:").
    std::string registryUrl() const;

    // Registry "" → docker.io; namespace "" on a Docker Hub registry → library; tag "" → latest.
    DockerImageReference dockerClientDefaults() const;
    // Tag "latest" → "".
    DockerImageReference minimal() const;
    // index.docker.io / registry-1.docker.io → docker.io, drop "library" on Docker Hub, minimal().
    DockerImageReference daemonMinimal() const;
    // docker.io / index.docker.io → registry-1.docker.io.
    DockerImageReference asV2() const;
    // Tag and id cleared.
    DockerImageReference asRepository() const;
    // id a valid digest → tag cleared; id set but not a digest and no tag → id moved to tag.
    DockerImageReference mostSpecific() const;
    // Equality after dockerClientDefaults() on both sides.
    bool equal(const DockerImageReference& other) const;

    bool operator==(const DockerImageReference&) const = default;
};

// ---------------------------------------------------------------------------------------------
// Parsing (library-go reference.Parse)
// ---------------------------------------------------------------------------------------------

enum class ReferenceError {
    None,
    NameEmpty,              // "repository name must have at least one component"
    NameContainsUppercase,  // "repository name must be lowercase"
    InvalidFormat,          // "invalid reference format"
    NameTooLong,            // "repository name must not be more than 255 characters"
    DigestInvalidFormat,    // "invalid checksum digest format" (unreachable from Parse)
    DigestUnsupported,      // "unsupported digest algorithm"
    DigestInvalidLength,    // "invalid checksum digest length"
};

// Exact upstream error text; empty for ReferenceError::None.
std::string_view referenceErrorText(ReferenceError e);

struct ReferenceParse {
    std::optional<DockerImageReference> ref;  // set on success
    ReferenceError code = ReferenceError::None;
    std::string_view error;  // static text (referenceErrorText(code)); empty on success
    bool ok() const { return ref.has_value(); }
};

// Parse a pull spec exactly like library-go `reference.Parse`, including its quirks:
//  * `quay.io`, `localhost:5000` (no `/`, and a `.` or a `localhost` prefix) are "registry only":
//    registry = the whole input (tag/digest text included), name and tag empty, id = digest.
//  * `sha256:<hex>` is name `sha256` with a tag.
//  * the first path segment is a registry only if it has `.` or `:` or is exactly `localhost`;
//    otherwise it is the namespace (`bar/foo/baz` → namespace bar, name foo/baz).
ReferenceParse parseDockerImageReference(std::string_view spec);

// The same parse with the parts as views into `spec` (nothing copied): for the callers that only
// check a reference or read one part of it (validation, defaulting), once per document each.
struct ReferenceParts {
    std::string_view registry, nameSpace, name, tag, id;
};
struct ReferenceCheck {
    std::optional<ReferenceParts> parts;  // set on success
    ReferenceError code = ReferenceError::None;
    std::string_view error;  // static text (referenceErrorText(code)); empty on success
    bool ok() const { return parts.has_value(); }
};
ReferenceCheck checkDockerImageReference(std::string_view spec);

// ---------------------------------------------------------------------------------------------
// Distribution's normalized named reference (importer error messages, docs/import.md §3.2 / §3.9)
// ---------------------------------------------------------------------------------------------

struct NormalizedReference {
    std::string value;  // String() of the normalized reference, e.g. docker.io/library/nginx:1
    std::string error;  // the parse error text when it fails (value empty)
    bool ok() const { return error.empty(); }
};

// Distribution v3 `ParseNormalizedNamed(s).String()`: a first segment without `.`/`:` that is not
// `localhost` (and is lower-case) gets `docker.io/` in front; `index.docker.io` becomes
// `docker.io`; a Docker Hub name without `/` gets `library/`. The result is then checked with
// Distribution's grammar (which, unlike library-go's, accepts `[IPv6]` hosts) and go-digest.
// Errors are the upstream texts, e.g. `invalid reference format`,
// `invalid reference format: repository name (Foo) must be lowercase`,
// `invalid repository name (<s>), cannot specify 64-byte hexadecimal strings`.
// Limitation: case-folding of non-ASCII letters is not modelled (input from parse is ASCII).
NormalizedReference parseNormalizedNamed(std::string_view s);

// The importer's form: parseNormalizedNamed(ref.exact()). On failure the importer reports
// `unable to parse docker reference <ref.exact()>: <error>`.
NormalizedReference normalizedString(const DockerImageReference& ref);

}  // namespace isimport

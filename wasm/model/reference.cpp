// Hand-written matcher for the image reference grammar (see reference.h).
//
// Grammar (library-go's copy of the older Distribution grammar):
//   reference := name [":" tag] ["@" digest]
//   name      := [host "/"] component ("/" component)*
//   host      := label ("." label)* [":" digits]   label: alnum, or alnum [alnum-]* alnum
//   component := [a-z0-9]+ (sep [a-z0-9]+)*      sep: "." | "_" | "__" | "-"+
//   tag       := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
//   digest    := algo ":" hex{32,}                algo: [A-Za-z][A-Za-z0-9]* joined by [-_+.]
// Distribution v3 additionally accepts a bracketed IPv6 host `[hex and colons]`.
//
// The split into name / tag / digest is unambiguous: `@` occurs only before the digest; a `:`
// after the last `/` of the part before `@` can only start the tag (components never hold `:`,
// and a host port must be followed by `/`). So the matcher locates the pieces directly and then
// checks each one.

#include "model/reference.h"

#include <cstddef>
#include <cstdint>

#include "go/go_text.h"  // sameText

namespace isimport {

namespace {

constexpr std::size_t kNameTotalLengthMax = 255;
constexpr std::size_t kTagMaxLength = 128;
constexpr std::size_t kNpos = std::string_view::npos;

constexpr bool isDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool isLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool isAlpha(char c) { return isLower(c) || isUpper(c); }
constexpr bool isAlnum(char c) { return isAlpha(c) || isDigit(c); }
constexpr bool isLowerAlnum(char c) { return isLower(c) || isDigit(c); }
constexpr bool isWord(char c) { return isAlnum(c) || c == '_'; }
constexpr bool isHex(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
constexpr bool isLowerHex(char c) { return isDigit(c) || (c >= 'a' && c <= 'f'); }
constexpr char toLowerAscii(char c) { return isUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// Character sources the matcher runs over: the text itself, or the text lower-cased on the fly
// (for the "would it match in lower case?" retry, without copying).
struct PlainSource {
    std::string_view s;
    std::size_t size() const { return s.size(); }
    char operator[](std::size_t i) const { return s[i]; }
};
struct LowerSource {
    std::string_view s;
    std::size_t size() const { return s.size(); }
    char operator[](std::size_t i) const { return toLowerAscii(s[i]); }
};

template <class S>
std::size_t findChar(const S& s, char c, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i)
        if (s[i] == c) return i;
    return kNpos;
}

// label := [A-Za-z0-9] | [A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]
template <class S>
bool matchHostLabel(const S& s, std::size_t b, std::size_t e) {
    if (b >= e || !isAlnum(s[b]) || !isAlnum(s[e - 1])) return false;
    for (std::size_t i = b + 1; i + 1 < e; ++i)
        if (!isAlnum(s[i]) && s[i] != '-') return false;
    return true;
}

template <class S>
bool matchDigits(const S& s, std::size_t b, std::size_t e) {
    if (b >= e) return false;
    for (std::size_t i = b; i < e; ++i)
        if (!isDigit(s[i])) return false;
    return true;
}

// host := (label ("." label)* | "[" [0-9A-Fa-f:]+ "]" (IPv6, Distribution only)) [":" digits]
template <class S>
bool matchHost(const S& s, std::size_t b, std::size_t e, bool allowIPv6) {
    if (b >= e) return false;
    if (allowIPv6 && s[b] == '[') {
        std::size_t close = findChar(s, ']', b + 1, e);
        if (close == kNpos || close == b + 1) return false;
        for (std::size_t i = b + 1; i < close; ++i)
            if (!isHex(s[i]) && s[i] != ':') return false;
        if (close + 1 == e) return true;
        return s[close + 1] == ':' && matchDigits(s, close + 2, e);
    }
    std::size_t hostEnd = findChar(s, ':', b, e);
    if (hostEnd != kNpos) {
        if (!matchDigits(s, hostEnd + 1, e)) return false;
    } else {
        hostEnd = e;
    }
    std::size_t labelStart = b;
    for (;;) {
        std::size_t dot = findChar(s, '.', labelStart, hostEnd);
        std::size_t labelEnd = dot == kNpos ? hostEnd : dot;
        if (!matchHostLabel(s, labelStart, labelEnd)) return false;
        if (dot == kNpos) return true;
        labelStart = dot + 1;
    }
}

// tag := [\w][\w.-]{0,127}
template <class S>
bool matchTag(const S& s, std::size_t b, std::size_t e) {
    if (b >= e || e - b > kTagMaxLength || !isWord(s[b])) return false;
    for (std::size_t i = b + 1; i < e; ++i)
        if (!isWord(s[i]) && s[i] != '.' && s[i] != '-') return false;
    return true;
}

// digest := [A-Za-z][A-Za-z0-9]* ([-_+.][A-Za-z][A-Za-z0-9]*)* ":" [0-9A-Fa-f]{32,}
template <class S>
bool matchDigest(const S& s, std::size_t b, std::size_t e) {
    std::size_t colon = findChar(s, ':', b, e);
    if (colon == kNpos) return false;
    std::size_t i = b;
    for (;;) {
        if (i >= colon || !isAlpha(s[i])) return false;
        ++i;
        while (i < colon && isAlnum(s[i])) ++i;
        if (i == colon) break;
        char c = s[i];
        if (c != '-' && c != '_' && c != '+' && c != '.') return false;
        ++i;
    }
    if (e - (colon + 1) < 32) return false;
    for (std::size_t j = colon + 1; j < e; ++j)
        if (!isHex(s[j])) return false;
    return true;
}

// component := [a-z0-9]+ (("." | "_" | "__" | "-"+) [a-z0-9]+)*
// Where the component starting at `b` ends (the first '/' or `e`), or kNpos when the text from
// `b` up to that end is not a component. One pass, for a name's segments.
template <class S>
std::size_t componentEnd(const S& s, std::size_t b, std::size_t e) {
    std::size_t i = b;
    for (;;) {
        if (i >= e || !isLowerAlnum(s[i])) return kNpos;  // a run must start here
        while (++i < e && isLowerAlnum(s[i])) {}
        if (i == e || s[i] == '/') return i;
        char c = s[i];
        if (c == '.') {
            ++i;
        } else if (c == '_') {
            if (++i < e && s[i] == '_') ++i;
        } else if (c == '-') {
            while (++i < e && s[i] == '-') {}
        } else {
            return kNpos;
        }
    }
}

// name := [host "/"] component ("/" component)*
template <class S>
bool matchName(const S& s, std::size_t e, bool allowIPv6) {
    std::size_t end = componentEnd(s, 0, e);
    if (end == kNpos) {
        // Not a component: the first segment can still be a host, if a path follows it.
        std::size_t slash = findChar(s, '/', 0, e);
        if (slash == kNpos || !matchHost(s, 0, slash, allowIPv6)) return false;
        end = slash;
    }
    while (end != e) {  // at a '/'
        end = componentEnd(s, end + 1, e);
        if (end == kNpos) return false;
    }
    return true;
}

struct Spans {
    std::size_t nameEnd = 0;
    std::size_t tagBegin = 0, tagEnd = 0;  // tagBegin == tagEnd: no tag
    std::size_t digestBegin = 0;           // 0: no digest (a digest never starts at 0)
    bool hasTag() const { return tagEnd > tagBegin; }
    bool hasDigest() const { return digestBegin != 0; }
};

// The anchored `name(:tag)?(@digest)?` match; fills the capture spans.
template <class S>
bool matchReference(const S& s, bool allowIPv6, Spans& out) {
    const std::size_t n = s.size();
    out = Spans{};
    // One pass finds the pieces: the first '@', and before it the first ':' after the last '/'.
    std::size_t at = kNpos, colon = kNpos;
    for (std::size_t i = 0; i < n; ++i) {
        char c = s[i];
        if (c == '@') {
            at = i;
            break;
        }
        if (c == '/') {
            colon = kNpos;
        } else if (c == ':' && colon == kNpos) {
            colon = i;
        }
    }
    std::size_t prefixEnd = n;
    if (at != kNpos) {
        if (!matchDigest(s, at + 1, n)) return false;
        prefixEnd = at;
        out.digestBegin = at + 1;
    }
    out.nameEnd = prefixEnd;
    if (colon != kNpos) {
        if (!matchTag(s, colon + 1, prefixEnd)) return false;
        out.nameEnd = colon;
        out.tagBegin = colon + 1;
        out.tagEnd = prefixEnd;
    }
    return matchName(s, out.nameEnd, allowIPv6);
}

// Would the grammar match Go's strings.ToLower(s)? Go lower-cases by Unicode simple case mapping;
// the only non-ASCII code points whose lower case is ASCII are U+0130 (İ → i) and U+212A
// (Kelvin sign → k). Any other non-ASCII byte leaves non-ASCII text, which cannot match.
bool lowerCaseMatches(std::string_view s, bool allowIPv6) {
    Spans spans;
    bool ascii = true;
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) {
            ascii = false;
            break;
        }
    if (ascii) return matchReference(LowerSource{s}, allowIPv6, spans);
    std::string lowered;  // rare path: only for non-ASCII input that already failed to parse
    lowered.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            lowered.push_back(toLowerAscii(static_cast<char>(c)));
        } else if (c == 0xC4 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xB0) {
            lowered.push_back('i');
            i += 1;
        } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x84 &&
                   static_cast<unsigned char>(s[i + 2]) == 0xAA) {
            lowered.push_back('k');
            i += 2;
        } else {
            return false;
        }
    }
    return matchReference(PlainSource{lowered}, allowIPv6, spans);
}

// Does Go's strings.ToLower(s) differ from s? ASCII upper case and invalid UTF-8 (which Go
// replaces by U+FFFD) make it differ; valid non-ASCII letters are treated as caseless (see the
// limitation noted in reference.h).
bool lowerDiffers(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (isUpper(static_cast<char>(c))) return true;
            ++i;
            continue;
        }
        std::size_t len;
        std::uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return true;
        }
        if (i + len > s.size()) return true;
        for (std::size_t k = 1; k < len; ++k) {
            unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return true;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return true;
        i += len;
    }
    return false;
}

// (In the wasm build string_view's find is a call to memchr, no faster for these short texts.)
std::size_t findIn(std::string_view s, char c) { return findChar(PlainSource{s}, c, 0, s.size()); }
bool containsChar(std::string_view s, char c) { return findIn(s, c) != kNpos; }

ReferenceCheck parseFailure(ReferenceError code) {
    ReferenceCheck r;
    r.code = code;
    r.error = referenceErrorText(code);
    return r;
}

ReferenceError fromDigestError(DigestError e) {
    switch (e) {
        case DigestError::None: return ReferenceError::None;
        case DigestError::InvalidFormat: return ReferenceError::DigestInvalidFormat;
        case DigestError::InvalidLength: return ReferenceError::DigestInvalidLength;
        case DigestError::Unsupported: return ReferenceError::DigestUnsupported;
    }
    return ReferenceError::InvalidFormat;
}

// Expected hex length for a supported algorithm, 0 otherwise.
std::size_t algorithmHexLength(std::string_view algorithm) {
    if (algorithm == "sha256") return 64;
    if (algorithm == "sha384") return 96;
    if (algorithm == "sha512") return 128;
    return 0;
}

// Go's url.URL{Scheme: "https", Host: host}.String().
std::string httpsUrl(std::string_view host) {
    if (host.empty()) return "https:";
    static constexpr char kHexDigits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(8 + host.size());
    out.append("https://");
    for (char ch : host) {
        unsigned char c = static_cast<unsigned char>(ch);
        bool keep = isAlnum(ch);
        switch (ch) {
            case '-': case '_': case '.': case '~':
            case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+':
            case ',': case ';': case '=': case ':': case '[': case ']': case '<': case '>': case '"':
                keep = true;
                break;
            default:
                break;
        }
        if (keep) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(kHexDigits[c >> 4]);
            out.push_back(kHexDigits[c & 0xF]);
        }
    }
    return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Digests
// ---------------------------------------------------------------------------------------------

std::string_view digestErrorText(DigestError e) {
    switch (e) {
        case DigestError::None: return {};
        case DigestError::InvalidFormat: return "invalid checksum digest format";
        case DigestError::InvalidLength: return "invalid checksum digest length";
        case DigestError::Unsupported: return "unsupported digest algorithm";
    }
    return {};
}

DigestError validateDigest(std::string_view d) {
    // ^[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+$
    std::size_t colon = d.find(':');
    if (colon == kNpos || colon == 0 || colon + 1 == d.size()) return DigestError::InvalidFormat;
    for (std::size_t i = 0; i < colon; ++i) {
        char c = d[i];
        if (!isAlnum(c) && c != '-' && c != '_' && c != '+' && c != '.') return DigestError::InvalidFormat;
    }
    for (std::size_t i = colon + 1; i < d.size(); ++i)
        if (!isHex(d[i])) return DigestError::InvalidFormat;
    std::size_t want = algorithmHexLength(d.substr(0, colon));
    if (want == 0) return DigestError::Unsupported;
    if (d.size() - colon - 1 != want) return DigestError::InvalidLength;
    return DigestError::None;
}

DigestError validateOciDigest(std::string_view d) {
    std::size_t colon = d.find(':');
    if (colon == kNpos || colon == 0 || colon + 1 == d.size()) return DigestError::InvalidFormat;
    std::string_view algorithm = d.substr(0, colon);
    std::string_view encoded = d.substr(colon + 1);
    std::size_t want = algorithmHexLength(algorithm);
    if (want == 0) {
        // ^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$
        bool atStart = true;  // at the start of an alphanumeric run
        for (char c : algorithm) {
            if (isLowerAlnum(c)) {
                atStart = false;
            } else if ((c == '.' || c == '+' || c == '_' || c == '-') && !atStart) {
                atStart = true;
            } else {
                return DigestError::InvalidFormat;
            }
        }
        if (atStart) return DigestError::InvalidFormat;
        for (char c : encoded)
            if (!isAlnum(c) && c != '=' && c != '_' && c != '-') return DigestError::InvalidFormat;
        return DigestError::Unsupported;
    }
    if (encoded.size() != want) return DigestError::InvalidLength;
    for (char c : encoded)
        if (!isLowerHex(c)) return DigestError::InvalidFormat;
    return DigestError::None;
}

bool matchesTagGrammar(std::string_view tag) { return matchTag(PlainSource{tag}, 0, tag.size()); }

bool matchesDigestGrammar(std::string_view digest) {
    return matchDigest(PlainSource{digest}, 0, digest.size());
}

// ---------------------------------------------------------------------------------------------
// DockerImageReference
// ---------------------------------------------------------------------------------------------

bool isRegistryDockerHub(std::string_view registry) {
    return registry == kDockerDefaultRegistry || registry == kDockerDefaultV1Registry ||
           registry == kDockerDefaultV2Registry;
}

namespace {

// name with `@id` (id a valid digest), `:id` (other id), `:tag`, or nothing; appended to out.
void appendNameString(std::string& out, const DockerImageReference& r) {
    out.append(r.name);
    if (!r.id.empty()) {
        out.push_back(isValidDigest(r.id) ? '@' : ':');
        out.append(r.id);
    } else if (!r.tag.empty()) {
        out.push_back(':');
        out.append(r.tag);
    }
}

std::string renderExact(const DockerImageReference& r, std::string_view nameSpace) {
    if (r.name.empty()) return {};
    std::string out;
    out.reserve(r.registry.size() + nameSpace.size() + r.name.size() + r.tag.size() + r.id.size() + 4);
    if (!r.registry.empty()) out.append(r.registry).push_back('/');
    if (!nameSpace.empty()) out.append(nameSpace).push_back('/');
    appendNameString(out, r);
    return out;
}

}  // namespace

std::string DockerImageReference::nameString() const {
    if (name.empty()) return {};
    std::string out;
    out.reserve(name.size() + 1 + (id.empty() ? tag.size() : id.size()));
    appendNameString(out, *this);
    return out;
}

std::string DockerImageReference::exact() const { return renderExact(*this, nameSpace); }

std::string DockerImageReference::string() const {
    if (nameSpace.empty() && isRegistryDockerHub(registry)) return renderExact(*this, kDockerDefaultNamespace);
    return renderExact(*this, nameSpace);
}

std::string DockerImageReference::repositoryName() const {
    if (name.empty()) return {};
    std::string out;
    out.reserve(nameSpace.size() + 1 + name.size());
    if (!nameSpace.empty()) out.append(nameSpace).push_back('/');
    out.append(name);
    return out;
}

std::string DockerImageReference::registryUrl() const {
    std::string_view host = registry;
    if (host == kDockerDefaultV1Registry || host == kDockerDefaultRegistry) host = kDockerDefaultV2Registry;
    return httpsUrl(host);
}

DockerImageReference DockerImageReference::dockerClientDefaults() const {
    DockerImageReference r = *this;
    if (r.registry.empty()) r.registry = kDockerDefaultRegistry;
    if (r.nameSpace.empty() && isRegistryDockerHub(r.registry)) r.nameSpace = kDockerDefaultNamespace;
    if (r.tag.empty()) r.tag = kDefaultImageTag;
    return r;
}

DockerImageReference DockerImageReference::minimal() const {
    DockerImageReference r = *this;
    if (r.tag == kDefaultImageTag) r.tag.clear();
    return r;
}

DockerImageReference DockerImageReference::daemonMinimal() const {
    DockerImageReference r = *this;
    if (r.registry == kDockerDefaultV1Registry || r.registry == kDockerDefaultV2Registry)
        r.registry = kDockerDefaultRegistry;
    if (isRegistryDockerHub(r.registry) && r.nameSpace == kDockerDefaultNamespace) r.nameSpace.clear();
    return r.minimal();
}

DockerImageReference DockerImageReference::asV2() const {
    DockerImageReference r = *this;
    if (r.registry == kDockerDefaultV1Registry || r.registry == kDockerDefaultRegistry)
        r.registry = kDockerDefaultV2Registry;
    return r;
}

DockerImageReference DockerImageReference::asRepository() const {
    DockerImageReference r = *this;
    r.tag.clear();
    r.id.clear();
    return r;
}

DockerImageReference DockerImageReference::mostSpecific() const {
    DockerImageReference r = *this;
    if (r.id.empty()) return r;
    if (isValidDigest(r.id)) {
        r.tag.clear();
    } else if (r.tag.empty()) {
        r.tag = std::move(r.id);
        r.id.clear();
    }
    return r;
}

bool DockerImageReference::equal(const DockerImageReference& other) const {
    return dockerClientDefaults() == other.dockerClientDefaults();
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

std::string_view referenceErrorText(ReferenceError e) {
    switch (e) {
        case ReferenceError::None: return {};
        case ReferenceError::NameEmpty: return "repository name must have at least one component";
        case ReferenceError::NameContainsUppercase: return "repository name must be lowercase";
        case ReferenceError::InvalidFormat: return "invalid reference format";
        case ReferenceError::NameTooLong: return "repository name must not be more than 255 characters";
        case ReferenceError::DigestInvalidFormat: return digestErrorText(DigestError::InvalidFormat);
        case ReferenceError::DigestUnsupported: return digestErrorText(DigestError::Unsupported);
        case ReferenceError::DigestInvalidLength: return digestErrorText(DigestError::InvalidLength);
    }
    return {};
}

ReferenceCheck checkDockerImageReference(std::string_view spec) {
    Spans spans;
    if (!matchReference(PlainSource{spec}, false, spans)) {
        if (spec.empty()) return parseFailure(ReferenceError::NameEmpty);
        if (lowerCaseMatches(spec, false)) return parseFailure(ReferenceError::NameContainsUppercase);
        return parseFailure(ReferenceError::InvalidFormat);
    }
    if (spans.nameEnd > kNameTotalLengthMax) return parseFailure(ReferenceError::NameTooLong);
    std::string_view digest;
    if (spans.hasDigest()) {
        digest = spec.substr(spans.digestBegin);
        // The grammar has checked every character; what go-digest adds is the algorithm's length.
        std::size_t colon = findIn(digest, ':');
        std::size_t want = algorithmHexLength(digest.substr(0, colon));
        if (want == 0) return parseFailure(ReferenceError::DigestUnsupported);
        if (digest.size() - colon - 1 != want) return parseFailure(ReferenceError::DigestInvalidLength);
    }

    const std::string_view fullName = spec.substr(0, spans.nameEnd);
    const std::size_t slash = findIn(fullName, '/');
    std::string_view registry, path;
    bool registryOnly = false;
    if (slash == kNpos) {
        registryOnly = containsChar(fullName, '.') || sameText(fullName.substr(0, 9), "localhost");
        if (registryOnly)
            registry = spec;  // the whole reference text, tag and digest included (upstream quirk)
        else
            path = fullName;
    } else {
        std::string_view first = fullName.substr(0, slash);
        bool looksLikeRegistry = containsChar(first, ':') || containsChar(first, '.') || sameText(first, "localhost");
        if (looksLikeRegistry) {
            registry = first;
            path = fullName.substr(slash + 1);
        } else {
            path = fullName;
        }
    }
    std::string_view nameSpace, name = path;
    if (std::size_t i = findIn(path, '/'); i != kNpos) {
        nameSpace = path.substr(0, i);
        name = path.substr(i + 1);
    }

    ReferenceCheck result;
    ReferenceParts& parts = result.parts.emplace();
    parts.registry = registry;
    parts.nameSpace = nameSpace;
    parts.name = name;
    if (!registryOnly && spans.hasTag()) parts.tag = spec.substr(spans.tagBegin, spans.tagEnd - spans.tagBegin);
    parts.id = digest;
    return result;
}

ReferenceParse parseDockerImageReference(std::string_view spec) {
    ReferenceCheck check = checkDockerImageReference(spec);
    ReferenceParse result;
    result.code = check.code;
    result.error = check.error;
    if (check.parts) {
        const ReferenceParts& parts = *check.parts;
        result.ref = DockerImageReference{std::string(parts.registry), std::string(parts.nameSpace),
                                          std::string(parts.name), std::string(parts.tag), std::string(parts.id)};
    }
    return result;
}

// ---------------------------------------------------------------------------------------------
// Distribution normalized names
// ---------------------------------------------------------------------------------------------

NormalizedReference parseNormalizedNamed(std::string_view s) {
    NormalizedReference out;

    if (s.size() == 64) {
        bool identifier = true;
        for (char c : s)
            if (!isLowerHex(c)) {
                identifier = false;
                break;
            }
        if (identifier) {
            out.error.append("invalid repository name (").append(s).append(
                "), cannot specify 64-byte hexadecimal strings");
            return out;
        }
    }

    // splitDockerDomain
    std::string_view domain, remainder;
    const std::size_t slash = s.find('/');
    bool implicitDomain = slash == kNpos;
    if (!implicitDomain) {
        std::string_view first = s.substr(0, slash);
        implicitDomain = !containsChar(first, '.') && !containsChar(first, ':') && first != "localhost" &&
                         !lowerDiffers(first);
    }
    if (implicitDomain) {
        domain = kDockerDefaultRegistry;
        remainder = s;
    } else {
        domain = s.substr(0, slash);
        remainder = s.substr(slash + 1);
    }
    if (domain == kDockerDefaultV1Registry) domain = kDockerDefaultRegistry;
    const bool addLibrary = domain == kDockerDefaultRegistry && !containsChar(remainder, '/');

    std::string_view remote = remainder.substr(0, remainder.find(':'));
    if (lowerDiffers(remote)) {
        out.error.append("invalid reference format: repository name (");
        if (addLibrary) out.error.append("library/");
        out.error.append(remote).append(") must be lowercase");
        return out;
    }

    std::string full;
    full.reserve(domain.size() + 1 + (addLibrary ? 8 : 0) + remainder.size());
    full.append(domain).push_back('/');
    if (addLibrary) full.append("library/");
    full.append(remainder);

    // Distribution's Parse (the input is never empty here).
    Spans spans;
    ReferenceError code = ReferenceError::None;
    if (!matchReference(PlainSource{full}, true, spans)) {
        code = lowerCaseMatches(full, true) ? ReferenceError::NameContainsUppercase : ReferenceError::InvalidFormat;
    } else if (spans.nameEnd > kNameTotalLengthMax) {
        code = ReferenceError::NameTooLong;
    } else if (spans.hasDigest()) {
        code = fromDigestError(validateOciDigest(std::string_view(full).substr(spans.digestBegin)));
    }
    if (code != ReferenceError::None) {
        out.error.assign(referenceErrorText(code));
        return out;
    }
    out.value = std::move(full);
    return out;
}

NormalizedReference normalizedString(const DockerImageReference& ref) { return parseNormalizedNamed(ref.exact()); }

}  // namespace isimport

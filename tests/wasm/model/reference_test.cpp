// Tests for wasm/reference.{h,cpp}: library-go reference.Parse / DockerImageReference, the
// digest checks, and Distribution's normalized names. Expected values follow docs/validation.md §2.3/docs/acceptance.md §5.2,
// library-go's reference_test.go, the DockerImageReference helper tests of openshift-apiserver, and
// behaviour checked against the upstream Go packages.

#include "model/reference.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace isimport {
namespace {

const std::string kHex64 = "3c87c572822935df60f0f5d3665bd376841a7fcfeb806b5f212de6a00e9a7b25";
const std::string kSha = "sha256:" + kHex64;

std::string rep(char c, std::size_t n) { return std::string(n, c); }

struct Want {
    std::string registry, nameSpace, name, tag, id;
};

void expectParsed(const std::string& in, const Want& w) {
    SCOPED_TRACE("input: " + in);
    ReferenceParse p = parseDockerImageReference(in);
    ASSERT_TRUE(p.ok()) << p.error;
    EXPECT_EQ(p.code, ReferenceError::None);
    EXPECT_TRUE(p.error.empty());
    EXPECT_EQ(p.ref->registry, w.registry);
    EXPECT_EQ(p.ref->nameSpace, w.nameSpace);
    EXPECT_EQ(p.ref->name, w.name);
    EXPECT_EQ(p.ref->tag, w.tag);
    EXPECT_EQ(p.ref->id, w.id);
}

void expectError(const std::string& in, std::string_view text) {
    SCOPED_TRACE("input: " + in);
    ReferenceParse p = parseDockerImageReference(in);
    ASSERT_FALSE(p.ok());
    EXPECT_NE(p.code, ReferenceError::None);
    EXPECT_EQ(p.error, text);
    EXPECT_EQ(referenceErrorText(p.code), text);
}

constexpr std::string_view kInvalid = "invalid reference format";
constexpr std::string_view kUpper = "repository name must be lowercase";
constexpr std::string_view kEmpty = "repository name must have at least one component";
constexpr std::string_view kTooLong = "repository name must not be more than 255 characters";
constexpr std::string_view kUnsupported = "unsupported digest algorithm";
constexpr std::string_view kBadLength = "invalid checksum digest length";
constexpr std::string_view kBadFormat = "invalid checksum digest format";

DockerImageReference make(std::string registry, std::string ns, std::string name, std::string tag = "",
                          std::string id = "") {
    return DockerImageReference{std::move(registry), std::move(ns), std::move(name), std::move(tag), std::move(id)};
}

// ---------------------------------------------------------------------------------------------
// library-go reference_test.go TestParse (all rows), which includes every row of docs/acceptance.md §5.2
// ---------------------------------------------------------------------------------------------

TEST(ReferenceParse, UpstreamSuccessRows) {
    expectParsed("foo", {"", "", "foo", "", ""});
    expectParsed("foo:tag", {"", "", "foo", "tag", ""});
    expectParsed(kSha, {"", "", "sha256", kHex64, ""});
    expectParsed("foo@" + kSha, {"", "", "foo", "", kSha});
    expectParsed("bar/foo", {"", "bar", "foo", "", ""});
    expectParsed("bar/foo:tag", {"", "bar", "foo", "tag", ""});
    expectParsed("bar/foo@" + kSha, {"", "bar", "foo", "", kSha});
    expectParsed("bar/foo/baz", {"", "bar", "foo/baz", "", ""});
    expectParsed("bar/library/baz", {"", "bar", "library/baz", "", ""});
    expectParsed("bar/foo/baz:tag", {"", "bar", "foo/baz", "tag", ""});
    expectParsed("bar/foo/baz@" + kSha, {"", "bar", "foo/baz", "", kSha});
    expectParsed("bar:5000/foo/baz", {"bar:5000", "foo", "baz", "", ""});
    expectParsed("bar:5000/library/baz", {"bar:5000", "library", "baz", "", ""});
    expectParsed("bar:5000/baz", {"bar:5000", "", "baz", "", ""});
    expectParsed("bar:5000/foo/baz:tag", {"bar:5000", "foo", "baz", "tag", ""});
    expectParsed("bar:5000/foo/baz@" + kSha, {"bar:5000", "foo", "baz", "", kSha});
    expectParsed("myregistry.io/foo", {"myregistry.io", "", "foo", "", ""});
    expectParsed("localhost/bar", {"localhost", "", "bar", "", ""});
    expectParsed("docker.io/library/myapp", {"docker.io", "library", "myapp", "", ""});
    expectParsed("docker.io/myapp", {"docker.io", "", "myapp", "", ""});
    expectParsed("docker.io/user/myapp", {"docker.io", "user", "myapp", "", ""});
    expectParsed("docker.io/user/project/myapp", {"docker.io", "user", "project/myapp", "", ""});
    expectParsed("index.docker.io/bar", {"index.docker.io", "", "bar", "", ""});
    // registry/namespace/name == 255 characters
    expectParsed("bar:5000/" + rep('a', 63) + "/" + rep('b', 182) + ":tag",
                 {"bar:5000", rep('a', 63), rep('b', 182), "tag", ""});
    expectParsed("docker.io/library/" + rep('b', 231) + ":tag", {"docker.io", "library", rep('b', 231), "tag", ""});
    expectParsed("docker.io/" + rep('b', 231) + ":tag", {"docker.io", "", rep('b', 231), "tag", ""});
    expectParsed("quay.io", {"quay.io", "", "", "", ""});
    expectParsed("quay.io/org", {"quay.io", "", "org", "", ""});
    expectParsed("localhost:5000", {"localhost:5000", "", "", "", ""});
    expectParsed("localhost:5000/org", {"localhost:5000", "", "org", "", ""});
    expectParsed("wildfly:15.0", {"", "", "wildfly", "15.0", ""});
    expectParsed("bar/foo/baz/biz", {"", "bar", "foo/baz/biz", "", ""});
}

TEST(ReferenceParse, UpstreamErrorRowsWithTexts) {
    expectError("bar:5000/" + rep('a', 63) + "/" + rep('b', 183) + ":tag", kTooLong);
    expectError("docker.io/" + rep('b', 246) + ":tag", kTooLong);
    expectError("registry.io/foo/bar/:Tag", kInvalid);
    expectError("https://bar:5000/foo/baz", kInvalid);
    expectError("http://bar:5000/foo/baz@" + kSha, kInvalid);
    expectError("registry:3000/integration/imageStream:success", kUpper);
    expectError("registry:5000/integration/test-image-stream@sha256:00000000000000000000000000000001", kBadLength);
    expectError("abc@badid", kInvalid);
    expectError("index.docker.io/mysql@sha256:bad", kInvalid);
    expectError("@" + kSha, kInvalid);
    expectError(":tag", kInvalid);
    expectError("bar/foo/baz////biz", kInvalid);
    expectError("//foo/baz/biz", kInvalid);
    expectError("ftp://baz/baz/biz", kInvalid);
    expectError("", kEmpty);
}

// String() column of the pre-2020 version of the same upstream table. Rows still hold with the
// current Exact(), except registry-only references, which now render as "" (were "quay.io/").
TEST(ReferenceParse, UpstreamStringColumn) {
    const std::vector<std::pair<std::string, std::string>> rows = {
        {"foo", "foo"},
        {"foo:tag", "foo:tag"},
        {kSha, kSha},
        {"foo@" + kSha, "foo@" + kSha},
        {"bar/foo", "bar/foo"},
        {"bar/foo:tag", "bar/foo:tag"},
        {"bar/foo/baz@" + kSha, "bar/foo/baz@" + kSha},
        {"bar:5000/library/baz", "bar:5000/library/baz"},
        {"bar:5000/baz", "bar:5000/baz"},
        {"myregistry.io/foo", "myregistry.io/foo"},
        {"localhost/bar", "localhost/bar"},
        {"docker.io/library/myapp", "docker.io/library/myapp"},
        {"docker.io/myapp", "docker.io/library/myapp"},
        {"docker.io/user/project/myapp", "docker.io/user/project/myapp"},
        {"index.docker.io/bar", "index.docker.io/library/bar"},
        {"docker.io/" + rep('b', 231) + ":tag", "docker.io/library/" + rep('b', 231) + ":tag"},
        {"quay.io/org", "quay.io/org"},
        {"localhost:5000/org", "localhost:5000/org"},
        {"wildfly:15.0", "wildfly:15.0"},
        {"bar/foo/baz/biz", "bar/foo/baz/biz"},
        {"quay.io", ""},
        {"localhost:5000", ""},
    };
    for (const auto& [in, want] : rows) {
        ReferenceParse p = parseDockerImageReference(in);
        ASSERT_TRUE(p.ok()) << in;
        EXPECT_EQ(p.ref->string(), want) << in;
    }
}

// ---------------------------------------------------------------------------------------------
// Grammar edge cases
// ---------------------------------------------------------------------------------------------

TEST(ReferenceParse, ComponentSeparators) {
    expectParsed("a--b", {"", "", "a--b", "", ""});
    expectParsed("a-----b/c", {"", "a-----b", "c", "", ""});
    expectParsed("a__b", {"", "", "a__b", "", ""});
    expectParsed("a_b-c", {"", "", "a_b-c", "", ""});
    expectParsed("a_b.c-d", {"a_b.c-d", "", "", "", ""});  // a `.` without `/`: registry only
    expectError("a___b", kInvalid);
    expectError("a..b", kInvalid);
    expectError("a._b", kInvalid);
    expectError("a-_b", kInvalid);
    expectError("a_-b", kInvalid);
    expectError("-a", kInvalid);
    expectError("a-", kInvalid);
    expectError("a_", kInvalid);
    expectError("foo/.bar", kInvalid);
    expectError("foo/bar.", kInvalid);
    expectError("foo/", kInvalid);
    expectError("/foo", kInvalid);
    expectError("foo//bar", kInvalid);
    expectError("foo bar", kInvalid);
    expectError("*", kInvalid);
    expectError("foo/*", kInvalid);
}

TEST(ReferenceParse, UppercaseHandling) {
    expectError("Foo", kUpper);
    expectError("foo/Bar", kUpper);
    expectError("foo/bar/Baz:tag", kUpper);
    expectError("FOO", kUpper);
    // Lower-casing must make the whole thing match; otherwise it is just a format error.
    expectError("Foo/bar/", kInvalid);
    expectError("foo/Bar@sha256:bad", kInvalid);
    // An upper-case first segment is accepted as a *host* by the grammar, and then (having no `.`
    // or `:` and not being localhost) it becomes the namespace.
    expectParsed("FOO/bar", {"", "FOO", "bar", "", ""});
    expectParsed("Quay.io/foo", {"Quay.io", "", "foo", "", ""});
    expectParsed("My-Registry:5000/foo", {"My-Registry:5000", "", "foo", "", ""});
    // Tags may be upper case; digest algorithms pass the grammar but not the validation.
    expectParsed("foo:TAG_1.0-x", {"", "", "foo", "TAG_1.0-x", ""});
    expectError("foo@SHA256:" + kHex64, kUnsupported);
    // Upper-case hex is accepted by library-go's digest check.
    std::string upperHex = kHex64;
    for (char& c : upperHex)
        if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    expectParsed("foo@sha256:" + upperHex, {"", "", "foo", "", "sha256:" + upperHex});
}

TEST(ReferenceParse, UnicodeLowercasing) {
    // Go lower-cases U+0130 (İ) to "i" and U+212A (Kelvin sign) to "k".
    expectError("foo\xC4\xB0", kUpper);
    expectError("\xE2\x84\xAA" "ube/ctl", kUpper);
    expectError("foo\xC3\xA9", kInvalid);   // é
    expectError("foo\xC3\x89", kInvalid);   // É lower-cases to é: still not ASCII
    expectError("foo\xFF", kInvalid);
    expectError("foo\xC4", kInvalid);       // truncated sequence
    expectError(std::string("foo\0bar", 7), kInvalid);
}

TEST(ReferenceParse, HostsAndPorts) {
    expectParsed("localhost:5000/foo:1.0", {"localhost:5000", "", "foo", "1.0", ""});
    expectParsed("localhost/foo/bar", {"localhost", "foo", "bar", "", ""});
    expectParsed("127.0.0.1:5000/foo", {"127.0.0.1:5000", "", "foo", "", ""});
    expectParsed("a.b.c/d/e/f", {"a.b.c", "d", "e/f", "", ""});
    expectParsed("ho-st/foo", {"", "ho-st", "foo", "", ""});           // no `.`/`:` → namespace
    expectParsed("ho--st.io/foo", {"ho--st.io", "", "foo", "", ""});
    expectParsed("ho_st.io/foo", {"ho_st.io", "", "foo", "", ""});     // valid as a component
    expectParsed("localhostfoo/bar", {"", "localhostfoo", "bar", "", ""});
    expectParsed("host:0/foo", {"host:0", "", "foo", "", ""});
    expectParsed("registry-1.docker.io/foo", {"registry-1.docker.io", "", "foo", "", ""});
    expectError("host:/foo", kInvalid);
    expectError("host:abc/foo", kInvalid);
    expectError("host:50:00/foo", kInvalid);
    expectError("-host.io/foo", kInvalid);
    expectError("host-.io/foo", kInvalid);
    expectError("host..io/foo", kInvalid);
    expectError(".host.io/foo", kInvalid);
    expectError("ho_st:5000/foo", kInvalid);
    expectError("user@host/foo", kInvalid);
}

TEST(ReferenceParse, IPv6NotAccepted) {
    expectError("[::1]/foo", kInvalid);
    expectError("[::1]:5000/foo", kInvalid);
    expectError("[2001:db8::1]:5000/foo:tag", kInvalid);
    expectError("[fe80::1]", kInvalid);
}

TEST(ReferenceParse, RegistryOnlyQuirk) {
    // No `/`, and a `.` or a `localhost` prefix: the whole input becomes the registry.
    expectParsed("localhost", {"localhost", "", "", "", ""});
    expectParsed("localhostfoo", {"localhostfoo", "", "", "", ""});
    expectParsed("a.b", {"a.b", "", "", "", ""});
    expectParsed("quay.io:443", {"quay.io:443", "", "", "", ""});  // tag text kept in the registry
    expectParsed("quay.io:latest", {"quay.io:latest", "", "", "", ""});
    expectParsed("localhost:5000@" + kSha, {"localhost:5000@" + kSha, "", "", "", kSha});
    expectParsed("a.b:tag@" + kSha, {"a.b:tag@" + kSha, "", "", "", kSha});
    expectParsed("quay.io@" + kSha, {"quay.io@" + kSha, "", "", "", kSha});
    // Without the registry look, it is a plain name with a tag.
    expectParsed("foo:5000", {"", "", "foo", "5000", ""});
}

TEST(ReferenceParse, TagLength) {
    expectParsed("foo:" + rep('t', 128), {"", "", "foo", rep('t', 128), ""});
    expectError("foo:" + rep('t', 129), kInvalid);
    expectParsed("foo:_", {"", "", "foo", "_", ""});
    expectParsed("foo:0", {"", "", "foo", "0", ""});
    expectParsed("foo:a.b-c_d", {"", "", "foo", "a.b-c_d", ""});
    expectError("foo:.a", kInvalid);
    expectError("foo:-a", kInvalid);
    expectError("foo:", kInvalid);
    expectError("foo:a:b", kInvalid);
    expectError("foo:a/b", kInvalid);
    expectError("foo:a+b", kInvalid);
    expectError("foo@", kInvalid);
    EXPECT_TRUE(matchesTagGrammar(rep('x', 128)));
    EXPECT_FALSE(matchesTagGrammar(rep('x', 129)));
    EXPECT_FALSE(matchesTagGrammar(""));
}

TEST(ReferenceParse, NameLengthLimit) {
    // The limit applies to the whole name (registry included), not to tag or digest.
    expectParsed(rep('a', 255), {"", "", rep('a', 255), "", ""});
    expectError(rep('a', 256), kTooLong);
    expectParsed("quay.io/" + rep('a', 247) + ":" + rep('t', 128) + "@" + kSha,
                 {"quay.io", "", rep('a', 247), rep('t', 128), kSha});
    expectError("quay.io/" + rep('a', 248), kTooLong);
    // Length is checked before the digest is validated.
    expectError(rep('a', 256) + "@sha256:" + rep('0', 32), kTooLong);
    // ... but after the grammar (and upper-case) check.
    expectError(rep('a', 255) + "A", kUpper);
    expectError(rep('a', 300) + "/", kInvalid);
}

TEST(ReferenceParse, Digests) {
    expectParsed("foo@sha384:" + rep('a', 96), {"", "", "foo", "", "sha384:" + rep('a', 96)});
    expectParsed("foo@sha512:" + rep('b', 128), {"", "", "foo", "", "sha512:" + rep('b', 128)});
    expectParsed("foo:tag@" + kSha, {"", "", "foo", "tag", kSha});
    expectParsed("quay.io/o/r:1@" + kSha, {"quay.io", "o", "r", "1", kSha});
    expectError("foo@sha256:" + rep('a', 63), kBadLength);
    expectError("foo@sha256:" + rep('a', 65), kBadLength);
    expectError("foo@sha384:" + rep('a', 64), kBadLength);
    expectError("foo@sha512:" + rep('a', 96), kBadLength);
    expectError("foo@sha256:" + rep('a', 31), kInvalid);  // the grammar wants 32+ hex
    expectError("foo@md5:" + rep('a', 32), kUnsupported);
    expectError("foo@sha256+b64:" + rep('a', 64), kUnsupported);
    expectError("foo@a.b-c_d+e:" + rep('a', 40), kUnsupported);
    expectError("foo@9sha:" + rep('a', 64), kInvalid);
    expectError("foo@sha256:" + rep('g', 64), kInvalid);
    expectError("foo@sha256" + kHex64, kInvalid);
    expectError("foo@" + kSha + "@" + kSha, kInvalid);
    expectError("foo@sha256:" + kHex64 + ":tag", kInvalid);
    EXPECT_TRUE(matchesDigestGrammar("sha256:" + rep('a', 32)));
    EXPECT_TRUE(matchesDigestGrammar("A1.b2+C3-d4_e5:" + rep('F', 40)));
    EXPECT_FALSE(matchesDigestGrammar("sha256::" + rep('a', 32)));
    EXPECT_FALSE(matchesDigestGrammar("sha256-:" + rep('a', 32)));
    EXPECT_FALSE(matchesDigestGrammar(":" + rep('a', 32)));
}

// ---------------------------------------------------------------------------------------------
// Digest validation
// ---------------------------------------------------------------------------------------------

TEST(Digest, LibraryGoValidate) {
    EXPECT_EQ(validateDigest(kSha), DigestError::None);
    EXPECT_EQ(validateDigest("sha256:" + rep('A', 64)), DigestError::None);
    EXPECT_EQ(validateDigest("sha384:" + rep('0', 96)), DigestError::None);
    EXPECT_EQ(validateDigest("sha512:" + rep('f', 128)), DigestError::None);
    EXPECT_EQ(validateDigest("sha256:" + rep('a', 32)), DigestError::InvalidLength);
    EXPECT_EQ(validateDigest("sha512:" + rep('a', 64)), DigestError::InvalidLength);
    EXPECT_EQ(validateDigest("md5:" + rep('a', 32)), DigestError::Unsupported);
    EXPECT_EQ(validateDigest("SHA256:" + kHex64), DigestError::Unsupported);
    EXPECT_EQ(validateDigest("a-b_c+d.e:0"), DigestError::Unsupported);
    EXPECT_EQ(validateDigest(kHex64), DigestError::InvalidFormat);
    EXPECT_EQ(validateDigest(""), DigestError::InvalidFormat);
    EXPECT_EQ(validateDigest("sha256:"), DigestError::InvalidFormat);
    EXPECT_EQ(validateDigest(":" + kHex64), DigestError::InvalidFormat);
    EXPECT_EQ(validateDigest("sha256:" + rep('g', 64)), DigestError::InvalidFormat);
    EXPECT_EQ(validateDigest("sha/256:" + kHex64), DigestError::InvalidFormat);
    EXPECT_EQ(validateDigest("sha256:" + kHex64 + ":00"), DigestError::InvalidFormat);
    EXPECT_EQ(validateDigest("d0a28ab59a"), DigestError::InvalidFormat);
    EXPECT_TRUE(isValidDigest(kSha));
    EXPECT_FALSE(isValidDigest("sha256:bad"));
    EXPECT_EQ(digestErrorText(DigestError::InvalidFormat), kBadFormat);
    EXPECT_EQ(digestErrorText(DigestError::InvalidLength), kBadLength);
    EXPECT_EQ(digestErrorText(DigestError::Unsupported), kUnsupported);
    EXPECT_EQ(digestErrorText(DigestError::None), "");
}

TEST(Digest, OciValidate) {
    EXPECT_EQ(validateOciDigest(kSha), DigestError::None);
    EXPECT_EQ(validateOciDigest("sha384:" + rep('0', 96)), DigestError::None);
    EXPECT_EQ(validateOciDigest("sha512:" + rep('f', 128)), DigestError::None);
    // Upper-case hex: fine for library-go, a format error for go-digest.
    EXPECT_EQ(validateOciDigest("sha256:" + rep('A', 64)), DigestError::InvalidFormat);
    // Length is checked before the character set.
    EXPECT_EQ(validateOciDigest("sha256:" + rep('G', 63)), DigestError::InvalidLength);
    EXPECT_EQ(validateOciDigest("sha256:" + rep('g', 64)), DigestError::InvalidFormat);
    EXPECT_EQ(validateOciDigest("md5:" + rep('a', 32)), DigestError::Unsupported);
    EXPECT_EQ(validateOciDigest("sha256+b64:abc=_-XYZ"), DigestError::Unsupported);
    EXPECT_EQ(validateOciDigest("SHA256:" + kHex64), DigestError::InvalidFormat);
    EXPECT_EQ(validateOciDigest("a..b:00"), DigestError::InvalidFormat);
    EXPECT_EQ(validateOciDigest("a.:00"), DigestError::InvalidFormat);
    EXPECT_EQ(validateOciDigest("md5:a+b"), DigestError::InvalidFormat);
    EXPECT_EQ(validateOciDigest(":00"), DigestError::InvalidFormat);
    EXPECT_EQ(validateOciDigest("sha256:"), DigestError::InvalidFormat);
    EXPECT_EQ(validateOciDigest("sha256"), DigestError::InvalidFormat);
}

// ---------------------------------------------------------------------------------------------
// DockerImageReference methods
// ---------------------------------------------------------------------------------------------

// openshift-apiserver helper tests: TestDockerImageReferenceString.
TEST(DockerImageReference, StringTable) {
    struct Row {
        DockerImageReference ref;
        std::string want;
    };
    const std::vector<Row> rows = {
        {make("", "", "foo"), "foo"},
        {make("", "", "foo", "tag"), "foo:tag"},
        {make("", "", "foo", "", kSha), "foo@" + kSha},
        {make("", "", "foo", "", kHex64), "foo:" + kHex64},
        {make("", "bar", "foo"), "bar/foo"},
        {make("", "bar", "foo", "tag"), "bar/foo:tag"},
        {make("", "bar", "foo", "", kSha), "bar/foo@" + kSha},
        {make("bar", "foo", "baz"), "bar/foo/baz"},
        {make("bar", "foo", "baz", "tag"), "bar/foo/baz:tag"},
        {make("bar", "foo", "baz", "", kSha), "bar/foo/baz@" + kSha},
        {make("bar:5000", "foo", "baz"), "bar:5000/foo/baz"},
        {make("bar:5000", "foo", "baz", "tag"), "bar:5000/foo/baz:tag"},
        {make("bar:5000", "library", "baz", "tag"), "bar:5000/library/baz:tag"},
        {make("bar:5000", "foo", "baz", "", kSha), "bar:5000/foo/baz@" + kSha},
        {make("docker.io", "user", "app"), "docker.io/user/app"},
        {make("index.docker.io", "", "foo"), "index.docker.io/library/foo"},
        {make("index.docker.io", "library", "bar", "", kSha), "index.docker.io/library/bar@" + kSha},
        {make("registry-1.docker.io", "", "foo", "1"), "registry-1.docker.io/library/foo:1"},
        {make("docker.io", "", "", "tag"), ""},
    };
    for (const auto& r : rows) EXPECT_EQ(r.ref.string(), r.want) << r.want;
}

// openshift-apiserver helper tests: TestDockerImageReferenceAsRepository.
TEST(DockerImageReference, AsRepository) {
    EXPECT_EQ(make("", "bar", "foo", "tag").asRepository().string(), "bar/foo");
    EXPECT_EQ(make("", "bar", "foo", "", kSha).asRepository().string(), "bar/foo");
    EXPECT_EQ(make("bar", "foo", "baz").asRepository().string(), "bar/foo/baz");
    EXPECT_EQ(make("r", "n", "m", "t", kSha).asRepository(), make("r", "n", "m"));
}

// openshift-apiserver helper tests: TestDockerImageReferenceDaemonMinimal.
TEST(DockerImageReference, DaemonMinimal) {
    EXPECT_EQ(make("", "library", "foo", "tag").daemonMinimal().exact(), "library/foo:tag");
    EXPECT_EQ(make("", "bar", "foo", "", kSha).daemonMinimal().exact(), "bar/foo@" + kSha);
    EXPECT_EQ(make("bar", "foo", "baz").daemonMinimal().exact(), "bar/foo/baz");
    EXPECT_EQ(make("localhost:5000", "library", "bar", "latest").daemonMinimal().exact(),
              "localhost:5000/library/bar");
    EXPECT_EQ(make("index.docker.io", "foo", "bar", "latest").daemonMinimal().exact(), "docker.io/foo/bar");
    EXPECT_EQ(make("registry-1.docker.io", "library", "foo", "bar").daemonMinimal().exact(), "docker.io/foo:bar");
    EXPECT_EQ(make("docker.io", "foo", "library").daemonMinimal().exact(), "docker.io/foo/library");
    EXPECT_EQ(make("registry-1.docker.io", "", "library", "foo").daemonMinimal().exact(), "docker.io/library:foo");
    EXPECT_EQ(make("", "", "foo", "latest").minimal().tag, "");
    EXPECT_EQ(make("", "", "foo", "v1").minimal().tag, "v1");
}

// openshift-apiserver helper tests: TestDockerImageReferenceEquality.
TEST(DockerImageReference, Equality) {
    struct Row {
        DockerImageReference a, b;
        bool equal;
    };
    const std::vector<Row> rows = {
        {make("", "", ""), make("", "", ""), true},
        {make("", "", "openshift"), make("", "", "openshift"), true},
        {make("", "", "openshift"), make("", "", "openshift3"), false},
        {make("", "", "openshift"), make("docker.io", "library", "openshift", "latest"), true},
        {make("", "", "openshift"), make("docker.io", "library", "openshift", "v1.0"), false},
        {make("", "", "openshift"), make("docker.io", "library", "openshift", "latest", "d0a28ab59a"), false},
        // defaults never rewrite index.docker.io to docker.io
        {make("index.docker.io", "library", "openshift"), make("", "", "openshift"), false},
    };
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i].a.equal(rows[i].b), rows[i].equal) << "row " << i;
        EXPECT_EQ(rows[i].b.equal(rows[i].a), rows[i].equal) << "row " << i << " (commuted)";
    }
}

TEST(DockerImageReference, Exact) {
    EXPECT_EQ(make("", "", "foo").exact(), "foo");
    EXPECT_EQ(make("docker.io", "", "foo").exact(), "docker.io/foo");  // no defaulting
    EXPECT_EQ(make("quay.io", "o", "r", "1", kSha).exact(), "quay.io/o/r@" + kSha);  // id wins
    EXPECT_EQ(make("quay.io", "o", "r", "1", "abc").exact(), "quay.io/o/r:abc");     // non-digest id
    EXPECT_EQ(make("quay.io", "o", "r", "", "sha256:bad").exact(), "quay.io/o/r:sha256:bad");
    // Empty name renders as nothing at all, registry and namespace included.
    EXPECT_EQ(make("quay.io", "", "").exact(), "");
    EXPECT_EQ(make("quay.io", "ns", "", "tag", kSha).exact(), "");
    EXPECT_EQ(make("", "ns", "").exact(), "");
    // docs/import.md §3.7: image references are the group reference with the tag dropped and the id set.
    DockerImageReference img = *parseDockerImageReference("test:tag").ref;
    img.tag.clear();
    img.id = kSha;
    EXPECT_EQ(img.exact(), "test@" + kSha);
    img = *parseDockerImageReference("quay.io/org/app:1").ref;
    img.tag.clear();
    img.id = kSha;
    EXPECT_EQ(img.exact(), "quay.io/org/app@" + kSha);
}

TEST(DockerImageReference, NameString) {
    EXPECT_EQ(make("r", "n", "").nameString(), "");
    EXPECT_EQ(make("r", "n", "foo").nameString(), "foo");
    EXPECT_EQ(make("r", "n", "foo", "t").nameString(), "foo:t");
    EXPECT_EQ(make("r", "n", "foo", "t", kSha).nameString(), "foo@" + kSha);
    EXPECT_EQ(make("r", "n", "foo", "t", "d0a28ab59a").nameString(), "foo:d0a28ab59a");
}

TEST(DockerImageReference, MostSpecific) {
    EXPECT_EQ(make("r", "n", "foo", "t", kSha).mostSpecific(), make("r", "n", "foo", "", kSha));
    EXPECT_EQ(make("r", "n", "foo", "", "d0a28ab59a").mostSpecific(), make("r", "n", "foo", "d0a28ab59a", ""));
    EXPECT_EQ(make("r", "n", "foo", "t", "d0a28ab59a").mostSpecific(), make("r", "n", "foo", "t", "d0a28ab59a"));
    EXPECT_EQ(make("r", "n", "foo", "t").mostSpecific(), make("r", "n", "foo", "t"));
    EXPECT_EQ(make("r", "n", "foo", "t", "sha256:" + rep('a', 63)).mostSpecific(),
              make("r", "n", "foo", "t", "sha256:" + rep('a', 63)));
    EXPECT_EQ(make("r", "n", "foo", "t", kSha).mostSpecific().exact(), "r/n/foo@" + kSha);
}

TEST(DockerImageReference, DockerClientDefaults) {
    EXPECT_EQ(make("", "", "nginx").dockerClientDefaults(), make("docker.io", "library", "nginx", "latest"));
    EXPECT_EQ(make("", "bitnami", "nginx", "1").dockerClientDefaults(), make("docker.io", "bitnami", "nginx", "1"));
    EXPECT_EQ(make("index.docker.io", "", "nginx").dockerClientDefaults(),
              make("index.docker.io", "library", "nginx", "latest"));
    EXPECT_EQ(make("registry-1.docker.io", "", "nginx").dockerClientDefaults(),
              make("registry-1.docker.io", "library", "nginx", "latest"));
    EXPECT_EQ(make("quay.io", "", "nginx").dockerClientDefaults(), make("quay.io", "", "nginx", "latest"));
    // An id does not stop the tag default.
    EXPECT_EQ(make("", "", "nginx", "", kSha).dockerClientDefaults(), make("docker.io", "library", "nginx", "latest", kSha));
    EXPECT_EQ(make("", "", "nginx").dockerClientDefaults().exact(), "docker.io/library/nginx:latest");
}

TEST(DockerImageReference, RepositoryNameAndRegistryUrl) {
    auto defaults = [](const std::string& s) { return parseDockerImageReference(s).ref->dockerClientDefaults(); };
    EXPECT_EQ(defaults("nginx").repositoryName(), "library/nginx");
    EXPECT_EQ(defaults("nginx").registryUrl(), "https://registry-1.docker.io");
    EXPECT_EQ(defaults("index.docker.io/bar").registryUrl(), "https://registry-1.docker.io");
    EXPECT_EQ(defaults("registry-1.docker.io/bar").registryUrl(), "https://registry-1.docker.io");
    EXPECT_EQ(defaults("docker.io/user/project/app").repositoryName(), "user/project/app");
    EXPECT_EQ(defaults("quay.io/o/r:1").repositoryName(), "o/r");
    EXPECT_EQ(defaults("quay.io/o/r:1").registryUrl(), "https://quay.io");
    EXPECT_EQ(defaults("localhost:5000/r@" + kSha).repositoryName(), "r");
    EXPECT_EQ(defaults("localhost:5000/r@" + kSha).registryUrl(), "https://localhost:5000");
    EXPECT_EQ(defaults("Quay.IO/r").registryUrl(), "https://Quay.IO");
    // Registry-only quirks: no repository, and the digest text ends up in the URL host (escaped
    // the way Go's url.URL.String() escapes a host).
    EXPECT_EQ(defaults("quay.io").repositoryName(), "");
    EXPECT_EQ(defaults("localhost:5000@" + kSha).registryUrl(), "https://localhost:5000%40" + kSha);
    EXPECT_EQ(make("", "", "x").registryUrl(), "https:");
    EXPECT_EQ(make("docker.io", "", "x").asV2().registry, "registry-1.docker.io");
    EXPECT_EQ(make("index.docker.io", "", "x").asV2().registry, "registry-1.docker.io");
    EXPECT_EQ(make("quay.io", "", "x").asV2().registry, "quay.io");
    EXPECT_TRUE(isRegistryDockerHub("docker.io"));
    EXPECT_TRUE(isRegistryDockerHub("index.docker.io"));
    EXPECT_TRUE(isRegistryDockerHub("registry-1.docker.io"));
    EXPECT_FALSE(isRegistryDockerHub("Docker.io"));
    EXPECT_FALSE(isRegistryDockerHub(""));
}

// ---------------------------------------------------------------------------------------------
// Distribution normalized names (importer error messages)
// ---------------------------------------------------------------------------------------------

void expectNormalized(const std::string& in, const std::string& want) {
    NormalizedReference n = parseNormalizedNamed(in);
    EXPECT_TRUE(n.ok()) << in << ": " << n.error;
    EXPECT_EQ(n.value, want) << in;
}

void expectNormalizeError(const std::string& in, const std::string& want) {
    NormalizedReference n = parseNormalizedNamed(in);
    EXPECT_FALSE(n.ok()) << in;
    EXPECT_EQ(n.error, want) << in;
    EXPECT_EQ(n.value, "") << in;
}

TEST(Normalized, FamiliarNamesGainDomainAndLibrary) {
    expectNormalized("nginx:1", "docker.io/library/nginx:1");
    expectNormalized("nginx", "docker.io/library/nginx");  // no tag is added
    expectNormalized("busybox:latest", "docker.io/library/busybox:latest");
    expectNormalized("nginx@" + kSha, "docker.io/library/nginx@" + kSha);
    expectNormalized("bitnami/nginx:1", "docker.io/bitnami/nginx:1");
    expectNormalized("a/b/c", "docker.io/a/b/c");
    expectNormalized("docker.io/nginx", "docker.io/library/nginx");
    expectNormalized("index.docker.io/nginx:1", "docker.io/library/nginx:1");
    expectNormalized("index.docker.io/user/app", "docker.io/user/app");
    expectNormalized("registry-1.docker.io/nginx", "registry-1.docker.io/nginx");
    expectNormalized("quay.io/o/r@" + kSha, "quay.io/o/r@" + kSha);
    expectNormalized("quay.io/r", "quay.io/r");
    expectNormalized("localhost/foo", "localhost/foo");
    expectNormalized("localhost:5000/foo:1", "localhost:5000/foo:1");
    expectNormalized("localhostfoo/bar", "docker.io/localhostfoo/bar");
    expectNormalized("FOO/bar", "FOO/bar");  // upper-case first segment is taken as the domain
    expectNormalized("[::1]:5000/foo:1", "[::1]:5000/foo:1");  // Distribution accepts IPv6
    expectNormalized("[::1]/foo", "[::1]/foo");
    expectNormalized("foo@sha512:" + rep('a', 128), "docker.io/library/foo@sha512:" + rep('a', 128));
    expectNormalized("foo:tag@" + kSha, "docker.io/library/foo:tag@" + kSha);
}

TEST(Normalized, Errors) {
    expectNormalizeError(kHex64, "invalid repository name (" + kHex64 + "), cannot specify 64-byte hexadecimal strings");
    expectNormalized(kHex64 + ":latest", "docker.io/library/" + kHex64 + ":latest");
    expectNormalizeError("Foo", "invalid reference format: repository name (library/Foo) must be lowercase");
    expectNormalizeError("quay.io/Foo:tag", "invalid reference format: repository name (Foo) must be lowercase");
    expectNormalizeError("foo/Bar", "invalid reference format: repository name (foo/Bar) must be lowercase");
    expectNormalizeError("*:latest", "invalid reference format");
    expectNormalizeError("quay.io/", "invalid reference format");
    expectNormalizeError("", "invalid reference format");
    expectNormalizeError("foo@sha256:" + rep('A', 64), "invalid checksum digest format");
    expectNormalizeError("foo@sha256:" + rep('a', 32), "invalid checksum digest length");
    expectNormalizeError("foo@md5:" + rep('a', 32), "unsupported digest algorithm");
    // The added "library/" counts towards the 255-character limit.
    expectNormalizeError("docker.io/" + rep('b', 240), "repository name must not be more than 255 characters");
    expectNormalized("docker.io/" + rep('b', 237), "docker.io/library/" + rep('b', 237));
    // Upper case outside the repository path fails only in the final grammar check.
    expectNormalizeError("a_B.io/x", "repository name must be lowercase");
    expectNormalized("nginx:TAG", "docker.io/library/nginx:TAG");
}

TEST(Normalized, FromParsedReferences) {
    auto norm = [](const std::string& s) { return normalizedString(*parseDockerImageReference(s).ref); };
    auto normTag = [](const std::string& s, const std::string& tag) {
        DockerImageReference r = *parseDockerImageReference(s).ref;
        r.tag = tag;
        r.id.clear();
        return normalizedString(r);
    };
    // The importer renders the group reference with the tag being imported (docs/import.md §3.9 `R`).
    EXPECT_EQ(normTag("busybox", "latest").value, "docker.io/library/busybox:latest");
    EXPECT_EQ(normTag("nginx:1", "1").value, "docker.io/library/nginx:1");
    EXPECT_EQ(normTag("docker.io/library/nginx", "1").value, "docker.io/library/nginx:1");
    EXPECT_EQ(norm("quay.io/o/r@" + kSha).value, "quay.io/o/r@" + kSha);
    EXPECT_EQ(norm("quay.io/o/r:1@" + kSha).value, "quay.io/o/r@" + kSha);  // exact() prefers the id
    // Registry-only references render as "" and so cannot be normalized (docs/import.md §3.2).
    NormalizedReference q = normTag("quay.io", "latest");
    EXPECT_FALSE(q.ok());
    EXPECT_EQ(q.error, "invalid reference format");
    // The wildcard name of docs/import.md §3.2.
    NormalizedReference star = normalizedString(make("", "", "*", "latest"));
    EXPECT_EQ(make("", "", "*", "latest").exact(), "*:latest");
    EXPECT_EQ(star.error, "invalid reference format");
    // Upper-case hex digests pass library-go but not go-digest.
    std::string upper = "foo@sha256:" + rep('A', 64);
    ASSERT_TRUE(parseDockerImageReference(upper).ok());
    EXPECT_EQ(norm(upper).error, "invalid checksum digest format");
    // A parsed name that is a bare 64-hex identifier.
    EXPECT_EQ(norm(kHex64).error, "invalid repository name (" + kHex64 + "), cannot specify 64-byte hexadecimal strings");
    EXPECT_EQ(normTag(kHex64, "latest").value, "docker.io/library/" + kHex64 + ":latest");
    // Upper-case namespaces parsed by library-go become the Distribution domain.
    EXPECT_EQ(norm("FOO/bar:1").value, "FOO/bar:1");
    // Non-ASCII tags from a registry listing: Kelvin sign lower-cases to ASCII "k".
    EXPECT_EQ(normTag("nginx", "\xE2\x84\xAA").error, "repository name must be lowercase");
    EXPECT_EQ(normTag("nginx", "\xC3\xA9").error, "invalid reference format");
}

TEST(ReferenceErrors, Texts) {
    EXPECT_EQ(referenceErrorText(ReferenceError::None), "");
    EXPECT_EQ(referenceErrorText(ReferenceError::NameEmpty), kEmpty);
    EXPECT_EQ(referenceErrorText(ReferenceError::NameContainsUppercase), kUpper);
    EXPECT_EQ(referenceErrorText(ReferenceError::InvalidFormat), kInvalid);
    EXPECT_EQ(referenceErrorText(ReferenceError::NameTooLong), kTooLong);
    EXPECT_EQ(referenceErrorText(ReferenceError::DigestInvalidFormat), kBadFormat);
    EXPECT_EQ(referenceErrorText(ReferenceError::DigestUnsupported), kUnsupported);
    EXPECT_EQ(referenceErrorText(ReferenceError::DigestInvalidLength), kBadLength);
}

}  // namespace
}  // namespace isimport

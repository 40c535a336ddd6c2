// Validation of ImageStreamImport, ImageStream and Image: every row of docs/acceptance.md §5.1 (V*, S*, IM*,
// SG*; the W* allow-list rows need a registry policy, which isimport does not have), then one or
// more cases for each rule and each text of the ObjectMeta, ImageStream and Image validators.
// Every case compares reason code, field and message exactly.
#include "validation/validation.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "go/go_text.h"
#include "json/codec.h"

namespace isimport {
namespace {

struct Cause {
  std::string reason, field, message;
  friend bool operator==(const Cause&, const Cause&) = default;
  friend std::ostream& operator<<(std::ostream& os, const Cause& c) {
    return os << "{" << c.reason << " | " << c.field << " | " << c.message << "}";
  }
};

std::vector<Cause> causes(const ErrorList& errors) {
  std::vector<Cause> out;
  for (const FieldError& e : errors) out.push_back({std::string(e.reason()), e.field, e.errorBody()});
  return out;
}

using Causes = std::vector<Cause>;

constexpr const char* kRequired = "FieldValueRequired";
constexpr const char* kInvalid = "FieldValueInvalid";
constexpr const char* kForbidden = "FieldValueForbidden";
constexpr const char* kTooLong = "FieldValueTooLong";

const std::string kDnsLabelSentence =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an "
    "alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const std::string kImportModeDetail = "invalid import mode, valid modes are '', 'Legacy', 'PreserveOriginal'";
const std::string kQualifiedNamePartSentence =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
    "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const std::string kLabelValueSentence =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end "
    "with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
    "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const std::string kDnsSubdomainSentence =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end "
    "with an alphanumeric character (e.g. 'example.com', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const std::string kHex64 = "3c87c572822935df60f0f5d3665bd376841a7fcfeb806b5f212de6a00e9a7b25";

ObjectReference dockerImage(std::string name) { return ObjectReference{.kind = "DockerImage", .name = std::move(name)}; }

// Upstream's table default: metadata {namespace: foo, name: foo}, a repository import of redis.
ImageStreamImport baseIsi() {
  ImageStreamImport isi;
  isi.metadata.name = "foo";
  isi.metadata.nameSpace = "foo";
  isi.spec.repository = RepositoryImportSpec{.from = dockerImage("redis")};
  return isi;
}

ImageStreamImport isiWithRepository(std::string name) {
  ImageStreamImport isi = baseIsi();
  isi.spec.repository->from.name = std::move(name);
  return isi;
}

ImageStreamImport isiWithImage(ImageImportSpec image) {
  ImageStreamImport isi = baseIsi();
  isi.spec.repository.reset();
  isi.spec.images.push_back(std::move(image));
  return isi;
}

ImageStreamImport isiWithImageName(std::string name) { return isiWithImage(ImageImportSpec{.from = dockerImage(std::move(name))}); }

Causes imageNameInvalid(const std::string& name, const std::string& detail) {
  return {{kInvalid, "spec.images[0].from.name", "Invalid value: " + goQuote(name) + ": " + detail}};
}

Causes validateIsi(const ImageStreamImport& isi) { return causes(validateImageStreamImport(isi)); }

// ---------------------------------------------------------------------------------------------
// docs/acceptance.md §5.1, ImageStreamImport rows
// ---------------------------------------------------------------------------------------------

TEST(SpecV, V01_MissingName) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.name = "";
  EXPECT_EQ(validateIsi(isi), (Causes{{kRequired, "metadata.name", "Required value: name or generateName is required"}}));
}

TEST(SpecV, V02_SlashInName) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.name = "foo/bar";
  EXPECT_EQ(validateIsi(isi), (Causes{{kInvalid, "metadata.name", R"(Invalid value: "foo/bar": may not contain '/')"}}));
}

TEST(SpecV, V03_PercentInName) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.name = "foo%%bar";
  EXPECT_EQ(validateIsi(isi), (Causes{{kInvalid, "metadata.name", R"(Invalid value: "foo%%bar": may not contain '%')"}}));
}

TEST(SpecV, V04_OtherInvalidName) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.name = "foo bar";
  EXPECT_EQ(validateIsi(isi),
            (Causes{{kInvalid, "metadata.name", R"(Invalid value: "foo bar": must match "[a-z0-9]+(?:[._-][a-z0-9]+)*")"}}));
}

TEST(SpecV, V05_MissingNamespace) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.nameSpace = "";
  EXPECT_EQ(validateIsi(isi), (Causes{{kRequired, "metadata.namespace", "Required value"}}));
}

TEST(SpecV, V06_InvalidNamespace) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.nameSpace = "!$";
  EXPECT_EQ(validateIsi(isi), (Causes{{kInvalid, "metadata.namespace", R"(Invalid value: "!$": )" + kDnsLabelSentence}}));
}

TEST(SpecV, V07_RepositoryUnparseable) {
  EXPECT_EQ(validateIsi(isiWithRepository("a-|///bbb")),
            (Causes{{kInvalid, "spec.repository.from.name", R"(Invalid value: "a-|///bbb": invalid reference format)"}}));
}

TEST(SpecV, V08_RepositoryWithTag) {
  EXPECT_EQ(validateIsi(isiWithRepository("a/b:tag")),
            (Causes{{kInvalid, "spec.repository.from.name",
                     R"(Invalid value: "a/b:tag": you must specify an image repository, not a tag or ID)"}}));
}

TEST(SpecV, V09_RepositoryWithBadId) {
  EXPECT_EQ(validateIsi(isiWithRepository("a/b@sha256:something")),
            (Causes{{kInvalid, "spec.repository.from.name", R"(Invalid value: "a/b@sha256:something": invalid reference format)"}}));
}

// V10–V13 are one upstream case ("only DockerImage tags can be scheduled").
TEST(SpecV, V10_V13_OnlyDockerImageIsSupported) {
  ImageStreamImport isi = baseIsi();
  isi.spec.repository.reset();
  TagImportPolicy scheduled{.scheduled = true};
  isi.spec.images = {
      {.from = dockerImage("abc"), .importPolicy = scheduled},
      {.from = dockerImage("abc@badid"), .importPolicy = scheduled},
      {.from = {.kind = "ImageStreamTag", .name = "other:latest"}, .importPolicy = scheduled},
      {.from = {.kind = "ImageStreamImage", .name = "other@latest"}, .importPolicy = scheduled},
  };
  EXPECT_EQ(validateIsi(isi),
            (Causes{
                {kInvalid, "spec.images[1].from.name", R"(Invalid value: "abc@badid": invalid reference format)"},
                {kInvalid, "spec.images[2].from.kind", R"(Invalid value: "ImageStreamTag": only DockerImage is supported)"},
                {kInvalid, "spec.images[3].from.kind", R"(Invalid value: "ImageStreamImage": only DockerImage is supported)"},
            }));
}

TEST(SpecV, V14_ImageImportModeInvalid) {
  ImageStreamImport isi = isiWithImage({.from = dockerImage("abc"), .importPolicy = {.importMode = "Invalid"}});
  EXPECT_EQ(validateIsi(isi), (Causes{{kInvalid, "spec.images[0].importPolicy.importMode",
                                       R"(Invalid value: "Invalid": )" + kImportModeDetail}}));
}

TEST(SpecV, V15_RepositoryImportModeInvalid) {
  ImageStreamImport isi = isiWithRepository("abc");
  isi.spec.repository->importPolicy.importMode = "Invalid";
  EXPECT_EQ(validateIsi(isi), (Causes{{kInvalid, "spec.repository.importPolicy.importMode",
                                       R"(Invalid value: "Invalid": )" + kImportModeDetail}}));
}

TEST(SpecV, V16_NothingToImport) {
  ImageStreamImport isi = baseIsi();
  isi.spec.repository.reset();
  EXPECT_EQ(validateIsi(isi),
            (Causes{{kInvalid, "spec.images", "Invalid value: null: you must specify at least one image or a repository import"}}));
}

TEST(SpecV, V17_EmptyTargetTag) {
  ImageStreamImport isi = isiWithImage({.from = dockerImage("nginx"), .to = LocalObjectReference{""}});
  EXPECT_EQ(validateIsi(isi),
            (Causes{{kInvalid, "spec.images[0].to.name", R"(Invalid value: "": the name of the target tag must be specified)"}}));
}

TEST(SpecV, V18_EmptyImageName) {
  EXPECT_EQ(validateIsi(isiWithImageName("")), (Causes{{kRequired, "spec.images[0].from.name", "Required value"}}));
}

TEST(SpecV, V19_WildcardIsAcceptedAndSkipsTheImportModeCheck) {
  EXPECT_EQ(validateIsi(isiWithImageName("*")), Causes{});
  ImageStreamImport isi = isiWithImage({.from = dockerImage("*"), .importPolicy = {.importMode = "Invalid"}});
  EXPECT_EQ(validateIsi(isi), Causes{});
}

TEST(SpecV, V20_EmptyKind) {
  ImageStreamImport isi = isiWithImage({.from = {.kind = "", .name = "nginx"}});
  EXPECT_EQ(validateIsi(isi),
            (Causes{{kInvalid, "spec.images[0].from.kind", R"(Invalid value: "": only DockerImage is supported)"}}));
}

TEST(SpecV, V21_EmptyRepositoryName) {
  EXPECT_EQ(validateIsi(isiWithRepository("")),
            (Causes{{kRequired, "spec.repository.from.name", "Required value: container image references require a name"}}));
}

TEST(SpecV, V22_RepositoryKind) {
  ImageStreamImport isi = baseIsi();
  isi.spec.repository->from.kind = "ImageStreamTag";
  EXPECT_EQ(validateIsi(isi),
            (Causes{{kInvalid, "spec.repository.from.kind", R"(Invalid value: "ImageStreamTag": only DockerImage is supported)"}}));
}

TEST(SpecV, V23_RepositoryWithDigest) {
  std::string name = "a/b@sha256:" + kHex64;
  EXPECT_EQ(validateIsi(isiWithRepository(name)),
            (Causes{{kInvalid, "spec.repository.from.name",
                     "Invalid value: \"" + name + "\": you must specify an image repository, not a tag or ID"}}));
}

TEST(SpecV, V24_UpperCaseRepository) {
  EXPECT_EQ(validateIsi(isiWithImageName("Registry:3000/Foo")),
            imageNameInvalid("Registry:3000/Foo", "repository name must be lowercase"));
}

TEST(SpecV, V25_ShortSha256) {
  std::string name = "foo@sha256:" + std::string(31, '0') + "1";
  EXPECT_EQ(validateIsi(isiWithImageName(name)), imageNameInvalid(name, "invalid checksum digest length"));
}

TEST(SpecV, V26_UnsupportedDigestAlgorithm) {
  std::string name = "foo@md5:" + std::string(32, 'a');
  EXPECT_EQ(validateIsi(isiWithImageName(name)), imageNameInvalid(name, "unsupported digest algorithm"));
}

TEST(SpecV, V27_UrlIsNotAReference) {
  EXPECT_EQ(validateIsi(isiWithImageName("https://bar:5000/foo/baz")),
            imageNameInvalid("https://bar:5000/foo/baz", "invalid reference format"));
}

TEST(SpecV, V28_InvalidReferenceFormats) {
  for (std::string name : {std::string(":tag"), "@sha256:" + kHex64, std::string("//foo/baz/biz"), std::string("bar/foo/baz////biz"),
                           std::string("registry.io/foo/bar/:Tag"), std::string("ftp://baz/baz/biz"),
                           std::string("index.docker.io/mysql@sha256:bad")}) {
    EXPECT_EQ(validateIsi(isiWithImageName(name)), imageNameInvalid(name, "invalid reference format")) << name;
  }
}

TEST(SpecV, V29_RegistryOnlyIsValid) { EXPECT_EQ(validateIsi(isiWithImageName("quay.io")), Causes{}); }

TEST(SpecV, V30_RepositoryNameTooLong) {
  std::string name = "bar:5000/" + std::string(63, 'a') + "/" + std::string(183, 'b');
  EXPECT_EQ(validateIsi(isiWithRepository(name)),
            (Causes{{kInvalid, "spec.repository.from.name",
                     "Invalid value: \"" + name + "\": repository name must not be more than 255 characters"}}));
}

TEST(SpecV, V31_TwoErrorsAggregateInOrder) {
  ImageStreamImport isi = isiWithImage({.from = {.kind = "X", .name = "nginx"}});
  isi.metadata.name = "a/b";
  ErrorList errors = validateImageStreamImport(isi);
  EXPECT_EQ(causes(errors), (Causes{
                                {kInvalid, "spec.images[0].from.kind", R"(Invalid value: "X": only DockerImage is supported)"},
                                {kInvalid, "metadata.name", R"(Invalid value: "a/b": may not contain '/')"},
                            }));
  Status status = invalidStatus("ImageStreamImport", "image.openshift.io", isi.metadata.name, errors);
  EXPECT_EQ(status.message,
            R"(ImageStreamImport.image.openshift.io "a/b" is invalid: [spec.images[0].from.kind: Invalid value: "X": only DockerImage is supported, metadata.name: Invalid value: "a/b": may not contain '/'])");
  ASSERT_TRUE(status.details);
  ASSERT_EQ(status.details->causes.size(), 2u);
  EXPECT_EQ(status.details->causes[0].field, "spec.images[0].from.kind");
  EXPECT_EQ(status.details->causes[1].field, "metadata.name");
}

TEST(SpecV, V32_NamespaceTooLong) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.nameSpace = std::string(64, 'a');
  EXPECT_EQ(validateIsi(isi), (Causes{{kInvalid, "metadata.namespace",
                                       "Invalid value: \"" + std::string(64, 'a') + "\": must be no more than 63 characters"}}));
}

TEST(SpecV, V32b_NamespaceWithDots) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.nameSpace = "foo.bar";
  EXPECT_EQ(validateIsi(isi), (Causes{{kInvalid, "metadata.namespace", R"(Invalid value: "foo.bar": must not contain dots)"}}));
}

TEST(SpecV, V33_DotName) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.name = ".";
  EXPECT_EQ(validateIsi(isi), (Causes{{kInvalid, "metadata.name", R"(Invalid value: ".": may not be '.')"}}));
  isi.metadata.name = "..";
  EXPECT_EQ(validateIsi(isi), (Causes{{kInvalid, "metadata.name", R"(Invalid value: "..": may not be '..')"}}));
}

TEST(SpecV, V34_NoLengthRuleOnTheImport) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.nameSpace = std::string(63, 'a');
  isi.metadata.name = "x" + std::string(191, 'b');
  EXPECT_EQ(validateIsi(isi), Causes{});
}

// ---------------------------------------------------------------------------------------------
// ImageStreamImport: further cases per rule
// ---------------------------------------------------------------------------------------------

TEST(ImageStreamImportRules, UpstreamValidTableEntries) {
  EXPECT_EQ(validateIsi(baseIsi()), Causes{});
  ImageStreamImport isi = baseIsi();
  isi.metadata.nameSpace = "abcdefghijklmnopqrstuvwxyz-1234567890";
  isi.metadata.name = "abcdefghijklmnopqrstuvwxyz-1234567890.dot_underscore-dash";
  EXPECT_EQ(validateIsi(isi), Causes{});
  isi.metadata.nameSpace = "f";
  isi.metadata.name = "g";
  EXPECT_EQ(validateIsi(isi), Causes{});
}

TEST(ImageStreamImportRules, TargetTagAndNameErrorsBothFireTargetFirst) {
  ImageStreamImport isi = isiWithImage({.from = dockerImage("a-|///bbb"), .to = LocalObjectReference{""}});
  EXPECT_EQ(validateIsi(isi),
            (Causes{
                {kInvalid, "spec.images[0].to.name", R"(Invalid value: "": the name of the target tag must be specified)"},
                {kInvalid, "spec.images[0].from.name", R"(Invalid value: "a-|///bbb": invalid reference format)"},
            }));
  isi.spec.images[0].from.name = "";
  EXPECT_EQ(validateIsi(isi),
            (Causes{
                {kInvalid, "spec.images[0].to.name", R"(Invalid value: "": the name of the target tag must be specified)"},
                {kRequired, "spec.images[0].from.name", "Required value"},
            }));
  // The wildcard still gets the target-tag error.
  isi.spec.images[0].from.name = "*";
  EXPECT_EQ(validateIsi(isi),
            (Causes{{kInvalid, "spec.images[0].to.name", R"(Invalid value: "": the name of the target tag must be specified)"}}));
}

TEST(ImageStreamImportRules, WrongKindSkipsNameChecksButNotTheImportMode) {
  ImageStreamImport isi = isiWithImage(
      {.from = {.kind = "ImageStreamTag", .name = ""}, .to = LocalObjectReference{""}, .importPolicy = {.importMode = "Bad"}});
  EXPECT_EQ(validateIsi(isi),
            (Causes{
                {kInvalid, "spec.images[0].from.kind", R"(Invalid value: "ImageStreamTag": only DockerImage is supported)"},
                {kInvalid, "spec.images[0].importPolicy.importMode", R"(Invalid value: "Bad": )" + kImportModeDetail},
            }));
  isi = baseIsi();
  isi.spec.repository->from = {.kind = "DockerImagee", .name = "a:b"};
  isi.spec.repository->importPolicy.importMode = "legacy";
  EXPECT_EQ(validateIsi(isi),
            (Causes{
                {kInvalid, "spec.repository.from.kind", R"(Invalid value: "DockerImagee": only DockerImage is supported)"},
                {kInvalid, "spec.repository.importPolicy.importMode", R"(Invalid value: "legacy": )" + kImportModeDetail},
            }));
}

TEST(ImageStreamImportRules, ImportModeValuesAndItsJsonRendering) {
  for (const char* ok : {"", "Legacy", "PreserveOriginal"}) {
    EXPECT_EQ(validateIsi(isiWithImage({.from = dockerImage("abc"), .importPolicy = {.importMode = ok}})), Causes{}) << ok;
  }
  // A named string type prints as JSON: HTML characters are \u-escaped, unlike a plain string.
  ImageStreamImport isi = isiWithImage({.from = dockerImage("abc"), .importPolicy = {.importMode = "<Legacy>"}});
  EXPECT_EQ(validateIsi(isi), (Causes{{kInvalid, "spec.images[0].importPolicy.importMode",
                                       R"(Invalid value: "\u003cLegacy\u003e": )" + kImportModeDetail}}));
  isi = isiWithImage({.from = {.kind = "<x>", .name = "abc"}});
  EXPECT_EQ(validateIsi(isi),
            (Causes{{kInvalid, "spec.images[0].from.kind", R"(Invalid value: "<x>": only DockerImage is supported)"}}));
}

TEST(ImageStreamImportRules, TagNamesReferencePolicyAndSchedulingAreNotChecked) {
  ImageStreamImport isi = isiWithImage({.from = dockerImage("nginx@sha256:" + kHex64),
                                        .to = LocalObjectReference{"not a valid tag!"},
                                        .importPolicy = {.scheduled = true},
                                        .referencePolicy = {.type = "Other"}});
  EXPECT_EQ(validateIsi(isi), Causes{});
  isi = baseIsi();
  isi.spec.repository->referencePolicy.type = "Other";
  isi.spec.repository->importPolicy.scheduled = true;
  EXPECT_EQ(validateIsi(isi), Causes{});
}

TEST(ImageStreamImportRules, ClientStatusIsIgnored) {
  ImageStreamImport isi = baseIsi();
  isi.status.images.push_back(ImageImportStatus{});
  ImageStream garbage;
  garbage.metadata.name = "Not/Valid";
  isi.status.import = garbage;
  EXPECT_EQ(validateIsi(isi), Causes{});
}

TEST(ImageStreamImportRules, OrderIsImagesRepositoryNothingThenMetadata) {
  ImageStreamImport isi = baseIsi();
  isi.spec.images = {{.from = dockerImage("A")}, {.from = {.kind = "x", .name = "y"}}};
  isi.spec.repository->from.name = "a:b";
  isi.metadata.name = "";
  isi.metadata.nameSpace = "";
  EXPECT_EQ(validateIsi(isi),
            (Causes{
                {kInvalid, "spec.images[0].from.name", R"(Invalid value: "A": repository name must be lowercase)"},
                {kInvalid, "spec.images[1].from.kind", R"(Invalid value: "x": only DockerImage is supported)"},
                {kInvalid, "spec.repository.from.name", R"(Invalid value: "a:b": you must specify an image repository, not a tag or ID)"},
                {kRequired, "metadata.name", "Required value: name or generateName is required"},
                {kRequired, "metadata.namespace", "Required value"},
            }));
}

TEST(ImageStreamImportRules, ReferenceErrorsUseTheParserText) {
  EXPECT_EQ(validateIsi(isiWithImageName("foo:" + std::string(129, 't'))),
            imageNameInvalid("foo:" + std::string(129, 't'), "invalid reference format"));
  EXPECT_EQ(validateIsi(isiWithImageName("foo@sha512:" + kHex64)),
            imageNameInvalid("foo@sha512:" + kHex64, "invalid checksum digest length"));
  EXPECT_EQ(validateIsi(isiWithImageName("docker.io/library/nginx:1.25@sha256:" + kHex64)), Causes{});
  EXPECT_EQ(validateIsi(isiWithImageName("localhost:5000/a/b/c:tag")), Causes{});
}

TEST(ImageStreamImportRules, RepositoryAcceptsRegistryOnlyAndHostPort) {
  EXPECT_EQ(validateIsi(isiWithRepository("quay.io/openshift/origin")), Causes{});
  EXPECT_EQ(validateIsi(isiWithRepository("localhost:5000/a")), Causes{});
  // A registry alone ("registry only") has neither tag nor ID.
  EXPECT_EQ(validateIsi(isiWithRepository("quay.io")), Causes{});
}

TEST(ImageStreamImportRules, DecodedDocumentsAreDefaultedFirst) {
  // Decoding fills importMode Legacy, referencePolicy Source and `to` from the tag; none of that
  // trips validation, and an explicit bad mode survives defaulting.
  DecodeResult r = decodeObject(R"({"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1",
    "metadata":{"name":"web","namespace":"demo"},
    "spec":{"import":false,"images":[{"from":{"kind":"DockerImage","name":"nginx:1.25"}},
                                     {"from":{"kind":"DockerImage","name":"redis"},"importPolicy":{"importMode":"Bogus"}}]}})");
  ASSERT_TRUE(r.object);
  const ImageStreamImport& isi = std::get<ImageStreamImport>(*r.object);
  ASSERT_TRUE(isi.spec.images[0].to);
  EXPECT_EQ(isi.spec.images[0].to->name, "1.25");
  EXPECT_EQ(validateIsi(isi),
            (Causes{{kInvalid, "spec.images[1].importPolicy.importMode", R"(Invalid value: "Bogus": )" + kImportModeDetail}}));
}

TEST(ImageStreamImportRules, GenerateName) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.generateName = "web-";  // a prefix ending in '-' fails the repository-component rule
  EXPECT_EQ(validateIsi(isi), (Causes{{kInvalid, "metadata.generateName",
                                       R"(Invalid value: "web-": must match "[a-z0-9]+(?:[._-][a-z0-9]+)*")"}}));
  isi.metadata.generateName = "a/b%";
  EXPECT_EQ(validateIsi(isi), (Causes{
                                  {kInvalid, "metadata.generateName", R"(Invalid value: "a/b%": may not contain '/')"},
                                  {kInvalid, "metadata.generateName", R"(Invalid value: "a/b%": may not contain '%')"},
                              }));
  isi.metadata.generateName = "..";  // '.'/'..' are only refused for whole names; then the regex
  EXPECT_EQ(validateIsi(isi), (Causes{{kInvalid, "metadata.generateName",
                                       R"(Invalid value: "..": must match "[a-z0-9]+(?:[._-][a-z0-9]+)*")"}}));
  isi.metadata.generateName = "web";
  EXPECT_EQ(validateIsi(isi), Causes{});
  isi.metadata.name = "";  // generateName does not replace the name here (the server generates none)
  EXPECT_EQ(validateIsi(isi), (Causes{{kRequired, "metadata.name", "Required value: name or generateName is required"}}));
}

TEST(ImageStreamImportRules, NameWithSlashAndPercentGivesTwoErrorsAndNoRegexError) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.name = "A/B%";
  EXPECT_EQ(validateIsi(isi), (Causes{
                                  {kInvalid, "metadata.name", R"(Invalid value: "A/B%": may not contain '/')"},
                                  {kInvalid, "metadata.name", R"(Invalid value: "A/B%": may not contain '%')"},
                              }));
}

TEST(ImageStreamImportRules, RepositoryComponentNames) {
  ImageStreamImport isi = baseIsi();
  for (const char* ok : {"a", "0", "a.b", "a_b", "a-b", "a.b-c_d", "abc123", "1.0"}) {
    isi.metadata.name = ok;
    EXPECT_EQ(validateIsi(isi), Causes{}) << ok;
  }
  for (const char* bad : {"A", "a..b", "a__b", "a--b", "-a", "a-", ".a", "a.", "a b", "a\n", "\xC3\xA9"}) {
    isi.metadata.name = bad;
    EXPECT_EQ(validateIsi(isi), (Causes{{kInvalid, "metadata.name",
                                         "Invalid value: " + goQuote(bad) + R"(: must match "[a-z0-9]+(?:[._-][a-z0-9]+)*")"}}))
        << bad;
  }
}

TEST(ImageStreamImportRules, NamespaceMessages) {
  ImageStreamImport isi = baseIsi();
  auto expectNamespace = [&](const std::string& ns, std::vector<std::string> details) {
    isi.metadata.nameSpace = ns;
    Causes expected;
    for (const std::string& d : details) expected.push_back({kInvalid, "metadata.namespace", "Invalid value: " + goQuote(ns) + ": " + d});
    EXPECT_EQ(validateIsi(isi), expected) << ns;
  };
  expectNamespace("a", {});
  expectNamespace(std::string(63, 'z'), {});
  expectNamespace("a-b-1", {});
  expectNamespace("-abc", {kDnsLabelSentence});
  expectNamespace("abc-", {kDnsLabelSentence});
  expectNamespace("Abc", {kDnsLabelSentence});
  expectNamespace("a_b", {kDnsLabelSentence});
  expectNamespace("a.", {kDnsLabelSentence});  // not a valid subdomain either
  expectNamespace("a.b.c", {"must not contain dots"});
  expectNamespace(std::string(64, 'a') + "_", {"must be no more than 63 characters", kDnsLabelSentence});
  expectNamespace(std::string(40, 'a') + "." + std::string(40, 'b'), {"must be no more than 63 characters", "must not contain dots"});
}

// ---------------------------------------------------------------------------------------------
// ObjectMeta (through the ImageStreamImport)
// ---------------------------------------------------------------------------------------------

TEST(ObjectMetaRules, Generation) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.generation = -1;
  EXPECT_EQ(validateIsi(isi), (Causes{{kInvalid, "metadata.generation", "Invalid value: -1: must be greater than or equal to 0"}}));
  isi.metadata.generation = 7;
  EXPECT_EQ(validateIsi(isi), Causes{});
}

TEST(ObjectMetaRules, LabelKeys) {
  ImageStreamImport isi = baseIsi();
  auto expectKey = [&](const std::string& key, std::vector<std::string> details) {
    isi.metadata.labels = {{key, "v"}};
    Causes expected;
    for (const std::string& d : details) expected.push_back({kInvalid, "metadata.labels", "Invalid value: " + goQuote(key) + ": " + d});
    EXPECT_EQ(validateIsi(isi), expected) << key;
  };
  expectKey("app", {});
  expectKey("App.Name_1-x", {});
  expectKey("example.com/App", {});
  expectKey(std::string(63, 'k'), {});
  expectKey(std::string(64, 'k'), {"name part must be no more than 63 characters"});
  expectKey("-app", {kQualifiedNamePartSentence});
  expectKey("app.", {kQualifiedNamePartSentence});
  expectKey("a b", {kQualifiedNamePartSentence});
  expectKey("", {"name part must be non-empty", kQualifiedNamePartSentence});
  expectKey("example.com/", {"name part must be non-empty", kQualifiedNamePartSentence});
  expectKey("/app", {"prefix part must be non-empty"});
  expectKey("Example.com/app", {"prefix part " + kDnsSubdomainSentence});
  expectKey(std::string(254, 'p') + "/app", {"prefix part must be no more than 253 characters"});
  expectKey("a/b/c", {"a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                      "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                      "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix "
                      "and '/' (e.g. 'example.com/MyName')"});
  expectKey("-/-", {"prefix part " + kDnsSubdomainSentence, kQualifiedNamePartSentence});
}

TEST(ObjectMetaRules, LabelValues) {
  ImageStreamImport isi = baseIsi();
  auto expectValue = [&](const std::string& value, std::vector<std::string> details) {
    isi.metadata.labels = {{"k", value}};
    Causes expected;
    for (const std::string& d : details) {
      expected.push_back({kInvalid, "metadata.labels", "Invalid value: " + goQuote(value) + ": " + d});
    }
    EXPECT_EQ(validateIsi(isi), expected) << value;
  };
  expectValue("", {});
  expectValue("My_Value.1-2", {});
  expectValue(std::string(63, 'v'), {});
  expectValue(std::string(64, 'v'), {"must be no more than 63 characters"});
  expectValue("-v", {kLabelValueSentence});
  expectValue("v/w", {kLabelValueSentence});
  expectValue(std::string(64, 'v') + "-", {"must be no more than 63 characters", kLabelValueSentence});
}

TEST(ObjectMetaRules, LabelsInKeyOrderKeyBeforeValue) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.labels = {{"b-", "-"}, {"a-", "ok"}};
  EXPECT_EQ(validateIsi(isi), (Causes{
                                  {kInvalid, "metadata.labels", R"(Invalid value: "a-": )" + kQualifiedNamePartSentence},
                                  {kInvalid, "metadata.labels", R"(Invalid value: "b-": )" + kQualifiedNamePartSentence},
                                  {kInvalid, "metadata.labels", R"(Invalid value: "-": )" + kLabelValueSentence},
                              }));
}

TEST(ObjectMetaRules, AnnotationKeysAreCheckedLowerCased) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.annotations = {{"Example.COM/Some-Key", "anything at all \n"}, {"openshift.io/image.dockerRepositoryCheck", ""}};
  EXPECT_EQ(validateIsi(isi), Causes{});
  isi.metadata.annotations = {{"Bad Key", "v"}};
  EXPECT_EQ(validateIsi(isi),
            (Causes{{kInvalid, "metadata.annotations", R"(Invalid value: "Bad Key": )" + kQualifiedNamePartSentence}}));
  isi.metadata.annotations = {{"EXAMPLE_COM/x", "v"}};  // the original key is printed, not its lower-cased form
  EXPECT_EQ(validateIsi(isi),
            (Causes{{kInvalid, "metadata.annotations", R"(Invalid value: "EXAMPLE_COM/x": prefix part )" + kDnsSubdomainSentence}}));
}

TEST(ObjectMetaRules, AnnotationsTotalSize) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.annotations = {{"a", std::string(256 * 1024 - 1, 'x')}};  // exactly 256 KiB with its key
  EXPECT_EQ(validateIsi(isi), Causes{});
  isi.metadata.annotations = {{"a", std::string(256 * 1024, 'x')}};
  EXPECT_EQ(validateIsi(isi), (Causes{{kTooLong, "metadata.annotations", "Too long: may not be more than 262144 bytes"}}));
  isi.metadata.annotations = {{"a b", std::string(256 * 1024, 'x')}};  // key errors come first
  EXPECT_EQ(validateIsi(isi), (Causes{
                                  {kInvalid, "metadata.annotations", R"(Invalid value: "a b": )" + kQualifiedNamePartSentence},
                                  {kTooLong, "metadata.annotations", "Too long: may not be more than 262144 bytes"},
                              }));
}

TEST(ObjectMetaRules, OwnerReferenceFields) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.ownerReferences = {OwnerReference{}};
  EXPECT_EQ(validateIsi(isi), (Causes{
                                  {kInvalid, "metadata.ownerReferences.apiVersion", R"(Invalid value: "": version must not be empty)"},
                                  {kInvalid, "metadata.ownerReferences.kind", R"(Invalid value: "": must not be empty)"},
                                  {kInvalid, "metadata.ownerReferences.name", R"(Invalid value: "": must not be empty)"},
                                  {kInvalid, "metadata.ownerReferences.uid", R"(Invalid value: "": must not be empty)"},
                              }));
  isi.metadata.ownerReferences = {{.apiVersion = "v1", .kind = "ConfigMap", .name = "c", .uid = "u"},
                                  {.apiVersion = "apps/v1", .kind = "Deployment", .name = "d", .uid = "u2"}};
  EXPECT_EQ(validateIsi(isi), Causes{});
  // "apps/" has an empty version; "a/b/c" does not parse, which leaves the version empty too.
  isi.metadata.ownerReferences = {{.apiVersion = "apps/", .kind = "K", .name = "n", .uid = "u"},
                                  {.apiVersion = "a/b/c", .kind = "K", .name = "n", .uid = "u"}};
  EXPECT_EQ(validateIsi(isi), (Causes{
                                  {kInvalid, "metadata.ownerReferences.apiVersion", R"(Invalid value: "apps/": version must not be empty)"},
                                  {kInvalid, "metadata.ownerReferences.apiVersion", R"(Invalid value: "a/b/c": version must not be empty)"},
                              }));
}

TEST(ObjectMetaRules, EventsCannotOwn) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.ownerReferences = {{.apiVersion = "v1", .kind = "Event", .name = "e", .uid = "u<1>", .controller = false}};
  EXPECT_EQ(validateIsi(isi),
            (Causes{{kInvalid, "metadata.ownerReferences",
                     R"(Invalid value: {"apiVersion":"v1","kind":"Event","name":"e","uid":"u\u003c1\u003e","controller":false}: /v1, Kind=Event is disallowed from being an owner)"}}));
  isi.metadata.ownerReferences = {{.apiVersion = "events.k8s.io/v1", .kind = "Event", .name = "e", .uid = "u"}};
  EXPECT_EQ(validateIsi(isi), Causes{});
}

TEST(ObjectMetaRules, OnlyOneController) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.ownerReferences = {
      {.apiVersion = "v1", .kind = "A", .name = "a", .uid = "1", .controller = true},
      {.apiVersion = "v1", .kind = "B", .name = "b", .uid = "2", .controller = true, .blockOwnerDeletion = true},
  };
  EXPECT_EQ(validateIsi(isi),
            (Causes{{kInvalid, "metadata.ownerReferences",
                     R"(Invalid value: [{"apiVersion":"v1","kind":"A","name":"a","uid":"1","controller":true},)"
                     R"({"apiVersion":"v1","kind":"B","name":"b","uid":"2","controller":true,"blockOwnerDeletion":true}]: )"
                     R"(Only one reference can have Controller set to true. Found "true" in references for A/a and B/b)"}}));
}

TEST(ObjectMetaRules, Finalizers) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.finalizers = {"kubernetes", "orphan", "example.com/cleanup"};
  EXPECT_EQ(validateIsi(isi), Causes{});
  isi.metadata.finalizers = {"cleanup"};
  EXPECT_EQ(validateIsi(isi),
            (Causes{{kInvalid, "metadata.finalizers[0]",
                     R"(Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified)"}}));
  isi.metadata.finalizers = {"a", "-b"};
  EXPECT_EQ(validateIsi(isi),
            (Causes{
                {kInvalid, "metadata.finalizers", R"(Invalid value: "-b": )" + kQualifiedNamePartSentence},
                {kInvalid, "metadata.finalizers[0]", R"(Invalid value: "a": name is neither a standard finalizer name nor is it fully qualified)"},
                {kInvalid, "metadata.finalizers[1]", R"(Invalid value: "-b": name is neither a standard finalizer name nor is it fully qualified)"},
            }));
  isi.metadata.finalizers = {"foregroundDeletion", "orphan"};
  EXPECT_EQ(validateIsi(isi), (Causes{{kInvalid, "metadata.finalizers",
                                       R"(Invalid value: ["foregroundDeletion","orphan"]: finalizer orphan and foregroundDeletion cannot be both set)"}}));
}

TEST(ObjectMetaRules, ManagedFields) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.managedFields = {{.manager = "kubectl", .operation = "Update", .fieldsType = "FieldsV1"},
                                {.manager = "", .operation = "Apply"}};
  EXPECT_EQ(validateIsi(isi), Causes{});
  isi.metadata.managedFields = {{.manager = "m\a\xC2\x85", .operation = "<Patch>", .fieldsType = "FieldsV2",
                                 .subresource = std::string(257, 's')}};
  EXPECT_EQ(validateIsi(isi),
            (Causes{
                {kInvalid, "metadata.managedFields[0].operation", R"(Invalid value: "\u003cPatch\u003e": must be `Apply` or `Update`)"},
                {kInvalid, "metadata.managedFields[0].fieldsType", R"(Invalid value: "FieldsV2": must be `FieldsV1`)"},
                {kInvalid, "metadata.managedFields[0].manager", R"(Invalid value: "m\a\u0085": invalid character U+0007 (at position 1))"},
                {kInvalid, "metadata.managedFields[0].manager", R"(Invalid value: "m\a\u0085": invalid character U+0085 (at position 2))"},
                {kTooLong, "metadata.managedFields[0].subresource", "Too long: may not be more than 256 bytes"},
            }));
  isi.metadata.managedFields = {{.manager = std::string(129, 'm') + "\xFF", .operation = "Update"}};  // U+FFFD is printable
  EXPECT_EQ(validateIsi(isi), (Causes{{kTooLong, "metadata.managedFields[0].manager", "Too long: may not be more than 128 bytes"}}));
}

TEST(ObjectMetaRules, FullOrder) {
  ImageStreamImport isi = baseIsi();
  isi.metadata.generateName = "x/";
  isi.metadata.name = "Y";
  isi.metadata.nameSpace = "Z";
  isi.metadata.generation = -5;
  isi.metadata.labels = {{"l-", ""}};
  isi.metadata.annotations = {{"a-", ""}};
  isi.metadata.ownerReferences = {{.apiVersion = "v1", .kind = "K", .name = "", .uid = "u"}};
  isi.metadata.finalizers = {"f"};
  isi.metadata.managedFields = {{.operation = "X"}};
  EXPECT_EQ(validateIsi(isi),
            (Causes{
                {kInvalid, "metadata.generateName", R"(Invalid value: "x/": may not contain '/')"},
                {kInvalid, "metadata.name", R"(Invalid value: "Y": must match "[a-z0-9]+(?:[._-][a-z0-9]+)*")"},
                {kInvalid, "metadata.namespace", R"(Invalid value: "Z": )" + kDnsLabelSentence},
                {kInvalid, "metadata.generation", "Invalid value: -5: must be greater than or equal to 0"},
                {kInvalid, "metadata.labels", R"(Invalid value: "l-": )" + kQualifiedNamePartSentence},
                {kInvalid, "metadata.annotations", R"(Invalid value: "a-": )" + kQualifiedNamePartSentence},
                {kInvalid, "metadata.ownerReferences.name", R"(Invalid value: "": must not be empty)"},
                {kInvalid, "metadata.managedFields[0].operation", R"(Invalid value: "X": must be `Apply` or `Update`)"},
                {kInvalid, "metadata.finalizers[0]", R"(Invalid value: "f": name is neither a standard finalizer name nor is it fully qualified)"},
            }));
}

TEST(ObjectMetaRules, GenericPassHasNoCoreFinalizerRule) {
  ObjectMeta meta{.name = "x", .nameSpace = "ns", .finalizers = {"f"}};
  EXPECT_EQ(causes(validateGenericObjectMeta(meta, true, validatePathSegmentName, FieldPath("metadata"))), Causes{});
  EXPECT_EQ(causes(validateObjectMeta(meta, true, validatePathSegmentName, FieldPath("metadata"))).size(), 1u);
}

TEST(NameRules, Helpers) {
  EXPECT_EQ(validatePathSegmentName(".", true), std::vector<std::string>{});
  EXPECT_EQ(validatePathSegmentName("a/%", false), (std::vector<std::string>{"may not contain '/'", "may not contain '%'"}));
  EXPECT_EQ(validateImageStreamName("Ab", false), std::vector<std::string>{R"(must match "[a-z0-9]+(?:[._-][a-z0-9]+)*")"});
  // NameIsDNSLabel masks a trailing '-' of a prefix by dropping two characters and adding 'a'.
  EXPECT_EQ(validateDnsLabelName("ab-", true), std::vector<std::string>{});
  EXPECT_EQ(validateDnsLabelName("a.-", true), std::vector<std::string>{});
  EXPECT_EQ(validateDnsLabelName("ab-", false).size(), 1u);
  EXPECT_EQ(isDns1123Subdomain("a.b-c.d"), std::vector<std::string>{});
  EXPECT_EQ(isDns1123Subdomain("a..b"), std::vector<std::string>{kDnsSubdomainSentence});
  EXPECT_EQ(isDns1123Subdomain(std::string(254, 'a')), std::vector<std::string>{"must be no more than 253 characters"});
}

// ---------------------------------------------------------------------------------------------
// docs/acceptance.md §5.1, ImageStream rows (and further ImageStream cases)
// ---------------------------------------------------------------------------------------------

ImageStream stream(std::string ns, std::string name) {
  ImageStream s;
  s.metadata.nameSpace = std::move(ns);
  s.metadata.name = std::move(name);
  return s;
}

TagReference tag(std::string name, ObjectReference from, TagImportPolicy importPolicy = {}, std::string policy = "Source") {
  TagReference t;
  t.name = std::move(name);
  t.from = std::move(from);
  t.importPolicy = std::move(importPolicy);
  t.referencePolicy.type = std::move(policy);
  return t;
}

Causes validateIs(const ImageStream& s) { return causes(validateImageStream(s)); }

TEST(SpecS, S01_SlashInName) {
  EXPECT_EQ(validateIs(stream("foo", "foo/bar")), (Causes{{kInvalid, "metadata.name", R"(Invalid value: "foo/bar": may not contain '/')"}}));
}

TEST(SpecS, UpstreamNameAndNamespaceCases) {
  EXPECT_EQ(validateIs(stream("foo", "")), (Causes{{kRequired, "metadata.name", "Required value: name or generateName is required"}}));
  EXPECT_EQ(validateIs(stream("foo", "foo%%bar")), (Causes{{kInvalid, "metadata.name", R"(Invalid value: "foo%%bar": may not contain '%')"}}));
  EXPECT_EQ(validateIs(stream("foo", "foo bar")),
            (Causes{{kInvalid, "metadata.name", R"(Invalid value: "foo bar": must match "[a-z0-9]+(?:[._-][a-z0-9]+)*")"}}));
  EXPECT_EQ(validateIs(stream("", "foo")), (Causes{{kRequired, "metadata.namespace", "Required value"}}));
  EXPECT_EQ(validateIs(stream("!$", "foo")), (Causes{{kInvalid, "metadata.namespace", R"(Invalid value: "!$": )" + kDnsLabelSentence}}));
}

TEST(SpecS, S02_RepositoryWithTag) {
  ImageStream s = stream("namespace", "foo");
  s.spec.dockerImageRepository = "a/b:tag";
  EXPECT_EQ(validateIs(s), (Causes{{kInvalid, "spec.dockerImageRepository", R"(Invalid value: "a/b:tag": the repository name may not contain a tag)"}}));
}

TEST(SpecS, S03_RepositoryUnparseable) {
  ImageStream s = stream("namespace", "foo");
  s.spec.dockerImageRepository = "a/b@sha256:something";
  EXPECT_EQ(validateIs(s), (Causes{{kInvalid, "spec.dockerImageRepository", R"(Invalid value: "a/b@sha256:something": invalid reference format)"}}));
  s.spec.dockerImageRepository = "a-|///bbb";
  EXPECT_EQ(validateIs(s), (Causes{{kInvalid, "spec.dockerImageRepository", R"(Invalid value: "a-|///bbb": invalid reference format)"}}));
}

TEST(ImageStreamRules, RepositoryWithTagAndDigestGetsBothErrors) {
  ImageStream s = stream("namespace", "foo");
  s.spec.dockerImageRepository = "a/b:t@sha256:" + kHex64;
  EXPECT_EQ(validateIs(s), (Causes{
                               {kInvalid, "spec.dockerImageRepository", "Invalid value: \"" + s.spec.dockerImageRepository + "\": the repository name may not contain a tag"},
                               {kInvalid, "spec.dockerImageRepository", "Invalid value: \"" + s.spec.dockerImageRepository + "\": the repository name may not contain an ID"},
                           }));
  s.spec.dockerImageRepository = "quay.io/a/b";
  EXPECT_EQ(validateIs(s), Causes{});
}

TEST(SpecS, S04_StatusItemsWithoutReference) {
  ImageStream s = stream("namespace", "foo");
  s.status.tags.push_back({.tag = "tag",
                           .items = std::vector<TagEvent>{{.dockerImageReference = ""},
                                                          {.dockerImageReference = "foo/bar:latest"},
                                                          {.dockerImageReference = ""}}});
  EXPECT_EQ(validateIs(s), (Causes{
                               {kRequired, "status.tags[tag].items[0].dockerImageReference", "Required value"},
                               {kRequired, "status.tags[tag].items[2].dockerImageReference", "Required value"},
                           }));
}

TEST(ImageStreamRules, StatusItemUnparseable) {
  ImageStream s = stream("namespace", "foo");
  s.status.tags.push_back({.tag = "b", .items = std::vector<TagEvent>{{.dockerImageReference = "Foo/Bar"}}});
  s.status.tags.push_back({.tag = "a", .items = std::vector<TagEvent>{{.dockerImageReference = "x@y"}}});
  s.status.tags.push_back({.tag = "c", .conditions = {{.type = "ImportSuccess", .status = "False"}}});  // items null
  EXPECT_EQ(validateIs(s), (Causes{
                               {kInvalid, "status.tags[a].items[0].dockerImageReference", R"(Invalid value: "x@y": invalid reference format)"},
                               {kInvalid, "status.tags[b].items[0].dockerImageReference", R"(Invalid value: "Foo/Bar": repository name must be lowercase)"},
                           }));
}

TEST(SpecS, S05_ReferencePolicyType) {
  ImageStream s = stream("namespace", "foo");
  s.spec.tags.push_back(tag("tag", dockerImage("abc"), {}, "Other"));
  EXPECT_EQ(validateIs(s), (Causes{{kInvalid, "spec.tags[tag].referencePolicy.type", R"(Invalid value: "Other": valid values are "Source", "Local")"}}));
}

TEST(SpecS, S06_ImageStreamTagCannotBeScheduled) {
  ImageStream s = stream("namespace", "foo");
  s.spec.tags.push_back(tag("tag", dockerImage("abc"), {.scheduled = true}));
  s.spec.tags.push_back(tag("other", {.kind = "ImageStreamTag", .name = "other:latest"}, {.scheduled = true}));
  EXPECT_EQ(validateIs(s), (Causes{{kInvalid, "spec.tags[other].importPolicy.scheduled",
                                    "Invalid value: true: only tags pointing to Docker repositories may be scheduled for background import"}}));
}

TEST(SpecS, S07_BadIdScheduled) {
  ImageStream s = stream("namespace", "foo");
  s.spec.tags.push_back(tag("badid", dockerImage("abc@badid"), {.scheduled = true}));
  EXPECT_EQ(validateIs(s), (Causes{{kInvalid, "spec.tags[badid].from.name", R"(Invalid value: "abc@badid": invalid reference format)"}}));
}

TEST(SpecS, S08_ImageStreamImageCannotBeScheduled) {
  ImageStream s = stream("namespace", "foo");
  s.spec.tags.push_back(tag("otherimage", {.kind = "ImageStreamImage", .name = "other@latest"}, {.scheduled = true}));
  EXPECT_EQ(validateIs(s), (Causes{{kInvalid, "spec.tags[otherimage].importPolicy.scheduled",
                                    "Invalid value: true: only tags pointing to Docker repositories may be scheduled for background import"}}));
}

TEST(SpecS, S09_ShortestNames) { EXPECT_EQ(validateIs(stream("f", "g")), Causes{}); }

TEST(SpecS, S10_AllCharacters) {
  EXPECT_EQ(validateIs(stream("abcdefghijklmnopqrstuvwxyz-1234567890", "abcdefghijklmnopqrstuvwxyz-1234567890.dot_underscore-dash")),
            Causes{});
}

TEST(SpecS, S11_Exactly255) { EXPECT_EQ(validateIs(stream(std::string(63, 'a'), std::string(191, 'b'))), Causes{}); }

TEST(SpecS, S12_Over255) {
  std::string name = "x" + std::string(191, 'b');
  EXPECT_EQ(validateIs(stream(std::string(63, 'a'), name)),
            (Causes{{kInvalid, "metadata.name", "Invalid value: \"" + name + "\": 'namespace/name' cannot be longer than 255 characters"}}));
}

TEST(SpecS, S13_PreserveOriginal) {
  ImageStream s = stream("namespace", "foo");
  s.spec.tags.push_back(tag("tag", dockerImage("abc"), {.importMode = "PreserveOriginal"}));
  EXPECT_EQ(validateIs(s), Causes{});
}

TEST(SpecS, S14_ImportModeInvalid) {
  ImageStream s = stream("namespace", "foo");
  s.spec.tags.push_back(tag("tag", dockerImage("abc"), {.importMode = "Invalid"}));
  EXPECT_EQ(validateIs(s), (Causes{{kInvalid, "spec.tags[tag].importPolicy.importMode", R"(Invalid value: "Invalid": )" + kImportModeDetail}}));
}

TEST(SpecS, S15_ScheduledDigest) {
  ImageStream s = stream("namespace", "foo");
  s.spec.tags.push_back(tag("tag", dockerImage("abc@sha256:" + kHex64), {.scheduled = true}));
  EXPECT_EQ(validateIs(s), Causes{});
}

TEST(ImageStreamRules, UpstreamValidCase) {
  ImageStream s = stream("namespace", "foo");
  s.spec.tags.push_back(tag("tag", dockerImage("abc")));
  s.spec.tags.push_back(tag("other", {.kind = "ImageStreamTag", .name = "other:latest"}));
  s.status.tags.push_back({.tag = "tag", .items = std::vector<TagEvent>{{.dockerImageReference = "foo/bar:latest"}}});
  EXPECT_EQ(validateIs(s), Causes{});
}

TEST(ImageStreamRules, TagFromRules) {
  ImageStream s = stream("namespace", "foo");
  s.spec.tags.push_back(tag("a", dockerImage("")));                                    // Required, no parse error
  s.spec.tags.push_back(tag("b", {.kind = "ImageStreamTag", .name = ""}));             // Required only
  s.spec.tags.push_back(tag("c", {.kind = "Image", .name = "x"}));                     // unknown kind
  s.spec.tags.push_back(tag("d", {.kind = "", .name = ""}));                           // both
  s.spec.tags.push_back(tag("e", dockerImage("ok"), {.insecure = true}, "Local"));    // fine
  TagReference noFrom;
  noFrom.name = "f";
  noFrom.referencePolicy.type = "";  // undefaulted: empty is not a valid type
  s.spec.tags.push_back(noFrom);
  EXPECT_EQ(validateIs(s), (Causes{
                               {kRequired, "spec.tags[a].from.name", "Required value"},
                               {kRequired, "spec.tags[b].from.name", "Required value"},
                               {kRequired, "spec.tags[c].from.kind", "Required value: valid values are 'DockerImage', 'ImageStreamImage', 'ImageStreamTag'"},
                               {kRequired, "spec.tags[d].from.name", "Required value"},
                               {kRequired, "spec.tags[d].from.kind", "Required value: valid values are 'DockerImage', 'ImageStreamImage', 'ImageStreamTag'"},
                               {kInvalid, "spec.tags[f].referencePolicy.type", R"(Invalid value: "": valid values are "Source", "Local")"},
                           }));
}

TEST(ImageStreamRules, TagOrderAndDuplicates) {
  ImageStream s = stream("namespace", "foo");
  s.spec.tags.push_back(tag("z", dockerImage("abc"), {.importMode = "x"}));
  s.spec.tags.push_back(tag("m", dockerImage("abc"), {.importMode = "bad-first"}));
  s.spec.tags.push_back(tag("m", dockerImage("abc"), {.importMode = "bad-last"}));  // replaces the first "m"
  EXPECT_EQ(validateIs(s), (Causes{
                               {kInvalid, "spec.tags[m].importPolicy.importMode", R"(Invalid value: "bad-last": )" + kImportModeDetail},
                               {kInvalid, "spec.tags[z].importPolicy.importMode", R"(Invalid value: "x": )" + kImportModeDetail},
                           }));
}

TEST(ImageStreamRules, TagRuleOrderWithinOneTag) {
  ImageStream s = stream("namespace", "foo");
  s.spec.tags.push_back(tag("t", {.kind = "ImageStreamImage", .name = ""}, {.scheduled = true, .importMode = "No"}, "Nope"));
  EXPECT_EQ(validateIs(s),
            (Causes{
                {kRequired, "spec.tags[t].from.name", "Required value"},
                {kInvalid, "spec.tags[t].importPolicy.scheduled", "Invalid value: true: only tags pointing to Docker repositories may be scheduled for background import"},
                {kInvalid, "spec.tags[t].referencePolicy.type", R"(Invalid value: "Nope": valid values are "Source", "Local")"},
                {kInvalid, "spec.tags[t].importPolicy.importMode", R"(Invalid value: "No": )" + kImportModeDetail},
            }));
}

TEST(ImageStreamRules, OverallOrder) {
  ImageStream s = stream(std::string(64, 'n'), std::string(200, 'b'));
  s.spec.dockerImageRepository = "a:b";
  s.spec.tags.push_back(tag("t", dockerImage("A")));
  s.status.tags.push_back({.tag = "t", .items = std::vector<TagEvent>{{.dockerImageReference = ""}}});
  EXPECT_EQ(validateIs(s),
            (Causes{
                {kInvalid, "metadata.namespace", "Invalid value: \"" + std::string(64, 'n') + "\": must be no more than 63 characters"},
                {kInvalid, "metadata.name", "Invalid value: \"" + std::string(200, 'b') + "\": 'namespace/name' cannot be longer than 255 characters"},
                {kInvalid, "spec.dockerImageRepository", R"(Invalid value: "a:b": the repository name may not contain a tag)"},
                {kInvalid, "spec.tags[t].from.name", R"(Invalid value: "A": repository name must be lowercase)"},
                {kRequired, "status.tags[t].items[0].dockerImageReference", "Required value"},
            }));
}

TEST(ImageStreamRules, DecodedStreamIsDefaulted) {
  DecodeResult r = decodeObject(R"({"kind":"ImageStream","apiVersion":"image.openshift.io/v1",
    "metadata":{"name":"web","namespace":"demo"},
    "spec":{"tags":[{"name":"latest","from":{"kind":"DockerImage","name":"nginx"}}]}})");
  ASSERT_TRUE(r.object);
  EXPECT_EQ(validateIs(std::get<ImageStream>(*r.object)), Causes{});
}

// ---------------------------------------------------------------------------------------------
// docs/acceptance.md §5.1, Image rows (IM*, SG*) and further Image cases
// ---------------------------------------------------------------------------------------------

const std::string kManifestDigest = "sha256:82bc737c1fede1c1534446cd5fdd0737c4e0f3650454c9e1905e2d70af95778e";

Image image(std::string name = "foo", std::string reference = "openshift/ruby-19-centos") {
  Image i;
  i.metadata.name = std::move(name);
  i.dockerImageReference = std::move(reference);
  return i;
}

Image listImage(ImageManifest manifest) {
  Image i = image();
  i.dockerImageManifests.push_back(std::move(manifest));
  return i;
}

Causes validateImg(const Image& i) { return causes(validateImage(i)); }

TEST(SpecIM, ValidImage) { EXPECT_EQ(validateImg(image()), Causes{}); }

TEST(SpecIM, IM01_ManifestDigest) {
  EXPECT_EQ(validateImg(listImage({.digest = "abc", .mediaType = "foo/bar", .architecture = "foo", .os = "bar"})),
            (Causes{{kInvalid, "dockerImageManifests[0].digest", R"(Invalid value: "abc": digest does not conform with OCI image specification)"}}));
}

TEST(SpecIM, IM02_ManifestMediaType) {
  EXPECT_EQ(validateImg(listImage({.digest = kManifestDigest, .mediaType = "foobar", .architecture = "foo", .os = "bar"})),
            (Causes{{kInvalid, "dockerImageManifests[0].mediaType", R"(Invalid value: "foobar": media type does not conform to RFC6838)"}}));
}

TEST(SpecIM, IM03_ManifestArchitecture) {
  EXPECT_EQ(validateImg(listImage({.digest = kManifestDigest, .mediaType = "foo/bar", .os = "bar"})),
            (Causes{{kRequired, "dockerImageManifests[0].architecture", "Required value"}}));
}

TEST(SpecIM, IM04_ManifestOs) {
  EXPECT_EQ(validateImg(listImage({.digest = kManifestDigest, .mediaType = "foo/bar", .architecture = "bar"})),
            (Causes{{kRequired, "dockerImageManifests[0].os", "Required value"}}));
}

TEST(SpecIM, IM05_ManifestSize) {
  EXPECT_EQ(validateImg(listImage({.digest = kManifestDigest, .mediaType = "foo/bar", .manifestSize = -2, .architecture = "bar", .os = "linux"})),
            (Causes{{kInvalid, "dockerImageManifests[0].size", "Invalid value: -2: manifest size cannot be negative"}}));
}

TEST(SpecIM, IM06_MissingName) {
  EXPECT_EQ(validateImg(image("", "ref")), (Causes{{kRequired, "metadata.name", "Required value: name or generateName is required"}}));
}

TEST(SpecIM, IM07_MissingReference) {
  EXPECT_EQ(validateImg(image("foo", "")), (Causes{{kRequired, "dockerImageReference", "Required value"}}));
}

TEST(ImageRules, UpstreamMissingFieldCases) {
  EXPECT_EQ(validateImg(image("foo/bar", "")), (Causes{
                                                   {kInvalid, "metadata.name", R"(Invalid value: "foo/bar": may not contain '/')"},
                                                   {kRequired, "dockerImageReference", "Required value"},
                                               }));
  EXPECT_EQ(validateImg(image("foo%%bar", "")), (Causes{
                                                    {kInvalid, "metadata.name", R"(Invalid value: "foo%%bar": may not contain '%')"},
                                                    {kRequired, "dockerImageReference", "Required value"},
                                                }));
}

TEST(ImageRules, NamesArePathSegmentsOnly) {
  EXPECT_EQ(validateImg(image("sha256:" + kHex64, "r@sha256:" + kHex64)), Causes{});
  EXPECT_EQ(validateImg(image("Any Name_Goes!")), Causes{});
  EXPECT_EQ(validateImg(image("..")), (Causes{{kInvalid, "metadata.name", R"(Invalid value: "..": may not be '..')"}}));
  Image i = image();
  i.metadata.generateName = "..";
  EXPECT_EQ(validateImg(i), Causes{});
  i.metadata.generateName = "a%";
  EXPECT_EQ(validateImg(i), (Causes{{kInvalid, "metadata.generateName", R"(Invalid value: "a%": may not contain '%')"}}));
}

TEST(ImageRules, NamespaceIsForbiddenOnAClusterScopedKind) {
  Image i = image();
  i.metadata.nameSpace = "ns";
  EXPECT_EQ(validateImg(i), (Causes{{kForbidden, "metadata.namespace", "Forbidden: not allowed on this type"}}));
}

TEST(ImageRules, ReferenceMustParse) {
  EXPECT_EQ(validateImg(image("foo", "Foo/Bar")),
            (Causes{{kInvalid, "dockerImageReference", R"(Invalid value: "Foo/Bar": repository name must be lowercase)"}}));
}

TEST(ImageRules, LayersWithManifests) {
  Image i = listImage({.digest = kManifestDigest, .mediaType = "application/vnd.oci.image.manifest.v1+json", .manifestSize = 0,
                       .architecture = "amd64", .os = "linux"});
  EXPECT_EQ(validateImg(i), Causes{});
  i.dockerImageLayers = {{.name = "sha256:01", .size = 3, .mediaType = "m<"}, {.name = "", .size = 0, .mediaType = ""}};
  EXPECT_EQ(validateImg(i),
            (Causes{{kInvalid, "dockerImageLayers",
                     R"(Invalid value: [{"Name":"sha256:01","LayerSize":3,"MediaType":"m\u003c"},{"Name":"","LayerSize":0,"MediaType":""}]: )"
                     R"(dockerImageLayers should not be set when dockerImageManifests is set)"}}));
  Image single = image();
  single.dockerImageLayers = i.dockerImageLayers;  // layers alone are fine
  EXPECT_EQ(validateImg(single), Causes{});
}

TEST(ImageRules, ManifestDigestIsAnUnanchoredMatch) {
  auto digestErrors = [](const std::string& digest) {
    return validateImg(listImage({.digest = digest, .mediaType = "a/b", .architecture = "x", .os = "y"})).size();
  };
  EXPECT_EQ(digestErrors(kManifestDigest), 0u);
  EXPECT_EQ(digestErrors("md5:" + std::string(32, 'A')), 0u);                 // any algorithm, upper-case hex
  EXPECT_EQ(digestErrors("a+b.c_d-e:" + std::string(32, 'f')), 0u);
  EXPECT_EQ(digestErrors("junk before sha256:" + kHex64 + " junk after"), 0u);  // unanchored
  EXPECT_EQ(digestErrors("9a:" + std::string(32, '0')), 0u);                     // "a:..." matches inside
  EXPECT_EQ(digestErrors("99:" + std::string(32, '0')), 1u);                     // no letter before ':'
  EXPECT_EQ(digestErrors("sha256:" + std::string(31, '0')), 1u);
  EXPECT_EQ(digestErrors("sha256-:" + std::string(32, '0')), 1u);
  EXPECT_EQ(digestErrors("sha256:" + std::string(31, '0') + "g"), 1u);
  EXPECT_EQ(digestErrors(":" + std::string(40, '0') + "a:" + std::string(32, '0')), 0u);
  EXPECT_EQ(digestErrors(""), 1u);
}

TEST(ImageRules, ManifestMediaTypeGrammar) {
  auto mediaTypeErrors = [](const std::string& mediaType) {
    return validateImg(listImage({.digest = kManifestDigest, .mediaType = mediaType, .architecture = "x", .os = "y"})).size();
  };
  for (std::string ok : {std::string("application/vnd.docker.distribution.manifest.v2+json"), std::string("  a/b  "),
                         std::string("A!#$&^_-/z.+!#$&^_-"), std::string(127, 't') + "/" + std::string(127, 's')}) {
    EXPECT_EQ(mediaTypeErrors(ok), 0u) << ok;
  }
  for (std::string bad : {std::string(""), std::string("/b"), std::string("a/"), std::string("a/b/c"), std::string("a.b/c"),
                          std::string("-a/b"), std::string("a/.b"), std::string("a /b"), std::string("a/b c"), std::string("\ta/b"),
                          std::string("a/b\n"), std::string(128, 't') + "/s", "t/" + std::string(128, 's')}) {
    EXPECT_EQ(mediaTypeErrors(bad), 1u) << bad;
  }
}

TEST(ImageRules, AllManifestErrorsInOrder) {
  Image i = listImage({.digest = "", .mediaType = "", .manifestSize = -1});
  i.dockerImageManifests.push_back({.digest = kManifestDigest, .mediaType = "a/b", .architecture = "arm64", .os = "linux"});
  i.dockerImageManifests.push_back({.digest = "x", .mediaType = "a/b", .architecture = "arm64", .os = "linux"});
  EXPECT_EQ(validateImg(i),
            (Causes{
                {kInvalid, "dockerImageManifests[0].digest", R"(Invalid value: "": digest does not conform with OCI image specification)"},
                {kInvalid, "dockerImageManifests[0].mediaType", R"(Invalid value: "": media type does not conform to RFC6838)"},
                {kRequired, "dockerImageManifests[0].architecture", "Required value"},
                {kRequired, "dockerImageManifests[0].os", "Required value"},
                {kInvalid, "dockerImageManifests[0].size", "Invalid value: -1: manifest size cannot be negative"},
                {kInvalid, "dockerImageManifests[2].digest", R"(Invalid value: "x": digest does not conform with OCI image specification)"},
            }));
}

// Signatures (validated at `signatures[i]` inside an Image; the upstream tests use a nil root).
ImageSignature signature(std::string name, std::string type = "valid", std::string content = "blob") {
  ImageSignature s;
  s.metadata.name = std::move(name);
  s.type = std::move(type);
  if (!content.empty()) s.content = Bytes{std::move(content)};
  return s;
}

Causes validateSig(const ImageSignature& s) { return causes(validateImageSignature(s, FieldPath())); }

TEST(SpecSG, ValidSignatures) {
  EXPECT_EQ(validateSig(signature("imgname@valid")), Causes{});
  ImageSignature trusted = signature("imgname@trusted");
  trusted.conditions = {{.type = "Trusted", .status = "True"}, {.type = "ForImage", .status = "True"}};
  trusted.imageIdentity = "registry.company.ltd/app/core:v1.2";
  EXPECT_EQ(validateSig(trusted), Causes{});
  ImageSignature untrusted = signature("imgname@untrusted");
  untrusted.conditions = {{.type = "Trusted", .status = "True"}, {.type = "ForImage", .status = "False"}, {.type = "Trusted", .status = "False"}};
  untrusted.imageIdentity = "registry.company.ltd/app/core:v1.2";
  EXPECT_EQ(validateSig(untrusted), Causes{});
}

TEST(SpecSG, SG1_NameFormatAndType) {
  EXPECT_EQ(validateSig(signature("notype", "")), (Causes{
                                                      {kInvalid, "metadata.name", R"(Invalid value: "notype": name must be of format <imageName>@<signatureName>)"},
                                                      {kRequired, "type", "Required value"},
                                                  }));
}

TEST(SpecSG, SG2_Content) {
  EXPECT_EQ(validateSig(signature("img@nocontent", "invalid", "")), (Causes{{kRequired, "content", "Required value"}}));
}

TEST(SpecSG, SG3_MissingForImage) {
  ImageSignature s = signature("img@noforimage", "invalid");
  s.conditions = {{.type = "Trusted", .status = "True"}};
  s.imageIdentity = "registry.company.ltd/app/core:v1.2";
  EXPECT_EQ(validateSig(s),
            (Causes{{kInvalid, "conditions",
                     R"(Invalid value: [{"Type":"Trusted","Status":"True","LastProbeTime":null,"LastTransitionTime":null,"Reason":"","Message":""}]: missing "ForImage" condition type)"}}));
}

TEST(SpecSG, SG4_LabelsAndAnnotations) {
  ImageSignature s = signature("img@annotated");
  s.metadata.annotations = {{"key", "value"}};
  s.metadata.labels = {{"label", "value"}};
  EXPECT_EQ(validateSig(s), (Causes{
                                {kForbidden, "metadata.labels", "Forbidden: signature labels cannot be set"},
                                {kForbidden, "metadata.annotations", "Forbidden: signature annotations cannot be set"},
                            }));
}

TEST(SpecSG, SG5_UnknownStateMustNotCarryClaims) {
  ImageSignature s = signature("img@metadatafilled", "invalid");
  s.conditions = {{.type = "Trusted", .status = "Unknown"}, {.type = "ForImage", .status = "Unknown"}};
  s.imageIdentity = "registry.company.ltd/app/core:v1.2";
  s.signedClaims = {{"claim", "value"}};
  s.issuedBy = SignatureIssuer{.organization = "org"};
  s.issuedTo = SignatureSubject{.publicKeyID = "id"};
  EXPECT_EQ(validateSig(s),
            (Causes{
                {kInvalid, "imageIdentity", R"(Invalid value: "registry.company.ltd/app/core:v1.2": must be unset for unknown signature state)"},
                {kInvalid, "signedClaims", R"(Invalid value: {"claim":"value"}: must be unset for unknown signature state)"},
                {kInvalid, "issuedBy", R"(Invalid value: {"Organization":"org","CommonName":""}: must be unset for unknown signature state)"},
                {kInvalid, "issuedTo", R"(Invalid value: {"Organization":"","CommonName":"","PublicKeyID":"id"}: must be unset for unknown signature state)"},
            }));
}

TEST(SignatureRules, MissingTrustedAndNoConditionsAtAll) {
  ImageSignature s = signature("a@b");
  s.conditions = {{.type = "ForImage", .status = "True", .lastProbeTime = {true, 1466724217}, .reason = "r", .message = "m"}};
  EXPECT_EQ(validateSig(s),
            (Causes{{kInvalid, "conditions",
                     R"(Invalid value: [{"Type":"ForImage","Status":"True","LastProbeTime":"2016-06-23T23:23:37Z","LastTransitionTime":null,"Reason":"r","Message":"m"}]: missing "Trusted" condition type)"}}));
  ImageSignature none = signature("a@b");
  none.imageIdentity = "x";  // no Trusted condition counts as an unknown state
  EXPECT_EQ(validateSig(none), (Causes{{kInvalid, "imageIdentity", R"(Invalid value: "x": must be unset for unknown signature state)"}}));
}

TEST(SignatureRules, NameShapes) {
  for (const char* bad : {"", "@", "a@", "@b", "a@b@c"}) {
    ImageSignature s = signature(bad);
    Causes got = validateSig(s);
    ASSERT_FALSE(got.empty()) << bad;
    EXPECT_EQ(got.back(), (Cause{kInvalid, "metadata.name", "Invalid value: " + goQuote(bad) + ": name must be of format <imageName>@<signatureName>"}))
        << bad;
  }
}

TEST(SignatureRules, QuirkNilDereferenceBecomesAnInternalError) {
  // A condition that is neither the newest Trusted nor a first ForImage, seen before any ForImage,
  // makes upstream dereference a nil pointer (the request fails with HTTP 500).
  ImageSignature s = signature("a@b");
  s.conditions = {{.type = "Trusted", .status = "True", .lastProbeTime = {true, 20}},
                  {.type = "Trusted", .status = "True", .lastProbeTime = {true, 10}}};
  EXPECT_EQ(validateSig(s), (Causes{{"InternalError", "conditions[1]",
                                     "Internal error: runtime error: invalid memory address or nil pointer dereference"}}));
  s.conditions = {{.type = "Other", .status = "True"}};
  EXPECT_EQ(validateSig(s).size(), 1u);
  // Once a ForImage condition is known, an unknown type that is not older replaces it.
  s.conditions = {{.type = "ForImage", .status = "True"}, {.type = "Other", .status = "True"}, {.type = "Trusted", .status = "True"}};
  EXPECT_EQ(validateSig(s), Causes{});
  // In an Image, the panic replaces every other error.
  Image i = image("..", "");
  ImageSignature bad = signature("x");
  bad.conditions = {{.type = "Other"}};
  i.signatures = {signature("ok@sig"), bad};
  EXPECT_EQ(validateImg(i), (Causes{{"InternalError", "signatures[1].conditions[0]",
                                     "Internal error: runtime error: invalid memory address or nil pointer dereference"}}));
}

TEST(SignatureRules, InsideAnImage) {
  Image i = image();
  ImageSignature s = signature("nope", "");
  s.metadata.nameSpace = "ns";
  s.metadata.finalizers = {"f"};
  i.signatures = {signature("a@b"), s};
  EXPECT_EQ(validateImg(i),
            (Causes{
                {kForbidden, "signatures[1].metadata.namespace", "Forbidden: not allowed on this type"},
                {kInvalid, "signatures[1].metadata.finalizers[0]", R"(Invalid value: "f": name is neither a standard finalizer name nor is it fully qualified)"},
                {kInvalid, "signatures[1].metadata.name", R"(Invalid value: "nope": name must be of format <imageName>@<signatureName>)"},
                {kRequired, "signatures[1].type", "Required value"},
            }));
}

TEST(ImageRules, DecodedImage) {
  DecodeResult r = decodeObject(R"({"kind":"Image","apiVersion":"image.openshift.io/v1","metadata":{"name":"sha256:ab"},
    "dockerImageReference":"r@sha256:ab","dockerImageManifests":[{"digest":"sha256:ab","mediaType":"application/vnd.oci.image.manifest.v1+json","manifestSize":10,"architecture":"","os":"linux"}]})");
  ASSERT_TRUE(r.object);
  EXPECT_EQ(validateImg(std::get<Image>(*r.object)),
            (Causes{
                {kInvalid, "dockerImageReference", R"(Invalid value: "r@sha256:ab": invalid reference format)"},
                {kInvalid, "dockerImageManifests[0].digest", R"(Invalid value: "sha256:ab": digest does not conform with OCI image specification)"},
                {kRequired, "dockerImageManifests[0].architecture", "Required value"},
            }));
}

}  // namespace
}  // namespace isimport

// The import engine against a registry in memory (docs/import.md §3, docs/acceptance.md §5.4 B1–B22, docs/answers.md §6): whole statuses, the
// requests made and their counts, in every answering order. Where isimport departs from upstream
// on purpose the test says so; where upstream has a quirk, the test names it as upstream behaviour.
//
// Not covered because isimport has no cluster policy: docs/acceptance.md §5.4 B10–B12 (mirrors, blocked registries).
#include "import/importer.h"

#include <gtest/gtest.h>

#include "go/time_text.h"
#include "import/image_builder.h"
#include "json/codec.h"
#include "json/typed_encoder.h"
#include "registry/digest.h"
#include "registry/manifest.h"
#include "support/fake_registry.h"
#include "support/schema1_signer.h"
#include "support/test_support.h"

namespace isimport {
namespace {

using testing::Answer;
using testing::FakeRegistry;
using testing::FakeRepository;
using testing::Order;
using testing::RegistryAuth;
using testing::errorsBody;
using testing::readFixture;
using testing::signSchema1;

const int64_t kNow = *parseRfc3339("2026-01-02T03:04:05Z");
constexpr const char* kHub = "registry-1.docker.io";
const std::string kHubV2 = "https://registry-1.docker.io/v2/";
constexpr const char* kEtcdDigest = "sha256:958608f8ecc1dc62c93b6c610f3a834dae4220c9642e6e8b4e0f2b3ad7cbd238";
constexpr const char* kBusyboxDigest = "sha256:a59906e33509d14c036c8678d687bd4eec81ed7c4b8ce907b888c607f6a1e0e6";
constexpr const char* kSchema2 = "application/vnd.docker.distribution.manifest.v2+json";
constexpr const char* kSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";
constexpr const char* kDockerList = "application/vnd.docker.distribution.manifest.list.v2+json";

// ---- building requests and registries -----------------------------------------------------------

ImageStreamImport decodeIsi(const std::string& json) {
  DecodeResult decoded = decodeObject(json);
  EXPECT_TRUE(decoded.object) << json;
  if (!decoded.object) return {};
  return std::get<ImageStreamImport>(*decoded.object);
}

// An ImageStreamImport of `images` (each a JSON ImageImportSpec) and an optional repository.
ImageStreamImport isiOf(const std::vector<std::string>& images, const std::string& repository = "",
                        bool import = false) {
  std::string json = R"({"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1",)"
                     R"("metadata":{"name":"test","namespace":"ns"},"spec":{"import":)" +
                     std::string(import ? "true" : "false") + R"(,"images":[)";
  for (size_t i = 0; i < images.size(); ++i) json += (i ? "," : "") + images[i];
  json += "]";
  if (!repository.empty()) json += R"(,"repository":)" + repository;
  json += "}}";
  return decodeIsi(json);
}

std::string image(const std::string& name, const std::string& extra = "") {
  return R"({"from":{"kind":"DockerImage","name":")" + name + "\"}" + (extra.empty() ? "" : "," + extra) + "}";
}

std::string repositoryOf(const std::string& name, const std::string& extra = "") {
  return R"({"from":{"kind":"DockerImage","name":")" + name + "\"}" + (extra.empty() ? "" : "," + extra) + "}";
}

ImportSettings settings() {
  ImportSettings s;
  s.nowUnix = kNow;
  return s;
}

Keyring keyringOf(const std::string& json) {
  std::string error;
  Keyring k = Keyring::fromDockerConfig(json, error);
  EXPECT_EQ(error, "");
  return k;
}

// ---- documents ----------------------------------------------------------------------------------

struct Blob {
  std::string body, digest;
};
Blob blob(std::string body) { return {body, sha256Digest(body)}; }

std::string fakeDigest(char c) { return "sha256:" + std::string(64, c); }

std::string schema2Manifest(const Blob& config, const std::vector<std::pair<std::string, int64_t>>& layers) {
  std::string body = "{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"" + std::string(kSchema2) +
                     "\",\n   \"config\": {\"mediaType\": \"application/vnd.docker.container.image.v1+json\", \"size\": " +
                     std::to_string(config.body.size()) + ", \"digest\": \"" + config.digest + "\"},\n   \"layers\": [";
  for (size_t i = 0; i < layers.size(); ++i) {
    body += std::string(i ? ", " : "") + "{\"mediaType\": \"application/vnd.docker.image.rootfs.diff.tar.gzip\", \"size\": " +
            std::to_string(layers[i].second) + ", \"digest\": \"" + layers[i].first + "\"}";
  }
  return body + "]\n}";
}

// One platform image of the test lists: its config and its schema 2 manifest.
struct Platform {
  Blob config, manifest;
};
Platform platform(const std::string& arch, const std::string& variant = "") {
  Platform p;
  p.config = blob(R"({"architecture":")" + arch + R"(",)" + (variant.empty() ? "" : R"("variant":")" + variant + R"(",)") +
                  R"("config":{"Env":["PATH=/usr/bin"],"Cmd":["sh"]},"created":"2025-12-01T10:00:00Z","os":"linux"})");
  p.manifest = blob(schema2Manifest(p.config, {{fakeDigest(arch == "amd64" ? 'a' : 'b'), 1000}}));
  return p;
}

std::string listOf(const std::vector<std::tuple<Blob, std::string, std::string, std::string>>& entries) {
  std::string body = "{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"" + std::string(kDockerList) + "\",\n  \"manifests\": [";
  for (size_t i = 0; i < entries.size(); ++i) {
    const auto& [m, arch, os, variant] = entries[i];
    body += std::string(i ? "," : "") + "\n    {\"mediaType\": \"" + kSchema2 + "\", \"size\": " +
            std::to_string(m.body.size()) + ", \"digest\": \"" + m.digest + "\", \"platform\": {\"architecture\": \"" +
            arch + "\", \"os\": \"" + os + "\"" + (variant.empty() ? "" : ", \"variant\": \"" + variant + "\"") + "}}";
  }
  return body + "\n  ]\n}";
}

// The amd64/linux + arm64/linux/v8 list of docs/acceptance.md §5.4, made self-consistent (upstream's recorded configs
// do not hash to the digests its manifests name; see tests/fixtures/registry/README.md).
struct TestList {
  Platform amd64 = platform("amd64");
  Platform arm64 = platform("arm64", "v8");
  Blob list = blob(listOf({{amd64.manifest, "amd64", "linux", ""}, {arm64.manifest, "arm64", "linux", "v8"}}));

  void serve(FakeRepository& r, const std::string& tag = "latest") const {
    r.putManifest(kDockerList, list.body, tag);
    for (const Platform* p : {&amd64, &arm64}) {
      r.putManifest(kSchema2, p->manifest.body);
      r.putBlob(p->config.body);
    }
  }
};

void serveBusybox(FakeRepository& r, const std::string& tag) {
  r.putManifest(kSchema2, readFixture("registry/busybox-schema2.json"), tag);
  r.putBlob(readFixture("registry/busybox-config.json"));
}

// ---- what the answers should be -----------------------------------------------------------------

// The Image the builder makes of a manifest (its own tests pin that against upstream), with the
// reference the importer gives it; raw manifest and config dropped unless `keepRaw`.
Image builtImage(const std::string& contentType, const std::string& body, const std::string& config,
                 const std::string& repository, bool keepRaw = false) {
  ManifestParse parsed = parseManifest(contentType, body);
  EXPECT_TRUE(parsed.manifest) << parsed.error;
  std::string name = sha256Digest(parsed.manifest->canonical);
  ImageBuild build = buildImage(*parsed.manifest, body, config, "", repository + "@" + name, kNow);
  EXPECT_TRUE(build.image) << build.error;
  Image image = build.image ? *build.image : Image{};
  if (!keepRaw) {
    image.dockerImageManifest.clear();
    image.dockerImageConfig.clear();
  }
  return image;
}

std::string success(const std::optional<Image>& img, const std::string& tag = "",
                    const std::vector<Image>& manifests = {}) {
  ImageImportStatus st;
  st.status.status = "Success";
  st.image = img;
  st.tag = tag;
  st.manifests = manifests;
  return toJson(st);
}

std::string failure(const std::string& statusJson, const std::string& tag = "") {
  return R"({"status":)" + statusJson + (tag.empty() ? "" : R"(,"tag":")" + tag + "\"") + "}";
}

std::string internalError(const std::string& message) {
  return R"({"metadata":{},"status":"Failure","message":"Internal error occurred: )" + message +
         R"(","reason":"InternalError","details":{"causes":[{"message":")" + message + R"("}]},"code":500})";
}

std::string notFound(const std::string& ref) {
  return R"({"metadata":{},"status":"Failure","message":"dockerimage.image.openshift.io \")" + ref +
         R"(\" not found","reason":"NotFound","details":{"name":")" + ref +
         R"(","group":"image.openshift.io","kind":"dockerimage"},"code":404})";
}

std::string unauthorized(const std::string& message) {
  return R"({"metadata":{},"status":"Failure","message":")" + message + R"(","reason":"Unauthorized","code":401})";
}

std::string noAccess(const std::string& ref) {
  return unauthorized("you may not have access to the container image \\\"" + ref + "\\\"");
}

// JSON text escaping of a message built by hand (quotes and newlines).
std::string esc(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else if (c == '\\') out += "\\\\";
    else if (c == '&') out += "\\u0026";  // Go's encoder escapes &, < and >
    else if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else out += c;
  }
  return out;
}

// ---- running ------------------------------------------------------------------------------------

struct Outcome {
  ImageStreamImport result;
  std::optional<Status> failure;
  std::vector<ImportNotice> notices;
  std::string json;        // the answer
  FakeRegistry registry;   // after the first-in-first-out run: its request log
  size_t requests = 0;

  const ImageImportStatus& at(size_t i) const { return result.status.images.at(i); }
  std::string image(size_t i) const { return toJson(result.status.images.at(i)); }
  std::string repository() const { return result.status.repository ? toJson(*result.status.repository) : "<none>"; }
};

// Runs the import once per answering order against a fresh copy of `registry`: the answers must be
// identical, and (unless `sameRequests` is false) so must the set of requests.
Outcome runImport(const ImageStreamImport& isi, const ImportSettings& s, const FakeRegistry& registry,
              bool sameRequests = true) {
  Outcome first;
  for (Order order : {Order::Fifo, Order::Lifo, Order::Interleaved, Order::Shuffled}) {
    FakeRegistry reg = registry;
    Importer importer(isi, s);
    testing::drive(importer, reg, order);
    std::string json = importer.failure() ? encodeStatus(*importer.failure()) : toJson(importer.result());
    if (order == Order::Fifo) {
      first.result = importer.result();
      first.failure = importer.failure();
      first.notices = importer.notices();
      first.json = json;
      first.registry = reg;
      first.requests = reg.log.size();
      ImportProgress p = importer.progress();
      EXPECT_EQ(p.requestsDone, p.requestsKnown);
      EXPECT_EQ(p.requestsDone, reg.log.size());
      EXPECT_EQ(p.imagesDone, p.imagesTotal);
    } else {
      EXPECT_EQ(json, first.json) << "answering order " << testing::orderName(order) << " changed the result";
      if (sameRequests) {
        EXPECT_EQ(reg.requestLines(), first.registry.requestLines())
            << "answering order " << testing::orderName(order) << " changed the requests";
      }
    }
  }
  return first;
}

Outcome runImport(const ImageStreamImport& isi, const FakeRegistry& registry) { return runImport(isi, settings(), registry); }

// Manifest GET URLs in the order they were asked for (FIFO run: the order the importer made them).
std::vector<std::string> manifestGets(const FakeRegistry& r) {
  std::vector<std::string> urls;
  for (const auto& q : r.log)
    if (q.method == "GET" && q.url.find("/manifests/") != std::string::npos) urls.push_back(q.url.substr(q.url.find("/manifests/") + 11));
  return urls;
}

// =================================================================================================
// docs/acceptance.md §5.4 B1–B9, B13–B22
// =================================================================================================

// B1/B2: a generic registry failure by tag and by digest. Upstream's mock error "no such manifest
// tag" stands for any error without Distribution codes; here it is a 5xx, which also shows that 5xx
// answers are not retried (upstream quirk).
TEST(ImporterB, FetchFailuresByTagAndByDigest) {
  FakeRegistry registry;
  registry.repo(kHub, "library/test");
  const std::string empty = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  registry.script("GET", "https://registry-1.docker.io/v2/library/test/manifests/latest", {Answer::json(500, "oops")});
  registry.script("GET", "https://registry-1.docker.io/v2/library/test/manifests/" + empty, {Answer::json(502, "")});
  Outcome run = runImport(isiOf({image("test"), image("test@" + empty)}), registry);
  EXPECT_EQ(run.image(0),
            failure(internalError("docker.io/library/test:latest: received unexpected HTTP status: 500 Internal Server Error"),
                    "latest"));
  EXPECT_EQ(run.image(1), failure(internalError("docker.io/library/test@" + empty +
                                                ": received unexpected HTTP status: 502 Bad Gateway")));
  EXPECT_EQ(run.registry.count("GET", "/manifests/"), 2u);  // neither retried
  EXPECT_EQ(run.requests, 3u);                              // and one ping for the repository
}

// B3, B4, B22: entries given straight to the importer, bypassing validation.
TEST(ImporterB, UnparseableNameOtherKindAndEmptyRequest) {
  ImageStreamImport isi;
  isi.metadata.name = "test";
  isi.spec.images.resize(4);
  isi.spec.images[0].from.kind = "DockerImage";
  isi.spec.images[0].from.name = "test///un/parse/able/image";
  isi.spec.images[1].from.kind = "ImageStreamTag";
  isi.spec.images[1].from.name = "test:other";
  isi.spec.images[2].from.kind = "DockerImage";
  isi.spec.images[2].from.name = "*";
  isi.spec.images[3].from.kind = "DockerImage";
  isi.spec.images[3].from.name = "quay.io";  // registry only: passes validation, fails here
  Outcome run = runImport(isi, FakeRegistry{});
  EXPECT_EQ(run.image(0),
            R"({"status":{"metadata":{},"status":"Failure","message":" \"\" is invalid: from.name: Invalid value: \"test///un/parse/able/image\": invalid name: invalid reference format","reason":"Invalid","details":{"causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"test///un/parse/able/image\": invalid name: invalid reference format","field":"from.name"}]},"code":422}})");
  EXPECT_EQ(run.image(1), R"({"status":{"metadata":{}}})");
  EXPECT_EQ(run.image(2), failure(internalError("unable to parse docker reference *:latest: invalid reference format"), "latest"));
  EXPECT_EQ(run.image(3), failure(internalError("unable to parse docker reference : invalid reference format"), "latest"));
  EXPECT_EQ(run.requests, 0u);

  ImageStreamImport none;
  none.metadata.name = "test";
  Outcome empty = runImport(none, FakeRegistry{});
  EXPECT_EQ(toJson(empty.result.status), "{}");
  EXPECT_EQ(empty.requests, 0u);
}

// B5: upstream's mock fails the repository handle itself ("test: error"); with the production
// retriever the connection is lazy, so a registry that cannot be reached fails the tag listing
// with the raw error and no reference prefix.
TEST(ImporterB, RepositoryWhoseRegistryCannotBeReached) {
  FakeRegistry registry;
  registry.script("GET", kHubV2, {Answer::fail(TransportFailure::Network, "dial tcp: connect: connection refused")});
  Outcome run = runImport(isiOf({}, repositoryOf("test")), registry);
  EXPECT_EQ(run.repository(),
            R"({"status":)" +
                internalError(esc(R"(Get "https://registry-1.docker.io/v2/": dial tcp: connect: connection refused)")) +
                "}");
  EXPECT_EQ(run.requests, 1u);
}

// B6: the schema 1 etcd manifest by digest and by tag (sizes from its history, no probe).
TEST(ImporterB, Schema1EtcdByDigestAndByTag) {
  FakeRegistry registry;
  std::string etcd = readFixture("registry/etcd-schema1.json");
  auto& r = registry.repo(kHub, "library/test");
  r.manifests["tag"] = {kSchema1Signed, etcd};
  r.manifests[kEtcdDigest] = {kSchema1Signed, etcd};
  Outcome run = runImport(isiOf({image(std::string("test@") + kEtcdDigest), image("test:tag")}), registry);
  Image expected = builtImage(kSchema1Signed, etcd, "", "test");
  EXPECT_EQ(expected.metadata.name, kEtcdDigest);
  EXPECT_EQ(expected.dockerImageMetadata->size, 28643712);
  EXPECT_EQ(expected.dockerImageReference, std::string("test@") + kEtcdDigest);
  EXPECT_EQ(run.image(0), success(expected));
  EXPECT_EQ(run.image(1), success(expected, "tag"));
  EXPECT_EQ(run.registry.count("GET", "/manifests/"), 2u);
  EXPECT_EQ(run.registry.count("HEAD"), 0u);
}

// B7: schema 2 busybox by tag: size = config bytes + layer.
TEST(ImporterB, Schema2BusyboxByTag) {
  FakeRegistry registry;
  serveBusybox(registry.repo(kHub, "library/test"), "busybox");
  Outcome run = runImport(isiOf({image("test:busybox")}), registry);
  Image expected = builtImage(kSchema2, readFixture("registry/busybox-schema2.json"),
                              readFixture("registry/busybox-config.json"), "test");
  EXPECT_EQ(expected.metadata.name, kBusyboxDigest);
  EXPECT_EQ(expected.dockerImageMetadata->size, 669049);
  EXPECT_EQ(run.image(0), success(expected, "busybox"));
  EXPECT_EQ(run.at(0).image->dockerImageReference, std::string("test@") + kBusyboxDigest);
  EXPECT_EQ(run.registry.requestLines(),
            (std::vector<std::string>{
                "GET https://registry-1.docker.io/v2/",
                "GET https://registry-1.docker.io/v2/library/test/blobs/sha256:2b8fd9751c4c0f5dd266fcae00707e67a2545ef34f9a29354585f93dac906749",
                "GET https://registry-1.docker.io/v2/library/test/manifests/busybox"}));
  // The manifest GET offers upstream's six types, one Accept header each.
  const HttpRequest* get = run.registry.find("GET", "/manifests/busybox");
  ASSERT_TRUE(get);
  std::vector<std::string> accept;
  for (const auto& [k, v] : get->headers)
    if (k == "Accept") accept.push_back(v);
  EXPECT_EQ(accept.size(), 6u);
  EXPECT_EQ(FakeRegistry::header(*get, "authorization"), "");
}

// B8 (and docs/acceptance.md §5.3's last row): cap 5 over {v1, other, v2, 3, 3.1, abc}, every tag failing.
TEST(ImporterB, RepositoryCapAndAdditionalTagsWithEveryTagFailing) {
  FakeRegistry registry;
  auto& r = registry.repo(kHub, "library/test");
  r.tags = {"v1", "other", "v2", "3", "3.1", "abc"};
  for (const auto& t : r.tags) {
    registry.script("GET", "https://registry-1.docker.io/v2/library/test/manifests/" + t, {Answer::json(500, "")});
  }
  ImportSettings s = settings();
  s.maxTagsPerRepository = 5;
  Outcome run = runImport(isiOf({}, repositoryOf("test")), s, registry);
  std::string images;
  for (const char* t : {"3.1", "3", "abc", "other", "v1"}) {
    images += std::string(images.empty() ? "" : ",") +
              failure(internalError(std::string("docker.io/library/test:") + t +
                                    ": received unexpected HTTP status: 500 Internal Server Error"),
                      t);
  }
  EXPECT_EQ(run.repository(),
            R"({"status":{"metadata":{},"status":"Failure","message":"5 of the images from this repository failed to import","reason":"ImportFailed"},"images":[)" +
                images + R"(],"additionalTags":["v2"]})");
  EXPECT_EQ(run.registry.count("GET", "/manifests/v2"), 0u);
  EXPECT_EQ(run.requests, 1u + 1u + 5u);  // ping, tag list, five manifests
}

// B9: importPolicy.insecure — a failed https ping falls back to http, and everything after goes
// over http; without the flag the same registry fails.
TEST(ImporterB, InsecureRegistryFallsBackToHttp) {
  FakeRegistry registry;
  registry.host("plain.example:5000").httpOnly = true;
  serveBusybox(registry.repo("plain.example:5000", "team/app"), "1");
  registry.repo("plain.example:5000", "team/other");
  Outcome run = runImport(isiOf({image("plain.example:5000/team/app:1", R"("importPolicy":{"insecure":true})"),
                             image("plain.example:5000/team/other:1")}),
                      registry);
  EXPECT_EQ(run.at(0).status.status, "Success");
  EXPECT_EQ(run.at(0).image->dockerImageReference, std::string("plain.example:5000/team/app@") + kBusyboxDigest);
  EXPECT_EQ(run.image(1),
            failure(internalError(esc("plain.example:5000/team/other:1: Get \"https://plain.example:5000/v2/\": "
                                      "http: server gave HTTP response to HTTPS client")),
                    "1"));
  EXPECT_EQ(run.registry.requestLines(),
            (std::vector<std::string>{
                "GET http://plain.example:5000/v2/",
                "GET http://plain.example:5000/v2/team/app/blobs/sha256:2b8fd9751c4c0f5dd266fcae00707e67a2545ef34f9a29354585f93dac906749",
                "GET http://plain.example:5000/v2/team/app/manifests/1",
                "GET https://plain.example:5000/v2/",
                "GET https://plain.example:5000/v2/"}));
}

// B13: PreserveOriginal by tag: the list, then each entry by digest in list order.
TEST(ImporterB, PreserveOriginalByTag) {
  TestList l;
  FakeRegistry registry;
  l.serve(registry.repo(kHub, "library/test"));
  Outcome run = runImport(isiOf({image("test:latest", R"("importPolicy":{"importMode":"PreserveOriginal"})")}), registry);
  EXPECT_EQ(manifestGets(run.registry), (std::vector<std::string>{"latest", l.amd64.manifest.digest, l.arm64.manifest.digest}));
  ASSERT_EQ(run.at(0).status.status, "Success");
  ASSERT_EQ(run.at(0).manifests.size(), 2u);
  // Sub-manifests keep their manifest and config text (upstream quirk, docs/import.md §3.13).
  EXPECT_EQ(toJson(run.at(0).manifests[0]),
            toJson(builtImage(kSchema2, l.amd64.manifest.body, l.amd64.config.body, "test", true)));
  EXPECT_EQ(toJson(run.at(0).manifests[1]),
            toJson(builtImage(kSchema2, l.arm64.manifest.body, l.arm64.config.body, "test", true)));
  EXPECT_EQ(run.at(0).image->metadata.name, l.list.digest);
  EXPECT_EQ(run.at(0).image->dockerImageReference, "test@" + l.list.digest);
  EXPECT_EQ(run.at(0).tag, "latest");
  EXPECT_EQ(run.requests, 1u + 3u + 2u);  // ping, three manifests, two configs
}

// B14: PreserveOriginal by the list's digest.
TEST(ImporterB, PreserveOriginalByDigest) {
  TestList l;
  FakeRegistry registry;
  l.serve(registry.repo(kHub, "library/test"));
  Outcome run =
      runImport(isiOf({image("test@" + l.list.digest, R"("importPolicy":{"importMode":"PreserveOriginal"})")}), registry);
  EXPECT_EQ(manifestGets(run.registry),
            (std::vector<std::string>{l.list.digest, l.amd64.manifest.digest, l.arm64.manifest.digest}));
  EXPECT_EQ(run.at(0).status.status, "Success");
  EXPECT_EQ(run.at(0).manifests.size(), 2u);
  EXPECT_EQ(run.at(0).tag, "");
}

// B15: PreserveOriginal repository import.
TEST(ImporterB, PreserveOriginalRepository) {
  TestList l;
  FakeRegistry registry;
  auto& r = registry.repo(kHub, "library/test");
  l.serve(r);
  r.tags = {"latest"};
  Outcome run = runImport(isiOf({}, repositoryOf("test", R"("importPolicy":{"importMode":"PreserveOriginal"})")), registry);
  EXPECT_EQ(manifestGets(run.registry), (std::vector<std::string>{"latest", l.amd64.manifest.digest, l.arm64.manifest.digest}));
  const auto& repo = *run.result.status.repository;
  EXPECT_EQ(toJson(repo.status), R"({"metadata":{},"status":"Success"})");
  ASSERT_EQ(repo.images.size(), 1u);
  EXPECT_EQ(repo.images[0].status.status, "Success");
  EXPECT_EQ(repo.images[0].manifests.size(), 2u);
  EXPECT_EQ(repo.images[0].image->dockerImageReference, "test@" + l.list.digest);
  EXPECT_TRUE(repo.additionalTags.empty());
}

// B16: the same list digest in PreserveOriginal and Legacy. Upstream GETs list, amd64, arm64,
// list, amd64 (no cache across modes); isimport fetches each digest once per import (deliberate
// difference: fewer round trips, same results).
TEST(ImporterB, SameDigestInBothModesFetchesEachManifestOnce) {
  TestList l;
  FakeRegistry registry;
  l.serve(registry.repo(kHub, "library/test"));
  Outcome run = runImport(isiOf({image("test@" + l.list.digest, R"("importPolicy":{"importMode":"PreserveOriginal"})"),
                             image("test@" + l.list.digest, R"("importPolicy":{"importMode":"Legacy"})")}),
                      registry);
  std::vector<std::string> gets = manifestGets(run.registry);
  std::sort(gets.begin(), gets.end());
  std::vector<std::string> want{l.list.digest, l.amd64.manifest.digest, l.arm64.manifest.digest};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(gets, want);
  EXPECT_EQ(run.registry.count("GET", "/blobs/"), 2u);
  EXPECT_EQ(run.at(0).manifests.size(), 2u);
  EXPECT_EQ(run.at(0).image->metadata.name, l.list.digest);
  EXPECT_EQ(run.image(1), success(builtImage(kSchema2, l.amd64.manifest.body, l.amd64.config.body, "test")));
}

// B17/B18: Legacy (and the empty mode) by digest and by tag: the list, then the amd64 entry.
TEST(ImporterB, LegacyListByDigestAndByTag) {
  TestList l;
  for (const char* mode : {"Legacy", ""}) {
    FakeRegistry registry;
    l.serve(registry.repo(kHub, "library/test"));
    std::string policy = std::string(R"("importPolicy":{"importMode":")") + mode + "\"}";
    Outcome byDigest = runImport(isiOf({image("test@" + l.list.digest, policy)}), registry);
    EXPECT_EQ(manifestGets(byDigest.registry), (std::vector<std::string>{l.list.digest, l.amd64.manifest.digest}));
    Image amd64 = builtImage(kSchema2, l.amd64.manifest.body, l.amd64.config.body, "test");
    EXPECT_EQ(byDigest.image(0), success(amd64));

    Outcome byTag = runImport(isiOf({image("test:latest", policy)}), registry);
    EXPECT_EQ(manifestGets(byTag.registry), (std::vector<std::string>{"latest", l.amd64.manifest.digest}));
    EXPECT_EQ(byTag.image(0), success(amd64, "latest"));
    EXPECT_EQ(byTag.requests, 1u + 2u + 1u);
  }
}

// B19: a missing sub-manifest fails the whole entry, named by the entry's own digest reference.
TEST(ImporterB, PreserveOriginalWithMissingSubManifest) {
  TestList l;
  FakeRegistry registry;
  auto& r = registry.repo(kHub, "library/test");
  l.serve(r);
  r.manifests.erase(l.arm64.manifest.digest);
  Outcome run =
      runImport(isiOf({image("test@" + l.list.digest, R"("importPolicy":{"importMode":"PreserveOriginal"})")}), registry);
  EXPECT_EQ(run.image(0), failure(notFound("docker.io/library/test@" + l.arm64.manifest.digest)));
}

// B20: a missing config blob of a sub-manifest: Distribution's "unknown blob", named by the entry.
TEST(ImporterB, PreserveOriginalWithMissingSubManifestConfig) {
  TestList l;
  FakeRegistry registry;
  auto& r = registry.repo(kHub, "library/test");
  l.serve(r);
  r.blobs.erase(l.arm64.config.digest);
  Outcome run =
      runImport(isiOf({image("test@" + l.list.digest, R"("importPolicy":{"importMode":"PreserveOriginal"})")}), registry);
  EXPECT_EQ(run.image(0), failure(internalError("docker.io/library/test@" + l.arm64.manifest.digest + ": unknown blob")));
  EXPECT_EQ(run.registry.count("GET", "/blobs/" + l.arm64.config.digest), 1u);  // blob GETs are not retried
}

// B21: the list image of PreserveOriginal.
TEST(ImporterB, PreserveOriginalListImageShape) {
  TestList l;
  FakeRegistry registry;
  l.serve(registry.repo(kHub, "library/test"));
  Outcome run = runImport(
      isiOf({image("test@" + l.list.digest, R"("importPolicy":{"importMode":"PreserveOriginal"},"includeManifest":true)")}),
      registry);
  EXPECT_EQ(toJson(*run.at(0).image),
            R"({"metadata":{"name":")" + l.list.digest + R"(","creationTimestamp":null},"dockerImageReference":"test@)" +
                l.list.digest + R"(","dockerImageMetadata":{"kind":"DockerImage","apiVersion":"image.openshift.io/1.0","Id":")" +
                l.list.digest +
                R"(","Created":"2026-01-02T03:04:05Z","ContainerConfig":{}},"dockerImageMetadataVersion":"1.0","dockerImageManifestMediaType":"application/vnd.docker.distribution.manifest.list.v2+json","dockerImageManifests":[{"digest":")" +
                l.amd64.manifest.digest + R"(","mediaType":"application/vnd.docker.distribution.manifest.v2+json","manifestSize":)" +
                std::to_string(l.amd64.manifest.body.size()) + R"(,"architecture":"amd64","os":"linux"},{"digest":")" +
                l.arm64.manifest.digest + R"(","mediaType":"application/vnd.docker.distribution.manifest.v2+json","manifestSize":)" +
                std::to_string(l.arm64.manifest.body.size()) + R"(,"architecture":"arm64","os":"linux","variant":"v8"}]})");
}


// =================================================================================================
// Legacy platform choice, grouping, repository import
// =================================================================================================

ImageStream streamWithTagAnnotations(const std::string& tag, const std::string& annotations) {
  DecodeOptions asStream;
  asStream.defaultKind = "ImageStream";
  DecodeResult d = decodeObject(R"({"kind":"ImageStream","apiVersion":"image.openshift.io/v1","metadata":{"name":"test","namespace":"ns","resourceVersion":"7","generation":3},"spec":{"tags":[{"name":")" +
                                    tag + R"(","annotations":)" + annotations + "}]}}",
                                asStream);
  EXPECT_TRUE(d.object);
  return std::get<ImageStream>(*d.object);
}

// A list of three platforms, none linux/amd64 first: s390x, then arm64, then amd64.
struct ThreePlatforms {
  Platform s390x = platform("s390x");
  Platform arm64 = platform("arm64", "v8");
  Platform amd64 = platform("amd64");
  Blob list = blob(listOf({{s390x.manifest, "s390x", "linux", ""},
                           {arm64.manifest, "arm64", "linux", "v8"},
                           {amd64.manifest, "amd64", "linux", ""}}));
  void serve(FakeRepository& r) const {
    r.putManifest(kDockerList, list.body, "latest");
    for (const Platform* p : {&s390x, &arm64, &amd64}) {
      r.putManifest(kSchema2, p->manifest.body);
      r.putBlob(p->config.body);
    }
  }
  std::string nameOf(const Platform& p) const { return p.manifest.digest; }
};

TEST(ImporterLegacy, PlatformPreferenceFromTheCurrentStreamAndTheControlPlane) {
  ThreePlatforms l;
  FakeRegistry registry;
  l.serve(registry.repo(kHub, "library/test"));
  auto chosen = [&](const ImageStreamImport& isi, const ImportSettings& s, size_t i = 0) {
    Outcome run = runImport(isi, s, registry);
    return run.at(i).image ? run.at(i).image->metadata.name.str() : run.image(i);
  };
  ImportSettings plain = settings();
  // No preference: the control plane's platform (linux/amd64 by default) …
  EXPECT_EQ(chosen(isiOf({image("test:latest")}), plain), l.nameOf(l.amd64));
  // … or another one the caller names.
  ImportSettings arm = settings();
  arm.controlPlane = {"arm64", "linux"};
  EXPECT_EQ(chosen(isiOf({image("test:latest")}), arm), l.nameOf(l.arm64));
  // A control plane no entry matches: linux/amd64, else the first entry.
  ImportSettings ppc = settings();
  ppc.controlPlane = {"ppc64le", "linux"};
  EXPECT_EQ(chosen(isiOf({image("test:latest")}), ppc), l.nameOf(l.amd64));

  // prefer-arch on the spec tag named by `to` (or by the source tag without `to`).
  ImportSettings s = settings();
  s.current = streamWithTagAnnotations("mine", R"({"importer.image.openshift.io/prefer-arch":"s390x"})");
  EXPECT_EQ(chosen(isiOf({image("test:latest", R"("to":{"name":"mine"})")}), s), l.nameOf(l.s390x));
  EXPECT_EQ(chosen(isiOf({image("test:latest")}), s), l.nameOf(l.amd64));  // tag "latest" has no annotation
  s.current = streamWithTagAnnotations("latest", R"({"importer.image.openshift.io/prefer-arch":"arm64"})");
  EXPECT_EQ(chosen(isiOf({image("test:latest")}), s), l.nameOf(l.arm64));
  // prefer-os alone: arch from the control plane.
  s.current = streamWithTagAnnotations("latest", R"({"importer.image.openshift.io/prefer-os":"windows"})");
  EXPECT_EQ(chosen(isiOf({image("test:latest")}), s), l.nameOf(l.amd64));
  // A digest import uses no preference.
  s.current = streamWithTagAnnotations("latest", R"({"importer.image.openshift.io/prefer-arch":"arm64"})");
  EXPECT_EQ(chosen(isiOf({image("test@" + l.list.digest, R"("to":{"name":"latest"})")}), s), l.nameOf(l.amd64));

  // The preference is part of the de-duplication key: the same tag twice, two platforms.
  s.current = streamWithTagAnnotations("mine", R"({"importer.image.openshift.io/prefer-arch":"arm64"})");
  Outcome both = runImport(isiOf({image("test:latest", R"("to":{"name":"mine"})"), image("test:latest")}), s, registry);
  EXPECT_EQ(both.at(0).image->metadata.name, l.nameOf(l.arm64));
  EXPECT_EQ(both.at(1).image->metadata.name, l.nameOf(l.amd64));
  EXPECT_EQ(both.registry.count("GET", "/manifests/latest"), 1u);
}

// Upstream falls back without a word; the importer keeps that answer and says so in a notice.
TEST(ImporterLegacy, AFallbackFromTheWantedPlatformIsNoticed) {
  ThreePlatforms l;
  FakeRegistry registry;
  l.serve(registry.repo(kHub, "library/test"));
  ImportSettings ppc = settings();
  ppc.controlPlane = {"ppc64le", "linux"};
  Outcome run = runImport(isiOf({image("test:latest"), image("test:latest", R"("importPolicy":{"importMode":"PreserveOriginal"})")}), ppc, registry);
  EXPECT_EQ(run.at(0).image->metadata.name, l.nameOf(l.amd64));
  ASSERT_EQ(run.notices.size(), 1u);
  EXPECT_EQ(run.notices[0].field, "spec.images[0]");
  EXPECT_EQ(run.notices[0].message, "the list has no linux/ppc64le entry; Legacy mode took its first linux/amd64 entry, linux/amd64 (" +
                                        l.amd64.manifest.digest + ")");
  EXPECT_TRUE(runImport(isiOf({image("test:latest")}), registry).notices.empty());  // linux/amd64 is there
}

TEST(ImporterLegacy, NoMatchAndNoAmd64TakesTheFirstEntry) {
  Platform s390x = platform("s390x"), arm64 = platform("arm64");
  Blob list = blob(listOf({{s390x.manifest, "s390x", "linux", ""}, {arm64.manifest, "arm64", "linux", ""}}));
  FakeRegistry registry;
  auto& r = registry.repo(kHub, "library/test");
  r.putManifest(kDockerList, list.body, "latest");
  r.putManifest(kSchema2, s390x.manifest.body);
  r.putBlob(s390x.config.body);
  Outcome run = runImport(isiOf({image("test")}), registry);
  EXPECT_EQ(run.image(0), success(builtImage(kSchema2, s390x.manifest.body, s390x.config.body, "test"), "latest"));
}

// Upstream quirk (docs/import.md §3.3): entries resolving to one registry URL and repository share the first
// entry's reference as written (and its insecure flag) — in dockerImageReference and in messages.
TEST(ImporterGroups, EntriesOfOneRepositoryShareTheFirstEntrysReference) {
  FakeRegistry registry;
  auto& r = registry.repo(kHub, "library/nginx");
  serveBusybox(r, "1");
  serveBusybox(r, "2");
  Outcome run = runImport(isiOf({image("nginx:1"), image("docker.io/library/nginx:2"), image("nginx:3")}), registry);
  Image expected = builtImage(kSchema2, readFixture("registry/busybox-schema2.json"),
                              readFixture("registry/busybox-config.json"), "nginx");
  EXPECT_EQ(run.image(0), success(expected, "1"));
  EXPECT_EQ(run.image(1), success(expected, "2"));  // not docker.io/library/nginx@…
  EXPECT_EQ(run.image(2), failure(notFound("docker.io/library/nginx:3"), "3"));
  EXPECT_EQ(run.registry.count("GET", "/manifests/"), 3u);
  EXPECT_EQ(run.registry.count("GET", "/blobs/"), 1u);  // the shared config once
  EXPECT_EQ(run.requests, 5u);                          // and one ping

  Outcome reversed = runImport(isiOf({image("registry-1.docker.io/library/nginx:2"), image("nginx:1")}), registry);
  EXPECT_EQ(reversed.at(1).image->dockerImageReference, std::string("registry-1.docker.io/library/nginx@") + kBusyboxDigest);
}

TEST(ImporterGroups, InsecureFlagOfTheFirstEntryServesTheGroup) {
  FakeRegistry registry;
  registry.host("plain.example").httpOnly = true;
  serveBusybox(registry.repo("plain.example", "app"), "1");
  Outcome run = runImport(isiOf({image("plain.example/app:1"), image("plain.example/app:1", R"("importPolicy":{"insecure":true})")}),
                          registry);
  EXPECT_EQ(run.at(0).status.reason, "InternalError");
  EXPECT_EQ(run.at(1).status.reason, "InternalError");  // not insecure: the group's first entry was not
}

// Repository import (docs/import.md §3.10): cap, additional tags, and tags spec.images already imported.
TEST(ImporterRepository, TagsBeyondTheCapThatSpecImagesImportedAreTakenOver) {
  FakeRegistry registry;
  auto& r = registry.repo(kHub, "library/test");
  r.tags = {"v1", "other", "v2", "3", "3.1", "abc", "zzz"};
  for (const auto& t : r.tags) serveBusybox(r, t);
  r.manifests.erase("zzz");
  ImportSettings s = settings();
  s.maxTagsPerRepository = 5;
  // v2 and zzz fall beyond the cap; spec.images imported v2 (success) and zzz (a failure).
  Outcome run = runImport(isiOf({image("test:v2"), image("test:zzz"), image("docker.io/library/test:other")},
                                repositoryOf("test")),
                          s, registry);
  const auto& repo = *run.result.status.repository;
  EXPECT_EQ(repo.additionalTags, (std::vector<std::string>{"zzz"}));  // a failure is not cached upstream
  std::vector<std::string> tags;
  for (const auto& e : repo.images) tags.push_back(e.tag);
  EXPECT_EQ(tags, (std::vector<std::string>{"3.1", "3", "abc", "other", "v1", "v2"}));
  Image expected = builtImage(kSchema2, readFixture("registry/busybox-schema2.json"),
                              readFixture("registry/busybox-config.json"), "test");
  for (const auto& e : repo.images) EXPECT_EQ(toJson(e), success(expected, e.tag)) << e.tag;
  EXPECT_EQ(toJson(repo.status), R"({"metadata":{},"status":"Success"})");
  // Each tag is fetched once (spec.images and the repository share the repository's fetches).
  EXPECT_EQ(run.registry.count("GET", "/manifests/"), 7u);
  EXPECT_EQ(run.registry.count("GET", "/tags/list"), 1u);
  EXPECT_EQ(run.registry.count("GET", "/blobs/"), 1u);
  EXPECT_EQ(run.registry.count("GET", "https://registry-1.docker.io/v2/"), 1u + 7u + 1u + 1u);

  // Unlimited (-1): everything is imported; 0: nothing is listed, an empty success (quirk).
  s.maxTagsPerRepository = -1;
  Outcome all = runImport(isiOf({}, repositoryOf("test")), s, registry);
  EXPECT_EQ(all.result.status.repository->images.size(), 7u);
  EXPECT_TRUE(all.result.status.repository->additionalTags.empty());
  s.maxTagsPerRepository = 0;
  Outcome none = runImport(isiOf({}, repositoryOf("test")), s, registry);
  EXPECT_EQ(none.repository(), R"({"status":{"metadata":{},"status":"Success"}})");
  EXPECT_EQ(none.requests, 0u);
}

// A tag taken over from spec.images comes from upstream's cache: a success, without the
// sub-manifests of a PreserveOriginal list, re-referenced through the repository's reference; only
// imports with the repository's mode and without a platform preference count.
TEST(ImporterRepository, TakenOverTagsAreCachedImagesWithoutSubManifests) {
  TestList l;
  FakeRegistry registry;
  auto& r = registry.repo("quay.io", "org/app");
  l.serve(r, "b");
  l.serve(r, "c");
  l.serve(r, "a");
  r.tags = {"a", "b", "c"};
  ImportSettings s = settings();
  s.maxTagsPerRepository = 1;
  std::string po = R"("importPolicy":{"importMode":"PreserveOriginal"})";
  Outcome run = runImport(isiOf({image("quay.io/org/app:b", po), image("quay.io/org/app:c")},
                                repositoryOf("quay.io/org/app", po)),
                          s, registry);
  const auto& repo = *run.result.status.repository;
  EXPECT_EQ(repo.additionalTags, (std::vector<std::string>{"c"}));  // imported by spec.images in Legacy mode
  ASSERT_EQ(repo.images.size(), 2u);
  EXPECT_EQ(repo.images[0].tag, "a");
  EXPECT_EQ(repo.images[0].manifests.size(), 2u);
  EXPECT_EQ(repo.images[1].tag, "b");
  EXPECT_EQ(repo.images[1].status.status, "Success");
  EXPECT_TRUE(repo.images[1].manifests.empty());  // upstream quirk: the cache holds the image only
  EXPECT_EQ(repo.images[1].image->dockerImageReference, "quay.io/org/app@" + l.list.digest);
  EXPECT_EQ(run.at(0).manifests.size(), 2u);
}

// Upstream caches the Image importManifest hands back even when the import then failed (here:
// a sub-manifest missing), and the repository reports that tag as a success (upstream quirk).
TEST(ImporterRepository, ATagWhoseSubManifestsFailedIsTakenOverAsASuccess) {
  TestList l;
  FakeRegistry registry;
  auto& r = registry.repo("quay.io", "org/app");
  l.serve(r, "a");
  l.serve(r, "b");
  r.manifests.erase(l.arm64.manifest.digest);
  r.tags = {"a", "b"};
  ImportSettings s = settings();
  s.maxTagsPerRepository = 1;
  std::string po = R"("importPolicy":{"importMode":"PreserveOriginal"})";
  Outcome run = runImport(isiOf({image("quay.io/org/app:b", po)}, repositoryOf("quay.io/org/app", po)), s, registry);
  EXPECT_EQ(run.image(0), failure(notFound("quay.io/org/app@" + l.arm64.manifest.digest), "b"));
  const auto& repo = *run.result.status.repository;
  ASSERT_EQ(repo.images.size(), 2u);
  EXPECT_EQ(repo.images[0].status.reason, "NotFound");
  EXPECT_EQ(repo.images[1].status.status, "Success");
  EXPECT_EQ(repo.images[1].image->metadata.name, l.list.digest);
  EXPECT_EQ(toJson(repo.status), R"({"metadata":{},"status":"Failure","message":"one of the images from this repository failed to import","reason":"ImportFailed"})");
}

TEST(ImporterRepository, ListingFailures) {
  auto listing = [](Answer a, const std::string& name = "test") {
    FakeRegistry registry;
    registry.repo(kHub, "library/test");
    registry.script("GET", "https://registry-1.docker.io/v2/library/test/tags/list", {a});
    return runImport(isiOf({}, repositoryOf(name)), registry).repository();
  };
  // The reference as written, not the normalized one.
  EXPECT_EQ(listing(Answer::json(404, errorsBody("NAME_UNKNOWN", "repository name not known to registry"))),
            R"({"status":{"metadata":{},"status":"Failure","message":"dockerimage.image.openshift.io \"test\" not found","reason":"NotFound","details":{"name":"test","group":"image.openshift.io","kind":"dockerimage"},"code":404}})");
  EXPECT_EQ(listing(Answer::json(401, errorsBody("UNAUTHORIZED", "authentication required"))),
            R"({"status":)" + noAccess("test") + "}");
  EXPECT_EQ(listing(Answer::json(404, errorsBody("NAME_UNKNOWN", "nope")), "docker.io/library/test"),
            R"({"status":)" + notFound("docker.io/library/test") + "}");
  // A message equal to the code's own and no detail collapses to the bare code (errcode).
  EXPECT_EQ(listing(Answer::json(403, errorsBody("DENIED", "requested access to the resource is denied"))),
            R"({"status":)" + internalError("denied") + "}");
  EXPECT_EQ(listing(Answer::json(403, errorsBody("DENIED", "go away"))),
            R"({"status":)" + internalError("denied: go away") + "}");
  EXPECT_EQ(listing(Answer::json(200, R"({"tags":{"a":1}})")),
            R"({"status":)" + internalError("json: cannot unmarshal object into Go struct field .tags of type []string") + "}");
  EXPECT_EQ(listing(Answer::json(200, R"({"tags":["a",2]})")),
            R"({"status":)" + internalError("json: cannot unmarshal number into Go struct field .tags of type string") + "}");
  EXPECT_EQ(listing(Answer::json(200, R"(["a"])")),
            R"({"status":)" + internalError(esc(R"(json: cannot unmarshal array into Go value of type struct { Tags []string "json:\"tags\"" })")) + "}");
  EXPECT_EQ(listing(Answer::json(200, R"({"tags":["a"]} x)")),
            R"({"status":)" + internalError("invalid character 'x' after top-level value") + "}");
}

TEST(ImporterRepository, EmptyTagsBecomeLatestAndDuplicatesGo) {
  FakeRegistry registry;
  auto& r = registry.repo(kHub, "library/test");
  r.tags = {"", "latest", "1.0", "1.0"};
  serveBusybox(r, "latest");
  serveBusybox(r, "1.0");
  registry.script("GET", "https://registry-1.docker.io/v2/library/test/tags/list",
                  {Answer::json(200, R"({"TAGS":["","latest","1.0","1.0",null]})")});
  Outcome run = runImport(isiOf({}, repositoryOf("test")), registry);
  std::vector<std::string> tags;
  for (const auto& e : run.result.status.repository->images) tags.push_back(e.tag);
  EXPECT_EQ(tags, (std::vector<std::string>{"latest", "1.0"}));
}

// Importer-direct only (validation refuses them): `*` and other names Distribution refuses fail
// when the repository is opened, with formatPingError's Invalid status.
TEST(ImporterRepository, RepositoryNamesDistributionRefuses) {
  ImageStreamImport isi;
  isi.metadata.name = "test";
  isi.spec.repository.emplace();
  isi.spec.repository->from.kind = "DockerImage";
  isi.spec.repository->from.name = "*";
  Outcome run = runImport(isi, FakeRegistry{});
  EXPECT_EQ(run.repository(),
            R"({"status":{"metadata":{},"status":"Failure","message":".image.openshift.io \"repository\" is invalid: from.name: Invalid value: \"*\": the provided repository name is not valid","reason":"Invalid","details":{"name":"repository","group":"image.openshift.io","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"*\": the provided repository name is not valid","field":"from.name"}]},"code":422}})");
  isi.spec.repository->from.kind = "ImageStreamImage";
  EXPECT_EQ(runImport(isi, FakeRegistry{}).repository(), R"({"status":{"metadata":{}}})");
  EXPECT_EQ(run.requests, 0u);
}

// Run to completion (importer.h): a spec.images entry that fails inside the call issuing it (`*`
// cannot be named for the fetch, no request) only counts down; SpecImages still issues the tag
// listing and waits for it, so the repository's tags are imported after it.
TEST(ImporterRepository, TagsAreImportedAfterASpecImageThatFailsAtOnce) {
  FakeRegistry registry;
  auto& r = registry.repo(kHub, "library/test");
  r.tags = {"v1", "v2", "latest"};
  for (const auto& t : r.tags) serveBusybox(r, t);
  Outcome run = runImport(isiOf({image("*")}, repositoryOf("test")), registry);
  EXPECT_EQ(run.image(0), failure(internalError("unable to parse docker reference *:latest: invalid reference format"), "latest"));
  ASSERT_TRUE(run.result.status.repository) << run.json;
  const auto& repo = *run.result.status.repository;
  std::vector<std::string> tags;
  for (const auto& e : repo.images) tags.push_back(e.tag);
  EXPECT_EQ(tags, (std::vector<std::string>{"latest", "v1", "v2"}));  // v1, v2: "other", byte-wise
  Image expected = builtImage(kSchema2, readFixture("registry/busybox-schema2.json"),
                              readFixture("registry/busybox-config.json"), "test");
  for (const auto& e : repo.images) EXPECT_EQ(toJson(e), success(expected, e.tag)) << e.tag;
  EXPECT_EQ(toJson(repo.status), R"({"metadata":{},"status":"Success"})");
  EXPECT_EQ(run.registry.count("GET", "/tags/list"), 1u);
  EXPECT_EQ(run.registry.count("GET", "/manifests/"), 3u);
}


// =================================================================================================
// Authorization (docs/import.md §3.4 step 2, §3.5, §3.12, docs/browser.md §7; docs/architecture.md: where credentials may go)
// =================================================================================================

FakeRegistry bearerHub() {
  FakeRegistry registry;
  auto& host = registry.host(kHub);
  host.auth = RegistryAuth::Bearer;
  host.service = "registry.docker.io";
  serveBusybox(registry.repo(kHub, "library/test"), "busybox");
  registry.users["alice"] = "secret";
  return registry;
}

const std::string kTestToken = "https://auth.example.com/token?scope=repository%3Alibrary%2Ftest%3Apull&service=registry.docker.io";
const std::string kBusyboxTag = "https://registry-1.docker.io/v2/library/test/manifests/busybox";
const std::string kBusyboxConfig =
    "https://registry-1.docker.io/v2/library/test/blobs/sha256:2b8fd9751c4c0f5dd266fcae00707e67a2545ef34f9a29354585f93dac906749";

TEST(ImporterAuth, BearerAnonymous) {
  Outcome run = runImport(isiOf({image("test:busybox")}), bearerHub());
  EXPECT_EQ(run.at(0).status.status, "Success");
  EXPECT_EQ(run.registry.requestLines(),
            (std::vector<std::string>{"GET " + kTestToken, "GET " + kHubV2, "GET " + kBusyboxConfig, "GET " + kBusyboxTag}));
  EXPECT_EQ(FakeRegistry::header(*run.registry.find("GET", "auth.example.com"), "authorization"), "");
  EXPECT_EQ(FakeRegistry::header(*run.registry.find("GET", "/manifests/"), "authorization"),
            "Bearer token|-|repository:library/test:pull");
  EXPECT_EQ(FakeRegistry::header(*run.registry.find("GET", "/blobs/"), "authorization"),
            "Bearer token|-|repository:library/test:pull");  // the token is reused
}

// A token lasts expires_in (300 s from this realm) on the driver's clock: reused within it, asked for
// again once it has passed. Without a clock (elapsedMs 0) it lasts the whole import.
TEST(ImporterAuth, TokenIsAskedForAgainOnceExpired) {
  auto tokenRequests = [](const FakeRegistry& r) {
    size_t n = 0;
    for (const auto& q : r.log) n += q.url.find("auth.example.com") != std::string::npos;
    return n;
  };
  FakeRegistry slow = bearerHub();
  slow.msPerAnswer = 200000;  // ping at 200 s, token at 400 s (expires 700 s), manifest at 600 s, config asked at 600 s
  Outcome fresh = runImport(isiOf({image("test:busybox")}), settings(), slow, /*sameRequests=*/false);
  EXPECT_EQ(fresh.at(0).status.status, "Success");
  EXPECT_EQ(tokenRequests(fresh.registry), 1u);

  slow.msPerAnswer = 400000;  // token at 800 s expires at 1100 s; the config is asked for at 1200 s
  Outcome expired = runImport(isiOf({image("test:busybox")}), settings(), slow, /*sameRequests=*/false);
  EXPECT_EQ(expired.at(0).status.status, "Success");
  EXPECT_EQ(tokenRequests(expired.registry), 2u);

  Outcome noClock = runImport(isiOf({image("test:busybox")}), bearerHub());
  EXPECT_EQ(tokenRequests(noClock.registry), 1u);
}

TEST(ImporterAuth, BearerWithCredentialsGoesToTheRealmWithAccount) {
  FakeRegistry registry = bearerHub();
  registry.repo(kHub, "library/test").privateRepo = true;
  ImportSettings s = settings();
  s.keyring = keyringOf(R"({"auths":{"docker.io":{"auth":")" + base64Encode("alice:secret") + R"("}}})");
  Outcome run = runImport(isiOf({image("test:busybox")}), s, registry);
  EXPECT_EQ(run.at(0).status.status, "Success");
  const HttpRequest* token = run.registry.find("GET", "auth.example.com");
  ASSERT_TRUE(token);
  // url.Values.Encode: keys sorted.
  EXPECT_EQ(token->url,
            "https://auth.example.com/token?account=alice&scope=repository%3Alibrary%2Ftest%3Apull&service=registry.docker.io");
  EXPECT_EQ(FakeRegistry::header(*token, "authorization"), "Basic " + base64Encode("alice:secret"));
  EXPECT_EQ(FakeRegistry::header(*run.registry.find("GET", "/manifests/"), "authorization"),
            "Bearer token|alice|repository:library/test:pull");
  EXPECT_EQ(run.requests, 4u);

  // Without credentials the private repository answers as Docker Hub does (insufficient_scope).
  Outcome anonymous = runImport(isiOf({image("test:busybox")}), registry);
  EXPECT_EQ(anonymous.image(0), failure(noAccess("docker.io/library/test:busybox"), "busybox"));
}

TEST(ImporterAuth, RealmQueryIsKeptAndEmptyServiceOmitted) {
  FakeRegistry registry = bearerHub();
  registry.host(kHub).realm = "https://auth.example.com/token?client=isimport&scope=extra";
  registry.host(kHub).service = "";
  Outcome run = runImport(isiOf({image("test:busybox")}), registry);
  EXPECT_EQ(run.registry.find("GET", "auth.example.com")->url,
            "https://auth.example.com/token?client=isimport&scope=extra&scope=repository%3Alibrary%2Ftest%3Apull");
}

TEST(ImporterAuth, BasicChallengeWithAndWithoutCredentials) {
  FakeRegistry registry;
  registry.host("reg.example").auth = RegistryAuth::Basic;
  serveBusybox(registry.repo("reg.example", "team/app"), "1");
  registry.repo("reg.example", "team/app").tags = {"1"};
  registry.users["bob"] = "pw";
  ImportSettings s = settings();
  s.keyring = keyringOf(R"({"auths":{"reg.example":{"username":"bob","password":"pw"}}})");
  Outcome withCredentials = runImport(isiOf({image("reg.example/team/app:1")}), s, registry);
  EXPECT_EQ(withCredentials.at(0).status.status, "Success");
  EXPECT_EQ(FakeRegistry::header(*withCredentials.registry.find("GET", "/manifests/1"), "authorization"),
            "Basic " + base64Encode("bob:pw"));
  EXPECT_EQ(FakeRegistry::header(*withCredentials.registry.find("GET", "/blobs/"), "authorization"),
            "Basic " + base64Encode("bob:pw"));
  EXPECT_EQ(FakeRegistry::header(*withCredentials.registry.find("GET", "/v2/"), "authorization"), "");  // not on the ping

  // No credentials: the request is never sent ("no basic auth credentials" → Unauthorized).
  Outcome without = runImport(isiOf({image("reg.example/team/app:1")}, repositoryOf("reg.example/team/app")), registry);
  EXPECT_EQ(without.image(0), failure(noAccess("reg.example/team/app:1"), "1"));
  EXPECT_EQ(without.repository(),
            R"({"status":)" +
                internalError(esc(R"(Get "https://reg.example/v2/team/app/tags/list": no basic auth credentials)")) + "}");
  EXPECT_EQ(without.requests, 1u);  // the ping only
  // A username without a password is no credential either.
  s.keyring = keyringOf(R"({"auths":{"reg.example":{"username":"bob"}}})");
  EXPECT_EQ(runImport(isiOf({image("reg.example/team/app:1")}), s, registry).image(0),
            failure(noAccess("reg.example/team/app:1"), "1"));
}

TEST(ImporterAuth, BearerAndBasicChallengesTogether) {
  FakeRegistry registry = bearerHub();
  registry.host(kHub).auth = RegistryAuth::BearerAndBasic;
  // endpointAuthorizer: the token handler, then the Basic handler, which fails without credentials …
  Outcome without = runImport(isiOf({image("test:busybox")}), registry);
  EXPECT_EQ(without.image(0), failure(noAccess("docker.io/library/test:busybox"), "busybox"));
  EXPECT_EQ(without.registry.count("GET", "auth.example.com"), 1u);
  EXPECT_EQ(without.registry.count("GET", "/manifests/"), 0u);
  // … and replaces the Bearer header with Basic when it has them.
  ImportSettings s = settings();
  s.keyring = keyringOf(R"({"auths":{"docker.io":{"username":"alice","password":"secret"}}})");
  Outcome with = runImport(isiOf({image("test:busybox")}), s, registry);
  EXPECT_EQ(with.at(0).status.status, "Success");
  EXPECT_EQ(FakeRegistry::header(*with.registry.find("GET", "/manifests/"), "authorization"),
            "Basic " + base64Encode("alice:secret"));
}

// docs/import.md §3.12: "incorrect username or password" re-runs the whole import anonymously; entries still
// Unauthorized get their first status back; status.repository is the anonymous run's.
TEST(ImporterAuth, IncorrectPasswordRetriesAnonymouslyAndRestores) {
  FakeRegistry registry = bearerHub();
  serveBusybox(registry.repo(kHub, "library/private"), "busybox");
  registry.repo(kHub, "library/private").privateRepo = true;
  registry.repo(kHub, "library/private").tags = {"busybox"};
  ImportSettings s = settings();
  s.keyring = keyringOf(R"({"auths":{"docker.io":{"username":"alice","password":"wrong"}}})");
  Outcome run = runImport(isiOf({image("test:busybox"), image("private:busybox")}, repositoryOf("private")), s, registry);
  EXPECT_EQ(run.at(0).status.status, "Success");  // public: the anonymous run imported it
  EXPECT_EQ(run.image(1),
            failure(unauthorized("incorrect username or password for image \\\"docker.io/library/private:busybox\\\""),
                    "busybox"));
  EXPECT_EQ(run.repository(), R"({"status":)" + noAccess("private") + "}");
  // First run: a ping and a (refused) token per repository; second run: the same anonymously, then
  // the public image's manifest and config, the private manifest and the private tag list.
  EXPECT_EQ(run.registry.count("GET", "auth.example.com"), 4u);
  EXPECT_EQ(run.registry.count("GET", "auth.example.com/token?account=alice"), 2u);
  EXPECT_EQ(run.registry.count("GET", "/v2/"), 4u + 4u);
  EXPECT_EQ(run.requests, 12u);
}

// The restoration puts back the status only (upstream quirk): an image the credentialed run
// imported and the anonymous run could not keeps "Success" without its Image.
TEST(ImporterAuth, RestorationPutsBackTheStatusOnly) {
  FakeRegistry registry;
  for (const char* h : {"quay.io", "reg.example"}) registry.host(h).auth = RegistryAuth::Bearer;
  serveBusybox(registry.repo("quay.io", "org/private"), "1");
  registry.repo("quay.io", "org/private").privateRepo = true;
  serveBusybox(registry.repo("reg.example", "team/app"), "1");
  registry.users["alice"] = "secret";
  ImportSettings s = settings();
  s.keyring = keyringOf(
      R"({"auths":{"quay.io":{"username":"alice","password":"secret"},"reg.example":{"username":"bob","password":"pw"}}})");
  Outcome run = runImport(isiOf({image("quay.io/org/private:1"), image("reg.example/team/app:1")}), s, registry);
  EXPECT_EQ(run.image(0), R"({"status":{"metadata":{},"status":"Success"},"tag":"1"})");
  EXPECT_EQ(run.at(1).status.status, "Success");
}

TEST(ImporterAuth, CredentialsNeverTravelOverHttpUnlessInsecure) {
  FakeRegistry registry = bearerHub();
  registry.host(kHub).realm = "http://auth.example.com/token";
  ImportSettings s = settings();
  s.keyring = keyringOf(R"({"auths":{"docker.io":{"username":"alice","password":"secret"}}})");
  Outcome secure = runImport(isiOf({image("test:busybox")}), s, registry);
  const HttpRequest* token = secure.registry.find("GET", "auth.example.com");
  EXPECT_EQ(token->url, "http://auth.example.com/token?scope=repository%3Alibrary%2Ftest%3Apull&service=registry.docker.io");
  EXPECT_EQ(FakeRegistry::header(*token, "authorization"), "");

  // An insecure registry reached over http: credentials go to it and to its http realm.
  FakeRegistry plain;
  auto& host = plain.host("plain.example");
  host.httpOnly = true;
  host.auth = RegistryAuth::Bearer;
  host.realm = "http://auth.example.com/token";
  serveBusybox(plain.repo("plain.example", "app"), "1");
  plain.users["alice"] = "secret";
  s.keyring = keyringOf(R"({"auths":{"plain.example":{"username":"alice","password":"secret"}}})");
  Outcome insecure = runImport(isiOf({image("plain.example/app:1", R"("importPolicy":{"insecure":true})")}), s, plain);
  EXPECT_EQ(insecure.at(0).status.status, "Success");
  EXPECT_EQ(FakeRegistry::header(*insecure.registry.find("GET", "auth.example.com"), "authorization"),
            "Basic " + base64Encode("alice:secret"));
}

TEST(ImporterAuth, TokenEndpointFailures) {
  auto withToken = [](Answer a) {
    FakeRegistry registry = bearerHub();
    registry.script("GET", kTestToken, {a});
    return runImport(isiOf({image("test:busybox")}), registry).image(0);
  };
  const std::string R = "docker.io/library/test:busybox";
  EXPECT_EQ(withToken(Answer::json(200, R"({"expires_in":60})")),
            failure(internalError(esc(R + ": Get \"" + kBusyboxTag + "\": authorization server did not include a token in the response")),
                    "busybox"));
  EXPECT_EQ(withToken(Answer::json(200, "")),
            failure(internalError(esc(R + ": Get \"" + kBusyboxTag + "\": unable to decode token response: EOF")), "busybox"));
  // Codes inside a wrapped error are invisible to the importer: DENIED from the realm is internal.
  EXPECT_EQ(withToken(Answer::json(403, errorsBody("DENIED", "no"))),
            failure(internalError(esc(R + ": Get \"" + kBusyboxTag + "\": denied: no")), "busybox"));
  // Even without credentials this answer re-runs the import anonymously (upstream looks at the
  // message only); here the realm says it again, and the status stays.
  FakeRegistry twice = bearerHub();
  Answer incorrect = Answer::json(401, R"({"details":"incorrect username or password"})");
  twice.script("GET", kTestToken, {incorrect, incorrect});
  Outcome run = runImport(isiOf({image("test:busybox")}), twice);
  EXPECT_EQ(run.image(0), failure(unauthorized("incorrect username or password for image \\\"" + R + "\\\""), "busybox"));
  EXPECT_EQ(run.registry.count("GET", "auth.example.com"), 2u);
  EXPECT_EQ(withToken(Answer::fail(TransportFailure::Network, "connection reset")),
            failure(internalError(esc(R + ": Get \"" + kBusyboxTag + "\": Get \"" + kTestToken + "\": connection reset")),
                    "busybox"));

  FakeRegistry noRealm = bearerHub();
  noRealm.script("GET", kHubV2, {Answer::json(401, "", {{"WWW-Authenticate", "Bearer service=\"x\""}})});
  EXPECT_EQ(runImport(isiOf({image("test:busybox")}), noRealm).image(0),
            failure(internalError(esc(R + ": Get \"" + kBusyboxTag + "\": no realm specified for token auth challenge")),
                    "busybox"));
}

// Challenges count only on a 401 ping (Distribution's ResponseChallenges).
TEST(ImporterAuth, ChallengesOfA200PingAreIgnored) {
  FakeRegistry registry = bearerHub();
  registry.host(kHub).auth = RegistryAuth::Anonymous;
  registry.script("GET", kHubV2,
                  {Answer::json(200, "{}", {{"WWW-Authenticate", "Bearer realm=\"https://auth.example.com/token\""}})});
  Outcome run = runImport(isiOf({image("test:busybox")}), registry);
  EXPECT_EQ(run.at(0).status.status, "Success");
  EXPECT_EQ(run.registry.count("GET", "auth.example.com"), 0u);
}

// =================================================================================================
// Tag list pagination (docs/import.md §3.4 step 6)
// =================================================================================================

TEST(ImporterPagination, LinkPagesOnTheSameHostCarryTheToken) {
  FakeRegistry registry = bearerHub();
  auto& r = registry.repo(kHub, "library/test");
  r.tags = {"a", "b", "c", "d", "e"};
  for (const auto& t : r.tags) serveBusybox(r, t);
  r.pageSize = 2;
  Outcome run = runImport(isiOf({}, repositoryOf("test")), registry);
  EXPECT_EQ(run.result.status.repository->images.size(), 5u);
  std::vector<std::string> pages;
  for (const auto& q : run.registry.log) {
    if (q.url.find("/tags/list") == std::string::npos) continue;
    pages.push_back(q.url);
    EXPECT_EQ(FakeRegistry::header(q, "authorization"), "Bearer token|-|repository:library/test:pull");
  }
  EXPECT_EQ(pages, (std::vector<std::string>{"https://registry-1.docker.io/v2/library/test/tags/list",
                                             "https://registry-1.docker.io/v2/library/test/tags/list?last=b&n=2",
                                             "https://registry-1.docker.io/v2/library/test/tags/list?last=d&n=2"}));
}

TEST(ImporterPagination, LinkToAnotherHostIsFollowedWithoutAuthorization) {
  FakeRegistry registry = bearerHub();
  auto& r = registry.repo(kHub, "library/test");
  r.tags = {"a", "b", "c"};
  r.pageSize = 1;
  r.linkHost = "https://cdn.example.com";
  registry.repo("cdn.example.com", "library/test") = r;
  for (const auto& t : r.tags) serveBusybox(r, t);
  Outcome run = runImport(isiOf({}, repositoryOf("test")), registry);
  EXPECT_EQ(run.result.status.repository->images.size(), 3u);
  size_t cdn = 0;
  for (const auto& q : run.registry.log) {
    if (q.url.find("cdn.example.com") == std::string::npos) continue;
    ++cdn;
    EXPECT_EQ(FakeRegistry::header(q, "authorization"), "");
  }
  EXPECT_EQ(cdn, 2u);
  EXPECT_EQ(FakeRegistry::header(*run.registry.find("GET", "https://registry-1.docker.io/v2/library/test/tags/list"),
                                 "authorization"),
            "Bearer token|-|repository:library/test:pull");
}

TEST(ImporterPagination, CapsAndBrokenLinks) {
  FakeRegistry registry;
  auto& r = registry.repo(kHub, "library/test");
  r.tags = {"a", "b", "c", "d"};
  r.pageSize = 1;
  ImportSettings s = settings();
  s.limits.maxTagPages = 3;
  EXPECT_EQ(runImport(isiOf({}, repositoryOf("test")), s, registry).repository(),
            R"({"status":)" + internalError("the tag list has more than 3 pages") + "}");
  s = settings();
  s.limits.maxTags = 2;
  EXPECT_EQ(runImport(isiOf({}, repositoryOf("test")), s, registry).repository(),
            R"({"status":)" + internalError("the repository lists more than 2 tags") + "}");
  registry.script("GET", "https://registry-1.docker.io/v2/library/test/tags/list",
                  {Answer::json(200, R"({"tags":["a"]})", {{"Link", "<%zz>; rel=\"next\""}})});
  EXPECT_EQ(runImport(isiOf({}, repositoryOf("test")), registry).repository(),
            R"({"status":)" + internalError(esc(R"(parse "%zz": invalid URL escape "%zz")")) + "}");
  // A Link to another scheme, or one whose resolved form does not parse again (Go prints an
  // empty host before a path of "//…" as "scheme://…"): refused as upstream's HTTP client refuses
  // them, never requested as a path of this registry.
  FakeRegistry ftp;
  ftp.repo(kHub, "library/test").tags = {"a"};
  ftp.script("GET", "https://registry-1.docker.io/v2/library/test/tags/list",
             {Answer::json(200, R"({"tags":["a"]})", {{"Link", "<ftp://mirror.example/x>; rel=\"next\""}})});
  EXPECT_EQ(runImport(isiOf({}, repositoryOf("test")), ftp).repository(),
            R"({"status":)" + internalError(esc(R"(Get "ftp://mirror.example/x": unsupported protocol scheme "ftp")")) + "}");
  FakeRegistry quirk;
  quirk.repo(kHub, "library/test").tags = {"a"};
  quirk.script("GET", "https://registry-1.docker.io/v2/library/test/tags/list",
               {Answer::json(200, R"({"tags":["a"]})", {{"Link", "<web:/.//a@b%22>; rel=\"next\""}})});
  EXPECT_EQ(runImport(isiOf({}, repositoryOf("test")), quirk).repository(),
            R"({"status":)" + internalError(esc(R"(parse "web://a@b%22": invalid URL escape "%22")")) + "}");
}


// =================================================================================================
// Retries (docs/import.md §3.4 step 8, library-go's retryRepository) — the core says when; the driver waits
// =================================================================================================

struct Attempts {
  size_t count = 0;
  std::vector<uint32_t> delays;
};
Attempts attemptsOf(const FakeRegistry& r, const std::string& method, const std::string& fragment) {
  Attempts a;
  for (const auto& q : r.log) {
    if (q.method != method || q.url.find(fragment) == std::string::npos) continue;
    ++a.count;
    a.delays.push_back(q.delayMs);
  }
  return a;
}

TEST(ImporterRetries, ManifestAnswersUpstreamRetries) {
  const std::string R = "docker.io/library/test:busybox";
  auto manifestWith = [](std::vector<Answer> answers) {
    FakeRegistry registry;
    serveBusybox(registry.repo(kHub, "library/test"), "busybox");
    registry.script("GET", kBusyboxTag, std::move(answers));
    return runImport(isiOf({image("test:busybox")}), registry);
  };
  Answer legacy429 = Answer::json(429, R"({"details":"slow down"})");
  // A 429 with a legacy body is a single TOOMANYREQUESTS value: retried after 2 s …
  Outcome once = manifestWith({legacy429});
  EXPECT_EQ(once.at(0).status.status, "Success");
  Attempts a = attemptsOf(once.registry, "GET", "/manifests/");
  EXPECT_EQ(a.delays, (std::vector<uint32_t>{0, 2000}));
  // … at most twice.
  Outcome thrice = manifestWith({legacy429, legacy429, legacy429});
  EXPECT_EQ(thrice.image(0), failure(internalError(R + ": toomanyrequests: slow down"), "busybox"));
  EXPECT_EQ(attemptsOf(thrice.registry, "GET", "/manifests/").delays, (std::vector<uint32_t>{0, 2000, 2000}));
  // A 429 whose body cannot be read: retried after 2 s too.
  Outcome unreadable = manifestWith({Answer::json(429, "rate limited"), Answer::json(429, "rate limited"),
                                     Answer::json(429, "rate limited")});
  EXPECT_EQ(unreadable.image(0),
            failure(internalError(esc(R + ": error parsing HTTP 429 response body: invalid character 'r' looking for "
                                          "beginning of value: \"rate limited\"")),
                    "busybox"));
  EXPECT_EQ(attemptsOf(unreadable.registry, "GET", "/manifests/").count, 3u);
  // Upstream quirk: a standard {"errors":[…]} 429 is a list, never retried; nor is any 5xx.
  Outcome list429 = manifestWith({Answer::json(429, errorsBody("TOOMANYREQUESTS", "slow down"))});
  EXPECT_EQ(list429.image(0), failure(internalError(R + ": toomanyrequests: slow down"), "busybox"));
  EXPECT_EQ(attemptsOf(list429.registry, "GET", "/manifests/").count, 1u);
  for (int status : {500, 502, 503, 504}) {
    Outcome fivexx = manifestWith({Answer::json(status, errorsBody("UNAVAILABLE", "later"))});
    EXPECT_EQ(attemptsOf(fivexx.registry, "GET", "/manifests/").count, 1u) << status;
    EXPECT_EQ(fivexx.at(0).status.reason, "InternalError");
  }
  // A timeout: retried after 1 s, at most twice.
  Answer timeout = Answer::fail(TransportFailure::Timeout);
  Outcome timeouts = manifestWith({timeout, timeout, timeout});
  EXPECT_EQ(timeouts.image(0),
            failure(internalError(esc(R + ": Get \"" + kBusyboxTag +
                                      "\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)")),
                    "busybox"));
  EXPECT_EQ(attemptsOf(timeouts.registry, "GET", "/manifests/").delays, (std::vector<uint32_t>{0, 1000, 1000}));
  Outcome recovered = manifestWith({timeout});
  EXPECT_EQ(recovered.at(0).status.status, "Success");
  // Other network failures are not retried.
  Outcome refused = manifestWith({Answer::fail(TransportFailure::Network, "connection refused")});
  EXPECT_EQ(refused.image(0), failure(internalError(esc(R + ": Get \"" + kBusyboxTag + "\": connection refused")), "busybox"));
  EXPECT_EQ(attemptsOf(refused.registry, "GET", "/manifests/").count, 1u);
}

TEST(ImporterRetries, ConfigGetsAreNotRetriedButProbesAndListingsAre) {
  // The config blob GET is not behind upstream's retry wrapper.
  FakeRegistry registry;
  serveBusybox(registry.repo(kHub, "library/test"), "busybox");
  registry.script("GET", kBusyboxConfig, {Answer::fail(TransportFailure::Timeout)});
  Outcome config = runImport(isiOf({image("test:busybox")}), registry);
  EXPECT_EQ(config.at(0).status.reason, "InternalError");
  EXPECT_EQ(attemptsOf(config.registry, "GET", "/blobs/").count, 1u);

  // The tag listing is retried as a whole: from the first page again.
  FakeRegistry paged;
  auto& r = paged.repo(kHub, "library/test");
  r.tags = {"a", "b"};
  r.pageSize = 1;
  paged.script("GET", "https://registry-1.docker.io/v2/library/test/tags/list?last=a&n=1",
               {Answer::fail(TransportFailure::Timeout)});
  Outcome listing = runImport(isiOf({}, repositoryOf("test")), paged);
  EXPECT_EQ(listing.result.status.repository->images.size(), 2u);
  std::vector<std::string> pages;
  std::vector<uint32_t> delays;
  for (const auto& q : listing.registry.log) {
    if (q.url.find("/tags/list") == std::string::npos) continue;
    pages.push_back(q.url.substr(q.url.find("/tags/list")));
    delays.push_back(q.delayMs);
  }
  EXPECT_EQ(pages, (std::vector<std::string>{"/tags/list", "/tags/list?last=a&n=1", "/tags/list", "/tags/list?last=a&n=1"}));
  EXPECT_EQ(delays, (std::vector<uint32_t>{0, 0, 1000, 0}));
}

TEST(ImporterRetries, TokenTimeoutRetriesTheCallThroughTheRealm) {
  FakeRegistry registry = bearerHub();
  registry.script("GET", kTestToken, {Answer::fail(TransportFailure::Timeout)});
  Outcome run = runImport(isiOf({image("test:busybox")}), registry);
  EXPECT_EQ(run.at(0).status.status, "Success");
  EXPECT_EQ(attemptsOf(run.registry, "GET", "auth.example.com").delays, (std::vector<uint32_t>{0, 1000}));
  EXPECT_EQ(attemptsOf(run.registry, "GET", "/manifests/").delays, (std::vector<uint32_t>{0}));
  // Ping and token requests use upstream's 15 s client timeouts.
  EXPECT_EQ(run.registry.find("GET", "auth.example.com")->timeoutMs, 15000u);
  EXPECT_EQ(run.registry.log.front().timeoutMs, 15000u);
  EXPECT_EQ(run.registry.find("GET", "/manifests/")->timeoutMs, 30000u);
}

// =================================================================================================
// Error classes (docs/import.md §3.9)
// =================================================================================================

TEST(ImporterErrors, ManifestAnswersAsUpstreamClassifiesThem) {
  const std::string R = "quay.io/org/web:9";
  const std::string url = "https://quay.io/v2/org/web/manifests/9";
  auto answered = [&](Answer a) {
    FakeRegistry registry;
    registry.repo("quay.io", "org/web");
    registry.script("GET", url, {a});
    return runImport(isiOf({image("quay.io/org/web:9")}), registry).image(0);
  };
  // docs/answers.md §6's per-image NotFound, byte for byte.
  EXPECT_EQ(answered(Answer::json(404, errorsBody("MANIFEST_UNKNOWN", "manifest unknown", R"({"Tag":"9"})"))),
            R"({"status":{"metadata":{},"status":"Failure","message":"dockerimage.image.openshift.io \"quay.io/org/web:9\" not found","reason":"NotFound","details":{"name":"quay.io/org/web:9","group":"image.openshift.io","kind":"dockerimage"},"code":404},"tag":"9"})");
  // NAME_UNKNOWN on a manifest is not NotFound.
  EXPECT_EQ(answered(Answer::json(404, errorsBody("NAME_UNKNOWN", "repository name not known to registry", R"({"name":"org/web"})"))),
            failure(internalError(R + ": name unknown: repository name not known to registry"), "9"));
  EXPECT_EQ(answered(Answer::json(401, errorsBody("UNAUTHORIZED", "authentication required"))), failure(noAccess(R), "9"));
  EXPECT_EQ(answered(Answer::json(401, "<html>nope</html>")), failure(noAccess(R), "9"));  // unreadable 401
  EXPECT_EQ(answered(Answer::json(403, errorsBody("DENIED", "not yours"))),
            failure(internalError(R + ": denied: not yours"), "9"));
  EXPECT_EQ(answered(Answer::json(403, R"({"details":"not yours"})")), failure(internalError(R + ": denied: not yours"), "9"));
  EXPECT_EQ(answered(Answer::json(404, R"({"details":"gone"})")), failure(internalError(R + ": unknown: gone"), "9"));
  EXPECT_EQ(answered(Answer::json(404, "")),
            failure(internalError(esc(R + ": error parsing HTTP 404 response body: unexpected end of JSON input: \"\"")), "9"));
  EXPECT_EQ(answered(Answer::json(400, R"({"errors":[]})")),
            failure(internalError(esc(R + ": error parsing HTTP 400 response body: no error details found in HTTP response body: "
                                          "\"{\\\"errors\\\":[]}\"")),
                    "9"));
  EXPECT_EQ(answered(Answer::json(404, R"({"errors":[{"code":"MANIFEST_UNKNOWN"},{"code":"BLOB_UNKNOWN","message":"x"}]})")),
            failure(notFound(R), "9"));
  // Bearer error merged in front of the body (Docker Hub's missing or private repository).
  EXPECT_EQ(answered(Answer::json(401, errorsBody("UNAUTHORIZED", "authentication required"),
                                  {{"WWW-Authenticate", R"(Bearer realm="https://a/t",error="insufficient_scope")"}})),
            failure(noAccess(R), "9"));
  EXPECT_EQ(answered(Answer::json(401, errorsBody("DENIED", "no"),
                                  {{"WWW-Authenticate", R"(Bearer realm="https://a/t",error="insufficient_scope")"}})),
            failure(internalError(esc(R + ": errors:\ndenied: requested access to the resource is denied\ndenied: no\n")), "9"));
  EXPECT_EQ(answered(Answer::json(401, "", {{"WWW-Authenticate", R"(Bearer realm="https://a/t",error="insufficient_scope")"}})),
            failure(internalError(esc(R + ": errors:\ndenied: requested access to the resource is denied\n"
                                          "error parsing HTTP 401 response body: unexpected end of JSON input: \"\"\n")),
                    "9"));
  EXPECT_EQ(answered(Answer::json(401, "", {{"WWW-Authenticate", R"(Bearer realm="https://a/t",error="invalid_token")"}})),
            failure(noAccess(R), "9"));
  EXPECT_EQ(answered(Answer::json(500, "")),
            failure(internalError(R + ": received unexpected HTTP status: 500 Internal Server Error"), "9"));
  // The body as upstream parses it by Content-Type: unknown types are read as schema 1.
  Answer html = Answer::json(200, "<html></html>");
  html.headers = {{"Content-Type", "text/html"}};
  EXPECT_EQ(answered(html),
            failure(internalError(R + ": error unmarshalling content: invalid character '\\u003c' looking for beginning of value"), "9"));
}

TEST(ImporterErrors, PingFailures) {
  auto pinged = [](Answer a) {
    FakeRegistry registry;
    serveBusybox(registry.repo("quay.io", "org/web"), "9");
    registry.script("GET", "https://quay.io/v2/", {a});
    return runImport(isiOf({image("quay.io/org/web:9"), image("quay.io/org/web@" + std::string(kBusyboxDigest))}),
                     registry);
  };
  Outcome notV2 = pinged(Answer::json(404, "not here"));
  EXPECT_EQ(notV2.image(0), failure(internalError(esc(R"(quay.io/org/web:9: endpoint "https://quay.io" does not support v2 API (got 404 Not Found))")), "9"));
  EXPECT_EQ(notV2.requests, 1u);  // the failed ping is remembered for the repository
  // A ping answer carrying the API version header counts, whatever its status.
  Answer odd = Answer::json(404, "", {{"Docker-Distribution-API-Version", "registry/2.0"}});
  EXPECT_EQ(pinged(odd).at(1).status.status, "Success");
  Answer blank = Answer::json(404, "", {{"Docker-Distribution-API-Version", " "}});  // no version in it
  EXPECT_EQ(pinged(blank).at(1).status.reason, "InternalError");
  Outcome timedOut = pinged(Answer::fail(TransportFailure::Timeout));
  EXPECT_EQ(timedOut.at(0).status.message,
            R"(Internal error occurred: quay.io/org/web:9: Get "https://quay.io/v2/": context deadline exceeded (Client.Timeout exceeded while awaiting headers))");
  EXPECT_EQ(timedOut.requests, 1u);  // the ping is not retried
}

// =================================================================================================
// Digests (docs/import.md §3.8), config blobs, size probes, caps
// =================================================================================================

TEST(ImporterDigests, MismatchesAndOtherAlgorithms) {
  std::string body = readFixture("registry/busybox-schema2.json");
  std::string config = readFixture("registry/busybox-config.json");
  const std::string sha512 = sha512Digest(body);
  FakeRegistry registry;
  auto& r = registry.repo("quay.io", "org/web");
  r.putBlob(config);
  r.manifests[fakeDigest('1')] = {kSchema2, body};  // served under the wrong digest
  r.manifests[sha512] = {kSchema2, body};
  const std::string wrong512 = "sha512:" + std::string(128, '0');
  r.manifests[wrong512] = {kSchema2, body};
  const std::string sha384 = "sha384:" + std::string(96, 'c');
  r.manifests[sha384] = {kSchema2, body};
  Outcome run = runImport(isiOf({image("quay.io/org/web@" + fakeDigest('1')), image("quay.io/org/web@" + sha512),
                                 image("quay.io/org/web@" + wrong512), image("quay.io/org/web@" + sha384),
                                 image("quay.io/org/web@sha256:" + std::string(64, 'A'))}),
                          registry);
  EXPECT_EQ(run.image(0), failure(internalError("quay.io/org/web@" + fakeDigest('1') +
                                                ": content integrity error: the manifest retrieved with digest " +
                                                fakeDigest('1') + " does not match the digest calculated from the content " +
                                                kBusyboxDigest)));
  // sha512: verified with SHA-512 (libsodium), the config fetched, then upstream's SHA-256
  // re-check fails (upstream quirk), without the reference prefix.
  EXPECT_EQ(run.image(1), failure(internalError("content integrity error: the manifest retrieved (media type: " +
                                                std::string(kSchema2) + ") with digest " + sha512 +
                                                " does not match the digest calculated from the content " + kBusyboxDigest)));
  EXPECT_EQ(run.image(2), failure(internalError("quay.io/org/web@" + wrong512 +
                                                ": content integrity error: the manifest retrieved with digest " + wrong512 +
                                                " does not match the digest calculated from the content " + sha512)));
  // sha384: libsodium has none; the content cannot be verified and goes straight to the re-check.
  EXPECT_EQ(run.image(3), failure(internalError("content integrity error: the manifest retrieved (media type: " +
                                                std::string(kSchema2) + ") with digest " + sha384 +
                                                " does not match the digest calculated from the content " + kBusyboxDigest)));
  // go-digest refuses upper-case hex before anything is fetched.
  EXPECT_EQ(run.image(4), failure(internalError("invalid checksum digest format")));
  EXPECT_EQ(run.registry.count("GET", "/manifests/"), 4u);
  EXPECT_EQ(run.registry.count("GET", "/blobs/"), 1u);
}

TEST(ImporterDigests, ListsByOtherAlgorithmsInLegacyMode) {
  TestList l;
  FakeRegistry registry;
  auto& r = registry.repo("quay.io", "org/web");
  l.serve(r);
  const std::string sha512 = sha512Digest(l.list.body);
  r.manifests[sha512] = {kDockerList, l.list.body};
  const std::string sha384 = "sha384:" + std::string(96, 'c');
  r.manifests[sha384] = {kDockerList, l.list.body};
  Outcome run = runImport(isiOf({image("quay.io/org/web@" + sha512), image("quay.io/org/web@" + sha384),
                                 image("quay.io/org/web@" + sha512, R"("importPolicy":{"importMode":"PreserveOriginal"})")}),
                          registry);
  // Upstream verifies the list with SHA-512 and never re-checks it in Legacy mode: the amd64 image.
  EXPECT_EQ(run.image(0), success(builtImage(kSchema2, l.amd64.manifest.body, l.amd64.config.body, "quay.io/org/web")));
  // sha384 cannot be verified here: refused with the re-check text (isimport's choice, docs/browser.md §8.8;
  // upstream would verify it with SHA-384 and import the amd64 image).
  EXPECT_EQ(run.image(1), failure(internalError("content integrity error: the manifest retrieved (media type: " +
                                                std::string(kDockerList) + ") with digest " + sha384 +
                                                " does not match the digest calculated from the content " + l.list.digest)));
  // PreserveOriginal converts the list itself, which re-checks with SHA-256.
  EXPECT_EQ(run.image(2), failure(internalError("content integrity error: the manifest retrieved (media type: " +
                                                std::string(kDockerList) + ") with digest " + sha512 +
                                                " does not match the digest calculated from the content " + l.list.digest)));
}

TEST(ImporterDigests, ConfigBlobFailures) {
  std::string body = readFixture("registry/busybox-schema2.json");
  auto withConfig = [&](std::optional<Answer> a) {
    FakeRegistry registry;
    auto& r = registry.repo("quay.io", "org/web");
    r.putManifest(kSchema2, body, "1");
    if (a) registry.script("GET", "https://quay.io/v2/org/web/blobs/sha256:2b8fd9751c4c0f5dd266fcae00707e67a2545ef34f9a29354585f93dac906749", {*a});
    return runImport(isiOf({image("quay.io/org/web:1")}), registry).image(0);
  };
  const std::string R = "quay.io/org/web:1";
  EXPECT_EQ(withConfig(std::nullopt), failure(internalError(R + ": unknown blob"), "1"));  // 404, whatever the body
  EXPECT_EQ(withConfig(Answer::json(200, "{}")),
            failure(internalError(R + ": content integrity error: the blob retrieved with digest "
                                      "sha256:2b8fd9751c4c0f5dd266fcae00707e67a2545ef34f9a29354585f93dac906749 does not match "
                                      "the digest calculated from the content " +
                                      sha256Digest("{}")),
                    "1"));
  EXPECT_EQ(withConfig(Answer::json(401, errorsBody("UNAUTHORIZED", "authentication required"))), failure(noAccess(R), "1"));
  EXPECT_EQ(withConfig(Answer::json(403, errorsBody("DENIED", "no"))), failure(internalError(R + ": denied: no"), "1"));
}

std::string schema1WithoutSizes(const std::string& top, const std::string& base) {
  return "{\n   \"schemaVersion\": 1,\n   \"name\": \"org/old\",\n   \"tag\": \"1\",\n   \"architecture\": \"amd64\",\n"
         "   \"fsLayers\": [{\"blobSum\": \"" + top + "\"}, {\"blobSum\": \"" + base + "\"}, {\"blobSum\": \"" + base + "\"}],\n"
         "   \"history\": [{\"v1Compatibility\": \"{\\\"id\\\":\\\"i3\\\",\\\"parent\\\":\\\"i2\\\",\\\"created\\\":\\\"2015-01-01T00:00:00Z\\\"}\"},"
         " {\"v1Compatibility\": \"{\\\"id\\\":\\\"i2\\\",\\\"parent\\\":\\\"i1\\\"}\"}, {\"v1Compatibility\": \"{\\\"id\\\":\\\"i1\\\"}\"}]\n}";
}

TEST(ImporterSizes, Schema1WithoutSizesIsProbedWithHead) {
  const std::string top = fakeDigest('7'), base = fakeDigest('8');
  std::string payload = schema1WithoutSizes(top, base);
  std::string body = signSchema1(payload);
  FakeRegistry registry;
  auto& r = registry.repo("quay.io", "org/old");
  r.manifests["1"] = {kSchema1Signed, body};
  r.manifests["2"] = {kSchema1Signed, body};
  r.layerSizes[top] = 300;
  r.layerSizes[base] = 4000;
  Outcome run = runImport(isiOf({image("quay.io/org/old:1"), image("quay.io/org/old:2")}), registry);
  ASSERT_EQ(run.at(0).status.status, "Success") << run.image(0);
  const Image& img = *run.at(0).image;
  EXPECT_EQ(img.metadata.name, sha256Digest(payload));
  EXPECT_EQ(img.dockerImageMetadata->size, 4300);
  ASSERT_EQ(img.dockerImageLayers.size(), 3u);
  EXPECT_EQ(img.dockerImageLayers[0].name, base);
  EXPECT_EQ(img.dockerImageLayers[0].size, 4000);
  EXPECT_EQ(img.dockerImageLayers[2].name, top);
  EXPECT_EQ(img.dockerImageLayers[2].size, 300);
  EXPECT_EQ(run.image(1), success(img, "2"));
  EXPECT_EQ(run.registry.count("HEAD"), 2u);  // each distinct layer once for the whole import

  auto probed = [&](Answer a) {
    FakeRegistry reg = registry;
    reg.script("HEAD", "https://quay.io/v2/org/old/blobs/" + top, {a});
    return runImport(isiOf({image("quay.io/org/old:1")}), reg);
  };
  Answer noLength;
  EXPECT_EQ(probed(noLength).image(0),
            failure(internalError("missing content-length header for request: https://quay.io/v2/org/old/blobs/" + top), "1"));
  EXPECT_EQ(probed(Answer::json(404, "")).image(0), failure(internalError("unknown blob"), "1"));
  Answer bad;
  bad.headers = {{"Content-Length", "12x"}};
  EXPECT_EQ(probed(bad).image(0),
            failure(internalError(esc(R"(error parsing content-length: strconv.ParseInt: parsing "12x": invalid syntax)")), "1"));
  EXPECT_EQ(probed(Answer::json(401, "")).image(0), failure(internalError("unauthorized: authentication required"), "1"));
  Outcome retried = probed(Answer::fail(TransportFailure::Timeout));
  EXPECT_EQ(retried.at(0).status.status, "Success");
  EXPECT_EQ(attemptsOf(retried.registry, "HEAD", top).delays, (std::vector<uint32_t>{0, 1000}));
}

TEST(ImporterCaps, OversizedBodiesAreClearPerImageFailures) {
  FakeRegistry registry;
  serveBusybox(registry.repo("quay.io", "org/web"), "1");
  serveBusybox(registry.repo("quay.io", "org/web"), "2");
  registry.script("GET", "https://quay.io/v2/org/web/manifests/2", {Answer::json(404, std::string(2 << 20, ' '))});
  ImportSettings s = settings();
  s.limits.manifestBytes = 400;  // busybox's manifest has 505 bytes
  Outcome run = runImport(isiOf({image("quay.io/org/web:1"), image("quay.io/org/web:2")}), s, registry);
  EXPECT_EQ(run.image(0),
            failure(internalError("quay.io/org/web:1: manifest from https://quay.io/v2/org/web/manifests/1 exceeds the limit of 400 bytes"), "1"));
  EXPECT_EQ(run.image(1),
            failure(internalError("quay.io/org/web:2: the error answer from https://quay.io/v2/org/web/manifests/2 "
                                  "(404 Not Found) has a body over the limit of 1048576 bytes"),
                    "2"));
  EXPECT_EQ(run.registry.find("GET", "/manifests/1")->maxBodyBytes, 400u);
  EXPECT_EQ(run.registry.find("GET", "/manifests/1")->maxErrorBodyBytes, 1u << 20);

  s = settings();
  s.limits.configBytes = 1000;  // its config has 1459
  Outcome config = runImport(isiOf({image("quay.io/org/web:1")}), s, registry);
  EXPECT_EQ(config.image(0),
            failure(internalError("quay.io/org/web:1: image config from https://quay.io/v2/org/web/blobs/"
                                  "sha256:2b8fd9751c4c0f5dd266fcae00707e67a2545ef34f9a29354585f93dac906749 exceeds the limit of 1000 bytes"),
                    "1"));
}

// =================================================================================================
// Lists: empty and nested
// =================================================================================================

TEST(ImporterLists, EmptyAndNestedLists) {
  TestList l;
  Blob empty = blob(listOf({}));
  Blob nested = blob(listOf({{l.list, "amd64", "linux", ""}}));
  FakeRegistry registry;
  auto& r = registry.repo("quay.io", "org/web");
  l.serve(r);
  r.putManifest(kDockerList, empty.body, "empty");
  r.putManifest(kDockerList, nested.body, "nested");
  std::string po = R"("importPolicy":{"importMode":"PreserveOriginal"})";
  Outcome run = runImport(isiOf({image("quay.io/org/web:empty"), image("quay.io/org/web:empty", po),
                                 image("quay.io/org/web:nested"), image("quay.io/org/web:nested", po)}),
                          registry);
  // Legacy: manifestFromManifestList's error, named by the reference.
  EXPECT_EQ(run.image(0), failure(internalError("quay.io/org/web:empty: no manifests in manifest list"), "empty"));
  // PreserveOriginal: the list converts; there is nothing else to import.
  EXPECT_EQ(run.at(1).status.status, "Success");
  EXPECT_EQ(run.at(1).image->metadata.name, empty.digest);
  EXPECT_TRUE(run.at(1).manifests.empty());
  // Legacy: the chosen entry is itself a list.
  EXPECT_EQ(run.image(2),
            failure(internalError("unsupported image manifest type: *manifestlist.DeserializedManifestList"), "nested"));
  // PreserveOriginal: the entry is imported with the empty mode, which picks from the nested list
  // (upstream quirk): the amd64 image, referenced by the nested list's digest.
  ASSERT_EQ(run.at(3).status.status, "Success") << run.image(3);
  ASSERT_EQ(run.at(3).manifests.size(), 1u);
  EXPECT_EQ(run.at(3).manifests[0].metadata.name, l.amd64.manifest.digest);
  EXPECT_EQ(run.at(3).manifests[0].dockerImageReference, "quay.io/org/web@" + l.list.digest);
}


// =================================================================================================
// docs/answers.md §6 worked answers, includeManifest, import=true
// =================================================================================================

// The docs/answers.md §6 registry: quay.io/org/web:1.2, a schema 2 image with one 12000-byte layer.
struct WebImage {
  Blob config = blob(R"({"architecture":"amd64","config":{"Env":["PATH=/usr/bin"],"Cmd":["web"]},"created":"2025-12-01T10:00:00Z"})");
  std::string layer = fakeDigest('e');
  Blob manifest = blob(schema2Manifest(config, {{layer, 12000}}));
  void serve(FakeRegistry& registry) const {
    auto& r = registry.repo("quay.io", "org/web");
    r.putManifest(kSchema2, manifest.body, "1.2");
    r.putBlob(config.body);
  }
  // docs/answers.md §6's image, written out by hand.
  std::string imageJson(bool withRaw = false) const {
    return R"({"metadata":{"name":")" + manifest.digest +
           R"(","creationTimestamp":null,"annotations":{"image.openshift.io/dockerLayersOrder":"ascending"}},"dockerImageReference":"quay.io/org/web@)" +
           manifest.digest + R"(","dockerImageMetadata":{"kind":"DockerImage","apiVersion":"image.openshift.io/1.0","Id":")" +
           config.digest +
           R"(","Created":"2025-12-01T10:00:00Z","ContainerConfig":{},"Config":{"Env":["PATH=/usr/bin"],"Cmd":["web"]},"Architecture":"amd64","Size":)" +
           std::to_string(config.body.size() + 12000) + R"(},"dockerImageMetadataVersion":"1.0",)" +
           (withRaw ? R"("dockerImageManifest":")" + esc(manifest.body) + "\"," : "") + R"("dockerImageLayers":[{"name":")" +
           layer + R"(","size":12000,"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip"}],"dockerImageManifestMediaType":"application/vnd.docker.distribution.manifest.v2+json")" +
           (withRaw ? R"(,"dockerImageConfig":")" + esc(config.body) + "\"" : "") + "}";
  }
};

TEST(ImporterAnswers, WorkedPreviewShapeByteForByte) {
  WebImage web;
  FakeRegistry registry;
  web.serve(registry);
  ImageStreamImport isi = decodeIsi(
      R"({"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"web","namespace":"demo"},"spec":{"import":false,"images":[{"from":{"kind":"DockerImage","name":"quay.io/org/web:1.2"},"to":{"name":"1.2"}}]}})");
  Outcome run = runImport(isi, registry);
  EXPECT_EQ(run.json,
            R"({"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"web","namespace":"demo","creationTimestamp":null},)"
            R"("spec":{"import":false,"images":[{"from":{"kind":"DockerImage","name":"quay.io/org/web:1.2"},"to":{"name":"1.2"},"importPolicy":{"importMode":"Legacy"},"referencePolicy":{"type":"Source"}}]},)"
            R"("status":{"images":[{"status":{"metadata":{},"status":"Success"},"image":)" +
                web.imageJson() + R"(,"tag":"1.2"}]}})");
}

TEST(ImporterAnswers, IncludeManifestKeepsRawTextAndSubManifestsAlwaysKeepIt) {
  WebImage web;
  TestList l;
  FakeRegistry registry;
  web.serve(registry);
  auto& r = registry.repo("quay.io", "org/web");
  l.serve(r, "list");
  r.tags = {"1.2"};
  Outcome run = runImport(isiOf({image("quay.io/org/web:1.2", R"("includeManifest":true)"), image("quay.io/org/web:1.2"),
                                 image("quay.io/org/web:list", R"("importPolicy":{"importMode":"PreserveOriginal"})")},
                                repositoryOf("quay.io/org/web")),
                          registry);
  EXPECT_EQ(toJson(*run.at(0).image), web.imageJson(true));
  EXPECT_EQ(toJson(*run.at(1).image), web.imageJson(false));
  EXPECT_EQ(toJson(*run.result.status.repository->images.at(0).image), web.imageJson(false));
  EXPECT_EQ(run.at(2).manifests.at(0).dockerImageManifest, l.amd64.manifest.body);  // upstream quirk
  EXPECT_EQ(run.at(2).manifests.at(0).dockerImageConfig, l.amd64.config.body);

  ImageStreamImport withRepository = isiOf({}, repositoryOf("quay.io/org/web", R"("includeManifest":true)"));
  Outcome kept = runImport(withRepository, registry);
  EXPECT_EQ(toJson(*kept.result.status.repository->images.at(0).image), web.imageJson(true));
}

ImageStream currentStream() {
  DecodeOptions asStream;
  asStream.defaultKind = "ImageStream";
  DecodeResult d = decodeObject(
      R"({"kind":"ImageStream","apiVersion":"image.openshift.io/v1","metadata":{"name":"web","namespace":"demo","uid":"u-1","resourceVersion":"41","generation":2,"creationTimestamp":"2025-01-01T00:00:00Z","annotations":{"openshift.io/image.dockerRepositoryCheck":"2025-01-01T00:00:00Z"}},)"
      R"("spec":{"lookupPolicy":{"local":false},"tags":[{"name":"1.2","annotations":{"importer.image.openshift.io/prefer-arch":"arm64"},"from":{"kind":"DockerImage","name":"quay.io/org/web:1.2"},"generation":2,"importPolicy":{},"referencePolicy":{"type":"Local"}}]},)"
      R"("status":{"dockerImageRepository":"image-registry.svc:5000/demo/web","tags":[{"tag":"1.2","items":[{"created":"2025-01-01T00:00:00Z","dockerImageReference":"quay.io/org/web@sha256:)" +
          std::string(64, '2') + R"(","image":"sha256:)" + std::string(64, '2') + R"(","generation":2}]}]}})",
      asStream);
  EXPECT_TRUE(d.object) << (d.failure ? d.failure->message : "");
  return std::get<ImageStream>(*d.object);
}

TEST(ImporterAnswers, ImportTrueAgainstASuppliedStream) {
  WebImage web;
  FakeRegistry registry;
  web.serve(registry);
  registry.repo("quay.io", "org/web");
  ImportSettings s = settings();
  s.current = currentStream();
  ImageStreamImport isi = decodeIsi(
      R"({"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"web","namespace":"demo"},"spec":{"import":true,"images":[)"
      R"({"from":{"kind":"DockerImage","name":"quay.io/org/web:1.2"},"to":{"name":"1.2"},"includeManifest":true},)"
      R"({"from":{"kind":"DockerImage","name":"quay.io/org/web:9"},"to":{"name":"9"}},)"
      R"({"from":{"kind":"DockerImage","name":"quay.io/org/web:1.2"}}]}})");
  Outcome run = runImport(isi, s, registry);
  ASSERT_FALSE(run.failure) << run.json;
  ASSERT_TRUE(run.result.status.import);
  const ImageStream& stream = *run.result.status.import;
  // The spec tag "1.2" asks for arm64, but the image is not a list: the preference changes nothing.
  // The stream moved to generation 3; the new event is prepended.
  EXPECT_EQ(stream.metadata.generation, 3);
  std::string json = toJson(stream);
  EXPECT_NE(json.find(R"({"tag":"1.2","items":[{"created":"2026-01-02T03:04:05Z","dockerImageReference":"quay.io/org/web@)" +
                      web.manifest.digest + R"(","image":")" + web.manifest.digest + R"(","generation":3},)"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(R"({"tag":"9","items":null,"conditions":[{"type":"ImportSuccess","status":"False","lastTransitionTime":"2026-01-02T03:04:05Z","reason":"NotFound","message":"dockerimage.image.openshift.io \"quay.io/org/web:9\" not found","generation":3}]})"),
            std::string::npos)
      << json;
  // Created images lose their raw text even with includeManifest (docs/import.md §3.14 step 5).
  EXPECT_EQ(run.at(0).image->dockerImageManifest, "");
  EXPECT_EQ(run.at(0).image->dockerImageConfig, "");
  EXPECT_EQ(run.at(2).image->dockerImageManifest, "");  // no `to`: not tagged, stripped as a preview
}

// docs/answers.md §6: import=true failure for tag 9 on a new stream (the excerpt, byte for byte).
TEST(ImporterAnswers, WorkedImportTrueFailureOnANewStream) {
  FakeRegistry registry;
  registry.repo("quay.io", "org/web");
  ImageStreamImport isi = decodeIsi(
      R"({"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"web","namespace":"demo"},"spec":{"import":true,"images":[{"from":{"kind":"DockerImage","name":"quay.io/org/web:9"},"to":{"name":"9"}}]}})");
  Outcome run = runImport(isi, registry);
  ASSERT_TRUE(run.result.status.import);
  std::string json = toJson(*run.result.status.import);
  EXPECT_NE(json.find(R"("spec":{"lookupPolicy":{"local":false},"tags":[{"name":"9","annotations":null,"from":{"kind":"DockerImage","name":"quay.io/org/web:9"},"generation":1,"importPolicy":{"importMode":"Legacy"},"referencePolicy":{"type":"Source"}}]},)"
                      R"("status":{"dockerImageRepository":"","tags":[{"tag":"9","items":null,"conditions":[{"type":"ImportSuccess","status":"False","lastTransitionTime":"2026-01-02T03:04:05Z","reason":"NotFound","message":"dockerimage.image.openshift.io \"quay.io/org/web:9\" not found","generation":1}]}]})"),
            std::string::npos)
      << json;
}

}  // namespace
}  // namespace isimport

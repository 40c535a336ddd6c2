// The Image object of an imported manifest (docs/import.md §3.7) and upstream's SHA-256 re-check (docs/import.md §3.8),
// from the recorded registry documents of docs/acceptance.md §5.4 and hand-made edge cases.
#include <gtest/gtest.h>

#include "go/time_text.h"
#include "import/image_builder.h"
#include "json/codec.h"
#include "registry/digest.h"
#include "support/schema1_signer.h"
#include "support/test_support.h"

namespace isimport {
namespace {

using testing::readFixture;
using testing::signSchema1;

constexpr const char* kEtcd = "sha256:958608f8ecc1dc62c93b6c610f3a834dae4220c9642e6e8b4e0f2b3ad7cbd238";
constexpr const char* kBusybox = "sha256:a59906e33509d14c036c8678d687bd4eec81ed7c4b8ce907b888c607f6a1e0e6";
constexpr const char* kBusyboxConfig = "sha256:2b8fd9751c4c0f5dd266fcae00707e67a2545ef34f9a29354585f93dac906749";
constexpr const char* kList = "sha256:5020d54ec2de60c4e187128b5a03adda261a7fe78c9c500ffd24ff4af476fb41";
constexpr const char* kSha512 =
    "sha512:ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

Manifest parsed(std::string_view contentType, std::string_view body) {
  ManifestParse p = parseManifest(contentType, body);
  EXPECT_TRUE(p.manifest) << p.error;
  return p.manifest.value_or(Manifest{});
}

std::string json(const Image& image) { return encodeObject(Object{image}); }

// Builds a schema 2 manifest body around a config and layers.
std::string schema2Body(const std::string& configDigest, int64_t configSize, const std::string& layersJson) {
  return "{\"schemaVersion\": 2, \"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\", "
         "\"config\": {\"mediaType\": \"application/vnd.docker.container.image.v1+json\", \"size\": " +
         std::to_string(configSize) + ", \"digest\": \"" + configDigest + "\"}, \"layers\": [" + layersJson + "]}";
}

std::string layer(const std::string& digest, int64_t size) {
  return "{\"mediaType\": \"application/vnd.docker.image.rootfs.diff.tar.gzip\", \"size\": " + std::to_string(size) +
         ", \"digest\": \"" + digest + "\"}";
}

ImageBuild buildSchema2(const std::string& body, const std::string& config, const std::string& requested = "") {
  return buildImage(parsed(media::kSchema2, body), body, config, requested, "test@" + sha256Digest(body));
}

// ---- schema 2 (B7) ------------------------------------------------------------------------------

TEST(ImageBuilder, Schema2BusyboxAsUpstreamBuildsIt) {
  std::string body = readFixture("registry/busybox-schema2.json");
  std::string config = readFixture("registry/busybox-config.json");
  ImageBuild build = buildImage(parsed(media::kSchema2, body), body, config, "", std::string("test@") + kBusybox);
  ASSERT_TRUE(build.image) << build.error;
  const Image& image = *build.image;
  EXPECT_TRUE(build.layersToProbe.empty());
  EXPECT_EQ(image.metadata.name, kBusybox);
  EXPECT_EQ(image.dockerImageReference, std::string("test@") + kBusybox);
  EXPECT_EQ(image.dockerImageMetadata->size, 669049);  // 1459 + 667590
  EXPECT_EQ(image.dockerImageMetadata->id, kBusyboxConfig);
  EXPECT_EQ(image.dockerImageManifest, body);
  EXPECT_EQ(image.dockerImageConfig, config);
  // The whole object as the API server would print it (manifest and config texts elided here).
  Image shown = image;
  shown.dockerImageManifest = "M";
  shown.dockerImageConfig = "C";
  EXPECT_EQ(json(shown),
            "{\"metadata\":{\"name\":\"sha256:a59906e33509d14c036c8678d687bd4eec81ed7c4b8ce907b888c607f6a1e0e6\","
            "\"creationTimestamp\":null,\"annotations\":{\"image.openshift.io/dockerLayersOrder\":\"ascending\"}},"
            "\"dockerImageReference\":\"test@sha256:a59906e33509d14c036c8678d687bd4eec81ed7c4b8ce907b888c607f6a1e0e6\","
            "\"dockerImageMetadata\":{\"kind\":\"DockerImage\",\"apiVersion\":\"image.openshift.io/1.0\","
            "\"Id\":\"sha256:2b8fd9751c4c0f5dd266fcae00707e67a2545ef34f9a29354585f93dac906749\","
            "\"Created\":\"2016-06-23T23:23:37Z\","
            "\"Container\":\"764ef4448baa9a1ce19e4ae95f8cdd4eda7a1186c512773e56dc634dff208a59\","
            "\"ContainerConfig\":{\"Hostname\":\"55cd1f8f6e5b\","
            "\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"],"
            "\"Cmd\":[\"/bin/sh\",\"-c\",\"#(nop) CMD [\\\"sh\\\"]\"],"
            "\"Image\":\"sha256:e732471cb81a564575aad46b9510161c5945deaf18e9be3db344333d72f0b4b2\"},"
            "\"DockerVersion\":\"1.10.3\","
            "\"Config\":{\"Hostname\":\"55cd1f8f6e5b\","
            "\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"],\"Cmd\":[\"sh\"],"
            "\"Image\":\"sha256:e732471cb81a564575aad46b9510161c5945deaf18e9be3db344333d72f0b4b2\"},"
            "\"Architecture\":\"amd64\",\"Size\":669049},"
            "\"dockerImageMetadataVersion\":\"1.0\",\"dockerImageManifest\":\"M\","
            "\"dockerImageLayers\":[{\"name\":\"sha256:8ddc19f16526912237dd8af81971d5e4dd0587907234be2b83e249518d5b673f\","
            "\"size\":667590,\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\"}],"
            "\"dockerImageManifestMediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
            "\"dockerImageConfig\":\"C\"}");
}

TEST(ImageBuilder, Schema2ListEntriesOfTheRecordedList) {
  struct Case {
    const char* arch;
    int64_t layers;
  };
  for (Case c : {Case{"amd64", 26687415 + 35366 + 848 + 162}, Case{"arm64", 23715438 + 35201 + 850 + 189}}) {
    std::string body = readFixture(std::string("registry/manifest-linux-") + c.arch + ".json");
    std::string config = readFixture(std::string("registry/config-linux-") + c.arch + ".json");
    ImageBuild build = buildSchema2(body, config);
    ASSERT_TRUE(build.image) << build.error;
    EXPECT_EQ(build.image->dockerImageMetadata->architecture, c.arch);
    EXPECT_EQ(build.image->dockerImageLayers.size(), 4u);
    EXPECT_EQ(build.image->dockerImageMetadata->size, static_cast<int64_t>(config.size()) + c.layers);
  }
}

TEST(ImageBuilder, SizeCountsEachLayerOnceAndSkipsTheConfigDigest) {
  std::string config = "{}";
  std::string configDigest = sha256Digest(config);
  std::string body = schema2Body(configDigest, 2,
                                 layer("sha256:l1", 10) + "," + layer("sha256:l2", 20) + "," + layer("sha256:l1", 10) +
                                     "," + layer(configDigest, 1000));
  ImageBuild build = buildSchema2(body, config);
  ASSERT_TRUE(build.image) << build.error;
  EXPECT_EQ(build.image->dockerImageMetadata->size, 2 + 10 + 20);
  EXPECT_EQ(build.image->dockerImageLayers.size(), 4u);  // layers are all listed
  // An OCI artifact with an empty config: empty metadata, Created null, Id = the config digest.
  EXPECT_EQ(build.image->dockerImageMetadata->id, configDigest);
  EXPECT_FALSE(build.image->dockerImageMetadata->created.set);
  EXPECT_FALSE(build.image->dockerImageMetadata->config.has_value());
}

TEST(ImageBuilder, HugeLayerSizesWrapAsGoInt64Does) {
  std::string config = "{}";
  std::string body = schema2Body(sha256Digest(config), 2, layer("sha256:l1", INT64_MAX) + "," + layer("sha256:l2", 1));
  ImageBuild build = buildSchema2(body, config);
  ASSERT_TRUE(build.image) << build.error;
  EXPECT_EQ(build.image->dockerImageMetadata->size, INT64_MIN + 2);
  // A total that wraps to exactly 0 sends upstream to the size probe, and so here.
  body = schema2Body(sha256Digest(config), 2, layer("sha256:l1", INT64_MAX) + "," + layer("sha256:l2", INT64_MAX));
  build = buildSchema2(body, config);
  ASSERT_TRUE(build.image) << build.error;
  EXPECT_EQ(build.image->dockerImageMetadata->size, 0);
  EXPECT_EQ(build.layersToProbe, (std::vector<std::string>{"sha256:l1", "sha256:l2"}));
  EXPECT_EQ(parseManifest(media::kSchema2, schema2Body("sha256:c", 2, layer("sha256:l1", 1) + ", {\"size\": 1e30}")).error,
            "json: cannot unmarshal number 1e30 into Go struct field Descriptor.layers.size of type int64");
}

TEST(ImageBuilder, OciManifestMediaType) {
  std::string config = readFixture("registry/busybox-config.json");
  std::string withType =
      "{\"schemaVersion\": 2, \"mediaType\": \"application/vnd.oci.image.manifest.v1+json\", \"config\": "
      "{\"mediaType\": \"application/vnd.oci.image.config.v1+json\", \"digest\": \"" + std::string(kBusyboxConfig) +
      "\", \"size\": 1459}, \"layers\": [" + layer("sha256:l1", 5) + "]}";
  std::string without = withType;
  without.erase(without.find("\"mediaType\": \"application/vnd.oci.image.manifest.v1+json\", "), 59);
  ASSERT_EQ(without.find("image.manifest"), std::string::npos);
  for (const std::string& body : {withType, without}) {
    ImageBuild build = buildImage(parsed(media::kOciManifest, body), body, config, "", "r");
    ASSERT_TRUE(build.image) << build.error;
    EXPECT_EQ(build.image->dockerImageManifestMediaType, media::kOciManifest);
    EXPECT_EQ(build.image->metadata.name, sha256Digest(body));
    EXPECT_EQ(build.image->dockerImageMetadata->size, 1459 + 5);
    EXPECT_EQ(build.image->dockerImageMetadata->id, kBusyboxConfig);
  }
}

TEST(ImageBuilder, ConfigErrorsAreUpstreamsTexts) {
  std::string body = readFixture("registry/busybox-schema2.json");
  auto errorFor = [&](const std::string& config) {
    ImageBuild build = buildSchema2(body, config);
    return build.image ? "<built>" : build.error;
  };
  // First read (dockerpre012.DockerImage).
  EXPECT_EQ(errorFor("not json"), "invalid character 'o' in literal null (expecting 'u')");
  EXPECT_EQ(errorFor(""), "unexpected end of JSON input");
  EXPECT_EQ(errorFor("[]"), "json: cannot unmarshal array into Go value of type dockerpre012.DockerImage");
  EXPECT_EQ(errorFor("{\"architecture\": 5}"),
            "json: cannot unmarshal number into Go struct field DockerImage.architecture of type string");
  EXPECT_EQ(errorFor("{\"container_config\": 5}"),
            "json: cannot unmarshal number into Go struct field DockerImage.container_config of type "
            "dockerpre012.DockerConfig");
  EXPECT_EQ(errorFor("{\"config\": {\"Memory\": \"1\"}}"),
            "json: cannot unmarshal string into Go struct field DockerConfig.config.Memory of type int64");
  EXPECT_EQ(errorFor("{\"Config\": {\"ExposedPorts\": []}}"),
            "json: cannot unmarshal array into Go struct field DockerConfig.config.ExposedPorts of type "
            "map[string]struct {}");
  EXPECT_EQ(errorFor("{\"kind\": 1}"), "json: cannot unmarshal number into Go struct field DockerImage.kind of type string");
  // metav1.Time passes its inner string error on, and the outer decoder names the field; a time error
  // ends decoding, so it wins over a type error met before it.
  EXPECT_EQ(errorFor("{\"created\": 5}"),
            "json: cannot unmarshal number into Go struct field DockerImage.created of type string");
  EXPECT_EQ(errorFor("{\"architecture\": 5, \"Created\": {}}"),
            "json: cannot unmarshal object into Go struct field DockerImage.created of type string");
  EXPECT_EQ(errorFor("{\"created\": \"yesterday\"}"),
            "parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\"");
  EXPECT_EQ(errorFor("{\"architecture\": 5, \"created\": \"2020-01-02T03:04:05Z\"}"),
            "json: cannot unmarshal number into Go struct field DockerImage.architecture of type string");
  // Second read (docker10.DockerImageConfig), wrapped.
  EXPECT_EQ(errorFor("{\"os\": 5}"),
            "failed to parse dockerImageConfig: json: cannot unmarshal number into Go struct field "
            "DockerImageConfig.os of type string");
  EXPECT_EQ(errorFor("{\"rootfs\": {\"diff_ids\": \"x\"}}"),
            "failed to parse dockerImageConfig: json: cannot unmarshal string into Go struct field "
            "DockerConfigRootFS.rootfs.diff_ids of type []string");
  EXPECT_EQ(errorFor("{\"history\": [{\"created\": 1}]}"),
            "failed to parse dockerImageConfig: Time.UnmarshalJSON: input is not a JSON string");
  EXPECT_EQ(errorFor("{\"history\": [{\"created\": \"2020-13-01T00:00:00Z\"}]}"),
            "failed to parse dockerImageConfig: parsing time \"2020-13-01T00:00:00Z\": month out of range");
  EXPECT_EQ(errorFor("{\"os\": 5, \"history\": [{\"created\": 1}]}"),
            "failed to parse dockerImageConfig: Time.UnmarshalJSON: input is not a JSON string");
  // The metadata step re-reads the manifest as docker10.DockerImageManifest, schema 1 fields included.
  std::string withFsLayers = body;
  withFsLayers.insert(1, "\"fsLayers\": 5, ");
  EXPECT_EQ(buildSchema2(withFsLayers, readFixture("registry/busybox-config.json")).error,
            "json: cannot unmarshal number into Go struct field DockerImageManifest.fsLayers of type "
            "[]docker10.DockerFSLayer");
  // Unknown keys, any key case, and null are accepted.
  EXPECT_EQ(errorFor("{\"ARCHITECTURE\": \"s390x\", \"Unknown\": [1e999], \"config\": null, \"created\": null}"), "<built>");
}

TEST(ImageBuilder, ConfigKeysMatchCaseInsensitively) {
  std::string body = readFixture("registry/busybox-schema2.json");
  ImageBuild build = buildSchema2(
      body, "{\"ARCHITECTURE\": \"s390x\", \"Created\": \"2020-01-02T03:04:05.9+01:00\", \"CONFIG\": {\"cmd\": [\"x\"], "
            "\"labels\": {\"a\": \"b\"}, \"StopSignal\": \"TERM\"}, \"Size\": 99}");
  ASSERT_TRUE(build.image) << build.error;
  const DockerImage& meta = *build.image->dockerImageMetadata;
  EXPECT_EQ(meta.architecture, "s390x");
  EXPECT_EQ(meta.created.unixSeconds, 1577930645);
  ASSERT_TRUE(meta.config);
  EXPECT_EQ(meta.config->cmd, std::vector<std::string>{"x"});
  EXPECT_EQ(meta.config->labels.at("a"), "b");
  EXPECT_NE(meta.size, 99);  // never the config's own size
}

// ---- integrity re-check (docs/import.md §3.8 step 3) ------------------------------------------------------

TEST(ImageBuilder, IntegrityRecheckTexts) {
  std::string body = readFixture("registry/busybox-schema2.json");
  std::string config = readFixture("registry/busybox-config.json");
  Manifest m = parsed(media::kSchema2, body);
  EXPECT_EQ(integrityRecheck(m, ""), std::nullopt);
  EXPECT_EQ(integrityRecheck(m, kBusybox), std::nullopt);
  // Upstream quirk: only SHA-256 is recomputed, so a sha512 reference always fails here.
  const std::string text =
      std::string("content integrity error: the manifest retrieved (media type: "
                  "application/vnd.docker.distribution.manifest.v2+json) with digest ") +
      kSha512 + " does not match the digest calculated from the content " + kBusybox;
  EXPECT_EQ(integrityRecheck(m, kSha512), text);
  EXPECT_EQ(buildImage(m, body, config, kSha512, "r").error, text);
  EXPECT_TRUE(buildImage(m, body, config, kBusybox, "r").image);
  // A config error comes before the re-check, as in schema2OrOCIToImage.
  EXPECT_EQ(buildImage(m, body, "x", kSha512, "r").error, "invalid character 'x' looking for beginning of value");

  Manifest etcd = parsed(media::kSchema1Signed, readFixture("registry/etcd-schema1.json"));
  EXPECT_EQ(integrityRecheck(etcd, kEtcd), std::nullopt);
  EXPECT_EQ(integrityRecheck(etcd, "sha384:00"),
            std::string("content integrity error: the schema 1 manifest retrieved with digest sha384:00 does not match "
                        "the digest calculated from the content ") + kEtcd);

  std::string oci = "{\"schemaVersion\": 2, \"config\": {\"digest\": \"sha256:c\"}}";
  EXPECT_EQ(integrityRecheck(parsed(media::kOciManifest, oci), "sha256:00"),
            "content integrity error: the manifest retrieved (media type: application/vnd.oci.image.manifest.v1+json) "
            "with digest sha256:00 does not match the digest calculated from the content " + sha256Digest(oci));
  std::string index = "{\"schemaVersion\": 2, \"manifests\": []}";
  EXPECT_EQ(integrityRecheck(parsed(media::kOciIndex, index), "sha256:00"),
            "content integrity error: the manifest retrieved (media type: application/vnd.oci.image.index.v1+json) "
            "with digest sha256:00 does not match the digest calculated from the content " + sha256Digest(index));
}

// ---- schema 1 (B6) ------------------------------------------------------------------------------

TEST(ImageBuilder, Schema1EtcdAsUpstreamBuildsIt) {
  std::string body = readFixture("registry/etcd-schema1.json");
  Manifest m = parsed(media::kSchema1Signed, body);
  ImageBuild build = buildImage(m, body, "", kEtcd, std::string("test@") + kEtcd);
  ASSERT_TRUE(build.image) << build.error;
  const Image& image = *build.image;
  EXPECT_TRUE(build.layersToProbe.empty());
  EXPECT_EQ(image.metadata.name, kEtcd);
  EXPECT_EQ(image.metadata.annotations.at("image.openshift.io/dockerLayersOrder"), "ascending");
  EXPECT_EQ(image.dockerImageManifest, body);  // the whole signed body
  EXPECT_EQ(image.dockerImageManifestMediaType, media::kSchema1);
  EXPECT_EQ(image.dockerImageConfig, "");
  EXPECT_EQ(image.dockerImageMetadataVersion, "1.0");
  const DockerImage& meta = *image.dockerImageMetadata;
  EXPECT_EQ(meta.id, "fe50ac14986497fa6b5d2cc24feb4a561d01767bc64413752c0988cb70b0b8b9");  // bare hex of history[0]
  EXPECT_EQ(meta.parent, "a5a18474fa96a3c6e240bc88e41de2afd236520caf904356ad9d5f8d875c3481");
  EXPECT_EQ(meta.size, 28643712);
  EXPECT_EQ(formatRfc3339(meta.created.unixSeconds), "2015-12-30T22:29:13Z");
  // Base layer first: fsLayers reversed, sizes from each history entry's v1Compatibility.
  ASSERT_EQ(image.dockerImageLayers.size(), 4u);
  EXPECT_EQ(image.dockerImageLayers[0].name, "sha256:744b46d0ac8636c45870a03830d8d82c20b75fbfb9bc937d5e61005d23ad4cfe");
  EXPECT_EQ(image.dockerImageLayers[0].size, 15141568);
  EXPECT_EQ(image.dockerImageLayers[1].name, "sha256:2560187847cadddef806eaf244b7755af247a9dbabb90ca953dd2703cf423766");
  EXPECT_EQ(image.dockerImageLayers[1].size, 13502144);
  EXPECT_EQ(image.dockerImageLayers[2].name, "sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4");
  EXPECT_EQ(image.dockerImageLayers[2].size, 0);
  EXPECT_EQ(image.dockerImageLayers[3].size, 0);
  for (const ImageLayer& l : image.dockerImageLayers) EXPECT_EQ(l.mediaType, media::kSchema1LayerType);
}

std::string v1(const std::string& json) {  // a v1Compatibility string value
  std::string out = "\"";
  for (char c : json) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

ImageBuild buildSchema1(const std::string& payload, int64_t now = 0) {
  std::string body = signSchema1(payload);
  return buildImage(parsed(media::kSchema1Signed, body), body, "", "", "ref", now);
}

TEST(ImageBuilder, Schema1Checks) {
  EXPECT_EQ(buildSchema1("{\n\"fsLayers\": []\n}").error, "image has no v1Compatibility history and cannot be used");
  EXPECT_EQ(buildSchema1("{\n\"history\": [{\"v1Compatibility\": \"nope\"}]\n}").error,
            "invalid character 'o' in literal null (expecting 'u')");
  EXPECT_EQ(buildSchema1("{\n\"history\": [{\"v1Compatibility\": " + v1("{\"id\": 7}") + "}]\n}").error,
            "json: cannot unmarshal number into Go struct field DockerImage.id of type string");
  // Upstream fills the reference only after this step, so the parentheses stay empty.
  std::string mismatched = "{\n\"schemaVersion\": 1, \"fsLayers\": [{\"blobSum\": \"sha256:a\"}, {\"blobSum\": \"sha256:b\"}], "
                           "\"history\": [{\"v1Compatibility\": \"{}\"}]\n}";
  EXPECT_EQ(buildSchema1(mismatched).error,
            "the image " + sha256Digest(mismatched) + " () has mismatched history and fslayer cardinality (1 != 2)");
  std::string v3 = "{\n\"schemaVersion\": 3, \"history\": [{\"v1Compatibility\": \"{}\"}]\n}";
  EXPECT_EQ(buildSchema1(v3).error,
            "unrecognized container image manifest schema 3 for \"" + sha256Digest(v3) + "\" ()");
  std::string v2 = "{\n\"schemaVersion\": 2, \"history\": [{\"v1Compatibility\": \"{}\"}]\n}";
  EXPECT_EQ(buildSchema1(v2).error,
            "dockerImageConfig must not be empty for manifest type "
            "\"application/vnd.docker.distribution.manifest.v1+prettyjws\"");
  EXPECT_EQ(buildSchema1("{\n\"history\": [{\"v1Compatibility\": " + v1("{\"size\": \"9\"}") + "}]\n}").error,
            "json: cannot unmarshal string into Go struct field DockerImage.size of type int64");
  std::string badCreated = "{\n\"schemaVersion\": 1, \"fsLayers\": [{\"blobSum\": \"sha256:a\"}], "
                           "\"history\": [{\"v1Compatibility\": " + v1("{\"created\": 1}") + "}]\n}";
  EXPECT_EQ(buildSchema1(badCreated).error,
            "json: cannot unmarshal number into Go struct field DockerImage.created of type string");
}

TEST(ImageBuilder, Schema1WithoutSizesAsksForProbes) {
  std::string payload =
      "{\n\"schemaVersion\": 1, \"fsLayers\": [{\"blobSum\": \"sha256:top\"}, {\"blobSum\": \"sha256:base\"}, "
      "{\"blobSum\": \"sha256:top\"}], \"history\": [{\"v1Compatibility\": " + v1("{\"id\": \"i1\"}") +
      "}, {\"v1Compatibility\": \"not json\"}, {\"v1Compatibility\": " + v1("{\"id\": \"i3\", \"size\": \"9\"}") + "}]\n}";
  ImageBuild build = buildSchema1(payload);
  ASSERT_TRUE(build.image) << build.error;
  EXPECT_EQ(build.image->dockerImageMetadata->size, 0);
  EXPECT_EQ(build.image->dockerImageMetadata->id, "i1");
  EXPECT_EQ(build.layersToProbe, (std::vector<std::string>{"sha256:top", "sha256:base"}));
  Image image = *build.image;
  finishWithProbedSizes(image, {100, 5}, 0);
  EXPECT_EQ(image.dockerImageMetadata->size, 105);
  ASSERT_EQ(image.dockerImageLayers.size(), 3u);
  EXPECT_EQ(image.dockerImageLayers[0].size, 100);  // the first layer of each digest takes the size
  EXPECT_EQ(image.dockerImageLayers[1].size, 5);
  EXPECT_EQ(image.dockerImageLayers[2].size, 0);
}

TEST(ImageBuilder, Schema1LayerSizeKeysAndFailures) {
  std::string payload =
      "{\n\"schemaVersion\": 1, \"fsLayers\": [{\"blobSum\": \"sha256:a\"}, {\"blobSum\": \"sha256:b\"}, "
      "{\"blobSum\": \"sha256:c\"}], \"history\": [{\"v1Compatibility\": " +
      v1("{\"SIZE\": 1, \"size\": 2}") + "}, {\"v1Compatibility\": " + v1("{\"size\": 1e400}") +
      "}, {\"v1Compatibility\": " + v1("{\"Size\": 40}") + "}]\n}";
  ImageBuild build = buildSchema1(payload);
  ASSERT_TRUE(build.image) << build.error;
  ASSERT_EQ(build.image->dockerImageLayers.size(), 3u);
  EXPECT_EQ(build.image->dockerImageLayers[0].size, 40);
  EXPECT_EQ(build.image->dockerImageLayers[1].size, 0);
  EXPECT_EQ(build.image->dockerImageLayers[2].size, 2);
  EXPECT_EQ(build.image->dockerImageMetadata->size, 42);
}

TEST(ImageBuilder, Schema1BodyNamingAListTypeKeepsUpstreamsShortcut) {
  // InternalImageWithMetadata reads a list mediaType and only stamps Id and Created (upstream quirk).
  std::string payload = "{\n\"schemaVersion\": 1, \"mediaType\": \"application/vnd.oci.image.index.v1+json\", "
                        "\"history\": [{\"v1Compatibility\": " + v1("{\"id\": \"i1\", \"architecture\": \"arm\"}") + "}]\n}";
  ImageBuild build = buildSchema1(payload, 1700000000);
  ASSERT_TRUE(build.image) << build.error;
  EXPECT_EQ(build.image->dockerImageMetadata->id, sha256Digest(payload));
  EXPECT_EQ(build.image->dockerImageMetadata->architecture, "arm");
  EXPECT_EQ(build.image->dockerImageMetadata->created.unixSeconds, 1700000000);
  EXPECT_EQ(build.image->dockerImageManifestMediaType, media::kSchema1Signed);
  EXPECT_TRUE(build.image->dockerImageLayers.empty());
  EXPECT_TRUE(build.image->metadata.annotations.empty());
}

// ---- manifest lists (B21) -----------------------------------------------------------------------

TEST(ImageBuilder, PreserveOriginalListImage) {
  Manifest list = parsed(media::kDockerList, readFixture("registry/manifest-list.json"));
  ImageBuild build = buildListImage(list, kList, std::string("test@") + kList, 1700000000);
  ASSERT_TRUE(build.image) << build.error;
  EXPECT_EQ(json(*build.image),
            "{\"metadata\":{\"name\":\"sha256:5020d54ec2de60c4e187128b5a03adda261a7fe78c9c500ffd24ff4af476fb41\","
            "\"creationTimestamp\":null},"
            "\"dockerImageReference\":\"test@sha256:5020d54ec2de60c4e187128b5a03adda261a7fe78c9c500ffd24ff4af476fb41\","
            "\"dockerImageMetadata\":{\"kind\":\"DockerImage\",\"apiVersion\":\"image.openshift.io/1.0\","
            "\"Id\":\"sha256:5020d54ec2de60c4e187128b5a03adda261a7fe78c9c500ffd24ff4af476fb41\","
            "\"Created\":\"2023-11-14T22:13:20Z\",\"ContainerConfig\":{}},"
            "\"dockerImageMetadataVersion\":\"1.0\","
            "\"dockerImageManifestMediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\","
            "\"dockerImageManifests\":["
            "{\"digest\":\"sha256:ca013ac5c09f9a9f6db8370c1b759a29fe997d64d6591e9a75b71748858f7da0\","
            "\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"manifestSize\":1152,"
            "\"architecture\":\"amd64\",\"os\":\"linux\"},"
            "{\"digest\":\"sha256:1a06d68cb9117b52965035a5b0fa4c1470ef892e6062ffedb1af1922952e0950\","
            "\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"manifestSize\":1152,"
            "\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}]}");
  EXPECT_EQ(buildListImage(list, kSha512, "r", 0).error,
            std::string("content integrity error: the manifest retrieved (media type: "
                        "application/vnd.docker.distribution.manifest.list.v2+json) with digest ") +
                kSha512 + " does not match the digest calculated from the content " + kList);
  EXPECT_TRUE(buildListImage(list, "", "r", 0).image);  // fetched by tag: nothing to compare
}

TEST(ImageBuilder, IndexWithoutMediaTypeAndNestedIndex) {
  Manifest index = parsed(media::kOciIndex, "{\"schemaVersion\": 2, \"manifests\": [{\"digest\": \"sha256:x\"}]}");
  ImageBuild build = buildListImage(index, "", "r", 0);
  ASSERT_TRUE(build.image);
  EXPECT_EQ(build.image->dockerImageManifestMediaType, media::kOciIndex);
  ASSERT_EQ(build.image->dockerImageManifests.size(), 1u);
  EXPECT_EQ(build.image->dockerImageManifests[0].architecture, "");  // no platform: empty fields
  // A list where an image was expected (an index inside an index, or Legacy's pick being a list).
  EXPECT_EQ(buildImage(index, "", "", "", "r").error,
            "unsupported image manifest type: *manifestlist.DeserializedManifestList");
}

}  // namespace
}  // namespace isimport

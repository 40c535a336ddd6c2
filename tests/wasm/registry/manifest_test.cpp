// Manifest parsing chosen by Content-Type (docs/import.md §3.6) with upstream's checks and error texts:
// schema 1 pretty JWS (canonical payload, libtrust's header and key checks), schema 2, OCI
// manifests, Docker manifest lists and OCI indexes.
#include <gtest/gtest.h>

#include "go/base64.h"
#include "registry/digest.h"
#include "registry/manifest.h"
#include "support/schema1_signer.h"
#include "support/test_support.h"

namespace isimport {
namespace {

using testing::base64Url;
using testing::readFixture;
using testing::signSchema1;

constexpr const char* kEtcdCanonical = "sha256:958608f8ecc1dc62c93b6c610f3a834dae4220c9642e6e8b4e0f2b3ad7cbd238";

const std::string kSchema1Payload =
    "{\n   \"schemaVersion\": 1,\n   \"name\": \"library/x\",\n   \"tag\": \"1\",\n   \"architecture\": \"amd64\",\n"
    "   \"fsLayers\": [{\"blobSum\": \"sha256:aa\"}],\n"
    "   \"history\": [{\"v1Compatibility\": \"{\\\"id\\\":\\\"abc\\\",\\\"Size\\\":3}\"}]\n}";

std::string errorOf(std::string_view contentType, std::string_view body) {
  ManifestParse parsed = parseManifest(contentType, body);
  return parsed.manifest ? "<parsed>" : parsed.error;
}

std::string schema1Error(const std::string& body) { return errorOf(media::kSchema1Signed, body); }

TEST(Manifest, AcceptTypesAreUpstreamsSix) {
  EXPECT_EQ(manifestAcceptTypes(),
            (std::vector<std::string>{"application/vnd.docker.distribution.manifest.v1+prettyjws", "application/json",
                                      "application/vnd.docker.distribution.manifest.v2+json",
                                      "application/vnd.docker.distribution.manifest.list.v2+json",
                                      "application/vnd.oci.image.index.v1+json",
                                      "application/vnd.oci.image.manifest.v1+json"}));
}

TEST(Manifest, Schema2Busybox) {
  std::string body = readFixture("registry/busybox-schema2.json");
  ManifestParse parsed = parseManifest("application/vnd.docker.distribution.manifest.v2+json", body);
  ASSERT_TRUE(parsed.manifest) << parsed.error;
  const Manifest& m = *parsed.manifest;
  EXPECT_EQ(m.kind, ManifestKind::Schema2);
  EXPECT_EQ(m.canonical, body);
  EXPECT_EQ(sha256Digest(m.canonical), "sha256:a59906e33509d14c036c8678d687bd4eec81ed7c4b8ce907b888c607f6a1e0e6");
  EXPECT_EQ(m.bodyMediaType, media::kSchema2);
  EXPECT_EQ(m.config.digest, "sha256:2b8fd9751c4c0f5dd266fcae00707e67a2545ef34f9a29354585f93dac906749");
  EXPECT_EQ(m.config.size, 1459);
  EXPECT_EQ(m.config.mediaType, "application/octet-stream");
  ASSERT_EQ(m.layers.size(), 1u);
  EXPECT_EQ(m.layers[0].digest, "sha256:8ddc19f16526912237dd8af81971d5e4dd0587907234be2b83e249518d5b673f");
  EXPECT_EQ(m.layers[0].size, 667590);
  EXPECT_EQ(payloadMediaType(m), media::kSchema2);
}

TEST(Manifest, ContentTypeChoosesTheParserNotTheBody) {
  std::string busybox = readFixture("registry/busybox-schema2.json");
  // Parameters, case and white space as Go's mime.ParseMediaType reads them.
  EXPECT_EQ(errorOf("application/vnd.docker.distribution.manifest.v2+json; charset=utf-8", busybox), "<parsed>");
  EXPECT_EQ(errorOf("  Application/VND.Docker.Distribution.Manifest.V2+JSON ;charset=\"utf-8\"", busybox), "<parsed>");
  EXPECT_EQ(errorOf("application/vnd.docker.distribution.manifest.v2+json;", busybox), "<parsed>");
  EXPECT_EQ(errorOf("application/vnd.docker.distribution.manifest.v2+json; a=1; a=1", busybox), "<parsed>");
  // Missing, unknown and schema 1 types all go to the schema 1 parser.
  EXPECT_EQ(errorOf("", busybox), "missing signature key");
  EXPECT_EQ(errorOf("text/plain", busybox), "missing signature key");
  EXPECT_EQ(errorOf("application/json", busybox), "missing signature key");
  EXPECT_EQ(errorOf("application/octet-stream", busybox), "missing signature key");
  EXPECT_EQ(errorOf("application", busybox), "missing signature key");  // a bare token is a media type
  // A schema 2 body announced as OCI is read by the OCI parser (its mediaType then mismatches).
  EXPECT_EQ(errorOf(media::kOciManifest, busybox),
            "if present, mediaType in manifest should be 'application/vnd.oci.image.manifest.v1+json' not "
            "'application/vnd.docker.distribution.manifest.v2+json'");
  EXPECT_EQ(errorOf(media::kDockerList, busybox),
            "mediaType in manifest list should be 'application/vnd.docker.distribution.manifest.list.v2+json' not "
            "'application/vnd.docker.distribution.manifest.v2+json'");
  EXPECT_EQ(errorOf(media::kOciIndex, busybox), "index: expected index but found manifest");
}

TEST(Manifest, MalformedContentTypeIsGosMimeError) {
  std::string body = readFixture("registry/busybox-schema2.json");
  EXPECT_EQ(errorOf("/json", body), "mime: no media type");
  EXPECT_EQ(errorOf(";charset=utf-8", body), "mime: no media type");
  EXPECT_EQ(errorOf("   ", body), "mime: no media type");
  EXPECT_EQ(errorOf("application json", body), "mime: expected slash after first token");
  EXPECT_EQ(errorOf("application/", body), "mime: expected token after slash");
  EXPECT_EQ(errorOf("application/json/x", body), "mime: unexpected content after media subtype");
  EXPECT_EQ(errorOf("application/vnd.docker.distribution.manifest.v2+json; charset", body),
            "mime: invalid media parameter");
  EXPECT_EQ(errorOf("application/vnd.docker.distribution.manifest.v2+json; a=\"x", body),
            "mime: invalid media parameter");
  EXPECT_EQ(errorOf("application/vnd.docker.distribution.manifest.v2+json; a=1; A=2", body),
            "mime: duplicate parameter name");
}

TEST(Manifest, Schema2Checks) {
  const std::string type(media::kSchema2);
  EXPECT_EQ(errorOf(type, "{\"schemaVersion\": 2}"),
            "mediaType in manifest should be 'application/vnd.docker.distribution.manifest.v2+json' not ''");
  EXPECT_EQ(errorOf(type, "{\"schemaVersion\": 2, \"mediaType\": \"application/vnd.oci.image.manifest.v1+json\"}"),
            "mediaType in manifest should be 'application/vnd.docker.distribution.manifest.v2+json' not "
            "'application/vnd.oci.image.manifest.v1+json'");
  // Keys match case-insensitively, as encoding/json does.
  EXPECT_EQ(errorOf(type, "{\"MEDIATYPE\": \"application/vnd.docker.distribution.manifest.v2+json\"}"), "<parsed>");
  EXPECT_EQ(errorOf(type, "<html>not found</html>"), "invalid character '<' looking for beginning of value");
  EXPECT_EQ(errorOf(type, ""), "unexpected end of JSON input");
  EXPECT_EQ(errorOf(type, "[]"), "json: cannot unmarshal array into Go value of type schema2.Manifest");
  EXPECT_EQ(errorOf(type, "{\"schemaVersion\": \"2\"}"),
            "json: cannot unmarshal string into Go struct field Manifest.schemaVersion of type int");
  EXPECT_EQ(errorOf(type, "{\"layers\": {}}"),
            "json: cannot unmarshal object into Go struct field Manifest.layers of type []distribution.Descriptor");
  EXPECT_EQ(errorOf(type, "{\"layers\": [{\"size\": \"12\"}]}"),
            "json: cannot unmarshal string into Go struct field Descriptor.layers.size of type int64");
  EXPECT_EQ(errorOf(type, "{\"config\": {\"digest\": 5}}"),
            "json: cannot unmarshal number into Go struct field Descriptor.config.digest of type digest.Digest");
  EXPECT_EQ(errorOf(type, "{\"config\": {\"platform\": []}}"),
            "json: cannot unmarshal array into Go struct field Descriptor.config.platform of type v1.Platform");
  EXPECT_EQ(errorOf(type, "{\"layers\": [{\"size\": 1e400}]}"),
            "json: cannot unmarshal number 1e400 into Go struct field Descriptor.layers.size of type int64");
}

TEST(Manifest, OciManifestWithAndWithoutMediaType) {
  const std::string type(media::kOciManifest);
  std::string body =
      "{\"schemaVersion\": 2, \"config\": {\"mediaType\": \"application/vnd.oci.image.config.v1+json\", "
      "\"digest\": \"sha256:c1\", \"size\": 2}, \"layers\": [{\"digest\": \"sha256:l1\", \"size\": 7}], "
      "\"annotations\": {\"a\": \"b\"}}";
  ManifestParse parsed = parseManifest(type, body);
  ASSERT_TRUE(parsed.manifest) << parsed.error;
  EXPECT_EQ(parsed.manifest->kind, ManifestKind::OciManifest);
  EXPECT_EQ(parsed.manifest->bodyMediaType, "");
  EXPECT_EQ(payloadMediaType(*parsed.manifest), media::kOciManifest);
  EXPECT_EQ(parsed.manifest->config.digest, "sha256:c1");
  ASSERT_EQ(parsed.manifest->layers.size(), 1u);
  EXPECT_EQ(parsed.manifest->layers[0].size, 7);

  EXPECT_EQ(errorOf(type, "{\"mediaType\": \"application/vnd.oci.image.manifest.v1+json\"}"), "<parsed>");
  EXPECT_EQ(errorOf(type, "{\"mediaType\": \"x\"}"),
            "if present, mediaType in manifest should be 'application/vnd.oci.image.manifest.v1+json' not 'x'");
  EXPECT_EQ(errorOf(type, readFixture("registry/image-index.json")), "ocimanifest: expected manifest but found index");
  EXPECT_EQ(errorOf(type, "{\"manifests\": []}"), "ocimanifest: expected manifest but found index");
  EXPECT_EQ(errorOf(type, "{\"Manifests\": 0}"), "ocimanifest: expected manifest but found index");
  EXPECT_EQ(errorOf(type, "{\"manifests\": [], \"manifests\": null}"), "<parsed>");  // the last one wins
  EXPECT_EQ(errorOf(type, "null"), "<parsed>");
  EXPECT_EQ(errorOf(type, "[]"), "json: cannot unmarshal array into Go value of type ocischema.unknownDocument");
  EXPECT_EQ(errorOf(type, "{\"manifests\": [1e400]}"),
            "json: cannot unmarshal number 1e400 into Go struct field unknownDocument.manifests of type float64");
  EXPECT_EQ(errorOf(type, "{\"annotations\": {\"a\": 1}}").rfind("json: cannot unmarshal number into Go struct field", 0), 0u);
}

TEST(Manifest, DockerManifestList) {
  std::string body = readFixture("registry/manifest-list.json");
  ManifestParse parsed = parseManifest(media::kDockerList, body);
  ASSERT_TRUE(parsed.manifest) << parsed.error;
  const Manifest& m = *parsed.manifest;
  EXPECT_EQ(m.kind, ManifestKind::List);
  EXPECT_EQ(sha256Digest(m.canonical), "sha256:5020d54ec2de60c4e187128b5a03adda261a7fe78c9c500ffd24ff4af476fb41");
  ASSERT_EQ(m.manifests.size(), 2u);
  EXPECT_EQ(m.manifests[0].descriptor.digest, "sha256:ca013ac5c09f9a9f6db8370c1b759a29fe997d64d6591e9a75b71748858f7da0");
  EXPECT_EQ(m.manifests[0].descriptor.mediaType, media::kSchema2);
  EXPECT_EQ(m.manifests[0].descriptor.size, 1152);
  EXPECT_EQ(m.manifests[0].platform.architecture, "amd64");
  EXPECT_EQ(m.manifests[0].platform.os, "linux");
  EXPECT_EQ(m.manifests[0].platform.variant, "");
  EXPECT_TRUE(m.manifests[0].platform.present);
  EXPECT_EQ(m.manifests[1].descriptor.digest, "sha256:1a06d68cb9117b52965035a5b0fa4c1470ef892e6062ffedb1af1922952e0950");
  EXPECT_EQ(m.manifests[1].platform.architecture, "arm64");
  EXPECT_EQ(m.manifests[1].platform.variant, "v8");
  EXPECT_EQ(payloadMediaType(m), media::kDockerList);

  const std::string type(media::kDockerList);
  EXPECT_EQ(errorOf(type, "{\"manifests\": []}"),
            "mediaType in manifest list should be 'application/vnd.docker.distribution.manifest.list.v2+json' not ''");
  EXPECT_EQ(errorOf(type, "{\"mediaType\": \"application/vnd.docker.distribution.manifest.list.v2+json\", "
                          "\"manifests\": [{\"platform\": 5}]}"),
            "json: cannot unmarshal number into Go struct field ManifestDescriptor.manifests.platform of type "
            "manifestlist.PlatformSpec");
  EXPECT_EQ(errorOf(type, "{\"manifests\": [{\"platform\": {\"variant\": []}}]}"),
            "json: cannot unmarshal array into Go struct field PlatformSpec.manifests.platform.variant of type string");
  ManifestParse noPlatform = parseManifest(
      type, "{\"mediaType\": \"application/vnd.docker.distribution.manifest.list.v2+json\", \"manifests\": [{}]}");
  ASSERT_TRUE(noPlatform.manifest);
  EXPECT_FALSE(noPlatform.manifest->manifests[0].platform.present);
}

TEST(Manifest, OciIndex) {
  const std::string type(media::kOciIndex);
  ManifestParse parsed = parseManifest(type, readFixture("registry/image-index.json"));
  ASSERT_TRUE(parsed.manifest) << parsed.error;
  EXPECT_EQ(parsed.manifest->kind, ManifestKind::List);
  EXPECT_EQ(parsed.manifest->manifests.size(), 2u);
  EXPECT_EQ(payloadMediaType(*parsed.manifest), media::kOciIndex);

  ManifestParse bare = parseManifest(type, "{\"schemaVersion\": 2, \"manifests\": []}");
  ASSERT_TRUE(bare.manifest);
  EXPECT_EQ(bare.manifest->bodyMediaType, "");
  EXPECT_EQ(payloadMediaType(*bare.manifest), media::kOciIndex);

  EXPECT_EQ(errorOf(type, "{\"config\": {}}"), "index: expected index but found manifest");
  EXPECT_EQ(errorOf(type, "{\"Layers\": []}"), "index: expected index but found manifest");
  EXPECT_EQ(errorOf(type, "{\"config\": null, \"layers\": null}"), "<parsed>");
  EXPECT_EQ(errorOf(type, "{\"mediaType\": \"application/vnd.docker.distribution.manifest.list.v2+json\"}"),
            "if present, mediaType in image index should be 'application/vnd.oci.image.index.v1+json' not "
            "'application/vnd.docker.distribution.manifest.list.v2+json'");
  EXPECT_EQ(errorOf(type, "\"x\""), "json: cannot unmarshal string into Go value of type manifestlist.unknownDocument");
  // The OCI index served as a Docker list: its body mediaType is checked against the list type.
  EXPECT_EQ(errorOf(media::kDockerList, readFixture("registry/image-index.json")),
            "mediaType in manifest list should be 'application/vnd.docker.distribution.manifest.list.v2+json' not "
            "'application/vnd.oci.image.index.v1+json'");
}

TEST(Manifest, Schema1EtcdCanonicalPayload) {
  std::string body = readFixture("registry/etcd-schema1.json");
  for (std::string_view type : {std::string_view(media::kSchema1Signed), std::string_view("application/json"),
                                std::string_view(""), std::string_view("text/plain; charset=utf-8")}) {
    ManifestParse parsed = parseManifest(type, body);
    ASSERT_TRUE(parsed.manifest) << type << ": " << parsed.error;
    const Manifest& m = *parsed.manifest;
    EXPECT_EQ(m.kind, ManifestKind::Schema1);
    EXPECT_EQ(sha256Digest(m.canonical), kEtcdCanonical);
    EXPECT_EQ(m.canonical.size(), 5928u);  // formatLength 5926 + "\n}"
    EXPECT_EQ(m.name, "coreos/etcd");
    EXPECT_EQ(m.tag, "latest");
    EXPECT_EQ(m.architecture, "amd64");
    ASSERT_EQ(m.fsLayerBlobSums.size(), 4u);
    EXPECT_EQ(m.fsLayerBlobSums[0], "sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4");
    EXPECT_EQ(m.fsLayerBlobSums[3], "sha256:744b46d0ac8636c45870a03830d8d82c20b75fbfb9bc937d5e61005d23ad4cfe");
    ASSERT_EQ(m.history.size(), 4u);
    EXPECT_EQ(m.history[0].v1Compatibility.rfind("{\"id\":\"fe50ac14986497fa", 0), 0u);
    EXPECT_EQ(payloadMediaType(m), media::kSchema1Signed);
  }
  // The whole body's digest is not the image's.
  EXPECT_NE(sha256Digest(body), kEtcdCanonical);
}

TEST(Manifest, Schema1KeyIdsAreCheckedAsLibtrustDoes) {
  std::string body = readFixture("registry/etcd-schema1.json");
  auto withKid = [&](const std::string& kid) {
    std::string b = body;
    b.replace(b.find("\"kty\": \"RSA\", "), 14, "\"kty\": \"RSA\", \"kid\": \"" + kid + "\", ");
    return b;
  };
  // Computed independently (PKIX DER of the etcd signing key, SHA-256, base32).
  ManifestParse good = parseManifest(media::kSchema1Signed, withKid("APPZ:T7DD:SEFA:4SW2:K7ZW:YZK5:PEST:4XSB:NQSH:XF6R:WN57:UF3M"));
  ASSERT_TRUE(good.manifest) << good.error;
  EXPECT_EQ(sha256Digest(good.manifest->canonical), kEtcdCanonical);  // signatures are outside the payload
  EXPECT_EQ(schema1Error(withKid("AAAA:BBBB")), "error unmarshalling public key: JWK RSA Public Key ID does not match: AAAA:BBBB");

  const std::string ec256 =
      "\"jwk\": {\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"-evkZBR8wQLZIyTQmdknwaUOQtV6CKEW_-wKKYGdjGU\", "
      "\"y\": \"cLr30SiIkCpqDB1nrdEDEjyFmrab-OlDHJOEkw1Lfu4\", \"kid\": \"2OKJ:BENR:PAE6:HQEQ:5NYM:GWJL:FTRA:ED5Y:WUEB:ZGJC:AVS2:P2YZ\"}, "
      "\"alg\": \"ES256\"";
  EXPECT_EQ(schema1Error(signSchema1(kSchema1Payload, ec256)), "<parsed>");
  const std::string ec384 =
      "\"jwk\": {\"kty\": \"EC\", \"crv\": \"P-384\", \"x\": \"-Ssg_859SNx0pCLLUpA8IjDqLYvcPOCKWCsD33dMbnMr2DHcgAxDPJyI-XUE1P17\", "
      "\"y\": \"Aoszy5zzIvk5xmV0fkuuPrOK0xYJ92aBXZVQR-TzwIY7mGwFfJQHnR2WWbTMpDEy\", \"kid\": \"WLJL:RLXM:MGZQ:JG6Z:P3TC:QPFW:MFN5:REY6:VR3A:URMA:HJGL:HOY7\"}";
  EXPECT_EQ(schema1Error(signSchema1(kSchema1Payload, ec384)), "<parsed>");
  std::string wrongKid = ec256;
  wrongKid.replace(wrongKid.find("2OKJ"), 4, "2OKK");
  EXPECT_EQ(schema1Error(signSchema1(kSchema1Payload, wrongKid)),
            "error unmarshalling public key: JWK EC Public Key ID does not match: "
            "2OKK:BENR:PAE6:HQEQ:5NYM:GWJL:FTRA:ED5Y:WUEB:ZGJC:AVS2:P2YZ");
}

TEST(Manifest, Schema1JwkErrors) {
  auto jwkError = [&](const std::string& jwk) { return schema1Error(signSchema1(kSchema1Payload, "\"jwk\": " + jwk)); };
  const std::string prefix = "error unmarshalling public key: ";
  EXPECT_EQ(jwkError("null"), prefix + "JWK Public Key type: \"kty\" value not specified");
  EXPECT_EQ(jwkError("{}"), prefix + "JWK Public Key type: \"kty\" value not specified");
  EXPECT_EQ(jwkError("{\"kty\": 1}"), prefix + "JWK Public Key type: \"kty\" value must be a string");
  EXPECT_EQ(jwkError("{\"kty\": \"oct\"}"), prefix + "JWK Public Key type not supported: \"oct\"\n");
  EXPECT_EQ(jwkError("[]"),
            prefix + "decoding JWK Public Key JSON data: json: cannot unmarshal array into Go value of type "
                     "map[string]interface {}\n");
  EXPECT_EQ(jwkError("{\"kty\": \"EC\"}"), prefix + "JWK EC Public Key curve identifier: \"crv\" value not specified");
  EXPECT_EQ(jwkError("{\"kty\": \"EC\", \"crv\": \"P-1\"}"),
            prefix + "JWK EC Public Key curve identifier not supported: \"P-1\"\n");
  EXPECT_EQ(jwkError("{\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"AAAA\"}"),
            prefix + "JWK EC Public Key x-coordinate: invalid number of octets: got 3, should be 32");
  EXPECT_EQ(jwkError("{\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"A\"}"),
            prefix + "JWK EC Public Key x-coordinate: invalid base64 URL encoding: illegal base64url string");
  EXPECT_EQ(jwkError("{\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"-evkZBR8wQLZIyTQmdknwaUOQtV6CKEW_-wKKYGdjGU\"}"),
            prefix + "JWK EC Public Key y-coordinate: \"y\" value not specified");
  EXPECT_EQ(jwkError("{\"kty\": \"RSA\"}"), prefix + "JWK RSA Public Key modulus: \"n\" value not specified");
  EXPECT_EQ(jwkError("{\"kty\": \"RSA\", \"n\": \"AQAB\", \"e\": \"*\"}"),
            prefix + "JWK RSA Public Key exponent: invalid base64 URL encoding: illegal base64url string");
  EXPECT_EQ(jwkError("{\"kty\": \"RSA\", \"n\": \"AQAB\", \"e\": \"AQAB\", \"kid\": 1}"),
            prefix + "JWK RSA Public Key ID: \"kid\" value must be a string");
  EXPECT_EQ(jwkError("{\"kty\": \"RSA\", \"n\": \"AQAB\", \"e\": \"AQAB\", \"d\": \"x\"}"),
            prefix + "JWK RSA Public Key cannot contain private exponent");
  EXPECT_EQ(jwkError("{\"kty\": \"RSA\", \"n\": \"AQAB\", \"e\": \"AQAB\"}"), "<parsed>");
  // Upstream panics here (a negative slice length); refused instead.
  EXPECT_EQ(jwkError("{\"kty\": \"RSA\", \"n\": \"AQAB\", \"e\": \"AQABAQAB\"}"),
            prefix + "JWK RSA Public Key exponent: more than 4 octets");
  EXPECT_EQ(jwkError("{\"kty\": \"RSA\", \"n\": \"AQAB\", \"e\": \"AQAB\", \"x\": 1e999}"),
            prefix + "decoding JWK Public Key JSON data: json: cannot unmarshal number 1e999 into Go value of type float64\n");
}

TEST(Manifest, Schema1SignatureErrors) {
  EXPECT_EQ(schema1Error(kSchema1Payload), "missing signature key");
  EXPECT_EQ(schema1Error("null"), "missing signature key");
  EXPECT_EQ(schema1Error("{\"Signatures\": []}"), "missing signature key");  // a map: exact key
  EXPECT_EQ(schema1Error("[]"),
            "error unmarshalling content: json: cannot unmarshal array into Go value of type map[string]json.RawMessage");
  EXPECT_EQ(schema1Error("not json"), "error unmarshalling content: invalid character 'o' in literal null (expecting 'u')");
  EXPECT_EQ(schema1Error("{\"signatures\": 5}"),
            "error unmarshalling signatures: json: cannot unmarshal number into Go value of type "
            "[]libtrust.jsParsedSignature");
  EXPECT_EQ(schema1Error("{\"signatures\": [{\"header\": 5}]}"),
            "error unmarshalling signatures: json: cannot unmarshal number into Go struct field "
            "jsParsedSignature.header of type libtrust.jsParsedHeader");
  // No signatures: an empty payload, which is not JSON.
  EXPECT_EQ(schema1Error("{\"signatures\": []}"), "unexpected end of JSON input");
  EXPECT_EQ(schema1Error("{\"signatures\": null}"), "unexpected end of JSON input");
  EXPECT_EQ(schema1Error("{\"signatures\": [{\"protected\": \"a\"}]}"), "base64 decode error: illegal base64url string");
  EXPECT_EQ(schema1Error("{\"signatures\": [{\"protected\": \"ab!d\"}]}"),
            "base64 decode error: illegal base64 data at input byte 2");
  EXPECT_EQ(schema1Error("{\"signatures\": [{\"protected\": \"" + base64Url("{oops") + "\"}]}"),
            "error unmarshalling protected header: invalid character 'o' looking for beginning of object key string");
  EXPECT_EQ(schema1Error("{\"signatures\": [{\"protected\": \"" + base64Url("[1]") + "\"}]}"),
            "error unmarshalling protected header: json: cannot unmarshal array into Go value of type "
            "map[string]interface {}");
  EXPECT_EQ(schema1Error("{\"signatures\": [{}]}"), "error unmarshalling protected header: unexpected end of JSON input");
  EXPECT_EQ(schema1Error("{\"signatures\": [{\"protected\": \"" + base64Url("{}") + "\"}]}"), "missing formatted length");
  EXPECT_EQ(schema1Error("{\"signatures\": [{\"protected\": \"" + base64Url("{\"formatLength\": \"1\"}") + "\"}]}"),
            "missing formatted length");
  EXPECT_EQ(schema1Error("{\"signatures\": [{\"protected\": \"" + base64Url("{\"formatLength\": 1}") + "\"}]}"),
            "missing formatted tail");
  EXPECT_EQ(schema1Error("{\"signatures\": [{\"protected\": \"" +
                         base64Url("{\"formatLength\": 1, \"formatTail\": \"*\"}") + "\"}]}"),
            "base64 decode error on tail: illegal base64url string");
  EXPECT_EQ(schema1Error("{\"signatures\": [{\"protected\": \"" +
                         base64Url("{\"formatLength\": 1e300, \"formatTail\": \"\"}") + "\"}]}"),
            "invalid format length");
  EXPECT_EQ(schema1Error("{\"signatures\": [{\"protected\": \"" +
                         base64Url("{\"formatLength\": 9999, \"formatTail\": \"\"}") + "\"}]}"),
            "invalid format length");
  EXPECT_EQ(schema1Error("{\"signatures\": [{\"protected\": \"" +
                         base64Url("{\"formatLength\": -3, \"formatTail\": \"\"}") + "\"}]}"),
            "invalid format length");
  std::string two = "{\"signatures\": [{\"protected\": \"" + base64Url("{\"formatLength\": 1, \"formatTail\": \"\"}") +
                    "\"}, {\"protected\": \"" + base64Url("{\"formatLength\": 2, \"formatTail\": \"\"}") + "\"}]}";
  EXPECT_EQ(schema1Error(two), "conflicting format length");
  two = "{\"signatures\": [{\"protected\": \"" + base64Url("{\"formatLength\": 1, \"formatTail\": \"YQ\"}") +
        "\"}, {\"protected\": \"" + base64Url("{\"formatLength\": 1.9, \"formatTail\": \"Yg\"}") + "\"}]}";
  EXPECT_EQ(schema1Error(two), "conflicting format tail");
  // formatLength 1 and tail "}" give the payload "{}": a valid (empty) manifest.
  EXPECT_EQ(schema1Error("{\"signatures\": [{\"protected\": \"" +
                         base64Url("{\"formatLength\": 1, \"formatTail\": \"" + base64Url("}") + "\"}") + "\"}]}"),
            "<parsed>");
}

TEST(Manifest, Schema1CanonicalPayloadDecoding) {
  ManifestParse parsed = parseManifest(media::kSchema1Signed, signSchema1(kSchema1Payload));
  ASSERT_TRUE(parsed.manifest) << parsed.error;
  EXPECT_EQ(parsed.manifest->canonical, kSchema1Payload);
  EXPECT_EQ(parsed.manifest->name, "library/x");
  EXPECT_EQ(parsed.manifest->history.size(), 1u);

  std::string badName = "{\n   \"name\": 5\n}";
  EXPECT_EQ(schema1Error(signSchema1(badName)),
            "json: cannot unmarshal number into Go struct field Manifest.name of type string");
  std::string badLayer = "{\n   \"fsLayers\": [{\"blobSum\": []}]\n}";
  EXPECT_EQ(schema1Error(signSchema1(badLayer)),
            "json: cannot unmarshal array into Go struct field FSLayer.fsLayers.blobSum of type digest.Digest");
  // A tail that makes the payload invalid JSON.
  std::string body = signSchema1(kSchema1Payload, "\"alg\": \"ES256\"",
                                 "{\"formatLength\":" + std::to_string(kSchema1Payload.size() - 2) +
                                     ",\"formatTail\":\"" + base64Url("\n]") + "\"}");
  EXPECT_EQ(schema1Error(body), "invalid character ']' after object key:value pair");
}

TEST(Manifest, HostileBodiesAreRefusedWithoutCrashing) {
  for (std::string_view type : manifestAcceptTypes()) {
    EXPECT_NE(errorOf(type, std::string(200000, '[')), "<parsed>");
    EXPECT_NE(errorOf(type, std::string(200000, '{')), "<parsed>");
    EXPECT_NE(errorOf(type, "{\"schemaVersion\": 99999999999999999999999}"), "<parsed>");
    EXPECT_NE(errorOf(type, std::string_view("\0\0\0", 3)), "<parsed>");
    EXPECT_NE(errorOf(type, "{\"layers\": [" + std::string(50000, '[') + std::string(50000, ']') + "]}"), "<parsed>");
  }
  // Deep nesting under a key nobody reads is valid JSON and ignored, as in Go.
  std::string deep = "{\"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\", \"x\": " +
                     std::string(9000, '[') + std::string(9000, ']') + "}";
  EXPECT_EQ(errorOf(media::kSchema2, deep), "<parsed>");
}

}  // namespace
}  // namespace isimport

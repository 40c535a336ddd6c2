// `import: true`: status.import and the created Images (docs/import.md §3.14, §3.16, docs/validation.md §2.8, docs/acceptance.md §5.5 R1–R7).
#include "import/stream_update.h"

#include <gtest/gtest.h>

#include "go/time_text.h"
#include "json/codec.h"

namespace isimport {
namespace {

const int64_t kNow = *parseRfc3339("2026-01-02T03:04:05Z");
const int64_t kEarlier = *parseRfc3339("2025-06-01T00:00:00Z");

constexpr const char* kTag = "mytag";
const std::string kImageDigest = "sha256:" + std::string(64, '1');
const std::string kImageReference = "registry.com/namespace/image@" + kImageDigest;
const std::string kAnotherDigest = "sha256:" + std::string(64, '2');
const std::string kAnotherReference = "registry.com/namespace/image@" + kAnotherDigest;
const std::string kSub1Digest = "sha256:" + std::string(63, '0') + "1";
const std::string kSub2Digest = "sha256:" + std::string(63, '0') + "2";

Time at(int64_t unix) { return Time{true, unix}; }

Image mockImage(const std::string& digest) {
  Image image;
  image.metadata.name = digest;
  image.dockerImageReference = "registry.com/namespace/image@" + digest;
  return image;
}

// An image as the importer builds it: with raw manifest and config text (and, here, a signature
// to show it goes too).
Image importedImage(const std::string& digest, const std::string& repository) {
  Image image;
  image.metadata.name = digest;
  image.metadata.annotations["image.openshift.io/dockerLayersOrder"] = "ascending";
  image.dockerImageReference = repository + "@" + digest;
  image.dockerImageMetadataVersion = "1.0";
  image.dockerImageManifest = R"({"schemaVersion":2})";
  image.dockerImageConfig = R"({"architecture":"amd64"})";
  image.dockerImageManifestMediaType = "application/vnd.oci.image.manifest.v1+json";
  ImageSignature signature;
  signature.type = "atomic";
  signature.content = Bytes{"x"};
  image.signatures.push_back(signature);
  return image;
}

Status success() {
  Status s;
  s.status = "Success";
  return s;
}

Status notFound(const std::string& ref) {
  Status s;
  s.status = "Failure";
  s.message = "dockerimage.image.openshift.io \"" + ref + "\" not found";
  s.reason = "NotFound";
  s.details = StatusDetails{ref, "image.openshift.io", "dockerimage", "", {}, 0};
  s.code = 404;
  return s;
}

ImageImportStatus succeeded(Image image, std::string tag = "") {
  ImageImportStatus st;
  st.status = success();
  st.image = std::move(image);
  st.tag = std::move(tag);
  return st;
}

ImageImportStatus failed(Status status, std::string tag = "") {
  ImageImportStatus st;
  st.status = std::move(status);
  st.tag = std::move(tag);
  return st;
}

template <class T>
T decodeAs(const std::string& text) {
  DecodeResult r = decodeObject(text);
  EXPECT_TRUE(r.object) << (r.failure ? r.failure->message : "");
  if (!r.object) return T{};
  return std::get<T>(*r.object);
}

// An ISI as the create path hands it over: decoded and defaulted, namespace filled.
ImageStreamImport request(const std::string& spec, const std::string& name = "image",
                          const std::string& nameSpace = "namespace") {
  return decodeAs<ImageStreamImport>(R"({"metadata":{"name":")" + name + R"(","namespace":")" + nameSpace +
                                     R"("},"spec":)" + spec + "}");
}

// The mytag request of upstream's rest_test: registry.com/namespace/image:mytag → mytag.
ImageStreamImport mytagRequest(const std::string& referencePolicy = "Source", const std::string& importMode = "Legacy") {
  return request(R"({"import":true,"images":[{"from":{"kind":"DockerImage","name":"registry.com/namespace/image:mytag"},)"
                 R"("to":{"name":"mytag"},"importPolicy":{"importMode":")" +
                 importMode + R"("},"referencePolicy":{"type":")" + referencePolicy + R"("}}]})");
}

StreamUpdateInput inputWith(std::optional<ImageStream> current) {
  StreamUpdateInput in;
  in.current = std::move(current);
  in.nowUnix = kNow;
  return in;
}

// A stored stream with generation 1 (so the import's generation is 2) and one spec tag `mytag`.
ImageStream storedStream(int64_t specGeneration = 1, const std::string& referencePolicy = "") {
  ImageStream s;
  s.metadata.name = "image";
  s.metadata.nameSpace = "namespace";
  s.metadata.generation = 1;
  TagReference tag;
  tag.name = kTag;
  tag.from = ObjectReference{"DockerImage", "", "registry.com/namespace/image:mytag", "", "", "", ""};
  tag.generation = specGeneration;
  tag.referencePolicy.type = referencePolicy;
  s.spec.tags.push_back(tag);
  return s;
}

void setItems(ImageStream& s, const std::string& tag, std::vector<TagEvent> items) {
  NamedTagEventList list;
  list.tag = tag;
  list.items = std::move(items);
  s.status.tags.push_back(list);
}

const TagReference* specTag(const ImageStream& s, const std::string& name) {
  for (const TagReference& t : s.spec.tags) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

const NamedTagEventList* statusTag(const ImageStream& s, const std::string& tag) {
  for (const NamedTagEventList& t : s.status.tags) {
    if (t.tag == tag) return &t;
  }
  return nullptr;
}

std::string json(const ImageStream& s) { return encodeObject(Object{s}); }
std::string json(const Image& i) { return encodeObject(Object{i}); }

void expectEvent(const TagEvent& e, Time created, const std::string& ref, const std::string& image, int64_t gen) {
  EXPECT_EQ(e.created, created);
  EXPECT_EQ(e.dockerImageReference, ref);
  EXPECT_EQ(e.image, image);
  EXPECT_EQ(e.generation, gen);
}

// ---------------------------------------------------------------------------------------------
// docs/acceptance.md §5.5 R1–R7 (upstream rest_test.go)
// ---------------------------------------------------------------------------------------------

TEST(StreamUpdate, R1ReferenceDiffersPrependsTheEvent) {
  ImageStream current = storedStream();
  setItems(current, kTag, {TagEvent{at(kEarlier), kAnotherReference, kAnotherDigest, 1}});
  ImageStreamImport isi = mytagRequest("Source");
  isi.status.images = {succeeded(mockImage(kImageDigest))};

  StreamUpdateResult r = applyImport(isi, inputWith(current));
  ASSERT_FALSE(r.failure) << r.failure->message;
  ASSERT_TRUE(r.stream);
  const NamedTagEventList* tag = statusTag(*r.stream, kTag);
  ASSERT_TRUE(tag && tag->items);
  ASSERT_EQ(tag->items->size(), 2u);
  expectEvent((*tag->items)[0], at(kNow), kImageReference, kImageDigest, 2);
  expectEvent((*tag->items)[1], at(kEarlier), kAnotherReference, kAnotherDigest, 1);
  EXPECT_EQ(specTag(*r.stream, kTag)->referencePolicy.type, "Source");
  // The spec tag was reset (generation 0), so storage bumps the stream and stamps the tag.
  EXPECT_EQ(r.stream->metadata.generation, 2);
  EXPECT_EQ(specTag(*r.stream, kTag)->generation, 2);
  EXPECT_TRUE(r.written);
  EXPECT_FALSE(r.created);
}

TEST(StreamUpdate, R2ImageDiffersAndAnEmptyPolicyTakesTheImportsLocal) {
  // The upstream test's stored tag has no policy at all (an internal object; a decoded stream
  // would already say Source).
  ImageStream current = storedStream(1, "");
  setItems(current, kTag, {TagEvent{at(kEarlier), "registry.com/namespace/image:othertag", "non-image", 1}});
  ImageStreamImport isi = mytagRequest("Local");
  isi.status.images = {succeeded(mockImage(kImageDigest))};

  StreamUpdateResult r = applyImport(isi, inputWith(current));
  ASSERT_TRUE(r.stream);
  const NamedTagEventList* tag = statusTag(*r.stream, kTag);
  ASSERT_TRUE(tag && tag->items);
  ASSERT_EQ(tag->items->size(), 2u);
  expectEvent((*tag->items)[0], at(kNow), kImageReference, kImageDigest, 2);
  EXPECT_EQ(specTag(*r.stream, kTag)->referencePolicy.type, "Local");
}

TEST(StreamUpdate, R3EmptyStatusKeepsTheTagsSourcePolicy) {
  ImageStream current = storedStream(1, "Source");
  ImageStreamImport isi = mytagRequest("Local");
  isi.status.images = {succeeded(mockImage(kImageDigest))};

  StreamUpdateResult r = applyImport(isi, inputWith(current));
  ASSERT_TRUE(r.stream);
  const NamedTagEventList* tag = statusTag(*r.stream, kTag);
  ASSERT_TRUE(tag && tag->items);
  ASSERT_EQ(tag->items->size(), 1u);
  expectEvent((*tag->items)[0], at(kNow), kImageReference, kImageDigest, 2);
  EXPECT_EQ(specTag(*r.stream, kTag)->referencePolicy.type, "Source");
}

TEST(StreamUpdate, R4OnlyTheGenerationDiffersSoItemZeroCollapses) {
  ImageStream current = storedStream(2, "Local");
  setItems(current, kTag, {TagEvent{at(kEarlier), kImageReference, kImageDigest, 1}});
  ImageStreamImport isi = mytagRequest("Source");
  isi.status.images = {succeeded(mockImage(kImageDigest))};

  StreamUpdateResult r = applyImport(isi, inputWith(current));
  ASSERT_TRUE(r.stream);
  const NamedTagEventList* tag = statusTag(*r.stream, kTag);
  ASSERT_TRUE(tag && tag->items);
  ASSERT_EQ(tag->items->size(), 1u);
  expectEvent((*tag->items)[0], at(kEarlier), kImageReference, kImageDigest, 2);  // old `created` kept
  EXPECT_EQ(specTag(*r.stream, kTag)->referencePolicy.type, "Local");
}

ImageStreamImport preserveOriginalRequest(size_t entries) {
  std::string images;
  for (size_t i = 0; i < entries; ++i) {
    if (i) images += ",";
    images += R"({"from":{"kind":"DockerImage","name":"registry.com/namespace/image:mytag"},"to":{"name":"t)" +
              std::to_string(i) + R"("},"importPolicy":{"importMode":"PreserveOriginal"}})";
  }
  return request(R"({"import":true,"images":[)" + images + "]}");
}

ImageImportStatus listWithTwoSubManifests() {
  ImageImportStatus st = succeeded(mockImage(kImageDigest), "mytag");
  st.manifests = {mockImage(kSub1Digest), mockImage(kSub2Digest)};
  return st;
}

TEST(StreamUpdate, R5SubManifestsThenTheListEachCreatedOncePerRequest) {
  ImageStreamImport isi = preserveOriginalRequest(2);
  isi.status.images = {listWithTwoSubManifests(), listWithTwoSubManifests()};
  StreamUpdateResult r = applyImport(isi, inputWith(std::nullopt));
  ASSERT_FALSE(r.failure);
  ASSERT_EQ(r.imageWrites.size(), 3u);  // the second entry comes from the request's cache
  EXPECT_EQ(r.imageWrites[0].name, kSub1Digest);
  EXPECT_EQ(r.imageWrites[1].name, kSub2Digest);
  EXPECT_EQ(r.imageWrites[2].name, kImageDigest);
  for (const ImageImportStatus& st : isi.status.images) {
    ASSERT_EQ(st.manifests.size(), 2u);
    EXPECT_EQ(st.manifests[0].metadata.name, kSub1Digest);
    EXPECT_EQ(st.manifests[1].metadata.name, kSub2Digest);
    EXPECT_EQ(st.manifests[0].metadata.creationTimestamp, at(kNow));
    EXPECT_EQ(st.image->metadata.creationTimestamp, at(kNow));
  }
}

TEST(StreamUpdate, R5AlreadyExistingSubManifestOrListIsNotAnError) {
  for (const std::string& existing : {kSub1Digest, kImageDigest}) {
    ImageStreamImport isi = preserveOriginalRequest(2);
    isi.status.images = {listWithTwoSubManifests(), listWithTwoSubManifests()};
    StreamUpdateInput in = inputWith(std::nullopt);
    in.existingImages = {existing};
    StreamUpdateResult r = applyImport(isi, in);
    ASSERT_FALSE(r.failure) << existing;
    ASSERT_EQ(r.imageWrites.size(), 3u) << existing;
    for (const ImageWrite& w : r.imageWrites) EXPECT_EQ(w.alreadyExists, w.name == existing);
    // The local object is kept for the existing one: no creationTimestamp from storage.
    const ImageImportStatus& st = isi.status.images[1];
    const Image& kept = existing == kImageDigest ? *st.image : st.manifests[0];
    EXPECT_EQ(kept.metadata.name, existing);
    EXPECT_FALSE(kept.metadata.creationTimestamp.set);
    ASSERT_EQ(st.manifests.size(), 2u);
    EXPECT_EQ(st.manifests[1].metadata.name, kSub2Digest);
  }
}

// The stream of upstream's TestCreateImages: mytag, generation 1, PreserveOriginal.
ImageStream createImagesStream() {
  ImageStream s = storedStream(1, "Source");
  s.spec.tags[0].importPolicy.importMode = "PreserveOriginal";
  return s;
}

TEST(StreamUpdate, R6FailureWithoutMessageRecordsUnknownError) {
  ImageStreamImport isi = mytagRequest("Source", "PreserveOriginal");
  Status failure;
  failure.status = "Failure";
  isi.status.images = {failed(failure)};
  StreamUpdateResult r = applyImport(isi, inputWith(createImagesStream()));
  ASSERT_TRUE(r.stream);
  EXPECT_TRUE(r.imageWrites.empty());
  const NamedTagEventList* tag = statusTag(*r.stream, kTag);
  ASSERT_TRUE(tag);
  EXPECT_FALSE(tag->items);
  ASSERT_EQ(tag->conditions.size(), 1u);
  const TagEventCondition& c = tag->conditions[0];
  EXPECT_EQ(c.type, "ImportSuccess");
  EXPECT_EQ(c.status, "False");
  EXPECT_EQ(c.message, "unknown error prevented import");
  EXPECT_EQ(c.reason, "");
  EXPECT_EQ(c.generation, 2);
  EXPECT_EQ(c.lastTransitionTime, at(kNow));
  // The existing spec tag was set to generation 0, which storage turns into the new generation.
  EXPECT_EQ(specTag(*r.stream, kTag)->generation, 2);
  EXPECT_EQ(r.stream->metadata.generation, 2);
}

TEST(StreamUpdate, R7SuccessWithSubManifestsCreatesThreeImagesAndNoCondition) {
  ImageStreamImport isi = mytagRequest("Source", "PreserveOriginal");
  isi.status.images = {listWithTwoSubManifests()};
  StreamUpdateResult r = applyImport(isi, inputWith(createImagesStream()));
  ASSERT_TRUE(r.stream);
  EXPECT_EQ(r.imageWrites.size(), 3u);
  const NamedTagEventList* tag = statusTag(*r.stream, kTag);
  ASSERT_TRUE(tag && tag->items);
  EXPECT_TRUE(tag->conditions.empty());
  EXPECT_EQ((*tag->items)[0].image, kImageDigest);
}

// ---------------------------------------------------------------------------------------------
// New streams
// ---------------------------------------------------------------------------------------------

TEST(StreamUpdate, NewStreamWithAFailedTagMatchesTheSpecExcerptByteForByte) {  // docs/answers.md §6
  ImageStreamImport isi = request(R"({"import":true,"images":[{"from":{"kind":"DockerImage","name":"quay.io/org/web:9"}}]})",
                                  "web", "demo");
  isi.status.images = {failed(notFound("quay.io/org/web:9"), "9")};
  StreamUpdateResult r = applyImport(isi, inputWith(std::nullopt));
  ASSERT_FALSE(r.failure) << r.failure->message;
  ASSERT_TRUE(r.stream);
  EXPECT_TRUE(r.created);
  EXPECT_TRUE(r.written);
  EXPECT_EQ(json(*r.stream),
            R"({"metadata":{"name":"web","namespace":"demo","generation":1,"creationTimestamp":"2026-01-02T03:04:05Z",)"
            R"("annotations":{"openshift.io/image.dockerRepositoryCheck":"2026-01-02T03:04:05Z"}},)"
            R"("spec":{"lookupPolicy":{"local":false},"tags":[{"name":"9","annotations":null,)"
            R"("from":{"kind":"DockerImage","name":"quay.io/org/web:9"},"generation":1,)"
            R"("importPolicy":{"importMode":"Legacy"},"referencePolicy":{"type":"Source"}}]},)"
            R"("status":{"dockerImageRepository":"","tags":[{"tag":"9","items":null,"conditions":[)"
            R"({"type":"ImportSuccess","status":"False","lastTransitionTime":"2026-01-02T03:04:05Z","reason":"NotFound",)"
            R"("message":"dockerimage.image.openshift.io \"quay.io/org/web:9\" not found","generation":1}]}]}})");
  ASSERT_TRUE(isi.status.import);
  EXPECT_EQ(json(*isi.status.import), json(*r.stream));
}

TEST(StreamUpdate, NewStreamWithImportedTagsWholeStatusImport) {
  ImageStreamImport isi = request(
      R"({"import":true,"images":[)"
      R"({"from":{"kind":"DockerImage","name":"quay.io/org/web:1.2"},"importPolicy":{"scheduled":true},"referencePolicy":{"type":"Local"}},)"
      R"({"from":{"kind":"DockerImage","name":"quay.io/org/web:latest"},"to":{"name":"stable"}}]})",
      "web", "demo");
  const std::string digest = "sha256:" + std::string(64, 'a');
  isi.status.images = {succeeded(importedImage(digest, "quay.io/org/web"), "1.2"),
                       succeeded(importedImage(digest, "quay.io/org/web"), "latest")};
  StreamUpdateInput in = inputWith(std::nullopt);
  in.internalRegistryHost = "image-registry.openshift-image-registry.svc:5000";
  StreamUpdateResult r = applyImport(isi, in);
  ASSERT_FALSE(r.failure) << r.failure->message;
  ASSERT_TRUE(r.stream);
  EXPECT_EQ(json(*r.stream),
            R"({"metadata":{"name":"web","namespace":"demo","generation":1,"creationTimestamp":"2026-01-02T03:04:05Z",)"
            R"("annotations":{"openshift.io/image.dockerRepositoryCheck":"2026-01-02T03:04:05Z"}},)"
            R"("spec":{"lookupPolicy":{"local":false},"tags":[)"
            R"({"name":"1.2","annotations":null,"from":{"kind":"DockerImage","name":"quay.io/org/web:1.2"},"generation":1,)"
            R"("importPolicy":{"scheduled":true,"importMode":"Legacy"},"referencePolicy":{"type":"Local"}},)"
            R"({"name":"stable","annotations":null,"from":{"kind":"DockerImage","name":"quay.io/org/web:latest"},"generation":1,)"
            R"("importPolicy":{"importMode":"Legacy"},"referencePolicy":{"type":"Source"}}]},)"
            R"("status":{"dockerImageRepository":"image-registry.openshift-image-registry.svc:5000/demo/web","tags":[)"
            R"({"tag":"1.2","items":[{"created":"2026-01-02T03:04:05Z","dockerImageReference":"quay.io/org/web@)" + digest +
                R"(","image":")" + digest + R"(","generation":1}]},)"
            R"({"tag":"stable","items":[{"created":"2026-01-02T03:04:05Z","dockerImageReference":"quay.io/org/web@)" + digest +
                R"(","image":")" + digest + R"(","generation":1}]}]}})");
  // One Image for both entries; the answer shows it as created: no signatures, manifest or config.
  ASSERT_EQ(r.imageWrites.size(), 1u);
  for (const ImageImportStatus& st : isi.status.images) {
    EXPECT_EQ(json(*st.image),
              R"({"metadata":{"name":")" + digest + R"(","creationTimestamp":"2026-01-02T03:04:05Z",)"
              R"("annotations":{"image.openshift.io/dockerLayersOrder":"ascending"}},)"
              R"("dockerImageReference":"quay.io/org/web@)" + digest + R"(","dockerImageMetadataVersion":"1.0",)"
              R"("dockerImageManifestMediaType":"application/vnd.oci.image.manifest.v1+json"})");
  }
}

TEST(StreamUpdate, EntriesWithoutToAreReportedButOnlyAnnotateTheStream) {
  const std::string digest = "sha256:" + std::string(64, 'b');
  ImageStreamImport isi = request(
      R"({"import":true,"images":[{"from":{"kind":"DockerImage","name":"nginx@)" + digest + R"("},"includeManifest":true},)"
      R"({"from":{"kind":"DockerImage","name":"nginx"}}]})");
  ASSERT_FALSE(isi.spec.images[0].to);
  ASSERT_FALSE(isi.spec.images[1].to);
  isi.status.images = {succeeded(importedImage(digest, "nginx")), succeeded(importedImage(digest, "nginx"), "latest")};
  StreamUpdateResult r = applyImport(isi, inputWith(std::nullopt));
  ASSERT_TRUE(r.stream);
  EXPECT_TRUE(r.created);
  EXPECT_TRUE(r.imageWrites.empty());
  EXPECT_EQ(json(*r.stream),
            R"({"metadata":{"name":"image","namespace":"namespace","generation":1,"creationTimestamp":"2026-01-02T03:04:05Z",)"
            R"("annotations":{"openshift.io/image.dockerRepositoryCheck":"2026-01-02T03:04:05Z"}},)"
            R"("spec":{"lookupPolicy":{"local":false}},"status":{"dockerImageRepository":""}})");
  // Not created, so only the preview stripping applies: includeManifest is honoured here.
  EXPECT_FALSE(isi.status.images[0].image->dockerImageManifest.empty());
  EXPECT_FALSE(isi.status.images[0].image->dockerImageConfig.empty());
  EXPECT_EQ(isi.status.images[0].image->signatures.size(), 1u);
  EXPECT_TRUE(isi.status.images[1].image->dockerImageManifest.empty());
  EXPECT_TRUE(isi.status.images[1].image->dockerImageConfig.empty());
}

TEST(StreamUpdate, IncludeManifestHasNoEffectOnEntriesThatTagTheStream) {
  const std::string digest = "sha256:" + std::string(64, 'c');
  ImageStreamImport isi = request(
      R"({"import":true,"images":[{"from":{"kind":"DockerImage","name":"nginx:1"},"includeManifest":true}]})");
  isi.status.images = {succeeded(importedImage(digest, "nginx"), "1")};
  StreamUpdateResult r = applyImport(isi, inputWith(std::nullopt));
  ASSERT_TRUE(r.stream);
  const Image& image = *isi.status.images[0].image;
  EXPECT_TRUE(image.dockerImageManifest.empty());
  EXPECT_TRUE(image.dockerImageConfig.empty());
  EXPECT_TRUE(image.signatures.empty());
}

TEST(StreamUpdate, PreserveOriginalSubManifestsAreCreatedStrippedAndTheListIsTagged) {
  ImageStreamImport isi = request(R"({"import":true,"images":[{"from":{"kind":"DockerImage","name":"quay.io/org/multi:2"},)"
                                  R"("importPolicy":{"importMode":"PreserveOriginal"}}]})");
  const std::string list = "sha256:" + std::string(64, 'd');
  const std::string amd = "sha256:" + std::string(64, 'e');
  const std::string arm = "sha256:" + std::string(64, 'f');
  Image listImage;
  listImage.metadata.name = list;
  listImage.dockerImageReference = "quay.io/org/multi@" + list;
  listImage.dockerImageManifestMediaType = "application/vnd.oci.image.index.v1+json";
  listImage.dockerImageManifests = {ImageManifest{amd, "application/vnd.oci.image.manifest.v1+json", 500, "amd64", "linux", ""},
                                    ImageManifest{arm, "application/vnd.oci.image.manifest.v1+json", 501, "arm64", "linux", "v8"}};
  ImageImportStatus st = succeeded(listImage, "2");
  st.manifests = {importedImage(amd, "quay.io/org/multi"), importedImage(arm, "quay.io/org/multi")};
  isi.status.images = {st};

  StreamUpdateResult r = applyImport(isi, inputWith(std::nullopt));
  ASSERT_FALSE(r.failure) << r.failure->message;
  ASSERT_EQ(r.imageWrites.size(), 3u);
  EXPECT_EQ(r.imageWrites[0].name, amd);
  EXPECT_EQ(r.imageWrites[1].name, arm);
  EXPECT_EQ(r.imageWrites[2].name, list);
  for (const Image& sub : isi.status.images[0].manifests) {
    EXPECT_TRUE(sub.dockerImageManifest.empty());
    EXPECT_TRUE(sub.dockerImageConfig.empty());
    EXPECT_TRUE(sub.signatures.empty());
  }
  const NamedTagEventList* tag = statusTag(*r.stream, "2");
  ASSERT_TRUE(tag && tag->items);
  expectEvent((*tag->items)[0], at(kNow), "quay.io/org/multi@" + list, list, 1);
  EXPECT_EQ(specTag(*r.stream, "2")->importPolicy.importMode, "PreserveOriginal");
}

// ---------------------------------------------------------------------------------------------
// Transitions on an existing stream
// ---------------------------------------------------------------------------------------------

// A stored stream as decodeObject yields it (defaulted); the body's kind defaults to ImageStream.
ImageStream decodedStream(const std::string& text) {
  std::string body = text;
  if (body.find("\"kind\":\"ImageStream\"") == std::string::npos) body = R"({"kind":"ImageStream",)" + body.substr(1);
  return decodeAs<ImageStream>(body);
}

// web/demo after a failed import of tag 9 (generation 1, spec tag 9 at 1, a NotFound condition).
ImageStream streamAfterFailure() {
  return decodedStream(
      R"({"kind":"ImageStream","apiVersion":"image.openshift.io/v1","metadata":{"name":"web","namespace":"demo","resourceVersion":"41",)"
      R"("generation":1,"creationTimestamp":"2025-06-01T00:00:00Z",)"
      R"("annotations":{"openshift.io/image.dockerRepositoryCheck":"2025-06-01T00:00:00Z"}},)"
      R"("spec":{"lookupPolicy":{"local":false},"tags":[{"name":"9","annotations":null,)"
      R"("from":{"kind":"DockerImage","name":"quay.io/org/web:9"},"generation":1,)"
      R"("importPolicy":{"importMode":"Legacy"},"referencePolicy":{"type":"Source"}}]},)"
      R"("status":{"dockerImageRepository":"image-registry.openshift-image-registry.svc:5000/demo/web","tags":[{"tag":"9","items":null,"conditions":[)"
      R"({"type":"ImportSuccess","status":"False","lastTransitionTime":"2025-06-01T00:00:00Z","reason":"NotFound",)"
      R"("message":"dockerimage.image.openshift.io \"quay.io/org/web:9\" not found","generation":1}]}]}})");
}

ImageStreamImport tag9Request() {
  return request(R"({"import":true,"images":[{"from":{"kind":"DockerImage","name":"quay.io/org/web:9"}}]})", "web", "demo");
}

TEST(StreamUpdate, FailureThenSameFailureWritesNothing) {
  ImageStreamImport isi = tag9Request();
  isi.status.images = {failed(notFound("quay.io/org/web:9"), "9")};
  ImageStream current = streamAfterFailure();
  StreamUpdateResult r = applyImport(isi, inputWith(current));
  ASSERT_TRUE(r.stream);
  EXPECT_FALSE(r.written);
  // The stored stream as is (kind/apiVersion belong to the outer object only).
  current.kind.clear();
  current.apiVersion.clear();
  EXPECT_EQ(json(*r.stream), json(current));
}

TEST(StreamUpdate, FailureThenOtherFailureReplacesTheCondition) {
  ImageStreamImport isi = tag9Request();
  Status unauthorized;
  unauthorized.status = "Failure";
  unauthorized.reason = "Unauthorized";
  unauthorized.message = "you may not have access to the container image \"quay.io/org/web:9\"";
  unauthorized.code = 401;
  isi.status.images = {failed(unauthorized, "9")};
  StreamUpdateResult r = applyImport(isi, inputWith(streamAfterFailure()));
  ASSERT_TRUE(r.stream);
  EXPECT_TRUE(r.written);
  const NamedTagEventList* tag = statusTag(*r.stream, "9");
  ASSERT_EQ(tag->conditions.size(), 1u);
  EXPECT_EQ(tag->conditions[0].reason, "Unauthorized");
  EXPECT_EQ(tag->conditions[0].generation, 2);
  EXPECT_EQ(r.stream->metadata.generation, 2);  // spec tag generation went to 0: a spec change
  EXPECT_EQ(specTag(*r.stream, "9")->generation, 2);
  EXPECT_EQ(r.stream->metadata.annotations.at(kDockerRepositoryCheckAnnotation), "2026-01-02T03:04:05Z");
  EXPECT_EQ(r.stream->metadata.resourceVersion, "41");
}

TEST(StreamUpdate, FailureThenSuccessClearsTheConditionAndRecordsTheImage) {
  const std::string digest = "sha256:" + std::string(64, '9');
  ImageStreamImport isi = tag9Request();
  isi.status.images = {succeeded(importedImage(digest, "quay.io/org/web"), "9")};
  StreamUpdateResult r = applyImport(isi, inputWith(streamAfterFailure()));
  ASSERT_FALSE(r.failure) << r.failure->message;
  ASSERT_TRUE(r.stream);
  EXPECT_EQ(json(*r.stream),
            R"({"metadata":{"name":"web","namespace":"demo","resourceVersion":"41","generation":2,"creationTimestamp":"2025-06-01T00:00:00Z",)"
            R"("annotations":{"openshift.io/image.dockerRepositoryCheck":"2026-01-02T03:04:05Z"}},)"
            R"("spec":{"lookupPolicy":{"local":false},"tags":[{"name":"9","annotations":null,)"
            R"("from":{"kind":"DockerImage","name":"quay.io/org/web:9"},"generation":2,)"
            R"("importPolicy":{"importMode":"Legacy"},"referencePolicy":{"type":"Source"}}]},)"
            R"("status":{"dockerImageRepository":"image-registry.openshift-image-registry.svc:5000/demo/web","tags":[{"tag":"9","items":[)"
            R"({"created":"2026-01-02T03:04:05Z","dockerImageReference":"quay.io/org/web@)" + digest + R"(","image":")" + digest +
                R"(","generation":2}]}]}})");
}

TEST(StreamUpdate, SuccessThenFailureKeepsTheHistoryAndAddsTheCondition) {
  const std::string digest = "sha256:" + std::string(64, '9');
  ImageStreamImport first = tag9Request();
  first.status.images = {succeeded(importedImage(digest, "quay.io/org/web"), "9")};
  StreamUpdateResult afterSuccess = applyImport(first, inputWith(streamAfterFailure()));
  ASSERT_TRUE(afterSuccess.stream);

  ImageStreamImport second = tag9Request();
  second.status.images = {failed(notFound("quay.io/org/web:9"), "9")};
  StreamUpdateInput in = inputWith(afterSuccess.stream);
  in.nowUnix = kNow + 60;
  StreamUpdateResult r = applyImport(second, in);
  ASSERT_TRUE(r.stream);
  const NamedTagEventList* tag = statusTag(*r.stream, "9");
  ASSERT_TRUE(tag->items);
  ASSERT_EQ(tag->items->size(), 1u);
  EXPECT_EQ((*tag->items)[0].image, digest);
  ASSERT_EQ(tag->conditions.size(), 1u);
  EXPECT_EQ(tag->conditions[0].generation, 3);
  EXPECT_EQ(tag->conditions[0].lastTransitionTime, at(kNow + 60));
  EXPECT_EQ(r.stream->metadata.generation, 3);
  EXPECT_EQ(specTag(*r.stream, "9")->generation, 3);
}

TEST(StreamUpdate, SameImageAgainWithTheAnnotationWritesNothing) {
  const std::string digest = "sha256:" + std::string(64, '9');
  ImageStreamImport first = tag9Request();
  first.status.images = {succeeded(importedImage(digest, "quay.io/org/web"), "9")};
  StreamUpdateResult stored = applyImport(first, inputWith(streamAfterFailure()));
  ASSERT_TRUE(stored.stream);

  ImageStreamImport again = tag9Request();
  again.status.images = {succeeded(importedImage(digest, "quay.io/org/web"), "9")};
  StreamUpdateInput in = inputWith(stored.stream);
  in.nowUnix = kNow + 3600;
  StreamUpdateResult r = applyImport(again, in);
  ASSERT_TRUE(r.stream);
  EXPECT_FALSE(r.written);
  EXPECT_EQ(json(*r.stream), json(*stored.stream));
  // Images are created regardless of the stream write.
  EXPECT_EQ(r.imageWrites.size(), 1u);
}

TEST(StreamUpdate, UnchangedStreamWithoutTheAnnotationIsWrittenToAddIt) {
  const std::string digest = "sha256:" + std::string(64, '9');
  ImageStreamImport first = tag9Request();
  first.status.images = {succeeded(importedImage(digest, "quay.io/org/web"), "9")};
  StreamUpdateResult stored = applyImport(first, inputWith(streamAfterFailure()));
  ASSERT_TRUE(stored.stream);
  ImageStream current = *stored.stream;
  current.metadata.annotations.clear();

  ImageStreamImport again = tag9Request();
  again.status.images = {succeeded(importedImage(digest, "quay.io/org/web"), "9")};
  StreamUpdateResult r = applyImport(again, inputWith(current));
  ASSERT_TRUE(r.stream);
  EXPECT_TRUE(r.written);
  EXPECT_EQ(r.stream->metadata.annotations.at(kDockerRepositoryCheckAnnotation), "2026-01-02T03:04:05Z");
  EXPECT_EQ(r.stream->metadata.generation, 2);  // spec unchanged: no bump
}

TEST(StreamUpdate, ImportPolicyIsOverwrittenEvenWhenTheImageIsUnchanged) {
  const std::string digest = "sha256:" + std::string(64, '9');
  ImageStreamImport first = tag9Request();
  first.status.images = {succeeded(importedImage(digest, "quay.io/org/web"), "9")};
  StreamUpdateResult stored = applyImport(first, inputWith(streamAfterFailure()));
  ASSERT_TRUE(stored.stream);

  ImageStreamImport again = request(
      R"({"import":true,"images":[{"from":{"kind":"DockerImage","name":"quay.io/org/web:9"},"importPolicy":{"scheduled":true},)"
      R"("referencePolicy":{"type":"Local"}}]})",
      "web", "demo");
  again.status.images = {succeeded(importedImage(digest, "quay.io/org/web"), "9")};
  StreamUpdateResult r = applyImport(again, inputWith(stored.stream));
  ASSERT_TRUE(r.stream);
  EXPECT_TRUE(r.written);
  const TagReference* tag = specTag(*r.stream, "9");
  EXPECT_TRUE(tag->importPolicy.scheduled);
  EXPECT_EQ(tag->referencePolicy.type, "Source");  // a policy the tag has is never replaced
  EXPECT_EQ(r.stream->metadata.generation, 3);     // spec changed
  EXPECT_EQ(tag->generation, 2);                   // the tag itself did not change (same from and mode)
  EXPECT_EQ((*statusTag(*r.stream, "9")->items)[0].generation, 2);
}

// ---------------------------------------------------------------------------------------------
// Repository imports
// ---------------------------------------------------------------------------------------------

TEST(StreamUpdate, RepositoryImportTagsEachImageAndRecordsFailuresWithoutSpecTags) {
  ImageStreamImport isi = request(R"({"import":true,"repository":{"from":{"kind":"DockerImage","name":"quay.io/org/app"},)"
                                  R"("referencePolicy":{"type":"Local"}}})",
                                  "app", "demo");
  const std::string digest = "sha256:" + std::string(64, '7');
  RepositoryImportStatus repo;
  repo.status.status = "Failure";
  repo.images = {succeeded(importedImage(digest, "quay.io/org/app"), "1.2"), failed(notFound("quay.io/org/app:broken"), "broken")};
  isi.status.repository = repo;

  StreamUpdateResult r = applyImport(isi, inputWith(std::nullopt));
  ASSERT_FALSE(r.failure) << r.failure->message;
  ASSERT_TRUE(r.stream);
  ASSERT_EQ(r.stream->spec.tags.size(), 1u);
  const TagReference* tag = specTag(*r.stream, "1.2");
  ASSERT_TRUE(tag);
  EXPECT_EQ(tag->from->name, "quay.io/org/app:1.2");
  EXPECT_EQ(tag->referencePolicy.type, "Local");
  EXPECT_EQ(tag->generation, 1);
  expectEvent((*statusTag(*r.stream, "1.2")->items)[0], at(kNow), "quay.io/org/app@" + digest, digest, 1);
  const NamedTagEventList* broken = statusTag(*r.stream, "broken");
  ASSERT_TRUE(broken);
  EXPECT_FALSE(broken->items);
  ASSERT_EQ(broken->conditions.size(), 1u);
  EXPECT_EQ(broken->conditions[0].reason, "NotFound");
  // The repository's image is the created one.
  const Image& image = *isi.status.repository->images[0].image;
  EXPECT_TRUE(image.dockerImageManifest.empty());
  EXPECT_EQ(image.metadata.creationTimestamp, at(kNow));
  EXPECT_EQ(r.imageWrites.size(), 1u);
}

TEST(StreamUpdate, RepositoryResultsComeBeforeSpecImages) {
  // Both write tag "1": the spec entry's from wins because it is recorded last.
  ImageStreamImport isi = request(R"({"import":true,"repository":{"from":{"kind":"DockerImage","name":"quay.io/org/app"}},)"
                                  R"("images":[{"from":{"kind":"DockerImage","name":"quay.io/other/app:9"},"to":{"name":"1"}}]})",
                                  "app", "demo");
  const std::string a = "sha256:" + std::string(64, 'a');
  const std::string b = "sha256:" + std::string(64, 'b');
  RepositoryImportStatus repo;
  repo.status = success();
  repo.images = {succeeded(importedImage(a, "quay.io/org/app"), "1")};
  isi.status.repository = repo;
  isi.status.images = {succeeded(importedImage(b, "quay.io/other/app"), "9")};
  StreamUpdateResult r = applyImport(isi, inputWith(std::nullopt));
  ASSERT_TRUE(r.stream);
  EXPECT_EQ(specTag(*r.stream, "1")->from->name, "quay.io/other/app:9");
  const NamedTagEventList* tag = statusTag(*r.stream, "1");
  ASSERT_EQ(tag->items->size(), 2u);
  EXPECT_EQ((*tag->items)[0].image, b);
  EXPECT_EQ((*tag->items)[1].image, a);
}

// ---------------------------------------------------------------------------------------------
// Writes that fail
// ---------------------------------------------------------------------------------------------

TEST(StreamUpdate, InvalidReferencePolicyTypeFailsTheWholeRequestWithTheStreams422) {
  ImageStreamImport isi = request(R"({"import":true,"images":[{"from":{"kind":"DockerImage","name":"quay.io/org/web:9"},)"
                                  R"("referencePolicy":{"type":"Other"}}]})",
                                  "web", "demo");
  isi.status.images = {failed(notFound("quay.io/org/web:9"), "9")};
  StreamUpdateResult r = applyImport(isi, inputWith(std::nullopt));
  EXPECT_FALSE(r.stream);
  EXPECT_FALSE(isi.status.import);
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(encodeStatus(*r.failure),
            R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",)"
            R"("message":"ImageStream.image.openshift.io \"web\" is invalid: spec.tags[9].referencePolicy.type: Invalid value: \"Other\": valid values are \"Source\", \"Local\"",)"
            R"("reason":"Invalid","details":{"name":"web","group":"image.openshift.io","kind":"ImageStream",)"
            R"("causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"Other\": valid values are \"Source\", \"Local\"","field":"spec.tags[9].referencePolicy.type"}]},)"
            R"("code":422})");
}

TEST(StreamUpdate, NamespaceAndNameOver255FailTheStreamWrite) {
  // Allowed on the ISI, refused on the IS (docs/validation.md §2.2, docs/acceptance.md §5.1 S12).
  std::string ns(63, 'a');
  std::string name = "x" + std::string(191, 'b');
  ImageStreamImport isi = request(R"({"import":true,"images":[{"from":{"kind":"DockerImage","name":"nginx"}}]})", name, ns);
  isi.status.images = {succeeded(importedImage("sha256:" + std::string(64, '3'), "nginx"), "latest")};
  StreamUpdateResult r = applyImport(isi, inputWith(std::nullopt));
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->code, 422);
  ASSERT_EQ(r.failure->details->causes.size(), 1u);
  EXPECT_EQ(r.failure->details->causes[0].message, "Invalid value: \"" + name + "\": 'namespace/name' cannot be longer than 255 characters");
}

TEST(StreamUpdate, AnIndexEntryWithoutPlatformFailsTheImageWrite) {  // docs/validation.md §2.8 QUIRK
  ImageStreamImport isi = request(R"({"import":true,"images":[{"from":{"kind":"DockerImage","name":"quay.io/org/multi:2"},)"
                                  R"("importPolicy":{"importMode":"PreserveOriginal"}}]})");
  const std::string list = "sha256:" + std::string(64, 'd');
  const std::string sub = "sha256:" + std::string(64, 'e');
  Image listImage;
  listImage.metadata.name = list;
  listImage.dockerImageReference = "quay.io/org/multi@" + list;
  listImage.dockerImageManifests = {ImageManifest{sub, "application/vnd.oci.image.manifest.v1+json", 500, "", "", ""}};
  ImageImportStatus st = succeeded(listImage, "2");
  st.manifests = {importedImage(sub, "quay.io/org/multi")};
  isi.status.images = {st};
  StreamUpdateResult r = applyImport(isi, inputWith(std::nullopt));
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->message, "Image.image.openshift.io \"" + list +
                                    "\" is invalid: [dockerImageManifests[0].architecture: Required value, "
                                    "dockerImageManifests[0].os: Required value]");
  EXPECT_EQ(r.imageWrites.size(), 2u);  // the sub-manifest went first
}

// ---------------------------------------------------------------------------------------------
// Storage details
// ---------------------------------------------------------------------------------------------

TEST(StreamUpdate, TrackingTagsFollowTheImportedTag) {
  ImageStream current = decodedStream(
      R"({"metadata":{"name":"web","namespace":"demo","generation":3,"annotations":{"openshift.io/image.dockerRepositoryCheck":"2025-06-01T00:00:00Z"}},)"
      R"("spec":{"tags":[{"name":"9","from":{"kind":"DockerImage","name":"quay.io/org/web:9"},"generation":3},)"
      R"({"name":"latest","from":{"kind":"ImageStreamTag","name":"9"},"generation":3},)"
      R"({"name":"other","from":{"kind":"ImageStreamTag","name":"web:8"},"generation":3}]},)"
      R"("status":{"dockerImageRepository":""}})");
  const std::string digest = "sha256:" + std::string(64, '9');
  ImageStreamImport isi = tag9Request();
  isi.status.images = {succeeded(importedImage(digest, "quay.io/org/web"), "9")};
  StreamUpdateResult r = applyImport(isi, inputWith(current));
  ASSERT_FALSE(r.failure) << r.failure->message;
  const NamedTagEventList* latest = statusTag(*r.stream, "latest");
  ASSERT_TRUE(latest && latest->items);
  expectEvent((*latest->items)[0], at(kNow), "quay.io/org/web@" + digest, digest, 4);
  EXPECT_FALSE(statusTag(*r.stream, "other"));
}

TEST(StreamUpdate, AFailedImportIntoAnImageStreamImageTagDoesNotReResolveIt) {
  // The failure zeroes the tag's generation, but storage stamps it with the new generation
  // (PrepareForUpdate) before Validate's tagsChanged compares tags, so the unresolvable
  // ImageStreamImage is not looked at again and the write succeeds, as upstream's does.
  ImageStream current = decodedStream(
      R"({"metadata":{"name":"web","namespace":"demo","generation":1},)"
      R"("spec":{"tags":[{"name":"pinned","from":{"kind":"ImageStreamImage","name":"web@sha256:abc"},"generation":1}]},)"
      R"("status":{"dockerImageRepository":""}})");
  ImageStreamImport isi = request(
      R"({"import":true,"images":[{"from":{"kind":"DockerImage","name":"quay.io/org/web:9"},"to":{"name":"pinned"}}]})", "web", "demo");
  isi.status.images = {failed(notFound("quay.io/org/web:9"), "9")};
  StreamUpdateResult r = applyImport(isi, inputWith(current));
  ASSERT_FALSE(r.failure) << r.failure->message;
  const TagReference* pinned = specTag(*r.stream, "pinned");
  EXPECT_EQ(pinned->from->kind, "ImageStreamImage");  // an existing spec tag is left as it is
  EXPECT_EQ(pinned->generation, 2);
  ASSERT_EQ(statusTag(*r.stream, "pinned")->conditions.size(), 1u);
}

TEST(StreamUpdate, AReferenceTagWhoseFromChangesGetsStoragesPullSpecEventOnTop) {
  // Upstream behaviour: the import keeps `reference: true` on the tag it resets; storage's
  // tagsChanged then adds a reference event (the pull spec itself, no image) above the import's.
  ImageStream current = decodedStream(
      R"({"metadata":{"name":"web","namespace":"demo","generation":1},)"
      R"("spec":{"tags":[{"name":"9","from":{"kind":"DockerImage","name":"quay.io/org/web:8"},"reference":true,"generation":1}]},)"
      R"("status":{"dockerImageRepository":"","tags":[{"tag":"9","items":[{"created":"2025-06-01T00:00:00Z",)"
      R"("dockerImageReference":"quay.io/org/web:8","image":"","generation":1}]}]}})");
  const std::string digest = "sha256:" + std::string(64, '9');
  ImageStreamImport isi = tag9Request();
  isi.status.images = {succeeded(importedImage(digest, "quay.io/org/web"), "9")};
  StreamUpdateResult r = applyImport(isi, inputWith(current));
  ASSERT_FALSE(r.failure) << r.failure->message;
  const NamedTagEventList* tag = statusTag(*r.stream, "9");
  ASSERT_TRUE(tag && tag->items);
  ASSERT_EQ(tag->items->size(), 3u);
  expectEvent((*tag->items)[0], at(kNow), "quay.io/org/web:9", "", 2);
  expectEvent((*tag->items)[1], at(kNow), "quay.io/org/web@" + digest, digest, 2);
  expectEvent((*tag->items)[2], at(kEarlier), "quay.io/org/web:8", "", 1);
  EXPECT_TRUE(specTag(*r.stream, "9")->reference);
}

TEST(StreamUpdate, StoredTagsComeOutSorted) {
  ImageStream current = decodedStream(
      R"({"metadata":{"name":"web","namespace":"demo","generation":1},)"
      R"("spec":{"tags":[{"name":"b","from":{"kind":"DockerImage","name":"x:b"},"generation":1},)"
      R"({"name":"a","from":{"kind":"DockerImage","name":"x:a"},"generation":1}]},)"
      R"("status":{"dockerImageRepository":"","tags":[{"tag":"b","items":[{"created":"2025-06-01T00:00:00Z","dockerImageReference":"x@sha256:)" +
      std::string(64, '1') + R"(","image":"sha256:)" + std::string(64, '1') + R"(","generation":1}]},)"
      R"({"tag":"a","items":[{"created":"2025-06-01T00:00:00Z","dockerImageReference":"x@sha256:)" + std::string(64, '2') +
      R"(","image":"sha256:)" + std::string(64, '2') + R"(","generation":1}]}]}})");
  ImageStreamImport isi = tag9Request();
  isi.status.images = {failed(notFound("quay.io/org/web:9"), "9")};
  StreamUpdateResult r = applyImport(isi, inputWith(current));
  ASSERT_TRUE(r.stream);
  ASSERT_EQ(r.stream->spec.tags.size(), 3u);
  EXPECT_EQ(r.stream->spec.tags[0].name, "9");
  EXPECT_EQ(r.stream->spec.tags[1].name, "a");
  EXPECT_EQ(r.stream->spec.tags[2].name, "b");
  ASSERT_EQ(r.stream->status.tags.size(), 3u);
  EXPECT_EQ(r.stream->status.tags[0].tag, "9");
  EXPECT_EQ(r.stream->status.tags[1].tag, "a");
  // New spec tag 9 → spec change → generation 2; untouched tags keep generation 1.
  EXPECT_EQ(r.stream->metadata.generation, 2);
  EXPECT_EQ(specTag(*r.stream, "9")->generation, 2);
  EXPECT_EQ(specTag(*r.stream, "a")->generation, 1);
}

TEST(StreamUpdate, ImportFalseDoesNothing) {
  ImageStreamImport isi = request(R"({"import":false,"images":[{"from":{"kind":"DockerImage","name":"nginx:1"}}]})");
  isi.status.images = {succeeded(importedImage("sha256:" + std::string(64, '3'), "nginx"), "1")};
  StreamUpdateResult r = applyImport(isi, inputWith(std::nullopt));
  EXPECT_FALSE(r.stream);
  EXPECT_FALSE(r.failure);
  EXPECT_FALSE(isi.status.images[0].image->dockerImageManifest.empty());
}

TEST(StreamUpdate, CurrentStreamOfAnotherNameIsRefused) {
  ImageStream other = storedStream();
  other.metadata.name = "other";
  ImageStreamImport isi = mytagRequest();
  isi.status.images = {succeeded(mockImage(kImageDigest))};
  StreamUpdateResult r = applyImport(isi, inputWith(other));
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->code, 400);
  EXPECT_FALSE(r.stream);
}

TEST(StreamUpdateTarget, ResourceVersionAndUidMustMatchTheStoredStream) {  // docs/validation.md §2.1 step 7
  ImageStreamImport isi = mytagRequest();
  EXPECT_FALSE(checkImportTarget(isi, std::nullopt));
  ImageStream stored = storedStream();
  stored.metadata.resourceVersion = "7";
  stored.metadata.uid = "u-1";
  EXPECT_FALSE(checkImportTarget(isi, stored));

  isi.metadata.resourceVersion = "6";
  std::optional<Status> missing = checkImportTarget(isi, std::nullopt);
  ASSERT_TRUE(missing);
  EXPECT_EQ(encodeStatus(*missing),
            R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",)"
            R"("message":"imagestreams.image.openshift.io \"image\" not found","reason":"NotFound",)"
            R"("details":{"name":"image","group":"image.openshift.io","kind":"imagestreams"},"code":404})");
  std::optional<Status> conflict = checkImportTarget(isi, stored);
  ASSERT_TRUE(conflict);
  EXPECT_EQ(conflict->code, 409);
  EXPECT_EQ(conflict->message,
            "Operation cannot be fulfilled on imagestream.image.openshift.io \"image\": the image stream was updated from \"6\" to \"7\"");

  isi.metadata.resourceVersion.clear();
  isi.metadata.uid = "u-2";
  std::optional<Status> uid = checkImportTarget(isi, stored);
  ASSERT_TRUE(uid);
  EXPECT_EQ(uid->message, "imagestream.image.openshift.io \"image\" not found");
}

TEST(StreamUpdateTarget, AStreamOfAnotherNameIsRefusedBeforeImporting) {
  ImageStreamImport isi = mytagRequest();
  ImageStream other = storedStream();
  other.metadata.name = "other";
  std::optional<Status> refused = checkImportTarget(isi, other);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, 400);
  EXPECT_NE(refused->message.find("is not the stream this import writes to"), std::string::npos) << refused->message;
}

}  // namespace
}  // namespace isimport

// The import engine driven by a registry the fuzzer plays: every answer's status, headers and body
// chosen by it (or a well-formed manifest, index, config, tag list, token or error among them),
// answers that never come, come out of order or twice. The engine must answer every call in JSON,
// ask for a bounded number of requests (no answer may make it ask for more than the entries or tags
// that answer lists, plus a few), end once every request is answered, and end with one status per
// image of the spec.
#include <vector>

#include "fuzz_support.h"
#include "boundary/import_session.h"
#include "json/json_writer.h"
#include "registry/manifest.h"

using namespace isimport;

namespace {

constexpr const char* kDigest = "sha256:4b5e8c2f1a0d3e6b9c7a8f5e2d1c0b9a8f7e6d5c4b3a29180f1e2d3c4b5a6978";

struct Spec {
  const char* json;
  size_t images;  // entries of status.images the answer must have (0: a repository import)
};

const Spec kSpecs[] = {
    {R"({"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"a","namespace":"f"},
        "spec":{"import":false,"images":[{"from":{"kind":"DockerImage","name":"registry.fuzz/team/app:1"}}]}})", 1},
    {R"({"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"a","namespace":"f"},
        "spec":{"import":true,"images":[{"from":{"kind":"DockerImage","name":"registry.fuzz/team/app@sha256:4b5e8c2f1a0d3e6b9c7a8f5e2d1c0b9a8f7e6d5c4b3a29180f1e2d3c4b5a6978"},"to":{"name":"x"}},
        {"from":{"kind":"DockerImage","name":"registry.fuzz/team/app:2"},"importPolicy":{"importMode":"PreserveOriginal"}}]}})", 2},
    {R"({"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"a","namespace":"f"},
        "spec":{"import":false,"repository":{"from":{"kind":"DockerImage","name":"registry.fuzz/team/app"}}}})", 0},
    {R"({"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"a","namespace":"f"},
        "spec":{"import":false,"images":[{"from":{"kind":"DockerImage","name":"insecure.fuzz:5000/app:1"},"importPolicy":{"insecure":true}},
        {"from":{"kind":"DockerImage","name":"other.fuzz/lib/tool:latest"}}]}})", 2},
};

const char* const kOptions[] = {
    R"({"now":"2024-01-01T00:00:00Z"})",
    R"({"now":"2024-01-01T00:00:00Z","credentials":{"auths":{"registry.fuzz":{"auth":"dXNlcjpwYXNz"}}},"maxTagsPerRepository":5})",
    R"({"now":"2024-01-01T00:00:00Z","defaultImportMode":"PreserveOriginal","platform":"linux/arm64/v8"})",
};

// Well-formed bodies the registry may answer with (the fuzzer picks; most of its own bytes are not JSON).
const std::string kBodies[] = {
    std::string(R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":2,"digest":")") + kDigest + R"("},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":9,"digest":")" + kDigest + R"("}]})",
    std::string(R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":7,"digest":")") + kDigest + R"(","platform":{"architecture":"amd64","os":"linux"}},{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":7,"digest":"sha256:)" + std::string(64, 'b') + R"(","platform":{"architecture":"arm64","os":"linux","variant":"v8"}}]})",
    R"({"architecture":"amd64","os":"linux","created":"2024-01-01T00:00:00Z","config":{"Env":["A=1"],"Labels":{"l":"v"}},"rootfs":{"type":"layers","diff_ids":[]}})",
    R"({"name":"team/app","tags":["latest","1","1.2","v2","sig"]})",
    R"({"token":"fuzz-token","expires_in":300})",
    R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]})",
    R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})",
    "",
};

const char* const kContentTypes[] = {
    "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.index.v1+json",
    "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.docker.distribution.manifest.v1+prettyjws", "application/json", "text/html",
};

const char* const kChallenges[] = {
    R"(Bearer realm="https://auth.fuzz/token",service="registry.fuzz",scope="repository:team/app:pull")",
    R"(Basic realm="registry")",
    R"(Bearer realm="http://registry.fuzz/token")",
    R"(Bearer realm="https://elsewhere.fuzz/token",service="x",error="invalid_token")",
};

const int kStatuses[] = {200, 200, 200, 200, 401, 404, 429, 500, 502, 503, 403, 206, 0};

struct Pending {
  uint32_t id = 0;
  std::string url;
};

class Harness {
 public:
  Harness(fuzz::Input& in, const Spec& spec, const char* options) : in_(in), spec_(spec), session_(spec.json, options) {}

  void run() {
    absorb(session_.start(), 0);
    for (size_t step = 0; !done_; ++step) {
      fuzz::check(step < 5000, "the import ends after a bounded number of answers");
      if (outstanding_.empty()) {
        fuzz::check(!dropped_.empty(), "the import asks for more requests or ends: it never stalls");
        Pending late = dropped_.back();
        dropped_.pop_back();
        answerWithFailure(late, "timeout", "context deadline exceeded");
        continue;
      }
      size_t pick = in_.empty() ? 0 : in_.choose(outstanding_.size());
      Pending request = outstanding_[pick];
      outstanding_.erase(outstanding_.begin() + static_cast<long>(pick));
      if (in_.empty()) {
        answerWithFailure(request, "network", "connection refused");
        continue;
      }
      switch (in_.choose(10)) {
        case 0: dropped_.push_back(request); break;  // never answered (until the deadline)
        case 1: answerWithFailure(request, in_.byte() & 1 ? "tooLarge" : "aborted", "cut"); break;
        default: answer(request, in_.choose(10) == 0); break;
      }
    }
    fuzz::mustBeJson(session_.notices(), "the notices");
    std::string result = session_.result();
    json::Tree tree = fuzz::mustBeJson(result, "the import's answer");
    const json::Node* kind = fuzz::member(tree, 0, "kind");
    fuzz::check(kind && kind->kind == json::Kind::String, "the answer has a kind", result);
    if (kind->text == "ImageStreamImport" && spec_.images > 0) {
      json::NodeId status = 0;
      const json::Node& root = tree.at(0);
      for (uint32_t i = 0; i < root.count; ++i) if (tree.key(root, i) == "status") status = tree.child(root, i);
      const json::Node* images = status ? fuzz::member(tree, status, "images") : nullptr;
      fuzz::check(images && images->kind == json::Kind::Array && images->count == spec_.images, "one status per image", result);
    }
  }

 private:
  void answerWithFailure(const Pending& request, const char* failure, const char* text) {
    json::Writer meta;
    meta.beginObject();
    meta.key("id");
    meta.integer(request.id);
    meta.key("status");
    meta.integer(0);
    meta.key("headers");
    meta.beginArray();
    meta.endArray();
    meta.key("failure");
    meta.string(failure);
    meta.key("failureText");
    meta.string(text);
    meta.key("elapsedMs");
    meta.integer(static_cast<int64_t>(clock_ += 7));
    meta.endObject();
    absorb(session_.feed(meta.take(), ""), 2);
  }

  void answer(const Pending& request, bool twice) {
    int status = kStatuses[in_.choose(std::size(kStatuses))];
    json::Writer meta;
    meta.beginObject();
    meta.key("id");
    meta.integer(request.id);
    meta.key("status");
    meta.integer(status);
    meta.key("url");
    meta.string(in_.byte() % 8 == 0 ? std::string("https://elsewhere.fuzz/v2/redirected") : request.url);
    meta.key("elapsedMs");
    meta.integer(static_cast<int64_t>(clock_ += 1 + in_.byte()));
    meta.key("headers");
    meta.beginArray();
    std::string contentType;
    auto header = [&](const char* name, std::string value) {
      meta.beginArray();
      meta.string(name);
      meta.string(value);
      meta.endArray();
    };
    uint8_t which = in_.byte();
    if (which & 1) {
      contentType = in_.byte() % 8 == 0 ? std::string(in_.string(60)) : kContentTypes[in_.choose(std::size(kContentTypes))];
      header("content-type", contentType);
    }
    if (which & 2) header("docker-content-digest", in_.byte() & 1 ? std::string(kDigest) : std::string(in_.string(80)));
    if (which & 4) header("www-authenticate", in_.byte() % 4 == 0 ? std::string(in_.string(120)) : kChallenges[in_.choose(std::size(kChallenges))]);
    if (which & 8) header("link", in_.byte() & 1 ? std::string("</v2/team/app/tags/list?n=5&last=v2>; rel=\"next\"") : std::string(in_.string(120)));
    if (which & 16) header("retry-after", std::string(in_.string(12)));
    meta.endArray();
    meta.key("failure");
    meta.string("none");
    meta.endObject();
    std::string body = in_.byte() % 3 == 0 ? std::string(in_.string(4000)) : kBodies[in_.choose(std::size(kBodies))];
    std::string metaText = meta.take();
    size_t fanOut = listed(contentType, body);
    absorb(session_.feed(metaText, body), fanOut);
    if (twice && !done_) absorb(session_.feed(metaText, body), 0);  // the same answer again: ignored
  }

  // How many requests an answer may lead to: the entries of a list, the tags of a tag list.
  static size_t listed(const std::string& contentType, const std::string& body) {
    size_t n = 0;
    ManifestParse manifest = parseManifest(contentType, body);
    if (manifest.manifest) n += manifest.manifest->manifests.size() + manifest.manifest->layers.size();
    json::ParseResult parsed = json::parse(body);
    if (parsed.ok) {
      if (const json::Node* tags = fuzz::member(parsed.tree, 0, "tags")) n += tags->count;
    }
    return n;
  }

  // A state answer: new requests (at most `allowed` + a few), or the end.
  void absorb(const std::string& text, size_t allowed) {
    json::Tree tree = fuzz::mustBeJson(text, "the session's state");
    const json::Node* done = fuzz::member(tree, 0, "done");
    fuzz::check(done && done->kind == json::Kind::Bool, "the state says whether the import is done", text);
    done_ = done->boolean;
    const json::Node& root = tree.at(0);
    size_t added = 0;
    for (uint32_t i = 0; i < root.count; ++i) {
      if (tree.key(root, i) != "requests") continue;
      const json::Node& list = tree.at(tree.child(root, i));
      for (uint32_t k = 0; k < list.count; ++k) {
        json::NodeId r = tree.child(list, k);
        const json::Node* id = fuzz::member(tree, r, "id");
        const json::Node* url = fuzz::member(tree, r, "url");
        fuzz::check(id && id->integral && url && url->kind == json::Kind::String, "a request has an id and a URL", text);
        outstanding_.push_back(Pending{static_cast<uint32_t>(id->integer), url->text});
        ++added;
      }
    }
    fuzz::check(added <= allowed + 8, "an answer leads to a bounded number of requests", text);
  }

  fuzz::Input& in_;
  const Spec& spec_;
  ImportSession session_;
  std::vector<Pending> outstanding_, dropped_;
  uint64_t clock_ = 0;
  bool done_ = false;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::Input in(data, size);
  const Spec& spec = kSpecs[in.choose(std::size(kSpecs))];
  const char* options = kOptions[in.choose(std::size(kOptions))];
  Harness(in, spec, options).run();
  return 0;
}

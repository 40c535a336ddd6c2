// The supply-chain lookup driven by a registry the fuzzer plays (docs/supply-chain.md §9): every
// answer's status, headers and body chosen by it — or a referrers index, a cosign tag, a signature
// payload, a DSSE envelope, a bundle or an SBOM among them — answers that never come, come out of
// order or twice; then which of the prepared checks "held", chosen by it too. The session must
// answer every call in JSON, ask for a bounded number of requests (no answer may make it ask for
// more than the entries or layers that answer lists, plus a few), end, answer one subject per image
// of the answer, and call nothing verified when no check held.
#include <set>
#include <vector>

#include "fuzz_support.h"
#include "boundary/supply_session.h"
#include "json/json_writer.h"

using namespace isimport;

namespace {

const std::string kSubject = "sha256:4b5e8c2f1a0d3e6b9c7a8f5e2d1c0b9a8f7e6d5c4b3a29180f1e2d3c4b5a6978";
const std::string kOther = "sha256:" + std::string(64, 'b');

// An answer with a plain image, a list kept whole with one entry, and a repository tag.
const std::string kAnswer =
    R"({"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"a","namespace":"f"},
      "spec":{"import":false,"images":[{"from":{"kind":"DockerImage","name":"registry.fuzz/team/app:1"}},
        {"from":{"kind":"DockerImage","name":"registry.fuzz/team/app:2"},"importPolicy":{"importMode":"PreserveOriginal"}}],
        "repository":{"from":{"kind":"DockerImage","name":"other.fuzz/lib/tool"}}},
      "status":{"images":[
        {"status":{"status":"Success"},"image":{"metadata":{"name":")" + kSubject + R"("},"dockerImageReference":"registry.fuzz/team/app@)" + kSubject + R"("}},
        {"status":{"status":"Success"},"image":{"metadata":{"name":")" + kOther + R"("},"dockerImageReference":"registry.fuzz/team/app@)" + kOther + R"(",
          "dockerImageManifests":[{"digest":")" + kSubject + R"(","mediaType":"application/vnd.oci.image.manifest.v1+json","manifestSize":7,"architecture":"amd64","os":"linux"}]},
         "manifests":[{"metadata":{"name":")" + kSubject + R"("},"dockerImageReference":"registry.fuzz/team/app@)" + kSubject + R"("}]}],
      "repository":{"status":{"status":"Success"},"images":[{"tag":"latest","status":{"status":"Success"},
        "image":{"metadata":{"name":")" + kSubject + R"("},"dockerImageReference":"other.fuzz/lib/tool@)" + kSubject + R"("}}]}}})";
constexpr size_t kSubjects = 4;

const char* const kKey =
    "-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYc/j0OFWUkR3dNSTQQm2qmaScaLO\\n"
    "tagxs/6ivSEmSc+SzCTHttNfPQcdqEiEV4p2sb/KTF08Q+t9LPPfnkk6VA==\\n-----END PUBLIC KEY-----\\n";

std::string options(size_t which) {
  std::string key = std::string("\"") + kKey + "\"";
  switch (which) {
    case 0: return "{}";
    case 1: return R"({"keys":[)" + key + R"(],"maxRequestsPerSubject":12})";
    default:
      return R"({"keys":[)" + key + R"(],"credentials":{"auths":{"registry.fuzz":{"auth":"dXNlcjpwYXNz"}}},"policies":[{"apiVersion":"config.openshift.io/v1","kind":"ClusterImagePolicy","metadata":{"name":"p"},"spec":{"scopes":["registry.fuzz"],"policy":{"rootOfTrust":{"policyType":"PublicKey","publicKey":{"keyData":"LS0tLS1CRUdJTiBQVUJMSUMgS0VZLS0tLS0KTUZrd0V3WUhLb1pJemowQ0FRWUlLb1pJemowREFRY0RRZ0FFWWMvajBPRldVa1IzZE5TVFFRbTJxbWFTY2FMTwp0YWd4cy82aXZTRW1TYytTekNUSHR0TmZQUWNkcUVpRVY0cDJzYi9LVEYwOFErdDlMUFBmbmtrNlZBPT0KLS0tLS1FTkQgUFVCTElDIEtFWS0tLS0tCg=="}},"signedIdentity":{"matchPolicy":"MatchRepository"}}}}]})";
  }
}

std::string layer(const std::string& mediaType, const std::string& digest, const std::string& annotations = "") {
  return R"({"mediaType":")" + mediaType + R"(","digest":")" + digest + R"(","size":250)" +
         (annotations.empty() ? "" : R"(,"annotations":)" + annotations) + "}";
}

const std::string kPayload = R"({"critical":{"identity":{"docker-reference":"registry.fuzz/team/app"},"image":{"docker-manifest-digest":")" +
                             kSubject + R"("},"type":"cosign container image signature"},"optional":null})";

// Well-formed bodies the registry may answer with (the fuzzer picks; most of its own bytes are not JSON).
const std::string kBodies[] = {
    R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[)" +
        layer("application/vnd.oci.image.manifest.v1+json", kOther, R"({"org.opencontainers.image.created":"x"})") + "," +
        layer("application/vnd.oci.image.manifest.v1+json", kSubject) + "]}",
    R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":)" +
        layer("application/vnd.oci.image.config.v1+json", kOther) + R"(,"layers":[)" +
        layer("application/vnd.dev.cosign.simplesigning.v1+json", kOther, R"({"dev.cosignproject.cosign/signature":"MEUCIQ=="})") + "," +
        layer("application/vnd.dsse.envelope.v1+json", kSubject, R"({"predicateType":"https://slsa.dev/provenance/v1"})") + "]}",
    R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"application/vnd.dev.sigstore.bundle.v0.3+json","config":)" +
        layer("application/vnd.oci.empty.v1+json", kOther) + R"(,"layers":[)" + layer("application/vnd.dev.sigstore.bundle.v0.3+json", kOther) +
        R"(],"subject":)" + layer("application/vnd.oci.image.manifest.v1+json", kSubject) + "}",
    R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[)" +
        layer("application/vnd.oci.image.manifest.v1+json", kOther,
              R"({"vnd.docker.reference.type":"attestation-manifest","vnd.docker.reference.digest":")" + kSubject + R"("})") + "]}",
    kPayload,
    R"({"payloadType":"application/vnd.in-toto+json","payload":"eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEifQ==","signatures":[{"keyid":"","sig":"MEUCIQ=="}]})",
    R"({"spdxVersion":"SPDX-2.3","name":"app","packages":[{"name":"a"}]})",
    R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]})",
    "",
};

const char* const kContentTypes[] = {
    "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v2+json", "application/json", "text/html",
};

const int kStatuses[] = {200, 200, 200, 200, 404, 404, 401, 500, 303, 0};

struct Pending {
  uint32_t id = 0;
  std::string url;
};

class Harness {
 public:
  Harness(fuzz::Input& in, const std::string& options) : in_(in), session_(kAnswer, options) {}

  void run() {
    absorb(session_.start(), 0);
    for (size_t step = 0; !done_; ++step) {
      fuzz::check(step < 5000, "the lookup ends after a bounded number of answers");
      fuzz::check(!outstanding_.empty() || !dropped_.empty(), "the lookup asks for more requests or ends: it never stalls");
      if (outstanding_.empty()) {
        Pending late = dropped_.back();
        dropped_.pop_back();
        fail(late, "timeout");
        continue;
      }
      size_t pick = in_.empty() ? 0 : in_.choose(outstanding_.size());
      Pending request = outstanding_[pick];
      outstanding_.erase(outstanding_.begin() + static_cast<long>(pick));
      if (in_.empty()) {
        fail(request, "network");
        continue;
      }
      switch (in_.choose(10)) {
        case 0: dropped_.push_back(request); break;
        case 1: fail(request, in_.byte() & 1 ? "tooLarge" : "aborted"); break;
        default: answer(request, in_.choose(10) == 0); break;
      }
    }
    json::Tree checks = fuzz::mustBeJson(session_.checks(), "the checks");
    std::string none = session_.answer("[]");
    fuzz::check(none.find("\"state\":\"verified\"") == std::string::npos, "nothing is verified when no check held", none);
    json::Tree answer = fuzz::mustBeJson(session_.answer(held(checks)), "the answer");
    const json::Node* subjects = fuzz::member(answer, 0, "subjects");
    fuzz::check(subjects && subjects->kind == json::Kind::Array && subjects->count == kSubjects, "one subject per image");
  }

 private:
  // The ids of the checks the fuzzer says held (and one that names no check).
  std::string held(const json::Tree& checks) {
    json::Writer out;
    out.beginArray();
    if (const json::Node* list = fuzz::member(checks, 0, "checks")) {
      for (uint32_t i = 0; i < list->count; ++i) {
        const json::Node* id = fuzz::member(checks, checks.child(*list, i), "id");
        if (id && id->integral && (in_.byte() & 1)) out.integer(id->integer);
      }
    }
    out.integer(999999);
    out.endArray();
    return out.take();
  }

  void fail(const Pending& request, const char* failure) {
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
    meta.endObject();
    absorb(session_.feed(meta.take(), ""), 0);
  }

  void answer(const Pending& request, bool twice) {
    json::Writer meta;
    meta.beginObject();
    meta.key("id");
    meta.integer(request.id);
    meta.key("status");
    meta.integer(kStatuses[in_.choose(std::size(kStatuses))]);
    meta.key("url");
    meta.string(request.url);
    meta.key("headers");
    meta.beginArray();
    auto header = [&](const char* name, std::string value) {
      meta.beginArray();
      meta.string(name);
      meta.string(value);
      meta.endArray();
    };
    uint8_t which = in_.byte();
    if (which & 1) header("content-type", kContentTypes[in_.choose(std::size(kContentTypes))]);
    if (which & 2) header("link", in_.byte() & 1 ? std::string("</v2/team/app/referrers/" + kSubject + "?page=2>; rel=\"next\"")
                                                 : std::string(in_.string(120)));
    if (which & 4) header("www-authenticate", R"(Bearer realm="https://auth.fuzz/token",service="registry.fuzz")");
    meta.endArray();
    meta.key("failure");
    meta.string("none");
    meta.endObject();
    std::string body = in_.byte() % 3 == 0 ? std::string(in_.string(4000)) : kBodies[in_.choose(std::size(kBodies))];
    std::string text = meta.take();
    absorb(session_.feed(text, body), listed(body));
    if (twice && !done_) absorb(session_.feed(text, body), 0);  // the same answer again: ignored
  }

  // How many requests an answer may lead to: an index's entries, a manifest's layers.
  static size_t listed(const std::string& body) {
    json::ParseResult parsed = json::parse(body);
    if (!parsed.ok) return 0;
    size_t n = 0;
    for (const char* list : {"manifests", "layers"}) {
      if (const json::Node* entries = fuzz::member(parsed.tree, 0, list)) n += entries->count;
    }
    return n;
  }

  void absorb(const std::string& text, size_t allowed) {
    json::Tree tree = fuzz::mustBeJson(text, "the session's state");
    const json::Node* done = fuzz::member(tree, 0, "done");
    fuzz::check(done && done->kind == json::Kind::Bool, "the state says whether the lookup is done", text);
    done_ = done->boolean;
    size_t added = 0;
    if (const json::Node* list = fuzz::member(tree, 0, "requests")) {
      for (uint32_t k = 0; k < list->count; ++k) {
        json::NodeId r = tree.child(*list, k);
        const json::Node* id = fuzz::member(tree, r, "id");
        const json::Node* url = fuzz::member(tree, r, "url");
        fuzz::check(id && id->integral && url && url->kind == json::Kind::String, "a request has an id and a URL", text);
        outstanding_.push_back(Pending{static_cast<uint32_t>(id->integer), url->text});
        ++added;
      }
    }
    fuzz::check(added <= allowed + 16, "an answer leads to a bounded number of requests", text);
  }

  fuzz::Input& in_;
  SupplySession session_;
  std::vector<Pending> outstanding_, dropped_;
  bool done_ = false;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::Input in(data, size);
  Harness(in, options(in.choose(3))).run();
  return 0;
}

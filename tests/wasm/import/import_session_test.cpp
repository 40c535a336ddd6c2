// ImportSession, the JSON face of the import engine that the JavaScript driver uses: options and
// spec in, requests out, responses in, the answer out — including the answers that end a session
// before any request (invalid spec, bad options, a stream that does not match).
#include "boundary/import_session.h"

#include <gtest/gtest.h>

#include "json/json_tree.h"
#include "json/json_writer.h"
#include "support/fake_registry.h"
#include "support/test_support.h"

namespace isimport {
namespace {

using testing::Answer;
using testing::FakeRegistry;
using testing::readFixture;

constexpr const char* kSchema2 = "application/vnd.docker.distribution.manifest.v2+json";

const char* failureName(TransportFailure f) {
  switch (f) {
    case TransportFailure::None: return "none";
    case TransportFailure::Network: return "network";
    case TransportFailure::Timeout: return "timeout";
    case TransportFailure::Aborted: return "aborted";
    case TransportFailure::BodyTooLarge: return "tooLarge";
  }
  return "none";
}

// The meta JSON the JavaScript driver sends with a response.
std::string metaOf(const HttpResponse& r) {
  json::Writer out;
  out.beginObject();
  out.key("id");
  out.integer(r.id);
  out.key("status");
  out.integer(r.status);
  out.key("url");
  out.string(r.finalUrl);
  out.key("headers");
  out.beginArray();
  for (const auto& [k, v] : r.headers) {
    out.beginArray();
    out.string(k);
    out.string(v);
    out.endArray();
  }
  out.endArray();
  out.key("failure");
  out.string(failureName(r.failure));
  out.key("failureText");
  out.string(r.failureText);
  out.endObject();
  return out.take();
}

struct State {
  bool ok = false;
  bool done = false;
  std::vector<HttpRequest> requests;
  std::string status;      // compact JSON of "status", when the session ended early
  std::string usageError;  // when the options were refused
  std::string progress;    // compact JSON of "progress"
};

State parseState(const std::string& text) {
  State s;
  json::ParseResult parsed = json::parse(text);
  EXPECT_TRUE(parsed.ok) << text;
  if (!parsed.ok) return s;
  const json::Tree& t = parsed.tree;
  const json::Node& root = t.at(0);
  s.ok = true;
  for (uint32_t i = 0; i < root.count; ++i) {
    const std::string& key = t.key(root, i);
    json::NodeId id = t.child(root, i);
    const json::Node& v = t.at(id);
    if (key == "done") s.done = v.boolean;
    if (key == "status") s.status = json::compactText(t, id);
    if (key == "usageError") s.usageError = v.text;
    if (key == "progress") s.progress = json::compactText(t, id);
    if (key != "requests") continue;
    for (uint32_t k = 0; k < v.count; ++k) {
      const json::Node& r = t.at(t.child(v, k));
      HttpRequest request;
      for (uint32_t m = 0; m < r.count; ++m) {
        const std::string& name = t.key(r, m);
        const json::Node& f = t.at(t.child(r, m));
        if (name == "id") request.id = static_cast<uint32_t>(f.integer);
        if (name == "method") request.method = f.text;
        if (name == "url") request.url = f.text;
        if (name == "maxBodyBytes") request.maxBodyBytes = static_cast<uint64_t>(f.integer);
        if (name == "delayMs") request.delayMs = static_cast<uint32_t>(f.integer);
        if (name == "timeoutMs") request.timeoutMs = static_cast<uint32_t>(f.integer);
        if (name == "headers") {
          for (uint32_t h = 0; h < f.count; ++h) {
            const json::Node& pair = t.at(t.child(f, h));
            request.headers.emplace_back(t.at(t.child(pair, 0)).text, t.at(t.child(pair, 1)).text);
          }
        }
      }
      s.requests.push_back(std::move(request));
    }
  }
  return s;
}

// Runs a session to the end against `registry`, newest request first.
std::string runSession(ImportSession& session, FakeRegistry& registry, State* last = nullptr) {
  State state = parseState(session.start());
  std::vector<HttpRequest> pending = state.requests;
  while (!pending.empty()) {
    HttpRequest request = pending.back();
    pending.pop_back();
    HttpResponse response = registry.answer(request);
    state = parseState(session.feed(metaOf(response), response.body));
    for (auto& r : state.requests) pending.push_back(std::move(r));
  }
  EXPECT_TRUE(state.done);
  if (last) *last = state;
  return session.result();
}

const std::string kOptions = R"({"now":"2026-01-02T03:04:05Z"})";

std::string webSpec(const std::string& extraMeta = "", bool import = false) {
  return R"({"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"web","namespace":"demo")" +
         extraMeta + R"(},"spec":{"import":)" + (import ? "true" : "false") +
         R"(,"images":[{"from":{"kind":"DockerImage","name":"quay.io/org/web:1.2"},"to":{"name":"1.2"}}]}})";
}

FakeRegistry webRegistry() {
  FakeRegistry registry;
  auto& r = registry.repo("quay.io", "org/web");
  r.putManifest(kSchema2, readFixture("registry/busybox-schema2.json"), "1.2");
  r.putBlob(readFixture("registry/busybox-config.json"));
  return registry;
}

// The uid the session made up: upstream gives the answer a fresh one (FillObjectMetaSystemFields).
std::string uidOf(const std::string& answer) {
  auto at = answer.find("\"uid\":\"");
  if (at == std::string::npos) return "";
  return answer.substr(at + 7, 36);
}

TEST(ImportSession, RunsAnImportAndAnswersAsTheServer) {
  FakeRegistry registry = webRegistry();
  ImportSession session(webSpec(), kOptions);
  State first = parseState(session.start());
  ASSERT_FALSE(first.done);
  ASSERT_EQ(first.requests.size(), 1u);  // the ping
  EXPECT_EQ(first.requests[0].method, "GET");
  EXPECT_EQ(first.requests[0].url, "https://quay.io/v2/");
  EXPECT_EQ(first.requests[0].timeoutMs, 15000u);
  EXPECT_EQ(first.progress, R"({"requestsDone":0,"requestsKnown":1,"imagesDone":0,"imagesTotal":1})");

  FakeRegistry again = webRegistry();
  ImportSession whole(webSpec(), kOptions);
  State last;
  std::string answer = runSession(whole, again, &last);
  EXPECT_EQ(last.progress, R"({"requestsDone":3,"requestsKnown":3,"imagesDone":1,"imagesTotal":1})");
  std::string uid = uidOf(answer);
  ASSERT_EQ(uid.size(), 36u) << answer;
  EXPECT_EQ(uid[14], '4');
  // Same spec and time, same uid: answers are reproducible.
  FakeRegistry third = webRegistry();
  ImportSession repeat(webSpec(), kOptions);
  EXPECT_EQ(runSession(repeat, third), answer);

  EXPECT_EQ(answer.substr(0, answer.find("\"status\":{")),
            R"({"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"web","namespace":"demo","uid":")" +
                uid +
                R"(","creationTimestamp":"2026-01-02T03:04:05Z"},"spec":{"import":false,"images":[{"from":{"kind":"DockerImage","name":"quay.io/org/web:1.2"},"to":{"name":"1.2"},"importPolicy":{"importMode":"Legacy"},"referencePolicy":{"type":"Source"}}]},)");
  EXPECT_NE(answer.find(R"("status":{"images":[{"status":{"metadata":{},"status":"Success"},"image":{"metadata":{"name":"sha256:a59906e33509d14c036c8678d687bd4eec81ed7c4b8ce907b888c607f6a1e0e6")"),
            std::string::npos);
  EXPECT_EQ(answer.find("dockerImageManifest\""), std::string::npos);  // stripped: includeManifest is false
  EXPECT_EQ(answer.substr(answer.size() - 15), R"("tag":"1.2"}]}})");
}

TEST(ImportSession, InvalidSpecAnswers422WithoutAnyRequest) {
  ImportSession session(
      R"({"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"web"},"spec":{"images":[{"from":{"kind":"ImageStreamTag","name":"x:1"}}]}})",
      kOptions);
  State state = parseState(session.start());
  EXPECT_TRUE(state.done);
  EXPECT_TRUE(state.requests.empty());
  EXPECT_EQ(state.status,
            R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"ImageStreamImport.image.openshift.io \"web\" is invalid: spec.images[0].from.kind: Invalid value: \"ImageStreamTag\": only DockerImage is supported","reason":"Invalid","details":{"name":"web","group":"image.openshift.io","kind":"ImageStreamImport","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"ImageStreamTag\": only DockerImage is supported","field":"spec.images[0].from.kind"}]},"code":422})");
  EXPECT_EQ(session.result(), state.status);
  // Feeding a session that never started an import changes nothing.
  EXPECT_EQ(parseState(session.feed(R"({"id":1,"status":200})", "")).status, state.status);

  ImportSession notJson("{", kOptions);
  State broken = parseState(notJson.start());
  EXPECT_TRUE(broken.done);
  EXPECT_NE(broken.status.find(R"("code":400)"), std::string::npos) << broken.status;
}

TEST(ImportSession, BadOptionsAreUsageErrors) {
  auto refused = [](const std::string& options) {
    ImportSession session(webSpec(), options);
    State state = parseState(session.start());
    EXPECT_TRUE(state.done) << options;
    EXPECT_TRUE(state.requests.empty()) << options;
    std::string result = session.result();
    EXPECT_NE(result.find(R"("reason":"BadRequest")"), std::string::npos) << result;
    return state.usageError;
  };
  EXPECT_EQ(refused("[1]"), "options must be an object");
  EXPECT_EQ(refused(R"({"platform":"amd64"})"), R"(platform must be os/arch[/variant], e.g. linux/amd64 (got "amd64"))");
  EXPECT_EQ(refused(R"({"platform":"linux/arm64/v8/x"})"),
            R"(platform must be os/arch[/variant], e.g. linux/amd64 (got "linux/arm64/v8/x"))");
  EXPECT_EQ(refused(R"({"platform":7})"), "platform must be os/arch[/variant], e.g. linux/amd64 (got 7)");
  EXPECT_EQ(refused(R"({"defaultImportMode":"Fast"})"), R"(defaultImportMode must be one of Legacy, PreserveOriginal (got "Fast"))");
  EXPECT_EQ(refused(R"({"maxTagsPerRepository":-2})"),
            "maxTagsPerRepository must be an integer from -1 to 1000000 (-1: unlimited, 0: no tags are listed, as upstream) (got -2)");
  EXPECT_EQ(refused(R"({"maxTagsPerRepository":1.5})"),
            "maxTagsPerRepository must be an integer from -1 to 1000000 (-1: unlimited, 0: no tags are listed, as upstream) (got 1.5)");
  EXPECT_EQ(refused(R"({"requestTimeout":0})"), "requestTimeout must be a number of milliseconds from 1 to 3600000 (got 0)");
  // A misspelt option is refused with the nearest declared name, never dropped.
  EXPECT_EQ(refused(R"({"requestTimeoutMs":5})"), R"(unknown option "requestTimeoutMs" (did you mean "requestTimeout"?))");
  EXPECT_EQ(refused(R"({"colour":1})"), R"(unknown option "colour")");
  EXPECT_EQ(refused(R"({"fetch":"fetch"})"), R"(fetch must be a function (got "fetch"))");
  EXPECT_EQ(refused(R"({"now":"yesterday"})"), R"(now must be a Date, epoch milliseconds or RFC 3339 text (got "yesterday"))");
  EXPECT_EQ(refused(R"({"fieldValidation":"Loose"})"), R"(fieldValidation must be one of Strict, Warn, Ignore (got "Loose"))");
  EXPECT_EQ(refused(R"({"credentials":{"auths":{"quay.io":{"auth":"%%%"}}}})").rfind("credentials: ", 0), 0u);
  EXPECT_EQ(refused(R"({"currentImageStream":{"kind":"Image","apiVersion":"image.openshift.io/v1","metadata":{"name":"x"}}})"),
            "currentImageStream: not an ImageStream");
}

TEST(ImportSession, OptionsReachTheImporter) {
  // platform linux/arm64/v8 picks the arm64 entry; credentials travel to the realm.
  FakeRegistry registry;
  registry.host("quay.io").auth = testing::RegistryAuth::Bearer;
  registry.users["alice"] = "secret";
  auto& r = registry.repo("quay.io", "org/web");
  std::string config = R"({"architecture":"arm64","os":"linux"})";
  std::string configDigest = r.putBlob(config);
  std::string manifest = R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":)" +
                         std::to_string(config.size()) + R"(,"digest":")" + configDigest + R"("},"layers":[]})";
  std::string manifestDigest = r.putManifest(kSchema2, manifest);
  r.putManifest("application/vnd.docker.distribution.manifest.list.v2+json",
                R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[)"
                R"({"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":1,"digest":"sha256:)" +
                    std::string(64, '0') + R"(","platform":{"architecture":"amd64","os":"linux"}},)"
                    R"({"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":1,"digest":")" +
                    manifestDigest + R"(","platform":{"architecture":"arm64","os":"linux","variant":"v8"}}]})",
                "1.2");
  ImportSession session(webSpec(), R"({"now":"2026-01-02T03:04:05Z","platform":"linux/arm64/v8","credentials":{"auths":{"quay.io":{"username":"alice","password":"secret"}}}})");
  std::string answer = runSession(session, registry);
  EXPECT_NE(answer.find("\"name\":\"" + manifestDigest + "\""), std::string::npos) << answer;
  EXPECT_EQ(FakeRegistry::header(*registry.find("GET", "auth.example.com"), "authorization"), "Basic YWxpY2U6c2VjcmV0");
}

// Step 7 of docs/validation.md §2.1: the ImageStreamImport's resourceVersion and uid must match the stream.
TEST(ImportSession, ResourceVersionAndUidChecks) {
  const std::string stream = R"("currentImageStream":{"kind":"ImageStream","apiVersion":"image.openshift.io/v1","metadata":{"name":"web","namespace":"demo","uid":"u-1","resourceVersion":"41"}})";
  auto ended = [&](const std::string& extraMeta, bool withStream) {
    ImportSession session(webSpec(extraMeta), withStream ? R"({"now":"2026-01-02T03:04:05Z",)" + stream + "}" : kOptions);
    State state = parseState(session.start());
    EXPECT_TRUE(state.requests.empty() || !state.done);
    return state.done && state.requests.empty() ? state.status : std::string("<importing>");
  };
  std::string conflict = ended(R"(,"resourceVersion":"40")", true);
  EXPECT_NE(conflict.find(R"("reason":"Conflict")"), std::string::npos) << conflict;
  EXPECT_NE(conflict.find(R"("code":409)"), std::string::npos);
  std::string otherUid = ended(R"(,"uid":"u-2")", true);
  EXPECT_NE(otherUid.find(R"("reason":"NotFound")"), std::string::npos) << otherUid;
  std::string noStream = ended(R"(,"resourceVersion":"41")", false);
  EXPECT_NE(noStream.find(R"("code":404)"), std::string::npos) << noStream;
  EXPECT_EQ(ended(R"(,"resourceVersion":"41","uid":"u-1")", true), "<importing>");
  EXPECT_EQ(ended("", false), "<importing>");
}

TEST(ImportSession, ResponsesItCannotUseAreIgnored) {
  FakeRegistry registry = webRegistry();
  ImportSession session(webSpec(), kOptions);
  State state = parseState(session.start());
  ASSERT_EQ(state.requests.size(), 1u);
  // Unknown ids and unreadable meta neither crash nor answer the outstanding request.
  for (const char* meta : {R"({"id":99,"status":200})", "not json", R"({"status":200})", "[]"}) {
    State s = parseState(session.feed(meta, "{}"));
    EXPECT_FALSE(s.done) << meta;
    EXPECT_TRUE(s.requests.empty()) << meta;
  }
  EXPECT_NE(session.result().find("the import has not finished"), std::string::npos);
  // A body over the cap is reported by the driver as "tooLarge".
  HttpResponse ping = registry.answer(state.requests[0]);
  State next = parseState(session.feed(metaOf(ping), ping.body));
  ASSERT_EQ(next.requests.size(), 1u);
  HttpResponse tooLarge;
  tooLarge.id = next.requests[0].id;
  tooLarge.status = 200;
  tooLarge.failure = TransportFailure::BodyTooLarge;
  State done = parseState(session.feed(metaOf(tooLarge), ""));
  EXPECT_TRUE(done.done);
  EXPECT_NE(session.result().find(
                R"(quay.io/org/web:1.2: manifest from https://quay.io/v2/org/web/manifests/1.2 exceeds the limit of 4194304 bytes)"),
            std::string::npos)
      << session.result();
}

TEST(ImportSession, ImportTrueAnswersWithTheStream) {
  FakeRegistry registry = webRegistry();
  ImportSession session(webSpec("", true), kOptions);
  std::string answer = runSession(session, registry);
  EXPECT_NE(answer.find(R"("import":{"metadata":{"name":"web","namespace":"demo","generation":1,"creationTimestamp":"2026-01-02T03:04:05Z")"),
            std::string::npos)
      << answer;
}

}  // namespace
}  // namespace isimport

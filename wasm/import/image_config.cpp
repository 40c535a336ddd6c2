#include "import/image_config.h"

#include "go/time_text.h"
#include "registry/registry_json.h"

namespace isimport {
namespace {

// dockerpre012.DockerConfig: the same members as the model's DockerConfig under its own Go name.
struct Pre012DockerConfig {
  static constexpr const char* kGoType = "dockerpre012.DockerConfig";
  static constexpr bool kLooseKeys = true;
  DockerConfig config;
};
ISIMPORT_FIELDS(Pre012DockerConfig) { fields(v, o.config); }

// The members docker10's and dockerpre012's image types share. Each type decodes them into its own
// time and config types, whose Go names its type errors print.
template <class GoTimeType, class Config>
struct ImageMembers {
  std::string id, parent, comment;
  GoTimeType created;
  std::string container;
  Config containerConfig;
  std::string dockerVersion, author;
  std::optional<Config> config;
  std::string architecture;
  int64_t size = 0;
};

template <class V, class S>
void imageMemberFields(V& v, S& o) {
  v.field("id", o.id, kAlways);
  v.field("parent", o.parent, kOmitEmpty);
  v.field("comment", o.comment, kOmitEmpty);
  v.field("created", o.created, kAlways);
  v.field("container", o.container, kOmitEmpty);
  v.field("container_config", o.containerConfig, kOmitEmpty);
  v.field("docker_version", o.dockerVersion, kOmitEmpty);
  v.field("author", o.author, kOmitEmpty);
  v.field("config", o.config, kOmitEmpty);
  v.field("architecture", o.architecture, kOmitEmpty);
  v.field("size", o.size, kOmitEmpty);
}

struct Pre012DockerImage : ImageMembers<GoMetaTime, Pre012DockerConfig> {
  static constexpr const char* kGoType = "dockerpre012.DockerImage";
  static constexpr bool kLooseKeys = true;
  std::string kind, apiVersion;  // metav1.TypeMeta, inlined
};
ISIMPORT_FIELDS(Pre012DockerImage) {
  v.field("kind", o.kind, kOmitEmpty);
  v.field("apiVersion", o.apiVersion, kOmitEmpty);
  imageMemberFields(v, o);
}

struct ConfigRootFS {
  static constexpr const char* kGoType = "docker10.DockerConfigRootFS";
  static constexpr bool kLooseKeys = true;
  std::string type;
  std::vector<std::string> diffIds;
};
ISIMPORT_FIELDS(ConfigRootFS) {
  v.field("type", o.type, kAlways);
  v.field("diff_ids", o.diffIds, kOmitEmpty);
}

struct ConfigHistory {
  static constexpr const char* kGoType = "docker10.DockerConfigHistory";
  static constexpr bool kLooseKeys = true;
  GoTime created;
  std::string author, createdBy, comment;
  bool emptyLayer = false;
};
ISIMPORT_FIELDS(ConfigHistory) {
  v.field("created", o.created, kAlways);
  v.field("author", o.author, kOmitEmpty);
  v.field("created_by", o.createdBy, kOmitEmpty);
  v.field("comment", o.comment, kOmitEmpty);
  v.field("empty_layer", o.emptyLayer, kOmitEmpty);
}

// docker10.DockerImageConfig; docker10.DockerV1CompatibilityImage is its prefix up to `size`.
struct ImageConfig : ImageMembers<GoTime, DockerConfig> {
  static constexpr const char* kGoType = "docker10.DockerImageConfig";
  static constexpr bool kLooseKeys = true;
  std::optional<ConfigRootFS> rootfs;
  std::vector<ConfigHistory> history;
  std::string os, osVersion;
  std::vector<std::string> osFeatures;
};
ISIMPORT_FIELDS(ImageConfig) {
  imageMemberFields(v, o);
  v.field("rootfs", o.rootfs, kOmitEmpty);
  v.field("history", o.history, kOmitEmpty);
  v.field("os", o.os, kOmitEmpty);
  v.field("os.version", o.osVersion, kOmitEmpty);
  v.field("os.features", o.osFeatures, kOmitEmpty);
}

struct V1CompatibilityImage : ImageMembers<GoTime, DockerConfig> {
  static constexpr const char* kGoType = "docker10.DockerV1CompatibilityImage";
  static constexpr bool kLooseKeys = true;
};
ISIMPORT_FIELDS(V1CompatibilityImage) { imageMemberFields(v, o); }

struct V1CompatibilityImageSize {
  static constexpr const char* kGoType = "docker10.DockerV1CompatibilityImageSize";
  static constexpr bool kLooseKeys = true;
  int64_t size = 0;
};
ISIMPORT_FIELDS(V1CompatibilityImageSize) { v.field("size", o.size, kOmitEmpty); }

// ---- time fields ----
// A time field fails inside its own UnmarshalJSON, which ends decoding at once: that error wins over
// any type error met earlier in the document (TypedDecoder would keep the earlier one). So the time
// fields are checked first, in document order, the way encoding/json reaches them.

enum class TimeKind { Meta /* metav1.Time */, Go /* time.Time */ };

// The error of one time value, "" when it decodes. `context` is Go's "Struct.field.path" for the
// type error metav1.Time passes on from its inner string decoding.
std::string timeValueError(const json::Node& n, TimeKind kind, const std::string& context) {
  if (n.kind == json::Kind::Null) return "";
  if (n.kind != json::Kind::String) {
    if (kind == TimeKind::Go) return "Time.UnmarshalJSON: input is not a JSON string";
    return json::unmarshalTypeErrorText(json::goValueName(n.kind), "string", context);
  }
  return goParseRfc3339(n.text).error;
}

// `created` members of the object at `id` (and, with `history`, of each history entry), in order.
std::string firstTimeError(const json::Tree& tree, json::NodeId id, TimeKind kind, const char* goStruct,
                           bool withHistory) {
  const json::Node& root = tree.at(id);
  if (root.kind != json::Kind::Object) return "";
  for (uint32_t i = 0; i < root.count; ++i) {
    const std::string& key = tree.key(root, i);
    const json::Node& value = tree.at(tree.child(root, i));
    if (goFoldEqual(key, "created")) {
      if (std::string e = timeValueError(value, kind, std::string(goStruct) + ".created"); !e.empty()) return e;
    } else if (withHistory && goFoldEqual(key, "history") && value.kind == json::Kind::Array) {
      for (uint32_t j = 0; j < value.count; ++j) {
        const json::Node& entry = tree.at(tree.child(value, j));
        if (entry.kind != json::Kind::Object) continue;
        for (uint32_t k = 0; k < entry.count; ++k) {
          if (!goFoldEqual(tree.key(entry, k), "created")) continue;
          const json::Node& created = tree.at(tree.child(entry, k));
          if (std::string e = timeValueError(created, kind, "DockerConfigHistory.history.created"); !e.empty()) return e;
        }
      }
    }
  }
  return "";
}

// Parse, check the time fields, then decode.
template <class T>
std::string unmarshalWithTimes(std::string_view text, T& out, TimeKind kind, const char* goStruct, bool withHistory) {
  gojson::Document doc = gojson::parse(text);
  if (!doc.ok) return doc.error;
  if (std::string e = firstTimeError(doc.tree, 0, kind, goStruct, withHistory); !e.empty()) return e;
  return gojson::decode(doc.tree, 0, out);
}

// Go's zero time.Time (0001-01-01T00:00:00Z) is what metav1.Time prints as null.
Time metaTime(const Time& t) { return t.set && t.unixSeconds == kGoZeroTimeUnix ? Time{} : t; }

const DockerConfig& modelConfig(const DockerConfig& config) { return config; }
const DockerConfig& modelConfig(const Pre012DockerConfig& config) { return config.config; }

// Reads `text` as upstream's type `In` and keeps what the model's DockerImage holds.
template <class In>
ConfigRead readImage(std::string_view text, TimeKind kind, const char* goStruct, bool withHistory) {
  ConfigRead result;
  In in;
  result.error = unmarshalWithTimes(text, in, kind, goStruct, withHistory);
  if (!result.error.empty()) return result;
  DockerImage& out = result.image;
  out.id = in.id;
  out.parent = in.parent;
  out.comment = in.comment;
  out.created = metaTime(in.created.time);
  out.container = in.container;
  out.containerConfig = modelConfig(in.containerConfig);
  out.dockerVersion = in.dockerVersion;
  out.author = in.author;
  if (in.config) out.config = modelConfig(*in.config);
  out.architecture = in.architecture;
  out.size = in.size;
  return result;
}

}  // namespace

ConfigRead readPre012Image(std::string_view text) {
  return readImage<Pre012DockerImage>(text, TimeKind::Meta, "DockerImage", false);
}

ConfigRead readImageConfig(std::string_view text) {
  return readImage<ImageConfig>(text, TimeKind::Go, "DockerImageConfig", true);
}

ConfigRead readV1Compatibility(std::string_view text) {
  return readImage<V1CompatibilityImage>(text, TimeKind::Go, "DockerV1CompatibilityImage", false);
}

int64_t v1CompatibilityLayerSize(std::string_view text) {
  V1CompatibilityImageSize in;
  if (!gojson::unmarshal(text, in).empty()) return 0;
  return in.size;
}

}  // namespace isimport

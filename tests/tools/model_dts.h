// The TypeScript declarations of types declared by field lists (wasm/model/fields.h): the model's
// (web/lib/model.d.ts, generateModelDts()) and, through DtsBuilder, the boundary's
// (boundary_dts.h). One interface per Described type, from the same `fields` functions the codec
// and the JSON Schemas walk.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "json/go_types.h"     // Described, kLooseKeys
#include "json/json_writer.h"  // json::quote
#include "model/image_stream_import.h"

namespace isimport::model_dts {

struct ModelDts {
  std::string text;   // the whole of web/lib/model.d.ts
  std::string error;  // non-empty when two Go types would get one TypeScript name
};

template <class T>
concept Kind = Described<T> && requires { T::kKind; };

// The TypeScript type of one C++ member type, as the JSON the encoder writes for it.
struct TsType {
  std::string text;
  bool nullable = false;       // the encoder can write null for it (an unset Time, an empty optional)
  bool omittedIfEmpty = true;  // `omitempty` drops it when empty (Go never drops structs; Time is one)
};

class DtsBuilder {
 public:
  template <Kind T>
  void addKind() {
    (void)of(static_cast<const T*>(nullptr));
  }
  template <Described T>
  void addType() {
    (void)of(static_cast<const T*>(nullptr));
  }

  // How many interfaces are declared so far, and those declared after such a count: the model's
  // types are added first, so that the boundary's file declares only its own and imports these.
  size_t declared() const { return order_.size(); }
  std::string declarationsSince(size_t count) const {
    std::string out;
    for (size_t i = count; i < order_.size(); ++i) out += "\n" + declarations_.at(order_[i]);
    return out;
  }

  ModelDts finish() const {
    std::string out =
        "// The Kubernetes / OpenShift object model (image.openshift.io/v1) as JSON: one interface per\n"
        "// type of the C++ model. GENERATED from its field lists (wasm/model/*.h) by\n"
        "//   build/native/schema_gen   (tests/tools/schema_gen.cpp)\n"
        "// Do not edit by hand: tests/wasm/json/schema_test.cpp fails when this file differs from the\n"
        "// generator's output. `?`: the field is `omitempty` (on a kind: not required from a client);\n"
        "// `| null`: the JSON can hold null there. web/lib/api.d.ts re-exports these types.\n";
    if (usesTime_) {
      out +=
          "\n/** metav1.Time as JSON: RFC 3339 in UTC with whole seconds, e.g. \"2024-01-02T03:04:05Z\". */\n"
          "export type Time = string;\n";
    }
    for (const std::string& name : order_) out += "\n" + declarations_.at(name);
    return ModelDts{out, error_};
  }

  TsType of(const std::string*) { return {"string"}; }
  TsType of(const Text*) { return {"string"}; }
  TsType of(const bool*) { return {"boolean"}; }
  TsType of(const int64_t*) { return {"number"}; }
  TsType of(const int32_t*) { return {"number"}; }
  TsType of(const size_t*) { return {"number"}; }
  TsType of(const Time*) {
    usesTime_ = true;
    return {"Time", true, false};
  }
  TsType of(const Bytes*) { return {"string", false, false}; }  // base64
  TsType of(const RawJson*) { return {"unknown", false, false}; }
  TsType of(const Empty*) { return {"Record<string, never>", false, false}; }

  // A pointer in Go: null when unset. (A set *metav1.Time is never the zero time.)
  template <class T>
  TsType of(const std::optional<T>*) {
    return {of(static_cast<const T*>(nullptr)).text, true};
  }
  template <class T>
  TsType of(const std::vector<T>*) {
    TsType item = of(static_cast<const T*>(nullptr));
    return {item.nullable ? "Array<" + item.text + " | null>" : item.text + "[]"};
  }
  template <class V>
  TsType of(const std::map<std::string, V>*) {
    TsType value = of(static_cast<const V*>(nullptr));
    return {"Record<string, " + value.text + (value.nullable ? " | null" : "") + ">"};
  }
  template <Described T>
  TsType of(const T*) {
    std::string goType = T::kGoType;
    std::string name = goType.substr(goType.rfind('.') + 1);  // v1.ObjectMeta → ObjectMeta
    auto known = goTypes_.find(name);
    if (known != goTypes_.end()) {
      if (known->second != goType) {
        error_ += "both " + known->second + " and " + goType + " would be the TypeScript type " + name + "\n";
      }
      return {name, false, false};
    }
    goTypes_[name] = goType;
    order_.push_back(name);  // reserved before the fields: types may nest
    declarations_[name] = interfaceOf<T>(name);
    return {name, false, false};
  }

 private:
  std::vector<std::string> order_;  // interfaces in first-use order, depth first from each kind
  std::map<std::string, std::string> declarations_, goTypes_;
  bool usesTime_ = false;
  std::string error_;

  template <Described T>
  std::string interfaceOf(const std::string& name) {
    std::string doc = T::kGoType;
    if constexpr (Kind<T>) doc += std::string(", the kind ") + T::kKind + " (image.openshift.io/v1)";
    if (kLooseKeys<T>) doc += ": keys match case-insensitively; unknown keys are dropped";
    const char* kindName = nullptr;
    if constexpr (Kind<T>) kindName = T::kKind;
    MemberWriter members{*this, kindName, {}};
    T sample;
    fields(members, sample);
    return "/** " + doc + ". */\nexport interface " + name + " {\n" + members.text + "}\n";
  }

  static bool isIdentifier(const std::string& s) {
    if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
    for (char c : s) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
      if (!ok) return false;
    }
    return true;
  }

  struct MemberWriter {
    DtsBuilder& builder;
    const char* kindName;  // on a kind: its fields are required only when the server requires them
    std::string text;

    template <class M>
    void field(const char* name, const M&, unsigned flags) {
      TsType type = builder.of(static_cast<const M*>(nullptr));
      if (kindName && std::string(name) == "kind") type.text = std::string("'") + kindName + "'";  // its own name
      bool omitEmpty = flags & kOmitEmpty;
      bool optional = omitEmpty || (kindName && !(flags & kRequired));
      bool nullable = type.nullable && !(omitEmpty && type.omittedIfEmpty);
      std::string key = isIdentifier(name) ? name : json::quote(name);
      text += "  " + key + (optional ? "?: " : ": ") + type.text + (nullable ? " | null" : "") + ";\n";
    }
    // A string field that takes one of a few words: their union.
    template <class M, class Words>
    void field(const char* name, const M& member, unsigned flags, const Words& words) {
      std::string before = text;
      field(name, member, flags);
      std::string literals;
      for (const char* w : words) literals += (literals.empty() ? "'" : " | '") + std::string(w) + "'";
      std::string line = text.substr(before.size());
      text = before + line.replace(line.find("string"), 6, literals);
    }
  };
};

inline ModelDts generateModelDts() {
  DtsBuilder builder;
  builder.addKind<ImageStreamImport>();
  builder.addKind<ImageStream>();
  builder.addKind<Image>();
  return builder.finish();
}

}  // namespace isimport::model_dts

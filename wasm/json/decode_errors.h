// Go's decoding rules for errors, in one place for both decoders of the model (text_decoder.h for
// request bodies, typed_decoder.h for registry answers), as encoding/json and sigs.k8s.io/json
// apply them (docs/model.md §1.20):
//   - the first type error is kept and decoding goes on (decode.go `saveError`); an error from a
//     type's own UnmarshalJSON ends decoding and replaces it;
//   - unknown and duplicate fields are collected as strict errors, each text once, at most 100
//     (sigs.k8s.io/json internal/golang/encoding/json `d.savedStrictErrors`), and not at all inside
//     a struct whose keys are loose (RawExtension-like);
//   - a type error names "Struct.field.path" (the innermost struct's short type name, then the
//     field names without indices, decode.go `addErrorContext`); a strict error names the field
//     path with indices.
// Each finding is also kept as a Diagnostic (diagnostic.h) with its path and byte, so that nothing
// downstream has to read them back out of the texts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "json/diagnostic.h"
#include "json/json_writer.h"

namespace isimport {

// Where a decoder is: a stack of struct fields and list indices. Only spelled out for an error.
class DecodePath {
 public:
  void pushField(const char* name, const char* ownerGoType) { push(Frame{name, 0, ownerGoType}); }
  void pushIndex(size_t index) { push(Frame{nullptr, index, nullptr}); }
  void pop() { --depth_; }

  // "spec.images[0].from" (strict errors and diagnostics).
  [[gnu::cold, gnu::noinline]] std::string path() const;
  // path() + "." + key: the member `key` of the object being decoded.
  [[gnu::cold, gnu::noinline]] std::string childPath(std::string_view key) const;
  // "Struct.field.path" for Go's type errors, or "" outside any struct field.
  [[gnu::cold, gnu::noinline]] std::string goContext() const;

 private:
  struct Frame {
    const char* name;         // a struct field's JSON name, or null for a list index
    size_t index;
    const char* ownerGoType;  // the Go type of the struct holding the field
  };
  std::vector<Frame> frames_;  // the first depth_ are in use; grown only when full
  size_t depth_ = 0;
  void push(const Frame& frame) {
    if (depth_ == frames_.size()) grow();
    frames_[depth_++] = frame;
  }
  [[gnu::noinline]] void grow() { frames_.resize(frames_.size() * 2 + 16); }
};

// The errors of one decoding. Every recording function is out of line and cold: errors are rare,
// and each struct's decoding would otherwise carry a copy.
class DecodeErrors {
 public:
  // The first type error, or the error that ended decoding ("" when none).
  const std::string& error() const { return error_; }
  bool fatal() const { return fatal_; }
  // The strict errors' texts ("unknown field \"spec.x\"") and their findings, in the same order.
  const std::vector<std::string>& strictErrors() const { return strict_; }
  const std::vector<Diagnostic>& strictFindings() const { return strictFindings_; }
  // The finding behind error() when it is a type error inside a struct field (else kind is "").
  const Diagnostic& typeFinding() const { return typeFinding_; }

  [[gnu::cold, gnu::noinline]] void typeError(std::string_view jsonValue, const std::string& goType,
                                              const DecodePath& at, int64_t byteOffset);
  [[gnu::cold, gnu::noinline]] void plainError(std::string text);
  [[gnu::cold, gnu::noinline]] void fatalError(std::string text);
  // A type error raised inside an UnmarshalJSON: Go adds the field context on the way out, and it
  // ends decoding.
  [[gnu::cold, gnu::noinline]] void fatalTypeError(std::string_view jsonValue, const std::string& goType,
                                                   const DecodePath& at, int64_t byteOffset);
  [[gnu::cold, gnu::noinline]] void unknownField(const DecodePath& at, std::string_view key, int64_t byteOffset);
  [[gnu::cold, gnu::noinline]] void duplicateField(const DecodePath& at, std::string_view key, int64_t byteOffset);

  // Inside a struct with loose keys the apiserver applies no strict checks.
  bool loose() const { return loose_; }
  struct LooseScope {
    DecodeErrors& e;
    bool was;
    explicit LooseScope(DecodeErrors& errors) : e(errors), was(errors.loose_) { e.loose_ = true; }
    ~LooseScope() { e.loose_ = was; }
  };

 private:
  void strictError(const char* kind, std::string path, int64_t byteOffset);

  std::string error_;
  bool fatal_ = false;
  bool loose_ = false;
  Diagnostic typeFinding_;
  std::vector<std::string> strict_;
  std::vector<Diagnostic> strictFindings_;
  std::unordered_set<std::string> seenStrict_;
};

}  // namespace isimport

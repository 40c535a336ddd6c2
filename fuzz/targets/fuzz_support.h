// What every fuzz target shares: reading the fuzzer's bytes as a little program (choices, sizes,
// strings) and checking invariants. A broken invariant aborts with its reason, which libFuzzer
// reports as a crash and keeps the input that caused it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "json/json_tree.h"

namespace isimport::fuzz {

[[noreturn]] inline void broken(std::string_view what, std::string_view detail = {}) {
  std::fprintf(stderr, "invariant broken: %.*s\n%.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(detail.size() > 4000 ? 4000 : detail.size()), detail.data());
  std::abort();
}

inline void check(bool ok, std::string_view what, std::string_view detail = {}) {
  if (!ok) broken(what, detail);
}

// The core's answers are JSON text: each must parse.
inline json::Tree mustBeJson(std::string_view text, std::string_view what) {
  json::ParseResult parsed = json::parse(text);
  if (!parsed.ok) broken(std::string(what) + " is not JSON: " + parsed.error, text);
  return std::move(parsed.tree);
}

// The member `key` of the object at `id`, or nullptr.
inline const json::Node* member(const json::Tree& tree, json::NodeId id, std::string_view key) {
  const json::Node& n = tree.at(id);
  if (n.kind != json::Kind::Object) return nullptr;
  for (uint32_t i = 0; i < n.count; ++i) {
    if (tree.key(n, i) == key) return &tree.at(tree.child(n, i));
  }
  return nullptr;
}

// The fuzzer's bytes, consumed front to back; past the end every read gives zeros and "".
class Input {
 public:
  Input(const uint8_t* data, size_t size) : data_(reinterpret_cast<const char*>(data)), size_(size) {}

  bool empty() const { return at_ >= size_; }
  uint8_t byte() { return at_ < size_ ? static_cast<uint8_t>(data_[at_++]) : 0; }
  // A choice among n (n > 0).
  size_t choose(size_t n) { return byte() % n; }
  uint16_t u16() { return static_cast<uint16_t>(byte() | (byte() << 8)); }
  // A string of up to `max` bytes: a length byte (scaled), then the bytes.
  std::string_view string(size_t max = 255) {
    size_t n = max <= 255 ? byte() % (max + 1) : (u16() % (max + 1));
    if (n > size_ - std::min(at_, size_)) n = size_ - std::min(at_, size_);
    std::string_view s(data_ + at_, n);
    at_ += n;
    return s;
  }
  // Everything left.
  std::string_view rest() {
    std::string_view s(data_ + std::min(at_, size_), size_ - std::min(at_, size_));
    at_ = size_;
    return s;
  }

 private:
  const char* data_;
  size_t size_;
  size_t at_ = 0;
};

}  // namespace isimport::fuzz

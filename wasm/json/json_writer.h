// Compact JSON output byte-for-byte as Go's encoding/json writes it (the API server's encoder):
// HTML-sensitive characters and U+2028/U+2029 escaped, invalid UTF-8 replaced by U+FFFD.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace isimport::json {

class Writer {
 public:
  void beginObject() { separate(); out_ += '{'; first_ = true; }
  void endObject() { out_ += '}'; first_ = false; }
  void beginArray() { separate(); out_ += '['; first_ = true; }
  void endArray() { out_ += ']'; first_ = false; }
  void key(std::string_view name) { separate(); appendQuoted(name); out_ += ':'; first_ = true; }
  void string(std::string_view value) { separate(); appendQuoted(value); }
  void integer(int64_t value) { separate(); out_ += std::to_string(value); }
  void boolean(bool value) { separate(); out_ += value ? "true" : "false"; }
  void null() { separate(); out_ += "null"; }
  void raw(std::string_view json) { separate(); out_ += json; }

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void separate() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  void appendQuoted(std::string_view value);

  std::string out_;
  bool first_ = true;
};

// The quoted JSON string literal of `value`, as Go encodes it.
std::string quote(std::string_view value);

}  // namespace isimport::json

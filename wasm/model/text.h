// The value of a string field of the model. It is either its own copy of the bytes, as a
// std::string is, or a view of the bytes of the request it was decoded from: validating a request
// reads a few dozen short strings and drops them all when the call returns, and copying each into
// the model cost an eighth of the native core's instructions (a twentieth of the wasm module's
// time, whose allocations come from a call arena).
//
// Only a decoder asked to (DecodeOptions::borrowText) makes views, and only for a caller whose
// text outlives the object. A copy of a Text always owns its bytes, so a view never travels
// further than moves of the object that was decoded: whatever keeps a copy is safe.
//
// Owned bytes are one allocation of their own, with no short-text buffer inside the value as
// std::string has: a move is three words and a default value is all zeros.
#pragma once

#include <compare>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace isimport {

class Text {
 public:
  Text() = default;
  Text(std::string_view text) { assign(text); }  // NOLINT: a string field takes text
  Text(const std::string& text) { assign(text); }  // NOLINT
  Text(const char* text) { assign(text); }  // NOLINT
  Text(const Text& other) { assign(other.view()); }
  // Moves are three words (a model's vectors move their elements as they grow).
  Text(Text&& other) noexcept : data_(other.data_), size_(other.size_), owned_(other.owned_) { other.forget(); }
  ~Text() { drop(); }
  Text& operator=(const Text& other) {
    if (this != &other) assign(other.view());
    return *this;
  }
  Text& operator=(Text&& other) noexcept {
    if (this != &other) {
      drop();
      data_ = other.data_, size_ = other.size_, owned_ = other.owned_;
      other.forget();
    }
    return *this;
  }
  Text& operator=(std::string_view text) { return assign(text); }
  Text& operator=(const std::string& text) { return assign(text); }
  Text& operator=(const char* text) { return assign(text); }

  // Views `text`, which must outlive this value and every move of it.
  void borrow(std::string_view text) {
    drop();
    data_ = text.data(), size_ = text.size(), owned_ = false;
  }

  operator std::string_view() const { return view(); }  // NOLINT: reads as the text it holds
  // A copy, for the importer's code that keeps names in std::strings (sets, maps, messages). The
  // validation path reads views: a call to this there is a copy it need not make.
  operator std::string() const { return str(); }  // NOLINT
  std::string_view view() const { return {data_, size_}; }
  std::string str() const { return std::string(data_, size_); }
  const char* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  char front() const { return data_[0]; }
  char back() const { return data_[size_ - 1]; }
  char operator[](size_t i) const { return data_[i]; }
  const char* begin() const { return data_; }
  const char* end() const { return data_ + size_; }
  size_t find(char c, size_t from = 0) const { return view().find(c, from); }
  size_t find(std::string_view s, size_t from = 0) const { return view().find(s, from); }
  size_t rfind(char c, size_t from = std::string_view::npos) const { return view().rfind(c, from); }
  std::string_view substr(size_t from, size_t count = std::string_view::npos) const { return view().substr(from, count); }
  bool starts_with(std::string_view prefix) const { return view().starts_with(prefix); }
  bool ends_with(std::string_view suffix) const { return view().ends_with(suffix); }
  void clear() {
    drop();
    forget();
  }

  friend bool operator==(const Text& a, const Text& b) { return a.view() == b.view(); }
  friend bool operator==(const Text& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const Text& a, const char* b) { return a.view() == b; }
  friend bool operator==(const Text& a, const std::string& b) { return a.view() == b; }
  friend std::strong_ordering operator<=>(const Text& a, const Text& b) { return a.view().compare(b.view()) <=> 0; }
  friend std::string operator+(const Text& a, std::string_view b) { return a.str().append(b); }
  friend std::string operator+(std::string a, const Text& b) { return a.append(b.view()); }
  friend std::string operator+(const char* a, const Text& b) { return std::string(a).append(b.view()); }
  // Printed as its text by any stream (the tests' messages), without this header naming one.
  template <class Stream>
    requires requires(Stream& out, std::string_view v) { out << v; }
  friend Stream& operator<<(Stream& out, const Text& text) {
    out << text.view();
    return out;
  }

 private:
  // A copy of `text` (which may be a part of this value's own bytes: copied before they go).
  Text& assign(std::string_view text) {
    char* bytes = nullptr;
    if (!text.empty()) {
      bytes = new char[text.size()];
      std::memcpy(bytes, text.data(), text.size());
    }
    drop();
    data_ = bytes, size_ = text.size(), owned_ = bytes != nullptr;
    return *this;
  }
  void drop() {
    if (owned_) delete[] data_;
  }
  // Holds nothing, owns nothing (after a move or a clear).
  void forget() { data_ = nullptr, size_ = 0, owned_ = false; }

  const char* data_ = nullptr;
  size_t size_ = 0;
  bool owned_ = false;
};

}  // namespace isimport

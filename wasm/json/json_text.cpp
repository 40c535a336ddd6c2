#include "json/json_text.h"

#include <cstring>
#include <vector>

#include "go/go_text.h"  // appendUtf8
#include "json/go_json_scan.h"
#include "json/go_types.h"
#include "json/json_writer.h"

namespace isimport::json {
namespace {

constexpr size_t kMaxDepth = 10000;  // Go's scanner: maxNestingDepth

// Eight bytes at a time through the plain runs of strings (the bulk of any document). Each test
// sets the high bit of every byte that is (or, after a byte that is, may be) of that class, which
// is enough to say the word needs a look byte by byte.
constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighs = 0x8080808080808080ULL;
inline uint64_t wordAt(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline uint64_t bytesEqual(uint64_t v, unsigned char c) {
  uint64_t x = v ^ (kOnes * c);
  return (x - kOnes) & ~x & kHighs;
}
// A quote or a backslash in the word.
inline bool quoteOrEscape(uint64_t v) { return (bytesEqual(v, '"') | bytesEqual(v, '\\')) != 0; }
// A quote, a backslash, a control character or a non-ASCII byte in the word.
inline bool notPlainAscii(uint64_t v) { return (((v - kOnes * 0x20) & ~v & kHighs) | (v & kHighs)) != 0 || quoteOrEscape(v); }

inline bool isSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
inline bool isDigit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool isHex(unsigned char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// The length of the well-formed UTF-8 sequence starting at p (0 when it is not one).
size_t utf8Length(const unsigned char* p, const unsigned char* end) {
  unsigned char c = p[0];
  auto cont = [&](size_t k) { return p + k < end && (p[k] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && p[1] < 0xA0) return 0;  // overlong
    if (c == 0xED && p[1] >= 0xA0) return 0;  // a surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && p[1] < 0x90) return 0;  // overlong
    if (c == 0xF4 && p[1] >= 0x90) return 0;  // beyond U+10FFFF
    return 4;
  }
  return 0;
}

// Validity only: when it says no, Go's scanner says what and where (checkSyntax).
class Checker {
 public:
  Checker(std::string_view text, SyntaxCheck& notes, std::string_view note0, std::string_view note1)
      : p_(reinterpret_cast<const unsigned char*>(text.data())), begin_(p_), end_(p_ + text.size()), notes_(notes),
        names_{note0, note1} {}

  // true, or false with badUtf8_ set when the only fault is invalid UTF-8 in a string at at_.
  bool run() {
    std::vector<unsigned char> stack;  // '{' or '[' per open container
    stack.reserve(16);
  value:
    space();
    if (p_ == end_) return false;
    if (stack.empty()) notes_.root = kindAt(*p_);
    if (noting_ >= 0) note();
    switch (*p_) {
      case '{':
        stack.push_back('{');
        if (stack.size() > kMaxDepth) return false;
        ++p_;
        space();
        if (p_ < end_ && *p_ == '}') {
          ++p_;
          stack.pop_back();
          goto after;
        }
        goto key;
      case '[':
        stack.push_back('[');
        if (stack.size() > kMaxDepth) return false;
        ++p_;
        space();
        if (p_ < end_ && *p_ == ']') {
          ++p_;
          stack.pop_back();
          goto after;
        }
        goto value;
      case '"':
        if (!string()) return false;
        goto after;
      case 't':
        if (!literal("true")) return false;
        goto after;
      case 'f':
        if (!literal("false")) return false;
        goto after;
      case 'n':
        if (!literal("null")) return false;
        goto after;
      default:
        if (*p_ == '-' || isDigit(*p_)) {
          if (!number()) return false;
          goto after;
        }
        return false;
    }
  key:
    space();
    if (p_ == end_ || *p_ != '"') return false;
    {
      const unsigned char* keyStart = p_;
      if (!string()) return false;
      if (stack.size() == 1 && !names_[0].empty()) noting_ = noteFor(keyStart);
    }
    space();
    if (p_ == end_ || *p_ != ':') return false;
    ++p_;
    goto value;
  after:
    space();
    if (stack.empty()) return p_ == end_;
    if (p_ == end_) return false;
    if (*p_ == ',') {
      ++p_;
      if (stack.back() == '{') goto key;
      goto value;
    }
    if (*p_ == (stack.back() == '{' ? '}' : ']')) {
      ++p_;
      stack.pop_back();
      goto after;
    }
    return false;
  }

  bool badUtf8() const { return badUtf8_; }

  static Kind kindAt(unsigned char c) {
    switch (c) {
      case '{': return Kind::Object;
      case '[': return Kind::Array;
      case '"': return Kind::String;
      case 't':
      case 'f': return Kind::Bool;
      case 'n': return Kind::Null;
      default: return Kind::Number;
    }
  }
  size_t at() const { return static_cast<size_t>(at_ - begin_); }

 private:
  void space() {
    while (p_ < end_ && isSpace(*p_)) ++p_;
  }

  // Which noted name the root member key starting at `quote` (checked) matches, or -1.
  int noteFor(const unsigned char* quote) {
    std::string_view raw(reinterpret_cast<const char*>(quote), static_cast<size_t>(p_ - quote));
    std::string_view key = raw.substr(1, raw.size() - 2);
    std::string unescaped;
    if (key.find('\\') != std::string_view::npos) {
      Cursor at(raw);
      key = at.string(unescaped);
    }
    if (key == "items") notes_.rootItems = true;
    for (int i = 0; i < 2; ++i) {
      if (!names_[i].empty() && (key == names_[i] || goFoldEqual(key, names_[i]))) return i;
    }
    return -1;
  }

  // The value at p_ belongs to noted member noting_.
  void note() {
    RootMember& member = notes_.noted[noting_];
    member.present = true;
    Kind kind = kindAt(*p_);
    if (kind != Kind::Null) {
      member.kind = kind;
      member.offset = static_cast<size_t>(p_ - begin_);
      if (kind != Kind::String && notes_.firstNonString < 0) notes_.firstNonString = noting_;
    }
    noting_ = -1;
  }

  bool literal(const char* word) {
    for (const char* w = word; *w; ++w, ++p_) {
      if (p_ == end_ || *p_ != static_cast<unsigned char>(*w)) return false;
    }
    return true;
  }

  bool string() {
    ++p_;  // the opening quote
    for (;;) {
      while (end_ - p_ >= 8 && !notPlainAscii(wordAt(p_))) p_ += 8;
      while (p_ < end_ && *p_ >= 0x20 && *p_ < 0x80 && *p_ != '"' && *p_ != '\\') ++p_;
      if (p_ == end_) return false;
      unsigned char c = *p_;
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c == '\\') {
        if (++p_ == end_) return false;
        unsigned char e = *p_++;
        if (e == 'u') {
          for (int k = 0; k < 4; ++k, ++p_) {
            if (p_ == end_ || !isHex(*p_)) return false;
          }
        } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
          return false;
        }
        continue;
      }
      if (c < 0x20) return false;
      size_t n = utf8Length(p_, end_);
      if (n == 0) {
        badUtf8_ = true;
        at_ = p_;
        return false;
      }
      p_ += n;
    }
  }

  bool number() {
    if (*p_ == '-') {
      if (++p_ == end_ || !isDigit(*p_)) return false;
    }
    if (*p_ == '0') {
      ++p_;
    } else {
      while (p_ < end_ && isDigit(*p_)) ++p_;
    }
    if (p_ < end_ && *p_ == '.') {
      if (++p_ == end_ || !isDigit(*p_)) return false;
      while (p_ < end_ && isDigit(*p_)) ++p_;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      if (++p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !isDigit(*p_)) return false;
      while (p_ < end_ && isDigit(*p_)) ++p_;
    }
    return true;
  }

  const unsigned char* p_;
  const unsigned char* begin_;
  const unsigned char* end_;
  const unsigned char* at_ = nullptr;
  bool badUtf8_ = false;
  SyntaxCheck& notes_;
  std::string_view names_[2];
  int noting_ = -1;  // the noted name whose value comes next
};

void unescape(std::string_view s, std::string& out) {
  out.clear();
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c != '\\') {
      size_t j = s.find('\\', i);
      if (j == std::string_view::npos) j = s.size();
      out.append(s.substr(i, j - i));
      i = j;
      continue;
    }
    i = goscan::appendEscape(out, s, i);
  }
}

}  // namespace

SyntaxCheck checkSyntax(std::string_view text, std::string_view note0, std::string_view note1) {
  SyntaxCheck check;
  Checker checker(text, check, note0, note1);
  if (checker.run()) {
    check.ok = true;
    return check;
  }
  check = SyntaxCheck{};
  goscan::Scan go = goscan::checkValid(text);
  if (!go.ok) {
    check.error = std::move(go.error);
    check.offset = go.end;
    return check;
  }
  // Go reads the text; the only fault is invalid UTF-8 in a string, which the core refuses.
  check.error = "invalid UTF-8 in string literal at byte " + std::to_string(checker.at());
  check.offset = checker.at();
  return check;
}

void Cursor::skipSpace() {
  while (pos_ < text_.size() && isSpace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
}

Kind Cursor::kind() {
  skipSpace();
  switch (text_[pos_]) {
    case '{': return Kind::Object;
    case '[': return Kind::Array;
    case '"': return Kind::String;
    case 't':
    case 'f': return Kind::Bool;
    case 'n': return Kind::Null;
    default: return Kind::Number;
  }
}

bool Cursor::boolean() {
  skipSpace();
  bool value = text_[pos_] == 't';
  pos_ += value ? 4 : 5;
  return value;
}

void Cursor::null() {
  skipSpace();
  pos_ += 4;
}

std::string_view Cursor::number() {
  skipSpace();
  size_t start = pos_;
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (!(isDigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) break;
    ++pos_;
  }
  return text_.substr(start, pos_ - start);
}

std::string_view Cursor::string(std::string& scratch) {
  skipSpace();
  size_t start = ++pos_;
  bool escaped = false;
  for (;;) {
    char c = text_[pos_];
    if (c == '"') break;
    if (c == '\\') {
      escaped = true;
      pos_ += 2;
      continue;
    }
    ++pos_;
  }
  std::string_view body = text_.substr(start, pos_ - start);
  ++pos_;  // the closing quote
  if (!escaped) return body;
  unescape(body, scratch);
  return scratch;
}

void Cursor::skipValue() {
  skipSpace();
  size_t depth = 0;
  do {
    char c = text_[pos_];
    if (c == '"') {
      ++pos_;
      while (text_[pos_] != '"') pos_ += text_[pos_] == '\\' ? 2 : 1;
      ++pos_;
    } else if (c == '{' || c == '[') {
      ++depth;
      ++pos_;
    } else if (c == '}' || c == ']') {
      --depth;
      ++pos_;
    } else if (c == ',' || c == ':' || isSpace(static_cast<unsigned char>(c))) {
      ++pos_;
    } else {
      // A number or a literal: up to the next delimiter.
      while (pos_ < text_.size()) {
        char d = text_[pos_];
        if (d == ',' || d == '}' || d == ']' || d == ':' || isSpace(static_cast<unsigned char>(d))) break;
        ++pos_;
      }
    }
  } while (depth > 0);
}

std::string_view Cursor::rawValue() {
  skipSpace();
  size_t start = pos_;
  skipValue();
  return text_.substr(start, pos_ - start);
}

void Cursor::beginObject() {
  skipSpace();
  ++pos_;
}

bool Cursor::nextMember(std::string_view& key, std::string& scratch) {
  skipSpace();
  char c = text_[pos_];
  if (c == '}') {
    ++pos_;
    return false;
  }
  if (c == ',') {
    ++pos_;
    skipSpace();
  }
  keyOffset_ = pos_;
  key = string(scratch);
  skipSpace();
  ++pos_;  // ':'
  return true;
}

void Cursor::beginArray() {
  skipSpace();
  ++pos_;
}

bool Cursor::nextElement() {
  skipSpace();
  char c = text_[pos_];
  if (c == ']') {
    ++pos_;
    return false;
  }
  if (c == ',') ++pos_;
  return true;
}

std::string compactValue(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  std::string scratch;
  for (size_t i = 0; i < raw.size();) {
    char c = raw[i];
    if (isSpace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (c != '"') {
      out += c;
      ++i;
      continue;
    }
    size_t start = ++i;
    while (raw[i] != '"') i += raw[i] == '\\' ? 2 : 1;
    unescape(raw.substr(start, i - start), scratch);
    ++i;
    out += quote(scratch);
  }
  return out;
}

}  // namespace isimport::json

#include "json/json_text.h"

#include <array>
#include <cstring>
#include <vector>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "go/go_text.h"  // appendUtf8, sameText
#include "json/go_json_scan.h"
#include "json/go_types.h"
#include "json/json_writer.h"

namespace isimport::json {
namespace {

constexpr size_t kMaxDepth = 10000;  // Go's scanner: maxNestingDepth

// The bytes a string holds as they are (printable ASCII but the quote and the backslash), looked up
// one load per byte. The strings of these documents are short: this does fewer instructions than
// testing eight bytes at a time with word arithmetic, which it replaced.
constexpr std::array<bool, 256> kPlainByte = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  return plain;
}();

// The first byte from `p` on that is not plain (kPlainByte), or `end`. Where the target has 16-byte
// vectors (the validation module is built with wasm SIMD; x86-64 always has SSE2), sixteen bytes
// are tested at once while sixteen remain: one compare per kind of stop (the quote, the backslash,
// and a signed less-than 0x20, which takes in both control bytes and every byte from 0x80 up).
// Inside a document that is nearly every string, however short, since more text follows it.
[[gnu::always_inline]] inline const unsigned char* skipPlain(const unsigned char* p, const unsigned char* end) {
#if defined(__wasm_simd128__) || defined(__SSE2__)
  while (end - p >= 16) {
#if defined(__wasm_simd128__)
    v128_t bytes = wasm_v128_load(p);
    v128_t stops = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(bytes, wasm_i8x16_splat('"')), wasm_i8x16_eq(bytes, wasm_i8x16_splat('\\'))),
                                wasm_i8x16_lt(bytes, wasm_i8x16_splat(0x20)));
    unsigned mask = wasm_i8x16_bitmask(stops);
#else
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i stops = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))),
                                 _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20)));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(stops));
#endif
    if (mask != 0) return p + __builtin_ctz(mask);
    p += 16;
  }
#endif
  while (end - p >= 4 && kPlainByte[p[0]] && kPlainByte[p[1]] && kPlainByte[p[2]] && kPlainByte[p[3]]) p += 4;
  while (p < end && kPlainByte[*p]) ++p;
  return p;
}

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

// Where a string whose opening quote is just before `p` ends (its closing quote), or null when it
// is not well formed; `badUtf8` is where an invalid UTF-8 sequence made it so (with `goUtf8`
// such a byte is read as Go reads it, one replaced character, and is no fault).
struct StringScan {
  const unsigned char* close = nullptr;
  const unsigned char* badUtf8 = nullptr;
  bool escaped = false;
};
[[gnu::always_inline]] inline StringScan scanString(const unsigned char* p, const unsigned char* end, bool goUtf8) {
  StringScan scan;
  for (;;) {
    p = skipPlain(p, end);
    if (p == end) return scan;
    unsigned char c = *p;
    if (c == '"') {
      scan.close = p;
      return scan;
    }
    if (c == '\\') {
      scan.escaped = true;
      if (++p == end) return scan;
      unsigned char e = *p++;
      if (e == 'u') {
        for (int k = 0; k < 4; ++k, ++p) {
          if (p == end || !isHex(*p)) return scan;
        }
      } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
        return scan;
      }
      continue;
    }
    if (c < 0x20) return scan;
    size_t n = utf8Length(p, end);
    if (n == 0) {
      if (!goUtf8) {
        scan.badUtf8 = p;
        return scan;
      }
      n = 1;
    }
    p += n;
  }
}

// The first byte from `p` on that is not JSON whitespace, or `end`; with 16-byte vectors, sixteen
// bytes at a time while sixteen remain (an indented document's runs of spaces). Out of line: most
// values follow their colon or comma at once, and the test for that is inlined at each use.
[[gnu::noinline]] const unsigned char* skipSpaces(const unsigned char* p, const unsigned char* end) {
#if defined(__wasm_simd128__) || defined(__SSE2__)
  while (end - p >= 16) {
#if defined(__wasm_simd128__)
    v128_t bytes = wasm_v128_load(p);
    v128_t space = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(bytes, wasm_i8x16_splat(' ')), wasm_i8x16_eq(bytes, wasm_i8x16_splat('\n'))),
                                wasm_v128_or(wasm_i8x16_eq(bytes, wasm_i8x16_splat('\t')), wasm_i8x16_eq(bytes, wasm_i8x16_splat('\r'))));
    unsigned mask = ~wasm_i8x16_bitmask(space) & 0xFFFFu;
#else
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i space = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\n'))),
                                 _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\t')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\r'))));
    unsigned mask = ~static_cast<unsigned>(_mm_movemask_epi8(space)) & 0xFFFFu;
#endif
    if (mask != 0) return p + __builtin_ctz(mask);
    p += 16;
  }
#endif
  while (p < end && isSpace(*p)) ++p;
  return p;
}

// Where the number starting at `p` (a '-' or a digit) ends, or null when it is not one of Go's.
const unsigned char* scanNumber(const unsigned char* p, const unsigned char* end) {
  if (*p == '-') {
    if (++p == end || !isDigit(*p)) return nullptr;
  }
  if (*p == '0') {
    ++p;
  } else {
    while (p < end && isDigit(*p)) ++p;
  }
  if (p < end && *p == '.') {
    if (++p == end || !isDigit(*p)) return nullptr;
    while (p < end && isDigit(*p)) ++p;
  }
  if (p < end && (*p == 'e' || *p == 'E')) {
    if (++p < end && (*p == '+' || *p == '-')) ++p;
    if (p == end || !isDigit(*p)) return nullptr;
    while (p < end && isDigit(*p)) ++p;
  }
  return p;
}

// Where the literal `word` starting at `p` ends, or null when the bytes are not it.
const unsigned char* scanLiteral(const unsigned char* p, const unsigned char* end, std::string_view word) {
  if (static_cast<size_t>(end - p) < word.size() || !sameText({reinterpret_cast<const char*>(p), word.size()}, word)) return nullptr;
  return p + word.size();
}

// Validity only: when it says no, Go's scanner says what and where (checkSyntax).
class Checker {
 public:
  Checker(std::string_view text, SyntaxCheck& notes, std::string_view note0, std::string_view note1)
      : p_(reinterpret_cast<const unsigned char*>(text.data())), begin_(p_), end_(p_ + text.size()), notes_(notes),
        names_{note0, note1} {}
  // Checks only the one value starting at byte `from`, inside `depth` open containers, and not
  // what follows it (Cursor::skipValue); end() then says where it ends.
  Checker(std::string_view text, size_t from, size_t depth, bool goUtf8, SyntaxCheck& notes)
      : p_(reinterpret_cast<const unsigned char*>(text.data()) + from), begin_(p_ - from), end_(begin_ + text.size()),
        notes_(notes), oneValue_(true), goUtf8_(goUtf8), baseDepth_(depth) {}

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
        if (baseDepth_ + stack.size() > kMaxDepth) return false;
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
        if (baseDepth_ + stack.size() > kMaxDepth) return false;
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
    if (stack.empty()) return oneValue_ || p_ == end_;
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
  size_t end() const { return static_cast<size_t>(p_ - begin_); }

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

  bool literal(std::string_view word) {
    p_ = scanLiteral(p_, end_, word);
    return p_ != nullptr;
  }

  bool string() {
    StringScan scan = scanString(p_ + 1, end_, goUtf8_);
    if (!scan.close) {
      if (scan.badUtf8) {
        badUtf8_ = true;
        at_ = scan.badUtf8;
      }
      return false;
    }
    p_ = scan.close + 1;
    return true;
  }

  bool number() {
    p_ = scanNumber(p_, end_);
    return p_ != nullptr;
  }

  const unsigned char* p_;
  const unsigned char* begin_;
  const unsigned char* end_;
  const unsigned char* at_ = nullptr;
  bool badUtf8_ = false;
  SyntaxCheck& notes_;
  std::string_view names_[2];
  int noting_ = -1;  // the noted name whose value comes next
  bool oneValue_ = false;
  bool goUtf8_ = false;
  size_t baseDepth_ = 0;
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
  if (pos_ < text_.size() && isSpace(static_cast<unsigned char>(text_[pos_]))) moveTo(skipSpaces(here(), end()));
}

unsigned char Cursor::peek() {
  skipSpace();
  return pos_ < text_.size() ? static_cast<unsigned char>(text_[pos_]) : 0;
}

void Cursor::fail() {
  failed_ = true;
  pos_ = text_.size();
}

const unsigned char* Cursor::here() const { return reinterpret_cast<const unsigned char*>(text_.data()) + pos_; }
const unsigned char* Cursor::end() const { return reinterpret_cast<const unsigned char*>(text_.data()) + text_.size(); }
void Cursor::moveTo(const unsigned char* p) { pos_ = static_cast<size_t>(p - reinterpret_cast<const unsigned char*>(text_.data())); }

Kind Cursor::kind() {
  switch (peek()) {
    case '{': return Kind::Object;
    case '[': return Kind::Array;
    case '"': return Kind::String;
    case 't':
    case 'f': return Kind::Bool;
    case 'n':
    case 0: return Kind::Null;  // at the end: null() fails
    default: return Kind::Number;
  }
}

bool Cursor::boolean() {
  bool value = peek() == 't';
  const unsigned char* after = scanLiteral(here(), end(), value ? "true" : "false");
  if (!after) return fail(), false;
  moveTo(after);
  return value;
}

void Cursor::null() {
  skipSpace();
  const unsigned char* after = scanLiteral(here(), end(), "null");
  if (!after) return fail();
  moveTo(after);
}

std::string_view Cursor::number() {
  unsigned char c = peek();
  size_t start = pos_;
  const unsigned char* after = c == '-' || isDigit(c) ? scanNumber(here(), end()) : nullptr;
  if (!after) return fail(), std::string_view();
  moveTo(after);
  return text_.substr(start, pos_ - start);
}

std::string_view Cursor::string(std::string& scratch) {
  if (peek() != '"') return fail(), std::string_view();
  // Nearly every string is plain bytes up to its closing quote: that case is read here, small
  // enough to inline into the readers of keys and values; the rest out of line.
  const unsigned char* body = here() + 1;
  const unsigned char* stop = skipPlain(body, end());
  if (stop == end() || *stop != '"') return generalString(scratch);
  moveTo(stop + 1);
  return {reinterpret_cast<const char*>(body), static_cast<size_t>(stop - body)};
}

std::string_view Cursor::generalString(std::string& scratch) {
  size_t start = pos_ + 1;
  StringScan scan = scanString(here() + 1, end(), goUtf8_);
  if (!scan.close) return fail(), std::string_view();
  moveTo(scan.close + 1);
  std::string_view body = text_.substr(start, pos_ - 1 - start);
  if (!scan.escaped) return body;
  unescape(body, scratch);
  return scratch;
}

void Cursor::skipValue() {
  skipSpace();
  if (failed_) return;
  SyntaxCheck unused;
  Checker value(text_, pos_, depth_, goUtf8_, unused);
  if (!value.run()) return fail();
  pos_ = value.end();
}

std::string_view Cursor::rawValue() {
  skipSpace();
  size_t start = pos_;
  skipValue();
  if (failed_) return {};
  return text_.substr(start, pos_ - start);
}

void Cursor::open(unsigned char bracket) {
  if (peek() != bracket || ++depth_ > kMaxDepth) return fail();
  ++pos_;
  first_ = true;
}

void Cursor::close() {
  ++pos_;
  --depth_;
  first_ = false;  // the container was a value of the one around it, which has had one now
}

void Cursor::beginObject() { open('{'); }

bool Cursor::nextMember(std::string_view& key, std::string& scratch) {
  if (failed_) return false;
  unsigned char c = peek();
  if (c == '}') return close(), false;
  if (!first_) {
    if (c != ',') return fail(), false;
    ++pos_;
    c = peek();
  }
  if (c != '"') return fail(), false;
  keyOffset_ = pos_;
  key = string(scratch);
  if (failed_ || peek() != ':') return fail(), false;
  ++pos_;
  first_ = false;
  return true;
}

void Cursor::beginArray() { open('['); }

bool Cursor::nextElement() {
  if (failed_) return false;
  unsigned char c = peek();
  if (c == ']') return close(), false;
  if (!first_) {
    if (c != ',') return fail(), false;
    ++pos_;
  }
  first_ = false;
  return true;
}

bool Cursor::finish() {
  skipSpace();
  if (pos_ != text_.size() || depth_ != 0) fail();
  return !failed_;
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

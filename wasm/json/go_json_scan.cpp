#include "json/go_json_scan.h"

#include "json/go_types.h"

#include <cstdint>

#include "go/go_text.h"  // goQuote, goDecodeRune, appendGoRune, appendUtf8

namespace isimport::goscan {
namespace {

// The scanner is a byte-at-a-time state machine with the same states, transitions and error
// wording as Go's encoding/json scanner, so syntax errors read the same.
enum class Op { Continue, EndObject, EndArray, End, Error };

enum class State {
  BeginValue, BeginValueOrEmpty, BeginStringOrEmpty, BeginString, EndValue, EndTop,
  InString, InStringEsc, InStringEscU, InStringEscU1, InStringEscU12, InStringEscU123,
  Neg, One, Zero, Dot, Dot0, E, ESign, E0,
  T, Tr, Tru, F, Fa, Fal, Fals, N, Nu, Nul, Error
};

enum class Frame : uint8_t { ObjectKey, ObjectValue, ArrayValue };

constexpr size_t kMaxDepth = 10000;

bool isSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool isDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool isHex(unsigned char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }


// Go's quoteChar: the offending byte as a rune in single quotes.
std::string quoteChar(unsigned char c) {
  if (c == '\'') return "'\\''";
  if (c == '"') return "'\"'";
  std::string utf8;
  appendUtf8(utf8, c);
  std::string quoted = goQuote(utf8);
  return "'" + quoted.substr(1, quoted.size() - 2) + "'";
}

class Scanner {
 public:
  bool endTop = false;
  std::string error;

  Op step(unsigned char c) {
    switch (state_) {
      case State::BeginValueOrEmpty:
        if (isSpace(c)) return Op::Continue;
        if (c == ']') return endValue(c);
        return beginValue(c);
      case State::BeginValue: return beginValue(c);
      case State::BeginStringOrEmpty:
        if (isSpace(c)) return Op::Continue;
        if (c == '}') {
          stack_.back() = Frame::ObjectValue;
          return endValue(c);
        }
        return beginString(c);
      case State::BeginString: return beginString(c);
      case State::EndValue: return endValue(c);
      case State::EndTop: return endTopState(c);
      case State::InString:
        if (c == '"') {
          state_ = State::EndValue;
          return Op::Continue;
        }
        if (c == '\\') {
          state_ = State::InStringEsc;
          return Op::Continue;
        }
        if (c < 0x20) return fail(c, "in string literal");
        return Op::Continue;
      case State::InStringEsc:
        switch (c) {
          case 'b': case 'f': case 'n': case 'r': case 't': case '\\': case '/': case '"':
            state_ = State::InString;
            return Op::Continue;
          case 'u':
            state_ = State::InStringEscU;
            return Op::Continue;
          default: return fail(c, "in string escape code");
        }
      case State::InStringEscU: return hex(c, State::InStringEscU1);
      case State::InStringEscU1: return hex(c, State::InStringEscU12);
      case State::InStringEscU12: return hex(c, State::InStringEscU123);
      case State::InStringEscU123: return hex(c, State::InString);
      case State::Neg:
        if (c == '0') {
          state_ = State::Zero;
          return Op::Continue;
        }
        if (c >= '1' && c <= '9') {
          state_ = State::One;
          return Op::Continue;
        }
        return fail(c, "in numeric literal");
      case State::One:
        if (isDigit(c)) return Op::Continue;
        return zero(c);
      case State::Zero: return zero(c);
      case State::Dot:
        if (isDigit(c)) {
          state_ = State::Dot0;
          return Op::Continue;
        }
        return fail(c, "after decimal point in numeric literal");
      case State::Dot0:
        if (isDigit(c)) return Op::Continue;
        if (c == 'e' || c == 'E') {
          state_ = State::E;
          return Op::Continue;
        }
        return endValue(c);
      case State::E:
        if (c == '+' || c == '-') {
          state_ = State::ESign;
          return Op::Continue;
        }
        return eSign(c);
      case State::ESign: return eSign(c);
      case State::E0:
        if (isDigit(c)) return Op::Continue;
        return endValue(c);
      case State::T: return literal(c, 'r', State::Tr, "in literal true (expecting 'r')");
      case State::Tr: return literal(c, 'u', State::Tru, "in literal true (expecting 'u')");
      case State::Tru: return literal(c, 'e', State::EndValue, "in literal true (expecting 'e')");
      case State::F: return literal(c, 'a', State::Fa, "in literal false (expecting 'a')");
      case State::Fa: return literal(c, 'l', State::Fal, "in literal false (expecting 'l')");
      case State::Fal: return literal(c, 's', State::Fals, "in literal false (expecting 's')");
      case State::Fals: return literal(c, 'e', State::EndValue, "in literal false (expecting 'e')");
      case State::N: return literal(c, 'u', State::Nu, "in literal null (expecting 'u')");
      case State::Nu: return literal(c, 'l', State::Nul, "in literal null (expecting 'l')");
      case State::Nul: return literal(c, 'l', State::EndValue, "in literal null (expecting 'l')");
      case State::Error: return Op::Error;
    }
    return Op::Error;
  }

  // Go's scanner.eof(): feeding a space tells whether the value could end here.
  bool finish() {
    if (!error.empty()) return false;
    if (endTop) return true;
    step(' ');
    if (endTop) return true;
    if (error.empty()) error = "unexpected end of JSON input";
    return false;
  }

 private:
  Op fail(unsigned char c, const char* context) {
    state_ = State::Error;
    error = "invalid character " + quoteChar(c) + " " + context;
    return Op::Error;
  }

  Op push(unsigned char c, Frame frame, State next) {
    stack_.push_back(frame);
    if (stack_.size() > kMaxDepth) return fail(c, "exceeded max depth");
    state_ = next;
    return Op::Continue;
  }

  Op beginValue(unsigned char c) {
    if (isSpace(c)) return Op::Continue;
    switch (c) {
      case '{': return push(c, Frame::ObjectKey, State::BeginStringOrEmpty);
      case '[': return push(c, Frame::ArrayValue, State::BeginValueOrEmpty);
      case '"': state_ = State::InString; return Op::Continue;
      case '-': state_ = State::Neg; return Op::Continue;
      case '0': state_ = State::Zero; return Op::Continue;
      case 't': state_ = State::T; return Op::Continue;
      case 'f': state_ = State::F; return Op::Continue;
      case 'n': state_ = State::N; return Op::Continue;
      default: break;
    }
    if (c >= '1' && c <= '9') {
      state_ = State::One;
      return Op::Continue;
    }
    return fail(c, "looking for beginning of value");
  }

  Op beginString(unsigned char c) {
    if (isSpace(c)) return Op::Continue;
    if (c == '"') {
      state_ = State::InString;
      return Op::Continue;
    }
    return fail(c, "looking for beginning of object key string");
  }

  Op pop() {
    stack_.pop_back();
    if (stack_.empty()) {
      state_ = State::EndTop;
      endTop = true;
    } else {
      state_ = State::EndValue;
    }
    return Op::Continue;
  }

  Op endValue(unsigned char c) {
    if (stack_.empty()) {
      state_ = State::EndTop;
      endTop = true;
      return endTopState(c);
    }
    if (isSpace(c)) {
      state_ = State::EndValue;
      return Op::Continue;
    }
    switch (stack_.back()) {
      case Frame::ObjectKey:
        if (c == ':') {
          stack_.back() = Frame::ObjectValue;
          state_ = State::BeginValue;
          return Op::Continue;
        }
        return fail(c, "after object key");
      case Frame::ObjectValue:
        if (c == ',') {
          stack_.back() = Frame::ObjectKey;
          state_ = State::BeginString;
          return Op::Continue;
        }
        if (c == '}') {
          pop();
          return Op::EndObject;
        }
        return fail(c, "after object key:value pair");
      case Frame::ArrayValue:
        if (c == ',') {
          state_ = State::BeginValue;
          return Op::Continue;
        }
        if (c == ']') {
          pop();
          return Op::EndArray;
        }
        return fail(c, "after array element");
    }
    return Op::Error;
  }

  Op endTopState(unsigned char c) {
    if (!isSpace(c) && error.empty()) {
      // Go complains about a non-space byte after the value (Unmarshal reports it; a Decoder
      // never feeds it).
      error = "invalid character " + quoteChar(c) + " after top-level value";
    }
    return Op::End;
  }

  Op hex(unsigned char c, State next) {
    if (isHex(c)) {
      state_ = next;
      return Op::Continue;
    }
    return fail(c, "in \\u hexadecimal character escape");
  }

  Op zero(unsigned char c) {
    if (c == '.') {
      state_ = State::Dot;
      return Op::Continue;
    }
    if (c == 'e' || c == 'E') {
      state_ = State::E;
      return Op::Continue;
    }
    return endValue(c);
  }

  Op eSign(unsigned char c) {
    if (isDigit(c)) {
      state_ = State::E0;
      return Op::Continue;
    }
    return fail(c, "in exponent of numeric literal");
  }

  Op literal(unsigned char c, char want, State next, const char* context) {
    if (c == static_cast<unsigned char>(want)) {
      state_ = next;
      return Op::Continue;
    }
    return fail(c, context);
  }

  State state_ = State::BeginValue;
  std::vector<Frame> stack_;
};

size_t skipSpace(std::string_view text, size_t pos) {
  while (pos < text.size() && isSpace(static_cast<unsigned char>(text[pos]))) ++pos;
  return pos;
}

// End of the string starting at text[pos] == '"' (one past the closing quote).
size_t skipString(std::string_view text, size_t pos) {
  ++pos;
  while (pos < text.size()) {
    char c = text[pos];
    if (c == '\\') {
      pos += 2;
    } else if (c == '"') {
      return pos + 1;
    } else {
      ++pos;
    }
  }
  return text.size();
}

// End of the (valid) value starting at text[pos].
size_t skipValue(std::string_view text, size_t pos) {
  char c = text[pos];
  if (c == '"') return skipString(text, pos);
  if (c == '{' || c == '[') {
    size_t depth = 0;
    while (pos < text.size()) {
      char d = text[pos];
      if (d == '"') {
        pos = skipString(text, pos);
        continue;
      }
      if (d == '{' || d == '[') ++depth;
      if (d == '}' || d == ']') {
        if (--depth == 0) return pos + 1;
      }
      ++pos;
    }
    return text.size();
  }
  if (c == 't' || c == 'n') return pos + 4;
  if (c == 'f') return pos + 5;
  while (pos < text.size()) {
    char d = text[pos];
    if (isDigit(static_cast<unsigned char>(d)) || d == '-' || d == '+' || d == '.' || d == 'e' || d == 'E') {
      ++pos;
    } else {
      break;
    }
  }
  return pos;
}

Kind kindOf(char c) {
  switch (c) {
    case '{': return Kind::Object;
    case '[': return Kind::Array;
    case '"': return Kind::String;
    case 't': case 'f': return Kind::Bool;
    case 'n': return Kind::Null;
    default: return Kind::Number;
  }
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// Four hex digits after "\u" at text[pos], or -1.
int32_t readU4(std::string_view text, size_t pos) {
  if (pos + 6 > text.size() || text[pos] != '\\' || text[pos + 1] != 'u') return -1;
  int32_t r = 0;
  for (size_t i = pos + 2; i < pos + 6; ++i) {
    if (!isHex(static_cast<unsigned char>(text[i]))) return -1;
    r = r * 16 + hexValue(text[i]);
  }
  return r;
}

}  // namespace

Scan checkValid(std::string_view text) {
  Scanner s;
  Scan result;
  for (size_t i = 0; i < text.size(); ++i) {
    if (s.step(static_cast<unsigned char>(text[i])) == Op::Error || !s.error.empty()) {
      result.error = s.error;
      result.end = i;
      return result;
    }
  }
  if (!s.finish()) {
    result.error = s.error;
    result.end = text.size();
    return result;
  }
  result.ok = true;
  result.end = text.size();
  return result;
}

Scan firstValue(std::string_view text) {
  Scanner s;
  Scan result;
  for (size_t i = 0; i < text.size(); ++i) {
    Op op = s.step(static_cast<unsigned char>(text[i]));
    if (op == Op::End) {  // the value ended before this byte
      result.ok = true;
      result.end = i;
      return result;
    }
    if (op == Op::EndObject || op == Op::EndArray) {
      if (s.endTop) {  // Go steps a space here: the top-level container is complete
        result.ok = true;
        result.end = i + 1;
        return result;
      }
      continue;
    }
    if (op == Op::Error) {
      result.error = s.error;
      result.end = i;
      return result;
    }
  }
  // At end of input Go steps a space: a scalar may end there.
  if (s.error.empty() && s.step(' ') == Op::End) {
    result.ok = true;
    result.end = text.size();
    return result;
  }
  result.error = skipSpace(text, 0) < text.size() ? "unexpected EOF" : "EOF";
  result.end = text.size();
  return result;
}

Value valueOf(std::string_view text) {
  size_t start = skipSpace(text, 0);
  if (start >= text.size()) return {};
  size_t end = skipValue(text, start);
  return Value{kindOf(text[start]), text.substr(start, end - start)};
}

std::vector<std::pair<std::string, Value>> members(const Value& object) {
  std::vector<std::pair<std::string, Value>> out;
  if (object.kind != Kind::Object) return out;
  std::string_view t = object.raw;
  size_t pos = skipSpace(t, 1);
  while (pos < t.size() && t[pos] != '}') {
    size_t keyEnd = skipString(t, pos);
    std::string key = stringOf(Value{Kind::String, t.substr(pos, keyEnd - pos)});
    pos = skipSpace(t, keyEnd) + 1;  // past ':'
    pos = skipSpace(t, pos);
    size_t valueEnd = skipValue(t, pos);
    out.emplace_back(std::move(key), Value{kindOf(t[pos]), t.substr(pos, valueEnd - pos)});
    pos = skipSpace(t, valueEnd);
    if (pos < t.size() && t[pos] == ',') pos = skipSpace(t, pos + 1);
  }
  return out;
}

std::vector<Value> elements(const Value& array) {
  std::vector<Value> out;
  if (array.kind != Kind::Array) return out;
  std::string_view t = array.raw;
  size_t pos = skipSpace(t, 1);
  while (pos < t.size() && t[pos] != ']') {
    size_t end = skipValue(t, pos);
    out.push_back(Value{kindOf(t[pos]), t.substr(pos, end - pos)});
    pos = skipSpace(t, end);
    if (pos < t.size() && t[pos] == ',') pos = skipSpace(t, pos + 1);
  }
  return out;
}

size_t appendEscape(std::string& out, std::string_view text, size_t at) {
  char e = text[at + 1];
  switch (e) {
    case 'b': out += '\b'; return at + 2;
    case 'f': out += '\f'; return at + 2;
    case 'n': out += '\n'; return at + 2;
    case 'r': out += '\r'; return at + 2;
    case 't': out += '\t'; return at + 2;
    case 'u': {
      int32_t r = readU4(text, at);
      if (r >= 0xD800 && r < 0xE000) {
        int32_t low = readU4(text, at + 6);
        if (r < 0xDC00 && low >= 0xDC00 && low < 0xE000) {
          appendUtf8(out, 0x10000 + ((static_cast<char32_t>(r) - 0xD800) << 10) + (static_cast<char32_t>(low) - 0xDC00));
          return at + 12;
        }
        r = 0xFFFD;
      }
      appendUtf8(out, static_cast<char32_t>(r));
      return at + 6;
    }
    default: out += e; return at + 2;  // \\ \/ \"
  }
}

std::string stringOf(const Value& value) {
  std::string out;
  if (value.kind != Kind::String || value.raw.size() < 2) return out;
  std::string_view s = value.raw.substr(1, value.raw.size() - 2);
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\\' && i + 1 < s.size()) {
      i = appendEscape(out, s, i);
      continue;
    }
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    i += appendGoRune(out, s, i);
  }
  return out;
}

bool keyMatches(std::string_view key, std::string_view fieldName) {
  return key == fieldName || goFoldEqual(key, fieldName);
}

}  // namespace isimport::goscan

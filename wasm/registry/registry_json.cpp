#include "registry/registry_json.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "go/go_text.h"
#include "go/time_text.h"
#include "json/go_json_scan.h"
#include "json/json_text.h"

namespace isimport::gojson {

Document parse(std::string_view text) {
  Document doc;
  // The fast check first (it agrees with Go's scanner on valid texts); Go's own scanner only when
  // it refuses, for Go's words and for what Go still accepts (invalid UTF-8 read as U+FFFD).
  if (json::checkSyntax(text).ok) {
    doc.tree = json::treeOfValidText(text);
    doc.ok = true;
    return doc;
  }
  if (goscan::Scan scan = goscan::checkValid(text); !scan.ok) {
    doc.error = std::move(scan.error);
    return doc;
  }
  doc.tree = json::treeOfValidText(text);
  doc.ok = true;
  return doc;
}

namespace {

// A JSON number literal as its significant decimal digits and where the point falls in them:
// the value is 0.<digits> × 10^point (no leading zero in `digits`; empty for zero).
struct DecimalLiteral {
  bool negative = false;
  std::string digits;
  int64_t point = 0;
};

DecimalLiteral decimalOf(std::string_view literal) {
  DecimalLiteral d;
  size_t i = 0;
  if (i < literal.size() && literal[i] == '-') d.negative = true, ++i;
  for (; i < literal.size() && literal[i] != '.' && literal[i] != 'e' && literal[i] != 'E'; ++i) {
    d.digits += literal[i];
    ++d.point;
  }
  if (i < literal.size() && literal[i] == '.') {
    for (++i; i < literal.size() && literal[i] != 'e' && literal[i] != 'E'; ++i) d.digits += literal[i];
  }
  if (i < literal.size()) {
    // The exponent, clamped: any exponent beyond a few thousand decides the same way.
    ++i;
    bool negativeExp = false;
    if (i < literal.size() && (literal[i] == '+' || literal[i] == '-')) negativeExp = literal[i++] == '-';
    int64_t exp = 0;
    for (; i < literal.size(); ++i) exp = std::min<int64_t>(exp * 10 + (literal[i] - '0'), 100000);
    d.point += negativeExp ? -exp : exp;
  }
  size_t leading = d.digits.find_first_not_of('0');
  if (leading == std::string::npos) return DecimalLiteral{d.negative, "", 0};
  d.digits.erase(0, leading);
  d.point -= static_cast<int64_t>(leading);
  d.digits.erase(d.digits.find_last_not_of('0') + 1);
  return d;
}

// Compares 0.<a> with 0.<b> (digit strings, the shorter one padded with zeros): <0, 0, >0.
int compareFraction(std::string_view a, std::string_view b) {
  for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    char x = i < a.size() ? a[i] : '0', y = i < b.size() ? b[i] : '0';
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

// The digits after the point of 1 - 2^-m (m >= 1): those of 10^m - 5^m, m of them (5^m < 10^m).
std::string oneMinusPowerOfTwo(int m) {
  size_t width = static_cast<size_t>(m);
  std::string five(width, '0');  // 5^m, most significant digit first
  five.back() = '1';
  for (int i = 0; i < m; ++i) {
    int carry = 0;
    for (size_t j = width; j-- > 0;) {
      int v = (five[j] - '0') * 5 + carry;
      five[j] = static_cast<char>('0' + v % 10);
      carry = v / 10;
    }
  }
  std::string digits(width, '0');
  int borrow = 0;
  for (size_t j = width; j-- > 0;) {
    int v = -(five[j] - '0') - borrow;
    borrow = v < 0;
    digits[j] = static_cast<char>('0' + (v < 0 ? v + 10 : v));
  }
  return digits;
}

// 2^1024 - 2^970: halfway between the largest float64 and 2^1024. strconv.ParseFloat rounds a
// value from there up (to even) out of range: its digits, 309 of them before the point.
constexpr std::string_view kFloat64Overflow =
    "1797693134862315807937289714053034150799341327100378269361737789804449682927647509466490179775872070"
    "9633028641669288791094655554785194040263065748867150582068190890200070838367627385484581771153176447"
    "5730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904"
    "174497792";

bool overflowsFloat64(const DecimalLiteral& d) {
  if (d.digits.empty()) return false;
  int64_t places = static_cast<int64_t>(kFloat64Overflow.size());
  if (d.point != places) return d.point > places;
  return compareFraction(d.digits, kFloat64Overflow) >= 0;
}

}  // namespace

bool overflowsFloat64(const json::Node& number) {
  return !number.integral && overflowsFloat64(decimalOf(number.text));
}

int64_t goIntOfFloat64Literal(const json::Node& number) {
  constexpr int64_t kIndefinite = INT64_MIN;  // Go's int(float64) on amd64 out of range (and NaN)
  if (number.integral) {
    // int(float64(n)): n rounded to float64 first.
    double v = static_cast<double>(number.integer);
    return v >= 9223372036854775808.0 ? kIndefinite : static_cast<int64_t>(v);
  }
  DecimalLiteral d = decimalOf(number.text);
  if (d.digits.empty()) return 0;
  if (d.point > 19) return kIndefinite;  // at least 10^19 > 2^63, rounded or not
  // |x| = whole + 0.<fraction>, whole exact in 64 bits (at most 19 digits).
  uint64_t whole = 0;
  for (int64_t i = 0; i < d.point; ++i) whole = whole * 10 + (i < static_cast<int64_t>(d.digits.size()) ? d.digits[i] - '0' : 0);
  std::string fraction = d.point >= 0 ? d.digits.substr(std::min<size_t>(d.digits.size(), d.point))
                                      : std::string(static_cast<size_t>(-d.point), '0') + d.digits;
  bool fractionZero = fraction.find_first_not_of('0') == std::string::npos;
  int bits = whole ? 64 - __builtin_clzll(whole) : 0;
  uint64_t rounded = whole;
  if (bits > 53) {
    // Doubles here are integers 2^k apart: round `whole` (with the fraction as a sticky bit) to
    // 53 significant bits, ties to even.
    int k = bits - 53;
    uint64_t rest = whole & ((uint64_t{1} << k) - 1), half = uint64_t{1} << (k - 1);
    bool up = rest > half || (rest == half && (!fractionZero || ((whole >> k) & 1)));
    rounded = (whole >> k << k) + (up ? uint64_t{1} << k : 0);
  } else if (!fractionZero) {
    // The nearest double truncates to whole + 1 only from within half a spacing below it: the
    // fraction at least 1 - 2^-m, m = 53 - e for whole in [2^e, 2^(e+1)) (e = -1 below 1, where
    // only a fraction of 0.5 or more can get there). At exactly that point the tie goes to the
    // even neighbour: whole + 1 whenever the spacing is below 1, else whichever is even.
    int e = bits ? bits - 1 : -1;
    int m = 53 - e;
    std::string threshold = oneMinusPowerOfTwo(m);
    int order = compareFraction(fraction, threshold);
    if (order > 0 || (order == 0 && (e < 52 || (whole & 1)))) rounded = whole + 1;
  }
  if (rounded >= (uint64_t{1} << 63)) return kIndefinite;
  return d.negative ? -static_cast<int64_t>(rounded) : static_cast<int64_t>(rounded);
}

std::optional<std::string> firstFloat64Overflow(const json::Tree& tree, json::NodeId id) {
  std::vector<json::NodeId> stack{id};
  while (!stack.empty()) {
    json::NodeId at = stack.back();
    stack.pop_back();
    const json::Node& n = tree.at(at);
    if (n.kind == json::Kind::Number) {
      if (overflowsFloat64(n)) return n.text;
    } else if (n.kind == json::Kind::Array || n.kind == json::Kind::Object) {
      for (uint32_t i = n.count; i-- > 0;) stack.push_back(tree.child(n, i));
    }
  }
  return std::nullopt;
}

std::optional<json::NodeId> lastMember(const json::Tree& tree, json::NodeId object, std::string_view key,
                                       bool foldCase) {
  const json::Node& n = tree.at(object);
  if (n.kind != json::Kind::Object) return std::nullopt;
  std::optional<json::NodeId> found;
  for (uint32_t i = 0; i < n.count; ++i) {
    const std::string& name = tree.key(n, i);
    if (foldCase ? goFoldEqual(name, key) : name == key) found = tree.child(n, i);
  }
  return found;
}

}  // namespace isimport::gojson

namespace isimport {

void decodeValue(TypedDecoder& d, json::NodeId id, GoInt& out) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) return;
  if (n.kind != json::Kind::Number) return d.typeError(json::goValueName(n.kind), "int");
  if (!n.integral) return d.typeError(("number " + n.text).c_str(), "int");
  out.value = n.integer;
}

void decodeValue(TypedDecoder& d, json::NodeId id, GoDigest& out) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) return;
  if (n.kind != json::Kind::String) return d.typeError(json::goValueName(n.kind), "digest.Digest");
  out.value = n.text;
}

// A time that fails inside its UnmarshalJSON ends decoding; TypedDecoder keeps an earlier type error
// instead, so callers that need Go's precedence check time fields first (see image_config.cpp).
void decodeValue(TypedDecoder& d, json::NodeId id, GoTime& out) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) return;  // time.Time leaves itself unchanged on null
  if (n.kind != json::Kind::String) return d.fatalError("Time.UnmarshalJSON: input is not a JSON string");
  GoTimeParse parsed = goParseRfc3339(n.text);
  if (!parsed.unixSeconds) return d.fatalError(parsed.error);
  out.time = Time{true, *parsed.unixSeconds};
}

void decodeValue(TypedDecoder& d, json::NodeId id, GoMetaTime& out) {
  const json::Node& n = d.tree().at(id);
  if (n.kind == json::Kind::Null) {
    out.time = Time{};
    return;
  }
  if (n.kind != json::Kind::String) {
    // The inner string decoding's type error, given the field's context by the outer decoder.
    d.typeError(json::goValueName(n.kind), "string");
    return d.fatalError("");
  }
  GoTimeParse parsed = goParseRfc3339(n.text);
  if (!parsed.unixSeconds) return d.fatalError(parsed.error);
  out.time = Time{true, *parsed.unixSeconds};
}

void decodeValue(TypedDecoder&, json::NodeId id, GoRawMessage& out) {
  out.present = true;
  out.id = id;
}

}  // namespace isimport

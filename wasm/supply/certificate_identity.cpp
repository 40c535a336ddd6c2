// See certificate_identity.h. The certificate's shape is RFC 5280 §4.1 (the ASN.1 module of its
// Appendix A), read as Go's crypto/x509 (`parser.go`) reads it where the RFC leaves room; the
// Fulcio extensions are `sigstore/fulcio/docs/oid-info.md` and `pkg/certificate/extensions.go`;
// the Notation envelope notaryproject/specifications `specs/signature-envelope-jws.md`.
// docs/signatures.md §10.10.
#include "supply/certificate_identity.h"

#include <set>

#include "go/base64.h"
#include "go/go_text.h"
#include "go/time_text.h"
#include "supply/der.h"
#include "supply/json_object.h"

namespace isimport {
namespace {

using namespace std::string_view_literals;  // the identifiers hold 0x00 bytes

// OBJECT IDENTIFIER contents (DER, without tag and length).
constexpr std::string_view kOidCommonName = "\x55\x04\x03"sv;      // 2.5.4.3, RFC 5280 §4.1.2.4
constexpr std::string_view kOidOrganization = "\x55\x04\x0a"sv;    // 2.5.4.10
constexpr std::string_view kOidSubjectAltName = "\x55\x1d\x11"sv;  // 2.5.29.17, RFC 5280 §4.2.1.6
// 1.3.6.1.4.1.57264.1, Fulcio's arc under sigstore's enterprise number; one more arc below 128
// names each extension (`sigstore/fulcio/docs/oid-info.md`).
constexpr std::string_view kOidFulcio = "\x2b\x06\x01\x04\x01\x83\xbf\x30\x01"sv;
constexpr int kFulcioIssuerV1 = 1;             // raw bytes, deprecated
constexpr int kFulcioOtherName = 7;            // the otherName SAN type of a username
constexpr int kFulcioIssuerV2 = 8;             // DER UTF8String from here on
constexpr int kFulcioBuildSignerUri = 9;
constexpr int kFulcioSourceRepositoryUri = 12;
constexpr int kFulcioSourceRepositoryRef = 14;

constexpr uint8_t kNumericString = 0x12;
constexpr uint8_t kGeneralString = 0x1b;

constexpr size_t kShownBytes = 200;  // of one value in describeIdentity

CertificateRead failure(std::string why) {
  CertificateRead r;
  r.error = std::move(why);
  return r;
}

// The Fulcio extension an OID names (its last arc), or 0.
int fulcioArc(std::string_view oid) {
  if (oid.size() != kOidFulcio.size() + 1 || oid.substr(0, kOidFulcio.size()) != kOidFulcio) return 0;
  uint8_t last = static_cast<uint8_t>(oid.back());
  return last < 0x80 ? last : 0;
}

std::string oidText(std::string_view oid) {
  std::string dotted = der::dottedOid(oid);
  return dotted.empty() ? "a malformed object identifier" : dotted;
}

bool validUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    DecodedRune r = goDecodeRune(text, i);
    if (!r.valid) return false;
    i += r.width;
  }
  return true;
}

bool isIa5(std::string_view text) {
  for (char c : text) {
    if (static_cast<uint8_t>(c) >= 0x80) return false;
  }
  return true;
}

// The character set of PrintableString (ITU-T X.680, PrintableString), with '*' and '&', which Go's crypto/x509
// also takes because certificates in use carry them.
bool isPrintableString(std::string_view text) {
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view(" '()+,-./:=?*&").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

// An attribute or extension value of one of the ASN.1 string types, as UTF-8 (Go's crypto/x509
// parseASN1String takes the same types and refuses the same malformed ones).
std::optional<std::string> stringValue(const der::Element& e, std::string& error) {
  std::string_view v = e.content;
  switch (e.tag) {
    case der::kUtf8String:
      if (!validUtf8(v)) break;
      return std::string(v);
    case der::kPrintableString:
      if (!isPrintableString(v)) break;
      return std::string(v);
    case der::kIa5String:
    case kGeneralString:
      if (!isIa5(v)) break;
      return std::string(v);
    case kNumericString:
      for (char c : v) {
        if (c != ' ' && (c < '0' || c > '9')) {
          error = "an invalid NumericString";
          return std::nullopt;
        }
      }
      return std::string(v);
    case der::kT61String: {
      // Go hands T61String's bytes on as they are; they are taken as Latin-1 here, which is what
      // certificates that use it mean, so that the text is UTF-8.
      std::string out;
      for (char c : v) appendUtf8(out, static_cast<uint8_t>(c));
      return out;
    }
    case der::kBmpString: {
      // UCS-2 big-endian, as Go's parseBMPString: an even length, a final NUL dropped, then read
      // as UTF-16 (an unpaired surrogate becomes U+FFFD, as utf16.Decode makes it).
      if (v.size() % 2 != 0) {
        error = "an invalid BMPString";
        return std::nullopt;
      }
      if (v.size() >= 2 && v[v.size() - 1] == 0 && v[v.size() - 2] == 0) v.remove_suffix(2);
      auto unitAt = [&](size_t i) { return static_cast<char32_t>((static_cast<uint8_t>(v[i]) << 8) | static_cast<uint8_t>(v[i + 1])); };
      std::string out;
      for (size_t i = 0; i < v.size(); i += 2) {
        char32_t unit = unitAt(i);
        if (unit >= 0xd800 && unit < 0xdc00 && i + 3 < v.size() && unitAt(i + 2) >= 0xdc00 && unitAt(i + 2) < 0xe000) {
          appendUtf8(out, 0x10000 + ((unit - 0xd800) << 10) + (unitAt(i + 2) - 0xdc00));
          i += 2;
        } else {
          appendUtf8(out, unit >= 0xd800 && unit < 0xe000 ? char32_t{0xfffd} : unit);
        }
      }
      return out;
    }
    default:
      error = "not a string (tag 0x" + supply::lowerHex(std::string(1, static_cast<char>(e.tag))) + ")";
      return std::nullopt;
  }
  const char* name = e.tag == der::kUtf8String ? "UTF8String" : e.tag == der::kPrintableString ? "PrintableString" : "IA5String";
  error = std::string("an invalid ") + name;
  return std::nullopt;
}

int64_t daysFromCivil(int64_t y, int64_t m, int64_t d) {
  // Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date.
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// UTCTime "YYMMDDHHMMSSZ" (RFC 5280 §4.1.2.5.1: seconds present, always Z; YY of 50 or more is
// 19YY, else 20YY) or GeneralizedTime "YYYYMMDDHHMMSSZ" (RFC 5280 §4.1.2.5.2: no fraction, always Z), as
// the text "YYYY-MM-DDTHH:MM:SSZ" and its Unix seconds.
bool readTime(const der::Element& e, std::string& text, int64_t& unixSeconds, std::string& error) {
  std::string_view v = e.content;
  size_t yearDigits = e.tag == der::kUtcTime ? 2 : 4;
  if (e.tag != der::kUtcTime && e.tag != der::kGeneralizedTime) {
    error = "neither a UTCTime nor a GeneralizedTime";
    return false;
  }
  const char* form = e.tag == der::kUtcTime ? "a UTCTime" : "a GeneralizedTime";
  if (v.size() != yearDigits + 11 || v.back() != 'Z') {
    error = std::string(form) + " not of the form " + (yearDigits == 2 ? "YYMMDDHHMMSSZ" : "YYYYMMDDHHMMSSZ") + " (RFC 5280 §4.1.2.5)";
    return false;
  }
  for (size_t i = 0; i + 1 < v.size(); ++i) {
    if (v[i] < '0' || v[i] > '9') {
      error = std::string(form) + " with a non-digit";
      return false;
    }
  }
  auto num = [&](size_t at, size_t n) {
    int64_t x = 0;
    for (size_t i = 0; i < n; ++i) x = x * 10 + (v[at + i] - '0');
    return x;
  };
  int64_t year = num(0, yearDigits);
  if (yearDigits == 2) year += year >= 50 ? 1900 : 2000;
  size_t at = yearDigits;
  int64_t month = num(at, 2), day = num(at + 2, 2), hour = num(at + 4, 2), minute = num(at + 6, 2), second = num(at + 8, 2);
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1] + (month == 2 && leap) || hour > 23 || minute > 59 || second > 59) {
    error = std::string(form) + " that is not a date and time";
    return false;
  }
  unixSeconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  auto digits = [](int64_t value, size_t width) {
    std::string d = std::to_string(value);
    return std::string(width > d.size() ? width - d.size() : 0, '0') + d;
  };
  text = digits(year, 4) + "-" + digits(month, 2) + "-" + digits(day, 2) + "T" + digits(hour, 2) + ":" + digits(minute, 2) + ":" +
         digits(second, 2) + "Z";
  return true;
}

// Name ::= SEQUENCE OF RelativeDistinguishedName, each a SET OF AttributeTypeAndValue
// (RFC 5280 §4.1.2.4). Every value must be a string (Go: "invalid RDNSequence"); CN and O kept.
bool readName(const der::Element& name, CertificateName& out, std::string_view where, std::string& error) {
  der::Reader rdns(name.content);
  size_t attributes = 0;
  while (!rdns.done()) {
    auto rdn = rdns.next(der::kSet, std::string(where) + " RDN");
    if (!rdn) return error = rdns.error(), false;
    der::Reader set(rdn->content);
    if (set.done()) return error = std::string(where) + ": an empty RDN", false;
    while (!set.done()) {
      if (++attributes > kMaxCertificateNameAttributes) {
        error = std::string(where) + ": more than " + std::to_string(kMaxCertificateNameAttributes) + " attributes";
        return false;
      }
      auto atv = set.next(der::kSequence, std::string(where) + " attribute");
      if (!atv) return error = set.error(), false;
      der::Reader fields(atv->content);
      auto type = fields.next(der::kObjectIdentifier, std::string(where) + " attribute type");
      auto value = type ? fields.next(0, std::string(where) + " attribute value") : std::nullopt;
      if (!value) return error = fields.error(), false;
      if (!fields.done()) return error = std::string(where) + ": trailing bytes in an attribute", false;
      std::string why;
      auto text = stringValue(*value, why);
      if (!text) return error = std::string(where) + " attribute " + oidText(type->content) + ": " + why, false;
      if (type->content == kOidCommonName && out.commonName.empty()) out.commonName = std::move(*text);
      if (type->content == kOidOrganization && out.organization.empty()) out.organization = std::move(*text);
    }
  }
  return true;
}

// GeneralNames (RFC 5280 §4.2.1.6): rfc822Name [1], dNSName [2] and uniformResourceIdentifier [6]
// are IA5Strings (Go refuses them otherwise); iPAddress [7] is 4 or 16 bytes (likewise); an
// otherName [0] of Fulcio's type 1.3.6.1.4.1.57264.1.7 holds a [0] EXPLICIT UTF8String (sigstore
// `pkg/cryptoutils/sans.go`). The other forms are skipped.
bool readAltNames(std::string_view value, CertificateIdentity& out, std::string& error) {
  der::Reader top(value);
  auto seq = top.next(der::kSequence, "subjectAltName");
  if (!seq) return error = top.error(), false;
  if (!top.done()) return error = "subjectAltName: trailing bytes", false;
  der::Reader names(seq->content);
  size_t count = 0;
  while (!names.done()) {
    if (++count > kMaxCertificateAltNames) {
      error = "subjectAltName: more than " + std::to_string(kMaxCertificateAltNames) + " names";
      return false;
    }
    auto name = names.next(0, "subjectAltName entry");
    if (!name) return error = names.error(), false;
    std::string_view v = name->content;
    auto ia5 = [&](std::vector<std::string>& into, const char* what) {
      if (!isIa5(v)) return error = std::string("subjectAltName: the ") + what + " is not an IA5String", false;
      into.emplace_back(v);
      return true;
    };
    switch (name->tag) {
      case der::contextTag(1, false):
        if (!ia5(out.emails, "rfc822Name")) return false;
        break;
      case der::contextTag(2, false):
        if (!ia5(out.dnsNames, "dNSName")) return false;
        break;
      case der::contextTag(6, false):
        if (!ia5(out.uris, "uniformResourceIdentifier")) return false;
        break;
      case der::contextTag(7, false):
        if (v.size() != 4 && v.size() != 16) return error = "subjectAltName: an iPAddress of " + std::to_string(v.size()) + " bytes", false;
        break;
      case der::contextTag(0, true): {
        der::Reader other(v);
        auto type = other.next(der::kObjectIdentifier, "subjectAltName otherName type");
        if (!type) return error = other.error(), false;
        if (fulcioArc(type->content) != kFulcioOtherName) break;
        auto wrapped = other.next(der::contextTag(0, true), "subjectAltName otherName value");
        if (!wrapped) return error = other.error(), false;
        if (!other.done()) return error = "subjectAltName otherName: trailing bytes", false;
        der::Reader inner(wrapped->content);
        auto text = inner.next(der::kUtf8String, "subjectAltName otherName value");
        if (!text) return error = inner.error(), false;
        if (!inner.done()) return error = "subjectAltName otherName value: trailing bytes", false;
        if (!validUtf8(text->content)) return error = "subjectAltName otherName: an invalid UTF8String", false;
        out.otherNames.emplace_back(text->content);
        break;
      }
      default:
        break;
    }
  }
  return true;
}

// A Fulcio extension from .1.8 on: one DER string and nothing after it (fulcio
// `pkg/certificate/extensions.go` ParseDERString, which takes what encoding/asn1 reads as a string).
bool fulcioDerString(std::string_view value, std::string& out, std::string& error) {
  der::Reader r(value);
  auto e = r.next(0, "value");
  if (!e) return error = r.error(), false;
  if (!r.done()) return error = "trailing bytes after the string", false;
  auto text = stringValue(*e, error);
  if (!text) return false;
  out = std::move(*text);
  return true;
}

const char* fulcioName(int arc) {
  switch (arc) {
    case kFulcioIssuerV1: return "OIDC issuer (deprecated)";
    case kFulcioIssuerV2: return "OIDC issuer";
    case kFulcioBuildSignerUri: return "build signer URI";
    case kFulcioSourceRepositoryUri: return "source repository URI";
    case kFulcioSourceRepositoryRef: return "source repository ref";
  }
  return "";
}

// Extensions ::= SEQUENCE OF Extension { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET
// STRING } (RFC 5280 §4.1, RFC 5280 §4.2: no extension twice). Unknown ones are skipped, critical or not:
// nothing is validated, so nothing is refused for not being understood.
bool readExtensions(std::string_view content, CertificateIdentity& out, std::string& error) {
  der::Reader top(content);
  auto seq = top.next(der::kSequence, "extensions");
  if (!seq) return error = top.error(), false;
  if (!top.done()) return error = "extensions: trailing bytes", false;
  der::Reader list(seq->content);
  std::set<std::string_view> seen;
  std::string issuerV1;
  bool hasIssuerV2 = false;
  while (!list.done()) {
    if (seen.size() >= kMaxCertificateExtensions) {
      error = "more than " + std::to_string(kMaxCertificateExtensions) + " extensions";
      return false;
    }
    auto ext = list.next(der::kSequence, "extension");
    if (!ext) return error = list.error(), false;
    der::Reader fields(ext->content);
    auto id = fields.next(der::kObjectIdentifier, "extension id");
    if (!id) return error = fields.error(), false;
    std::string where = "extension " + oidText(id->content);
    if (fields.peekTag() == der::kBoolean) {
      auto critical = fields.next(der::kBoolean, where + " critical");
      if (!critical || critical->content.size() != 1 || (critical->content[0] != 0 && static_cast<uint8_t>(critical->content[0]) != 0xff)) {
        return error = where + ": critical is not a DER BOOLEAN", false;
      }
    }
    auto value = fields.next(der::kOctetString, where + " value");
    if (!value) return error = fields.error(), false;
    if (!fields.done()) return error = where + ": trailing fields", false;
    if (!seen.insert(id->content).second) return error = where + " appears twice (RFC 5280 §4.2)", false;

    std::string why;
    if (id->content == kOidSubjectAltName) {
      if (!readAltNames(value->content, out, why)) return error = where + " (subjectAltName): " + why, false;
      continue;
    }
    int arc = fulcioArc(id->content);
    bool ok = true;
    switch (arc) {
      case kFulcioIssuerV1:
        // The deprecated form: the string's bytes with no DER around them (`sigstore/fulcio/docs/oid-info.md`).
        ok = validUtf8(value->content);
        if (!ok) why = "not UTF-8";
        issuerV1 = std::string(value->content);
        break;
      case kFulcioIssuerV2:
        ok = fulcioDerString(value->content, out.oidcIssuer, why);
        hasIssuerV2 = true;
        break;
      case kFulcioBuildSignerUri:
        ok = fulcioDerString(value->content, out.buildSignerUri, why);
        break;
      case kFulcioSourceRepositoryUri:
        ok = fulcioDerString(value->content, out.sourceRepositoryUri, why);
        break;
      case kFulcioSourceRepositoryRef:
        ok = fulcioDerString(value->content, out.sourceRepositoryRef, why);
        break;
      default:
        break;
    }
    if (!ok) return error = where + " (Fulcio " + fulcioName(arc) + "): " + why, false;
  }
  // Fulcio writes both issuer extensions; the DER one is the current form and wins (in Fulcio's
  // certificates it also comes last, which is what ParseExtensions lets win).
  if (!hasIssuerV2) out.oidcIssuer = std::move(issuerV1);
  return true;
}

// Shows one value in a line of text: control and other unprintable characters as U+FFFD, and at
// most kShownBytes of it (cut between characters) with "…" after.
std::string shown(std::string_view value) {
  std::string out;
  for (size_t i = 0; i < value.size();) {
    if (out.size() >= kShownBytes) return out + "…";
    DecodedRune r = goDecodeRune(value, i);
    if (r.valid && (r.rune == ' ' || goIsPrint(r.rune))) {
      out.append(value.substr(i, r.width));
    } else {
      appendUtf8(out, 0xfffd);
    }
    i += r.width;
  }
  return out;
}

// The first PEM block of `pem`, found as Go's encoding/pem Decode finds it (at the start of a line;
// text before it skipped): its type and base64 body, or an error.
struct PemBlock {
  std::string type;
  std::string body;  // base64, whitespace removed
  std::string error;
};

PemBlock firstPemBlock(std::string_view pem) {
  PemBlock out;
  constexpr std::string_view kBegin = "-----BEGIN ";
  size_t begin = 0;
  while (true) {
    begin = pem.find(kBegin, begin);
    if (begin == std::string_view::npos) return out.error = "no PEM block found", out;
    if (begin == 0 || pem[begin - 1] == '\n') break;
    begin += kBegin.size();
  }
  size_t typeStart = begin + kBegin.size();
  size_t lineEnd = pem.find('\n', typeStart);
  if (lineEnd == std::string_view::npos) return out.error = "a malformed PEM BEGIN line", out;
  std::string_view line = pem.substr(typeStart, lineEnd - typeStart);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  if (line.size() < 5 || line.substr(line.size() - 5) != "-----") return out.error = "a malformed PEM BEGIN line", out;
  out.type = std::string(line.substr(0, line.size() - 5));
  std::string end = "\n-----END " + out.type + "-----";
  size_t bodyEnd = pem.find(end, lineEnd);
  if (bodyEnd == std::string_view::npos) return out.error = "the PEM block has no END line", out;
  // The END line may follow the BEGIN line at once: an empty body.
  std::string_view body = bodyEnd > lineEnd ? pem.substr(lineEnd + 1, bodyEnd - lineEnd - 1) : std::string_view();
  if (body.find(':') != std::string_view::npos) return out.error = "PEM headers in the block", out;
  for (char c : body) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') out.body += c;
  }
  return out;
}

// Unpadded base64url (RFC 7515 §2, "Base64url Encoding"), as JWS writes every member but x5c.
std::optional<std::string> base64Url(std::string_view text) {
  if (text.find_first_of("+/=") != std::string_view::npos) return std::nullopt;
  return supply::decodeBase64StdOrUrl(text, true);
}

// The protected header's members (notaryproject `specs/signature-envelope-jws.md`, "Protected
// Headers"); `error` when it does not read. Times are RFC 3339 and given back in UTC.
void readProtectedHeader(std::string_view header, NotationJws& out) {
  supply::JsonDocument doc = supply::parseJsonDocument(header, 64 * 1024, "protected header");
  if (!doc.ok) return void(out.protectedError = doc.error);
  supply::JsonObject o(doc.tree, 0, "protected");
  std::string error = o.check({}, false);
  if (!error.empty()) return void(out.protectedError = error);
  struct Member {
    const char* key;
    std::string* into;
    bool time;
  };
  const Member members[] = {
      {"alg", &out.algorithm, false},
      {"io.cncf.notary.signingScheme", &out.signingScheme, false},
      {"io.cncf.notary.signingTime", &out.signingTime, true},
      {"io.cncf.notary.authenticSigningTime", &out.authenticSigningTime, true},
      {"io.cncf.notary.expiry", &out.expiry, true},
  };
  for (const Member& m : members) {
    supply::JsonObject::Text text = o.string(m.key, false);
    if (!text.error.empty()) return void(out.protectedError = text.error);
    if (!text.present) continue;
    if (m.time) {
      auto unixSeconds = parseRfc3339(text.value);
      if (!unixSeconds) return void(out.protectedError = o.path(m.key) + " is not an RFC 3339 time");
      *m.into = formatRfc3339(*unixSeconds);
    } else {
      *m.into = text.value;
    }
  }
}

NotationJwsRead notationFailure(std::string why) {
  NotationJwsRead r;
  r.error = std::move(why);
  return r;
}

}  // namespace

CertificateRead readCertificateDer(std::string_view der) {
  if (der.size() > kMaxCertificateBytes) {
    return failure("a certificate of " + std::to_string(der.size()) + " bytes, more than " + std::to_string(kMaxCertificateBytes));
  }
  // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } (RFC 5280 §4.1.1)
  der::Reader top(der);
  auto cert = top.next(der::kSequence, "certificate");
  if (!cert) return failure(top.error());
  if (!top.done()) return failure("trailing bytes after the certificate");
  der::Reader outer(cert->content);
  auto tbs = outer.next(der::kSequence, "tbsCertificate");
  auto sigAlg = tbs ? outer.next(der::kSequence, "signatureAlgorithm") : std::nullopt;
  auto sigValue = sigAlg ? outer.next(der::kBitString, "signatureValue") : std::nullopt;
  if (!sigValue) return failure(outer.error());
  if (!outer.done()) return failure("trailing fields after the signatureValue");

  CertificateIdentity out;
  out.der = std::string(der);
  der::Reader f(tbs->content);
  // version [0] EXPLICIT Version DEFAULT v1 (RFC 5280 §4.1.2.1): v1, v2 or v3.
  if (f.peekTag() == der::contextTag(0, true)) {
    auto wrapped = f.next(der::contextTag(0, true), "version");
    if (!wrapped) return failure(f.error());
    der::Reader v(wrapped->content);
    auto version = v.next(der::kInteger, "version");
    if (!version) return failure(v.error());
    if (!v.done() || version->content.size() != 1 || static_cast<uint8_t>(version->content[0]) > 2) {
      return failure("version: not v1, v2 or v3 (RFC 5280 §4.1.2.1)");
    }
    out.version = version->content[0] + 1;
  }
  // serialNumber (RFC 5280 §4.1.2.2): a DER INTEGER of at most 20 octets (and a sign byte).
  auto serial = f.next(der::kInteger, "serialNumber");
  if (!serial) return failure(f.error());
  std::string_view sn = serial->content;
  if (sn.empty() || sn.size() > 21 ||
      (sn.size() > 1 && ((sn[0] == 0 && !(sn[1] & 0x80)) || (static_cast<uint8_t>(sn[0]) == 0xff && (sn[1] & 0x80))))) {
    return failure("serialNumber: not a minimally encoded INTEGER of at most 20 octets (RFC 5280 §4.1.2.2)");
  }
  out.serialNumber = supply::lowerHex(sn.size() > 1 && sn[0] == 0 ? sn.substr(1) : sn);
  auto signature = f.next(der::kSequence, "signature");
  auto issuer = signature ? f.next(der::kSequence, "issuer") : std::nullopt;
  auto validity = issuer ? f.next(der::kSequence, "validity") : std::nullopt;
  auto subject = validity ? f.next(der::kSequence, "subject") : std::nullopt;
  auto spki = subject ? f.next(der::kSequence, "subjectPublicKeyInfo") : std::nullopt;
  if (!spki) return failure(f.error());
  std::string error;
  if (!readName(*issuer, out.issuer, "issuer", error)) return failure(error);
  if (!readName(*subject, out.subject, "subject", error)) return failure(error);
  out.selfIssued = issuer->content == subject->content;

  // Validity ::= SEQUENCE { notBefore Time, notAfter Time } (RFC 5280 §4.1.2.5)
  der::Reader times(validity->content);
  auto notBefore = times.next(0, "notBefore");
  auto notAfter = notBefore ? times.next(0, "notAfter") : std::nullopt;
  if (!notAfter) return failure("validity: " + times.error());
  if (!times.done()) return failure("validity: trailing fields");
  if (!readTime(*notBefore, out.notBefore, out.notBeforeUnix, error)) return failure("validity: notBefore: " + error);
  if (!readTime(*notAfter, out.notAfter, out.notAfterUnix, error)) return failure("validity: notAfter: " + error);

  PublicKeyRead key = readPublicKeyDer(spki->encoded);
  out.publicKey = std::move(key.key);
  out.publicKeyError = std::move(key.error);

  // issuerUniqueID [1], subjectUniqueID [2] (v2 and v3 only, RFC 5280 §4.1.2.8), extensions
  // [3] (v3 only, RFC 5280 §4.1.2.9), in that order, and nothing else.
  for (uint8_t n = 1; n <= 2; ++n) {
    auto tag = f.peekTag();
    if (tag != der::contextTag(n, false) && tag != der::contextTag(n, true)) continue;
    if (out.version < 2) return failure(std::string(n == 1 ? "issuerUniqueID" : "subjectUniqueID") + " in a v1 certificate (RFC 5280 §4.1.2.8)");
    if (!f.next(*tag, n == 1 ? "issuerUniqueID" : "subjectUniqueID")) return failure(f.error());
  }
  if (f.peekTag() == der::contextTag(3, true)) {
    if (out.version != 3) return failure("extensions in a v" + std::to_string(out.version) + " certificate (RFC 5280 §4.1.2.9)");
    auto extensions = f.next(der::contextTag(3, true), "extensions");
    if (!extensions) return failure(f.error());
    if (!readExtensions(extensions->content, out, error)) return failure(error);
  }
  if (!f.done()) {
    auto tag = f.peekTag();
    return failure(tag ? "tbsCertificate: an unexpected field (tag 0x" + supply::lowerHex(std::string(1, static_cast<char>(*tag))) + ") after the subjectPublicKeyInfo"
                       : "tbsCertificate: " + f.error());
  }
  CertificateRead result;
  result.certificate = std::move(out);
  return result;
}

CertificateRead readCertificatePem(std::string_view pem) {
  if (pem.size() > kMaxCertificatePemBytes) {
    return failure("the certificate text is " + std::to_string(pem.size()) + " bytes, more than " + std::to_string(kMaxCertificatePemBytes));
  }
  PemBlock block = firstPemBlock(pem);
  if (!block.error.empty()) return failure(block.error);
  if (block.type != "CERTIFICATE") return failure("a \"" + shown(block.type) + "\" PEM block, not \"CERTIFICATE\"");
  Base64Decoded der = base64Decode(block.body, true);
  if (!der.bytes) return failure("the PEM body is not base64 (at byte " + std::to_string(der.errorOffset) + ")");
  return readCertificateDer(*der.bytes);
}

NotationJwsRead readNotationJws(std::string_view json) {
  supply::JsonDocument doc = supply::parseJsonDocument(json, kMaxNotationEnvelopeBytes, "JWS envelope");
  if (!doc.ok) return notationFailure(doc.error);
  // The flattened JWS JSON serialization (RFC 7515 §7.2.2); Notation's readers ignore other keys.
  supply::JsonObject o(doc.tree, 0, "");
  std::string error = o.check({}, false);
  if (!error.empty()) return notationFailure(error);
  if (o.find("signatures")) return notationFailure("a general JWS serialization (\"signatures\"): Notation writes the flattened one");
  NotationJws out;
  supply::JsonObject::Text payload = o.string("payload", true);
  supply::JsonObject::Text protectedText = o.string("protected", true);
  supply::JsonObject::Text signature = o.string("signature", true);
  for (const auto* t : {&payload, &protectedText, &signature}) {
    if (!t->error.empty()) return notationFailure(t->error);
  }
  auto payloadBytes = base64Url(payload.value);
  if (!payloadBytes) return notationFailure("payload is not unpadded base64url");
  auto protectedBytes = base64Url(protectedText.value);
  if (!protectedBytes) return notationFailure("protected is not unpadded base64url");
  auto signatureBytes = base64Url(signature.value);
  if (!signatureBytes || signatureBytes->empty()) return notationFailure("signature is not unpadded base64url, or empty");
  out.payload = std::move(*payloadBytes);
  out.signature = std::move(*signatureBytes);
  out.signingInput = protectedText.value + "." + payload.value;  // RFC 7515 §5.1 step 6
  readProtectedHeader(*protectedBytes, out);

  std::optional<supply::JsonObject> header = o.object("header", true, error);
  if (!header) return notationFailure(error);
  error = header->check({}, false);
  if (!error.empty()) return notationFailure(error);
  supply::JsonObject::Text agent = header->string("io.cncf.notary.signingAgent", false);
  if (agent.error.empty()) out.signingAgent = agent.value;
  const json::Node* x5c = header->node("x5c");
  if (!x5c) return notationFailure("header.x5c is missing: the envelope carries no certificate");
  if (x5c->kind != json::Kind::Array) return notationFailure("header.x5c is " + supply::kindName(x5c->kind) + ", not an array");
  if (x5c->count == 0) return notationFailure("header.x5c is empty: the envelope carries no certificate");
  if (x5c->count > kMaxNotationCertificates) {
    return notationFailure("header.x5c has " + std::to_string(x5c->count) + " certificates, more than " + std::to_string(kMaxNotationCertificates));
  }
  for (uint32_t i = 0; i < x5c->count; ++i) {
    std::string where = "header.x5c[" + std::to_string(i) + "]";
    const json::Node& entry = doc.tree.at(doc.tree.child(*x5c, i));
    if (entry.kind != json::Kind::String) return notationFailure(where + " is " + supply::kindName(entry.kind) + ", not a string");
    // RFC 7515 §4.1.6: base64 (not base64url) of the DER.
    Base64Decoded der = base64Decode(entry.text, true);
    if (!der.bytes) return notationFailure(where + " is not base64 (at byte " + std::to_string(der.errorOffset) + ")");
    if (i > 0) {
      out.chain.push_back(std::move(*der.bytes));
      continue;
    }
    CertificateRead leaf = readCertificateDer(*der.bytes);
    if (!leaf.certificate) return notationFailure(where + ": " + leaf.error);
    out.leaf = std::move(*leaf.certificate);
  }

  // The payload names what was signed (notaryproject `specs/signature-specification.md`): read if
  // it reads, for the caller to compare with the image.
  supply::JsonDocument body = supply::parseJsonDocument(out.payload, 1024 * 1024, "payload");
  if (body.ok) {
    supply::JsonObject p(body.tree, 0, "payload");
    std::string ignored;
    if (p.check({}, false).empty()) {
      if (auto target = p.object("targetArtifact", true, ignored); target && target->check({}, false).empty()) {
        supply::JsonObject::Text digest = target->string("digest", true);
        if (digest.error.empty()) out.targetDigest = digest.value;
      }
    }
  }
  NotationJwsRead result;
  result.envelope = std::move(out);
  return result;
}

std::string describeIdentity(const CertificateIdentity& c) {
  std::string who = !c.emails.empty()            ? c.emails.front()
                    : !c.uris.empty()            ? c.uris.front()
                    : !c.otherNames.empty()      ? c.otherNames.front()
                    : !c.dnsNames.empty()        ? c.dnsNames.front()
                    : !c.subject.commonName.empty() ? c.subject.commonName
                                                 : c.subject.organization;
  std::string out = "signed by " + (who.empty() ? std::string("an unnamed subject") : shown(who));
  if (!c.oidcIssuer.empty()) out += ", issued by " + shown(c.oidcIssuer);
  out += " (";
  if (c.selfIssued) {
    out += "a self-issued certificate";
  } else {
    const std::string& by = !c.issuer.commonName.empty() ? c.issuer.commonName : c.issuer.organization;
    out += "certificate by " + (by.empty() ? std::string("an unnamed issuer") : shown(by));
  }
  out += ", valid " + c.notBefore + " to " + c.notAfter + ")";
  return out;
}

std::string describeIdentity(const NotationJws& envelope) {
  std::string out = describeIdentity(envelope.leaf);
  if (!envelope.authenticSigningTime.empty()) {
    out += ", authentic signing time " + envelope.authenticSigningTime + " (not checked)";
  } else if (!envelope.signingTime.empty()) {
    out += ", signing time " + envelope.signingTime + " (the signer's claim)";
  }
  return out;
}

}  // namespace isimport

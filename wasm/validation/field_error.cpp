// Kubernetes field errors: texts, value rendering and the Status answers built from them.
#include "validation/field_error.h"

#include <set>

#include "go/go_text.h"
#include "json/json_writer.h"
#include "model/status_builders.h"

namespace isimport {
namespace {

std::string plural(int64_t n, const char* one, const char* many) { return n == 1 ? one : many; }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Types, values, paths
// ---------------------------------------------------------------------------------------------

std::string_view fieldErrorReason(FieldErrorType type) {
  switch (type) {
    case FieldErrorType::NotFound: return "FieldValueNotFound";
    case FieldErrorType::Required: return "FieldValueRequired";
    case FieldErrorType::Duplicate: return "FieldValueDuplicate";
    case FieldErrorType::Invalid: return "FieldValueInvalid";
    case FieldErrorType::NotSupported: return "FieldValueNotSupported";
    case FieldErrorType::Forbidden: return "FieldValueForbidden";
    case FieldErrorType::TooLong: return "FieldValueTooLong";
    case FieldErrorType::TooMany: return "FieldValueTooMany";
    case FieldErrorType::Internal: return "InternalError";
    case FieldErrorType::TypeInvalid: return "FieldValueTypeInvalid";
  }
  return "";
}

std::string_view fieldErrorTypeText(FieldErrorType type) {
  switch (type) {
    case FieldErrorType::NotFound: return "Not found";
    case FieldErrorType::Required: return "Required value";
    case FieldErrorType::Duplicate: return "Duplicate value";
    case FieldErrorType::Invalid: return "Invalid value";
    case FieldErrorType::NotSupported: return "Unsupported value";
    case FieldErrorType::Forbidden: return "Forbidden";
    case FieldErrorType::TooLong: return "Too long";
    case FieldErrorType::TooMany: return "Too many";
    case FieldErrorType::Internal: return "Internal error";
    case FieldErrorType::TypeInvalid: return "Invalid value";
  }
  return "";
}

BadValue BadValue::goString(std::string_view value) {
  BadValue v;
  v.text_ = goQuote(value);
  return v;
}

BadValue BadValue::namedString(std::string_view value) {
  BadValue v;
  v.text_ = json::quote(value);
  return v;
}

BadValue BadValue::integer(int64_t value) {
  BadValue v;
  v.text_ = std::to_string(value);
  return v;
}

BadValue BadValue::boolean(bool value) {
  BadValue v;
  v.text_ = value ? "true" : "false";
  return v;
}

BadValue BadValue::null() {
  BadValue v;
  v.text_ = "null";
  return v;
}

BadValue BadValue::json(std::string renderedJson) {
  BadValue v;
  v.text_ = std::move(renderedJson);
  return v;
}

BadValue BadValue::omitted() {
  BadValue v;
  v.text_.clear();
  v.omitted_ = true;
  return v;
}

FieldPath FieldPath::child(std::string_view name) const {
  if (text_.empty()) return FieldPath(name);
  FieldPath p = *this;
  if (name.empty()) {
    p.text_ += "[]";  // field.Path prints a nameless element as an empty subscript
  } else {
    p.text_ += '.';
    p.text_ += name;
  }
  return p;
}

FieldPath FieldPath::index(size_t i) const {
  FieldPath p = *this;
  p.text_ += '[';
  p.text_ += std::to_string(i);
  p.text_ += ']';
  return p;
}

FieldPath FieldPath::key(std::string_view key) const {
  FieldPath p = *this;
  p.text_ += '[';
  p.text_ += key;
  p.text_ += ']';
  return p;
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

std::string FieldError::errorBody() const {
  std::string s(fieldErrorTypeText(type));
  switch (type) {
    case FieldErrorType::Required:
    case FieldErrorType::Forbidden:
    case FieldErrorType::TooLong:
    case FieldErrorType::Internal:
      break;  // the value is never shown
    default:
      if (!value.isOmitted()) {
        s += ": ";
        s += value.text();
      }
  }
  if (!detail.empty()) {
    s += ": ";
    s += detail;
  }
  return s;
}

std::string FieldError::error() const { return field + ": " + errorBody(); }

FieldError fieldRequired(const FieldPath& path, std::string detail) {
  return {FieldErrorType::Required, path.str(), BadValue::goString(""), std::move(detail)};
}

FieldError fieldInvalid(const FieldPath& path, BadValue value, std::string detail) {
  return {FieldErrorType::Invalid, path.str(), std::move(value), std::move(detail)};
}

FieldError fieldForbidden(const FieldPath& path, std::string detail) {
  return {FieldErrorType::Forbidden, path.str(), BadValue::goString(""), std::move(detail)};
}

FieldError fieldDuplicate(const FieldPath& path, BadValue value) {
  return {FieldErrorType::Duplicate, path.str(), std::move(value), ""};
}

FieldError fieldNotFound(const FieldPath& path, BadValue value) {
  return {FieldErrorType::NotFound, path.str(), std::move(value), ""};
}

FieldError fieldTypeInvalid(const FieldPath& path, BadValue value, std::string detail) {
  return {FieldErrorType::TypeInvalid, path.str(), std::move(value), std::move(detail)};
}

FieldError fieldNotSupported(const FieldPath& path, BadValue value, const std::vector<std::string>& validValues) {
  std::string detail;
  if (!validValues.empty()) {
    detail = "supported values: ";
    for (size_t i = 0; i < validValues.size(); ++i) {
      if (i > 0) detail += ", ";
      detail += goQuote(validValues[i]);
    }
  }
  return {FieldErrorType::NotSupported, path.str(), std::move(value), std::move(detail)};
}

FieldError fieldTooLong(const FieldPath& path, int64_t maxLength) {
  std::string detail = maxLength >= 0
                           ? "may not be more than " + std::to_string(maxLength) + " " + plural(maxLength, "byte", "bytes")
                           : "value is too long";
  return {FieldErrorType::TooLong, path.str(), BadValue::goString("<value omitted>"), std::move(detail)};
}

FieldError fieldTooMany(const FieldPath& path, int64_t actualQuantity, int64_t maxQuantity) {
  std::string detail = maxQuantity >= 0
                           ? "must have at most " + std::to_string(maxQuantity) + " " + plural(maxQuantity, "item", "items")
                           : "has too many items";
  BadValue actual = actualQuantity >= 0 ? BadValue::integer(actualQuantity) : BadValue::omitted();
  return {FieldErrorType::TooMany, path.str(), std::move(actual), std::move(detail)};
}

FieldError fieldInternal(const FieldPath& path, std::string errorText) {
  return {FieldErrorType::Internal, path.str(), BadValue::null(), std::move(errorText)};
}

std::string aggregateError(const ErrorList& errors) {
  std::set<std::string> seen;
  std::vector<std::string> texts;
  for (const FieldError& e : errors) {
    std::string text = e.error();
    if (seen.insert(text).second) texts.push_back(std::move(text));
  }
  if (texts.empty()) return "";
  if (texts.size() == 1) return texts.front();
  std::string out = "[";
  for (size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) out += ", ";
    out += texts[i];
  }
  out += ']';
  return out;
}

// ---------------------------------------------------------------------------------------------
// Status answers
// ---------------------------------------------------------------------------------------------

Status invalidStatus(std::string_view kind, std::string_view group, std::string_view name, const ErrorList& errors) {
  std::string qualifiedKind(kind);
  if (!group.empty()) {
    qualifiedKind += '.';
    qualifiedKind += group;
  }
  std::string message = qualifiedKind + " " + goQuote(name) + " is invalid";
  if (!errors.empty()) message += ": " + aggregateError(errors);

  Status status = errorStatus("Invalid", 422, std::move(message));
  StatusDetails details;
  details.name = std::string(name);
  details.group = std::string(group);
  details.kind = std::string(kind);
  details.causes.reserve(errors.size());
  for (const FieldError& e : errors) {
    details.causes.push_back(StatusCause{std::string(e.reason()), e.errorBody(), e.field});
  }
  status.details = std::move(details);
  return status;
}

Status internalErrorStatus(std::string_view message) {
  Status status = errorStatus("InternalError", 500, "Internal error occurred: " + std::string(message));
  StatusDetails details;
  details.causes.push_back(StatusCause{"", std::string(message), ""});
  status.details = std::move(details);
  return status;
}

}  // namespace isimport

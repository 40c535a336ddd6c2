// Kubernetes field errors (apimachinery `field.Error`) and the API answers built from them.
//
// A FieldError is one complaint about one field: its type (Required, Invalid …), the field path
// as text (`spec.images[0].from.kind`), the offending value already rendered the way apimachinery
// prints it, and a detail sentence. errorBody() and error() give the exact texts the API server
// puts into `details.causes[].message` and into the aggregate `message` (docs/validation.md §2.5, §2.6).
//
// Value rendering follows apimachinery: a plain Go `string` is printed with Go's %q (strconv.Quote:
// Unicode 15.0 printability, lower-case hex escapes); int64/int32/bool print plainly; everything
// else (named string types such as the import mode, nil, slices, maps, structs) is printed as Go's
// encoding/json renders it. The caller chooses by building the BadValue accordingly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/meta.h"

namespace isimport {

enum class FieldErrorType {
  NotFound,      // FieldValueNotFound      "Not found"
  Required,      // FieldValueRequired      "Required value"
  Duplicate,     // FieldValueDuplicate     "Duplicate value"
  Invalid,       // FieldValueInvalid       "Invalid value"
  NotSupported,  // FieldValueNotSupported  "Unsupported value"
  Forbidden,     // FieldValueForbidden     "Forbidden"
  TooLong,       // FieldValueTooLong       "Too long"
  TooMany,       // FieldValueTooMany       "Too many"
  Internal,      // InternalError           "Internal error"
  TypeInvalid,   // FieldValueTypeInvalid   "Invalid value"
};

// The cause code (`details.causes[].reason`), e.g. "FieldValueRequired".
std::string_view fieldErrorReason(FieldErrorType type);
// The canonical words that start a message, e.g. "Required value".
std::string_view fieldErrorTypeText(FieldErrorType type);

// An offending value, kept as the text apimachinery would print for it.
class BadValue {
 public:
  BadValue() = default;  // same as goString("") — what Required/Forbidden carry

  static BadValue goString(std::string_view value);    // Go `string`: %q
  static BadValue namedString(std::string_view value); // named string type: JSON string
  static BadValue integer(int64_t value);               // int64/int32/int: plain digits
  static BadValue boolean(bool value);                  // true / false
  static BadValue null();                                // Go nil: null
  static BadValue json(std::string renderedJson);        // any other value, already Go-JSON encoded
  static BadValue omitted();                             // apimachinery's omitValue: printed as nothing

  bool isOmitted() const { return omitted_; }
  const std::string& text() const { return text_; }

  friend bool operator==(const BadValue&, const BadValue&) = default;

 private:
  std::string text_ = "\"\"";
  bool omitted_ = false;
};

// A field path as apimachinery's field.Path prints it: children joined with '.', list indices and
// map keys in brackets (keys unquoted).
class FieldPath {
 public:
  // The nil path (Go's `var p *field.Path`): its first child becomes the root.
  FieldPath() = default;
  explicit FieldPath(std::string_view root) : text_(root) {}

  FieldPath child(std::string_view name) const;
  template <class... More>
  FieldPath child(std::string_view name, std::string_view next, More... more) const {
    return child(name).child(next, more...);
  }
  FieldPath index(size_t i) const;
  FieldPath key(std::string_view key) const;

  const std::string& str() const { return text_; }

 private:
  std::string text_;
};

struct FieldError {
  FieldErrorType type = FieldErrorType::Invalid;
  std::string field;
  BadValue value;
  std::string detail;

  std::string_view reason() const { return fieldErrorReason(type); }
  // The message without the field: "Invalid value: \"x\": detail".
  std::string errorBody() const;
  // "<field>: <errorBody>".
  std::string error() const;

  friend bool operator==(const FieldError&, const FieldError&) = default;
};

using ErrorList = std::vector<FieldError>;

// The constructors of apimachinery's field package.
FieldError fieldRequired(const FieldPath& path, std::string detail);
FieldError fieldInvalid(const FieldPath& path, BadValue value, std::string detail);
FieldError fieldForbidden(const FieldPath& path, std::string detail);
FieldError fieldDuplicate(const FieldPath& path, BadValue value);
FieldError fieldNotFound(const FieldPath& path, BadValue value);
FieldError fieldTypeInvalid(const FieldPath& path, BadValue value, std::string detail);
// detail "supported values: \"A\", \"B\"" (none when the list is empty).
FieldError fieldNotSupported(const FieldPath& path, BadValue value, const std::vector<std::string>& validValues);
// detail "may not be more than N bytes" ("byte" for 1; "value is too long" when N < 0).
FieldError fieldTooLong(const FieldPath& path, int64_t maxLength);
// detail "must have at most N items" ("item" for 1; "has too many items" when N < 0); the actual
// count is printed unless it is negative.
FieldError fieldTooMany(const FieldPath& path, int64_t actualQuantity, int64_t maxQuantity);
FieldError fieldInternal(const FieldPath& path, std::string errorText);

// errors.NewAggregate(list.ToAggregate()).Error(): duplicate texts dropped, one error printed as
// is, several as "[e1, e2]". Empty list → "".
std::string aggregateError(const ErrorList& errors);

// The 422 answer of apierrors.NewInvalid for kind/group/name, as written to the client (kind
// Status, apiVersion v1): message `<Kind>.<group> "<name>" is invalid: <aggregate>` and one cause
// per error, in order, duplicates kept (docs/validation.md §2.6).
Status invalidStatus(std::string_view kind, std::string_view group, std::string_view name, const ErrorList& errors);

// The 500 answer of apierrors.NewInternalError: message "Internal error occurred: <message>",
// details.causes = [{message}].
Status internalErrorStatus(std::string_view message);

}  // namespace isimport

// The name and format rules validation applies (validation.h), with upstream's complaint texts:
// apimachinery's util/validation (DNS labels and subdomains, qualified names, label values), the
// path-segment and image-stream name rules, and the digest and media-type formats of manifest-list
// entries.
//
// All matchers are hand-written (no std::regex); each documents the expression it stands for.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace isimport {

// A name rule: the list of complaint texts for `name` (`prefix` = it is a generateName).
using NameValidator = std::vector<std::string> (*)(std::string_view name, bool prefix);

// path.ValidatePathSegmentName: may not be '.' / '..' (not for prefixes), may not contain '/',
// '%'.
std::vector<std::string> validatePathSegmentName(std::string_view name, bool prefix);
// ValidateImageStreamName: the path-segment rules, then `[a-z0-9]+(?:[._-][a-z0-9]+)*`.
std::vector<std::string> validateImageStreamName(std::string_view name, bool prefix);
// NameIsDNSLabel (the namespace rule); prefix masks a trailing '-'.
std::vector<std::string> validateDnsLabelName(std::string_view name, bool prefix);

// k8s.io/apimachinery/pkg/util/validation.
std::vector<std::string> isDns1123Label(std::string_view value);
std::vector<std::string> isDns1123Subdomain(std::string_view value);
std::vector<std::string> isQualifiedName(std::string_view value);
std::vector<std::string> isValidLabelValue(std::string_view value);

// Whether `s` holds an OCI digest anywhere (the unanchored expression the manifest-list entry rule
// searches for).
bool containsImageDigest(std::string_view s);
// Whether `s` is an RFC 6838 media type as the manifest-list entry rule's expression reads one.
bool matchesMediaType(std::string_view s);

}  // namespace isimport

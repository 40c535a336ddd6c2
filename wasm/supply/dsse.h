// DSSE, the Dead Simple Signing Envelope (secure-systems-lab/dsse `envelope.md`, `protocol.md`):
// a payload, its type, and signatures over the pre-authentication encoding of both. cosign's
// attestations (.att layers of media type application/vnd.dsse.envelope.v1+json) and sigstore
// bundles' `dsseEnvelope` carry one (docs/signatures.md §10.3).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/json_tree.h"

namespace isimport {

inline constexpr std::string_view kDsseEnvelopeMediaType = "application/vnd.dsse.envelope.v1+json";
inline constexpr std::string_view kInTotoPayloadType = "application/vnd.in-toto+json";
inline constexpr size_t kMaxDsseEnvelopeBytes = 16 * 1024 * 1024;
inline constexpr size_t kMaxDsseSignatures = 32;

struct DsseSignature {
  std::string keyid;  // may be "" (the specification makes it optional)
  std::string sig;    // the decoded signature bytes
};

struct DsseEnvelope {
  std::string payloadType;
  std::string payload;  // the decoded body (the bytes the signatures cover, through PAE)
  std::vector<DsseSignature> signatures;
};

struct DsseRead {
  std::optional<DsseEnvelope> envelope;
  std::string error;  // when !envelope
};

// Reads a JSON envelope (at most kMaxDsseEnvelopeBytes). Refused: not an object, a duplicate key,
// `payloadType` missing, empty or not a string, `payload` missing or not base64 (standard or URL
// alphabet, padded: go-securesystemslib `dsse/envelope.go` b64Decode), no signatures or more than
// kMaxDsseSignatures, a signature whose `sig` is missing, empty or not base64, a `keyid` that is
// not a string. Other keys are ignored, as Go's encoding/json ignores them.
DsseRead readDsseEnvelope(std::string_view json);

// The same, for the envelope object at `id` of an already parsed document; `where` prefixes
// errors. `protobufJson` reads it as a sigstore bundle's dsseEnvelope (sigstore/protobuf-specs
// `envelope.proto` through protojson): unknown keys refused, `payload_type` as another name of
// `payloadType`, base64 with or without padding.
DsseRead readDsseEnvelopeAt(const json::Tree& tree, json::NodeId id, std::string_view where, bool protobufJson);

// PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in ASCII decimal
// bytes: the exact bytes every DSSE signature is over (dsse `protocol.md`; go-securesystemslib
// `dsse/sign.go` PAE).
std::string preAuthEncoding(std::string_view type, std::string_view body);

}  // namespace isimport

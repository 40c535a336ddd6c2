// JSON Schemas (draft-07) of the three kinds, generated from the model's field lists so they cannot
// drift from what the decoder accepts: unknown fields refused (additionalProperties: false) where
// Strict decoding refuses them, `status` optional, no external $ref.
#pragma once

#include <string>
#include <vector>

namespace isimport {

struct SchemaFile {
  std::string fileName;  // as kubeconform names them, e.g. imagestreamimport-image-v1.json
  std::string text;      // pretty-printed JSON, ending with a newline
};

std::vector<SchemaFile> generateSchemas();

}  // namespace isimport

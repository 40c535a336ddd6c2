// The metav1.Status values the API server answers with (400, 413, 422, 500 …), built in one place
// so their texts and shapes stay identical wherever they are produced.
#pragma once

#include "model/meta.h"

namespace isimport {

// A top-level HTTP error answer: kind Status, apiVersion v1, status Failure.
Status errorStatus(std::string reason, int32_t code, std::string message);

Status badRequest(std::string message);                 // 400 BadRequest
Status requestEntityTooLarge(int64_t limitBytes);      // 413 RequestEntityTooLarge

}  // namespace isimport

#include "model/status_builders.h"

#include "go/cold_code.h"

ISIMPORT_COLD_CODE_BEGIN

namespace isimport {

Status errorStatus(std::string reason, int32_t code, std::string message) {
  Status s;
  s.kind = "Status";
  s.apiVersion = "v1";
  s.status = "Failure";
  s.message = std::move(message);
  s.reason = std::move(reason);
  s.code = code;
  return s;
}

Status badRequest(std::string message) { return errorStatus("BadRequest", 400, std::move(message)); }

Status requestEntityTooLarge(int64_t limitBytes) {
  return errorStatus("RequestEntityTooLarge", 413, "Request entity too large: limit is " + std::to_string(limitBytes));
}

}  // namespace isimport

ISIMPORT_COLD_CODE_END

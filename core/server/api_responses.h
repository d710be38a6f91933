#pragma once

#include "server/http_types.h"

#include "oci/result.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace berth::server {

// The answers every endpoint shares, in the distribution spec's formats.
HttpResponse jsonResponse(int status, const nlohmann::json &body,
                          const std::string &contentType = "application/json");
HttpResponse emptyResponse(int status);
// {"errors":[{"code","message","detail"}]}
HttpResponse apiError(int status, const std::string &code, const std::string &message);
HttpResponse methodNotAllowed();
HttpResponse deletesDisabled();
// A storage or OCI error (its code: BLOB_UNKNOWN, NAME_INVALID, ...) with
// the status the spec gives that code.
HttpResponse errorResponse(const Error &error);

} // namespace berth::server

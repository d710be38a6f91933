#include "server/api_responses.h"

#include <nlohmann/json.hpp>

#include <map>

namespace berth::server {

HttpResponse jsonResponse(int status, const nlohmann::json &body, const std::string &contentType)
{
    HttpResponse r;
    r.status = status;
    r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    r.addHeader("Content-Type", contentType);
    return r;
}

HttpResponse emptyResponse(int status)
{
    HttpResponse r;
    r.status = status;
    return r;
}

HttpResponse apiError(int status, const std::string &code, const std::string &message)
{
    const nlohmann::json body{
        {"errors",
         nlohmann::json::array({{{"code", code}, {"message", message}, {"detail", nullptr}}})}};
    return jsonResponse(status, body);
}

HttpResponse methodNotAllowed()
{
    return apiError(405, "UNSUPPORTED", "method not allowed");
}

HttpResponse deletesDisabled()
{
    return apiError(405, "UNSUPPORTED",
                    "deletes are disabled on this registry (storage.delete.enabled)");
}

HttpResponse errorResponse(const Error &e)
{
    static const std::map<std::string, int> statusOf{
        {"BLOB_UNKNOWN", 404},     {"BLOB_UPLOAD_INVALID", 400},   {"BLOB_UPLOAD_UNKNOWN", 404},
        {"DIGEST_INVALID", 400},   {"MANIFEST_BLOB_UNKNOWN", 400}, {"MANIFEST_INVALID", 400},
        {"MANIFEST_UNKNOWN", 404}, {"NAME_INVALID", 400},          {"NAME_UNKNOWN", 404},
        {"SIZE_INVALID", 400},     {"TAG_INVALID", 400},
    };
    if (e.code == "UNSUPPORTED") // a digest algorithm Berth does not know
        return apiError(400, "DIGEST_INVALID", e.message);
    const auto it = statusOf.find(e.code);
    if (it == statusOf.end())
        return apiError(500, "UNKNOWN", e.message);
    return apiError(it->second, e.code, e.message);
}

} // namespace berth::server

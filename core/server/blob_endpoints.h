#pragma once

#include "server/api_exchange.h"

#include "oci/digest.h"
#include <memory>

#include <optional>
#include <string>

namespace berth::server {

struct RegistryContext;
class UploadSessions;

// /v2/<name>/blobs/<digest> and /v2/<name>/blobs/uploads/[<uuid>]: blob
// reads (ranges, sendfile), deletes of a repository's link, and uploads
// (mounts, chunked and monolithic pushes, status, cancel).
class BlobEndpoints
{
public:
    BlobEndpoints(RegistryContext &context, UploadSessions &sessions);

    HttpResponse get(const HttpRequest &request, const std::string &name,
                     const std::string &digest) const;
    // A GET's Range applied to a whole blob's answer (`fileOffset`,
    // `fileLength`): narrowed to 206 with Content-Range, left whole, or
    // the 416 to send instead.
    static std::optional<HttpResponse> narrowToRange(const HttpRequest &request,
                                                     HttpResponse &whole);
    // Content-Type, Docker-Content-Digest, ETag, and Accept-Ranges when the
    // length is known: what every answer with a blob's body says.
    static void addBlobHeaders(HttpResponse &r, const oci::Digest &digest, bool lengthKnown);
    HttpResponse remove(const std::string &name, const std::string &digest);
    // POST …/blobs/uploads/: a mount, a monolithic push, or a new session.
    std::unique_ptr<ApiExchange> startUpload(const HttpRequest &request, const std::string &name);
    // …/blobs/uploads/<uuid> with any method.
    std::unique_ptr<ApiExchange> upload(const HttpRequest &request, const std::string &name,
                                        const std::string &uuid);

private:
    HttpResponse status(const std::string &name, const std::string &uuid) const;
    HttpResponse cancel(const std::string &name, const std::string &uuid);
    std::optional<HttpResponse> mount(const HttpRequest &request, const std::string &name);

    RegistryContext &m_context;
    UploadSessions &m_sessions;
};

} // namespace berth::server

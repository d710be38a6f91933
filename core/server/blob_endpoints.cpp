#include "server/blob_endpoints.h"

#include "server/api_responses.h"
#include "server/byte_range.h"
#include "server/fixed_exchange.h"
#include "server/registry_context.h"
#include "server/upload_exchange.h"
#include "server/upload_sessions.h"

#include "oci/name_rules.h"

#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace berth::server {

namespace fs = std::filesystem;

namespace {

std::unique_ptr<ApiExchange> fixed(HttpResponse response)
{
    return std::make_unique<FixedExchange>(std::move(response));
}

} // namespace

BlobEndpoints::BlobEndpoints(RegistryContext &context, UploadSessions &sessions)
    : m_context(context)
    , m_sessions(sessions)
{
}

HttpResponse BlobEndpoints::get(const HttpRequest &request, const std::string &name,
                                const std::string &digestText) const
{
    auto digest = oci::Digest::parse(digestText);
    if (!digest.ok())
        return errorResponse(digest.error());
    // A HEAD is how a pushing client learns it can skip an upload; the
    // manifest referencing the blob follows. Under the GC gate, an old blob's
    // time is refreshed so an online collection keeps it until then (and a
    // collection already running finishes first: then the answer is 404).
    std::shared_lock gate(m_context.gcGate, std::defer_lock);
    if (request.method == "HEAD")
        gate.lock();
    if (!m_context.blobLinked(name, *digest))
        return apiError(404, "BLOB_UNKNOWN", "blob unknown to registry");
    const fs::path path = m_context.store.layout().blobDataPath(*digest);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    struct stat st
    {
    };
    if (fd < 0 || ::fstat(fd, &st) != 0) {
        if (fd >= 0)
            ::close(fd);
        return apiError(404, "BLOB_UNKNOWN", "blob unknown to registry");
    }
    if (gate.owns_lock() && st.st_mtime < std::time(nullptr) - 1800)
        ::futimens(fd, nullptr); // needs no write access to the data: owner's right
    HttpResponse r;
    r.status = 200;
    r.fileFd = fd;
    r.fileOffset = 0;
    r.fileLength = static_cast<std::uint64_t>(st.st_size);
    addBlobHeaders(r, *digest, true);
    if (auto refused = narrowToRange(request, r))
        return *std::move(refused); // its destructor closes the blob
    return r;
}

void BlobEndpoints::addBlobHeaders(HttpResponse &r, const oci::Digest &digest, bool lengthKnown)
{
    r.addHeader("Content-Type", "application/octet-stream");
    r.addHeader("Docker-Content-Digest", digest.toString());
    r.addHeader("ETag", "\"" + digest.toString() + "\"");
    if (lengthKnown)
        r.addHeader("Accept-Ranges", "bytes");
}

std::optional<HttpResponse> BlobEndpoints::narrowToRange(const HttpRequest &request,
                                                         HttpResponse &whole)
{
    const auto range = request.header("range");
    if (!range || request.method != "GET")
        return std::nullopt;
    const std::uint64_t length = whole.fileLength;
    const RangeRequest asked = parseRangeHeader(*range, length);
    if (asked.kind == RangeRequest::Kind::Unsatisfiable) {
        HttpResponse bad = apiError(416, "BLOB_UNKNOWN", "requested range not satisfiable");
        bad.addHeader("Content-Range", "bytes */" + std::to_string(length));
        return bad;
    }
    if (asked.kind == RangeRequest::Kind::Span) {
        const ByteSpan &span = asked.span;
        whole.status = 206;
        whole.fileOffset += span.first;
        whole.fileLength = span.last - span.first + 1;
        whole.addHeader("Content-Range", "bytes " + std::to_string(span.first) + "-" +
                                             std::to_string(span.last) + "/" +
                                             std::to_string(length));
    }
    return std::nullopt;
}

HttpResponse BlobEndpoints::remove(const std::string &name, const std::string &digestText)
{
    if (!m_context.options.deleteEnabled)
        return deletesDisabled();
    auto digest = oci::Digest::parse(digestText);
    if (!digest.ok())
        return errorResponse(digest.error());
    std::shared_lock gate(m_context.gcGate);
    if (auto s = m_context.writer.deleteLayerLink(name, *digest); !s.ok())
        return errorResponse(s.error());
    return emptyResponse(202);
}

std::optional<HttpResponse> BlobEndpoints::mount(const HttpRequest &request,
                                                 const std::string &name)
{
    const auto mount = request.queryValue("mount");
    if (!mount)
        return std::nullopt;
    auto digest = oci::Digest::parse(*mount);
    if (!digest.ok())
        return errorResponse(digest.error());
    const auto from = request.queryValue("from");
    std::shared_lock gate(m_context.gcGate);
    const bool available =
        m_context.store.blobSize(*digest) && (!from || (oci::validateRepositoryName(*from).ok() &&
                                                        m_context.blobLinked(*from, *digest)));
    if (!available || !m_context.writer.mountBlob(name, *digest).ok())
        return std::nullopt; // not mountable: an ordinary upload, as the spec says
    HttpResponse r = emptyResponse(201);
    r.addHeader("Location", "/v2/" + name + "/blobs/" + digest->toString());
    r.addHeader("Docker-Content-Digest", digest->toString());
    return r;
}

std::unique_ptr<ApiExchange> BlobEndpoints::startUpload(const HttpRequest &request,
                                                        const std::string &name)
{
    if (auto mounted = mount(request, name))
        return fixed(std::move(*mounted));
    // A monolithic upload's digest is checked before anything is stored.
    const auto digest = request.queryValue("digest");
    if (digest) {
        if (auto parsed = oci::Digest::parse(*digest); !parsed.ok())
            return fixed(errorResponse(parsed.error()));
    }
    // Shared with other writers, exclusive with a repository's removal: an
    // upload starting now is either seen by it (and the removal refused) or
    // starts after it, in a fresh folder.
    auto uuid = [&] {
        std::shared_lock gate(m_context.gcGate);
        return m_context.writer.startUpload(name);
    }();
    if (!uuid.ok())
        return fixed(errorResponse(uuid.error()));
    if (digest)
        return std::make_unique<UploadExchange>(m_context, m_sessions,
                                                UploadExchange::Kind::Monolithic, name, *uuid,
                                                digest, std::nullopt);
    HttpResponse r = emptyResponse(202);
    r.addHeader("Location", "/v2/" + name + "/blobs/uploads/" + *uuid);
    r.addHeader("Range", "0-0");
    r.addHeader("Docker-Upload-UUID", *uuid);
    return fixed(std::move(r));
}

std::unique_ptr<ApiExchange> BlobEndpoints::upload(const HttpRequest &request,
                                                   const std::string &name, const std::string &uuid)
{
    const std::string &method = request.method;
    if (method == "GET")
        return fixed(status(name, uuid));
    if (method == "DELETE")
        return fixed(cancel(name, uuid));
    if (method == "PATCH")
        return std::make_unique<UploadExchange>(m_context, m_sessions, UploadExchange::Kind::Patch,
                                                name, uuid, std::nullopt,
                                                request.header("content-range"));
    if (method == "PUT")
        return std::make_unique<UploadExchange>(m_context, m_sessions, UploadExchange::Kind::Close,
                                                name, uuid, request.queryValue("digest"),
                                                std::nullopt);
    return fixed(methodNotAllowed());
}

HttpResponse BlobEndpoints::status(const std::string &name, const std::string &uuid) const
{
    auto path = m_context.writer.uploadDataPath(name, uuid);
    if (!path.ok())
        return errorResponse(path.error());
    std::error_code ec;
    const auto size = fs::file_size(*path, ec);
    HttpResponse r = emptyResponse(204);
    r.addHeader("Location", "/v2/" + name + "/blobs/uploads/" + uuid);
    r.addHeader("Range", "0-" + std::to_string(size ? size - 1 : 0));
    r.addHeader("Docker-Upload-UUID", uuid);
    return r;
}

HttpResponse BlobEndpoints::cancel(const std::string &name, const std::string &uuid)
{
    if (auto s = m_context.writer.cancelUpload(name, uuid); !s.ok())
        return errorResponse(s.error());
    m_sessions.forget(uuid);
    return emptyResponse(204);
}

} // namespace berth::server

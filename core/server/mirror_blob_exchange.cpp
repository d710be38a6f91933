#include "server/mirror_blob_exchange.h"

#include "server/blob_endpoints.h"
#include "server/blob_fill.h"

namespace berth::server {

MirrorBlobExchange::MirrorBlobExchange(std::shared_ptr<BlobFill> fill, const HttpRequest &request,
                                       oci::Digest digest)
    : m_fill(std::move(fill))
    , m_digest(std::move(digest))
{
    m_request.method = request.method;
    if (const auto range = request.header("range"))
        m_request.headers.emplace("range", *range);
}

bool MirrorBlobExchange::answerReady() const
{
    return m_fill->phase() != BlobFill::Phase::Asking;
}

bool MirrorBlobExchange::wakeWhenReady(std::function<void()> wake)
{
    return m_fill->wakeWhenAnswered(std::move(wake));
}

HttpResponse MirrorBlobExchange::finish()
{
    if (m_fill->phase() == BlobFill::Phase::Failed)
        return m_fill->refusal().response();
    HttpResponse r;
    r.status = 200;
    r.stream = m_fill;
    const auto length = m_fill->length();
    BlobEndpoints::addBlobHeaders(r, m_digest, length.has_value());
    if (!length) {
        r.streamLengthKnown = false; // chunked: the upstream did not say
        return r;
    }
    r.fileLength = *length;
    if (auto refused = BlobEndpoints::narrowToRange(m_request, r))
        return *std::move(refused);
    return r;
}

} // namespace berth::server

#include "server/mirror_blob_exchange.h"

#include "server/blob_endpoints.h"
#include "server/blob_fill.h"
#include "server/byte_range.h"

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

bool MirrorBlobExchange::stopsShortOfTheEnd() const
{
    const auto range = m_request.header("range");
    const auto length = m_fill->length();
    if (!range || m_request.method != "GET" || !length)
        return false;
    const RangeRequest asked = parseRangeHeader(*range, *length);
    return asked.kind == RangeRequest::Kind::Span && asked.span.last + 1 < *length;
}

bool MirrorBlobExchange::readyIn(BlobFill::Phase phase) const
{
    switch (phase) {
    case BlobFill::Phase::Asking:
        return false;
    case BlobFill::Phase::Arriving:
        return !stopsShortOfTheEnd();
    case BlobFill::Phase::Verified:
    case BlobFill::Phase::Failed:
        break;
    }
    return true;
}

bool MirrorBlobExchange::answerReady() const
{
    return readyIn(m_fill->phase());
}

bool MirrorBlobExchange::wakeWhenReady(std::function<void()> wake)
{
    const BlobFill::Phase phase = m_fill->phase();
    if (readyIn(phase))
        return false;
    // Moved on meanwhile: false, and the HTTP layer asks again at once.
    return m_fill->wakeWhenPast(phase, std::move(wake));
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

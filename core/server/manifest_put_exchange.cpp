#include "server/manifest_put_exchange.h"

#include "server/api_responses.h"
#include "server/manifest_endpoints.h"

namespace berth::server {

ManifestPutExchange::ManifestPutExchange(ManifestEndpoints &endpoints, HttpRequest request,
                                         std::string name, std::string reference,
                                         std::size_t maxBytes)
    : m_endpoints(endpoints)
    , m_request(std::move(request))
    , m_name(std::move(name))
    , m_reference(std::move(reference))
    , m_maxBytes(maxBytes)
{
    const auto length = m_request.contentLength();
    m_tooLarge = length && *length > m_maxBytes;
}

bool ManifestPutExchange::onBody(const char *data, std::size_t size)
{
    if (m_body.size() + size > m_maxBytes) {
        m_tooLarge = true;
        return false;
    }
    m_body.append(data, size);
    return true;
}

HttpResponse ManifestPutExchange::finish()
{
    if (m_tooLarge)
        return apiError(413, "SIZE_INVALID", "manifest larger than 4 MiB");
    return m_endpoints.put(m_request, m_name, m_reference, m_body);
}

} // namespace berth::server

#pragma once

#include "server/api_exchange.h"

#include <string>

namespace berth::server {

class ManifestEndpoints;

// A manifest PUT: the body is collected in memory up to `maxBytes` (a
// declared length over it is refused before any byte is read).
class ManifestPutExchange : public ApiExchange
{
public:
    ManifestPutExchange(ManifestEndpoints &endpoints, HttpRequest request, std::string name,
                        std::string reference, std::size_t maxBytes);

    bool answeredByHead() const override { return m_tooLarge; }
    bool onBody(const char *data, std::size_t size) override;
    HttpResponse finish() override;
    bool mayBlock() const override { return true; } // writes and fsyncs

private:
    ManifestEndpoints &m_endpoints;
    HttpRequest m_request;
    std::string m_name;
    std::string m_reference;
    std::size_t m_maxBytes;
    std::string m_body;
    bool m_tooLarge = false;
};

} // namespace berth::server

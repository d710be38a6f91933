#pragma once

#include "server/api_exchange.h"

#include <utility>

namespace berth::server {

// An answer known from the request head; any body is ignored.
class FixedExchange : public ApiExchange
{
public:
    explicit FixedExchange(HttpResponse response)
        : m_response(std::move(response))
    {
    }
    bool answeredByHead() const override { return true; }
    bool onBody(const char *, std::size_t) override { return true; }
    HttpResponse finish() override { return std::move(m_response); }

private:
    HttpResponse m_response;
};

} // namespace berth::server

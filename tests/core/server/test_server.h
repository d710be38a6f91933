#pragma once

// A registry API on a temporary root behind a started HttpServer, for tests
// that talk to it over real sockets.

#include "server/http_server.h"
#include "server/registry_api.h"

#include "support/temp_dir.h"

#include <cstdint>
#include <filesystem>
#include <utility>

namespace berth::test {

class TestServer
{
public:
    explicit TestServer(bool sendfileOnLoopback = false,
                        server::RegistryApi::Options apiOptions = {},
                        unsigned idleTimeoutSeconds = 30)
        : m_api(m_root.path(), std::move(apiOptions))
        , m_server(m_api, options(sendfileOnLoopback, idleTimeoutSeconds))
    {
    }
    bool start() { return m_server.start().ok(); }
    std::uint16_t port() const { return m_server.port(); }
    const std::filesystem::path &root() const { return m_root.path(); }

private:
    static server::HttpServer::Options options(bool sendfileOnLoopback, unsigned idleTimeout)
    {
        server::HttpServer::Options o;
        o.port = 0;
        o.threads = 2;
        o.sendfileOnLoopback = sendfileOnLoopback;
        o.connectionTimeoutSeconds = idleTimeout;
        return o;
    }
    berth::test::TempDir m_root;
    server::RegistryApi m_api;
    server::HttpServer m_server; // stopped before the API and the root go
};

} // namespace berth::test

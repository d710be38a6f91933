#pragma once

#include "client/client_error.h"

#include <QString>
#include <QUrl>

#include <chrono>

namespace berth::client {

enum class TlsMode
{
    Verify,   // system trust store (plus /etc/docker/certs.d/<host:port>/ca.crt)
    CustomCa, // system trust store plus caFile
    Insecure, // no certificate verification — explicit choice only
};

// Where a registry is and how to talk to it. No secrets in here: credentials
// come from a CredentialProvider.
struct RegistryEndpoint
{
    QUrl baseUrl; // scheme://host[:port], no path
    TlsMode tlsMode = TlsMode::Verify;
    QString caFile; // TlsMode::CustomCa
    QString dockerCertsDir = QStringLiteral("/etc/docker/certs.d");
    std::chrono::milliseconds timeout{30000}; // no data for this long ends a request
    qint64 maxJsonBytes = 8 * 1024 * 1024;    // manifests, lists, configs, errors
    int maxRedirects = 5;
    int maxRetries = 3; // for 429/502/503/504 on GET/HEAD
    std::chrono::milliseconds retryBaseDelay{500};
    std::chrono::milliseconds retryMaxDelay{30000};
    int maxConcurrency = 12; // bulk jobs

    // "localhost:5000", "registry.example.com", "https://host:8443", "http://host".
    // Without a scheme: plain HTTP for localhost and 127.0.0.0/8 (as docker does),
    // HTTPS otherwise. Rejects paths, userinfo, queries and non-http(s) schemes.
    static ClientResult<RegistryEndpoint> fromUserInput(const QString &text);

    QString hostPort() const; // "host:port" or "[v6]:port" (port omitted when default)
    bool isPlainHttp() const { return baseUrl.scheme() == QLatin1String("http"); }
    bool isLoopback() const;
};

} // namespace berth::client

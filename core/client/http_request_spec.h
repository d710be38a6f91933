#pragma once

#include "client/body_pipe.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <functional>

namespace berth::client {

// One logical request to a registry (HttpExchange adds auth, retries, redirects).
struct HttpRequestSpec
{
    enum class Auth
    {
        Registry, // the session's login: Basic or a Bearer token for `scopes`
        None,     // send no login (token endpoint calls set their own header)
    };

    QByteArray method = "GET";
    QUrl url;                                     // absolute
    QList<QPair<QByteArray, QByteArray>> headers; // extra request headers
    QByteArray body;
    QStringList scopes;       // token scopes this call needs: "repository:a/b:pull", ...
    qint64 maxBodyBytes = -1; // -1: the endpoint's maxJsonBytes
    Auth auth = Auth::Registry;
    // False: a redirect ends the request with an error instead of being
    // followed (a body that holds a secret must not travel on).
    bool followRedirects = true;
    // Set: the body of a 2xx answer goes here as it arrives, not into the
    // reply (blobs of any size); returning false stops the transfer, and the
    // exchange fails. Other answers (errors, redirects) are read as usual.
    std::function<bool(QByteArrayView chunk)> bodySink;
    // With bodySink: while the pacer has no room the answer is left unread
    // (Qt stops reading the socket once its buffer is full) until it has.
    QPointer<BodyPipe> sinkPacer;
    // Set: the request body is read from this device as the server takes
    // it, `bodySize` bytes (a blob streamed between registries). Sent
    // once: a 401 is not answered again (the body is gone); redirects
    // follow `followRedirects` (the caller turns them off).
    QPointer<QIODevice> bodyDevice;
    qint64 bodySize = 0;

    void addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append({name, value});
    }
    bool isIdempotentRead() const { return method == "GET" || method == "HEAD"; }
};

} // namespace berth::client

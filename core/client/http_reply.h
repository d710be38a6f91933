#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QSslCertificate>
#include <QUrl>

namespace berth::client {

struct HttpReply
{
    int status = 0;
    QUrl url; // after redirects
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QSslCertificate peerCertificate; // HTTPS only: the server's certificate

    // Case-insensitive; several headers of one name are joined with ", ".
    QByteArray header(const QByteArray &name) const;
    bool isSuccess() const { return status >= 200 && status < 300; }
    // The Location header resolved against this reply's URL (an upload's
    // address); empty when there is none.
    QUrl location() const;
};

} // namespace berth::client

#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace berth::client {

// One HTTP call as the request log panel shows it. Never holds headers,
// credentials or tokens; the URL has no userinfo and its query values are
// masked (redactedUrl: presigned URLs carry signatures there).
struct RequestLogEntry
{
    QDateTime when;
    QByteArray method;
    QString url;
    int status = 0; // 0: no HTTP answer
    qint64 bytes = 0;
    qint64 durationMs = 0;
    QString error; // transport error, empty on an HTTP answer
};

} // namespace berth::client

Q_DECLARE_METATYPE(berth::client::RequestLogEntry)

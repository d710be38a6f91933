#pragma once

// One HTTP request with the curl program (a client that is not Berth's):
// its status, headers and body.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace berth::test {

struct CurlAnswer
{
    int code = 0; // 0: no answer within 30 s
    QByteArray headers;
    QByteArray body;

    // The first header `lowerCaseName`'s value (empty when absent).
    QString header(const char *lowerCaseName) const;
};

// curl -s with `args` (method, headers, data, URL).
CurlAnswer curlRequest(const QStringList &args);

} // namespace berth::test

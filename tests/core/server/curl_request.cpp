#include "curl_request.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

namespace berth::test {

QString CurlAnswer::header(const char *lowerCaseName) const
{
    for (const QByteArray &line : headers.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == lowerCaseName)
            return QString::fromLatin1(line.mid(colon + 1).trimmed());
    }
    return {};
}

CurlAnswer curlRequest(const QStringList &args)
{
    QTemporaryDir dir;
    const QString headers = dir.filePath(QStringLiteral("headers"));
    const QString body = dir.filePath(QStringLiteral("body"));
    QProcess process;
    process.start(QStringLiteral("curl"),
                  QStringList{QStringLiteral("-s"), QStringLiteral("-D"), headers,
                              QStringLiteral("-o"), body, QStringLiteral("-w"),
                              QStringLiteral("%{http_code}")} +
                      args);
    CurlAnswer answer;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(5000);
        return answer;
    }
    answer.code = process.readAllStandardOutput().toInt();
    QFile h(headers);
    if (h.open(QIODevice::ReadOnly))
        answer.headers = h.readAll();
    QFile b(body);
    if (b.open(QIODevice::ReadOnly))
        answer.body = b.readAll();
    return answer;
}

} // namespace berth::test

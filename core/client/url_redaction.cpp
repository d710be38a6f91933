#include "client/url_redaction.h"

#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

namespace berth::client {

namespace {

// "a=1&b=2" → "a=…&b=…"; names are kept, they help and hold no secret.
QString maskQuery(const QString &query)
{
    QStringList parts = query.split(QLatin1Char('&'));
    for (QString &part : parts) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        part = (eq < 0 ? part : part.left(eq)) + QStringLiteral("=…");
    }
    return parts.join(QLatin1Char('&'));
}

} // namespace

QString redactedUrl(const QUrl &url)
{
    QString shown = url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (url.hasQuery())
        shown += QLatin1Char('?') + maskQuery(url.query(QUrl::FullyEncoded));
    return shown;
}

QString redactUrlsIn(const QString &text)
{
    static const QRegularExpression withQuery(
        QStringLiteral(R"((https?://[^\s?#"'<>]*)\?([^\s#"'<>]*))"),
        QRegularExpression::CaseInsensitiveOption);
    QString out;
    qsizetype last = 0;
    for (auto it = withQuery.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        out += m.captured(1) + QLatin1Char('?') + maskQuery(m.captured(2));
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

} // namespace berth::client

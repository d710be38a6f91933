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
    // scheme://[userinfo@]rest[?query]; JSON's escaped slashes count too.
    static const QRegularExpression url(
        QStringLiteral(
            R"((https?:(?:\\?/){2})(?:[^\s/?#"'<>@]*@)?([^\s?#"'<>]*)(?:\?([^\s#"'<>]*))?)"),
        QRegularExpression::CaseInsensitiveOption);
    QString out;
    qsizetype last = 0;
    for (auto it = url.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        out += m.captured(1) + m.captured(2); // without userinfo
        if (m.capturedStart(3) >= 0)
            out += QLatin1Char('?') + maskQuery(m.captured(3));
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

QString redactedReference(const QString &reference)
{
    const qsizetype q = reference.indexOf(QLatin1Char('?'));
    QString out = redactUrlsIn(q < 0 ? reference : reference.left(q));
    if (q >= 0) {
        QString query = reference.mid(q + 1);
        if (const qsizetype hash = query.indexOf(QLatin1Char('#')); hash >= 0)
            query.truncate(hash);
        out += QLatin1Char('?') + maskQuery(query);
    }
    return out;
}

} // namespace berth::client

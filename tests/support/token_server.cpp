#include "support/token_server.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace berth::test {

TokenServer::TokenServer(const QString &key, const QString &cert)
    : m_server([this](const ScriptedRequest &r) { return handle(r); })
{
    m_ok = m_signer.load(key, cert) && m_server.listen();
}

ScriptedReply TokenServer::handle(const ScriptedRequest &r)
{
    const bool anonymous = !r.headers.contains("authorization") && anonymousPull;
    if (!anonymous &&
        r.headers.value("authorization") != "Basic " + QByteArray("bob:pw").toBase64())
        return ScriptedReply{401,
                             {{"Content-Type", "application/json"}},
                             R"({"details":"invalid login"})",
                             0,
                             false};
    const QUrlQuery query(QUrl(QString::fromLatin1(r.target)).query());
    QJsonArray access;
    for (const QString &scope :
         query.allQueryItemValues(QStringLiteral("scope"), QUrl::FullyDecoded)) {
        if (denied.contains(scope))
            continue;
        const qsizetype first = scope.indexOf(QLatin1Char(':'));
        const qsizetype last = scope.lastIndexOf(QLatin1Char(':'));
        if (first < 0 || last <= first)
            continue;
        QStringList actions = scope.mid(last + 1).split(QLatin1Char(','));
        if (anonymous)
            actions = actions.filter(QRegularExpression(QStringLiteral("^pull$")));
        access.append(
            QJsonObject{{QStringLiteral("type"), scope.left(first)},
                        {QStringLiteral("name"), scope.mid(first + 1, last - first - 1)},
                        {QStringLiteral("actions"), QJsonArray::fromStringList(actions)}});
    }
    const QByteArray token = m_signer.sign(
        QStringLiteral("berth-test-issuer"), query.queryItemValue(QStringLiteral("service")),
        anonymous ? QString() : QStringLiteral("bob"), access, 300);
    return ScriptedReply{
        200,
        {{"Content-Type", "application/json"}},
        QJsonDocument(QJsonObject{{QStringLiteral("token"), QString::fromLatin1(token)},
                                  {QStringLiteral("expires_in"), 300}})
            .toJson(QJsonDocument::Compact),
        0,
        false};
}

} // namespace berth::test

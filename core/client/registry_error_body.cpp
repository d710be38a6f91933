#include "client/registry_error_body.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth::client {

namespace {

constexpr qsizetype kMaxBody = 1024 * 1024;
constexpr qsizetype kMaxField = 500;

QString bounded(QString s)
{
    // Keep messages printable and short: they end up in dialogs and logs.
    for (QChar &c : s) {
        if (c.category() == QChar::Other_Control)
            c = QLatin1Char(' ');
    }
    if (s.size() > kMaxField)
        s = s.left(kMaxField) + QStringLiteral("…");
    return s.trimmed();
}

} // namespace

RegistryErrorBody RegistryErrorBody::parse(const QByteArray &body)
{
    RegistryErrorBody out;
    if (body.isEmpty() || body.size() > kMaxBody)
        return out;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return out;
    const QJsonValue errors = doc.object().value(QLatin1String("errors"));
    if (!errors.isArray())
        return out;
    const QJsonArray list = errors.toArray();
    out.count = static_cast<int>(list.size());
    for (const QJsonValue &item : list) {
        if (!item.isObject())
            continue;
        const QJsonObject obj = item.toObject();
        out.code = bounded(obj.value(QLatin1String("code")).toString());
        out.message = bounded(obj.value(QLatin1String("message")).toString());
        const QJsonValue detail = obj.value(QLatin1String("detail"));
        if (detail.isString())
            out.detail = bounded(detail.toString());
        else if (detail.isObject())
            out.detail = bounded(
                QString::fromUtf8(QJsonDocument(detail.toObject()).toJson(QJsonDocument::Compact)));
        else if (detail.isArray())
            out.detail = bounded(
                QString::fromUtf8(QJsonDocument(detail.toArray()).toJson(QJsonDocument::Compact)));
        break;
    }
    return out;
}

} // namespace berth::client

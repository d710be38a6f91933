#include "ui/tag_drag.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>

namespace berth::ui {

QMimeData *TagDrag::toMimeData() const
{
    auto *mime = new QMimeData;
    const QJsonObject payload{{QStringLiteral("registry"), registryId},
                              {QStringLiteral("repository"), repository},
                              {QStringLiteral("tags"), QJsonArray::fromStringList(tags)}};
    mime->setData(QString::fromLatin1(kMimeType),
                  QJsonDocument(payload).toJson(QJsonDocument::Compact));
    // Dropped anywhere else (a terminal, an editor): the references as text.
    QStringList references;
    for (const QString &tag : tags)
        references << repository + QLatin1Char(':') + tag;
    mime->setText(references.join(QLatin1Char('\n')));
    return mime;
}

std::optional<TagDrag> TagDrag::from(const QMimeData *mime)
{
    if (!mime || !mime->hasFormat(QString::fromLatin1(kMimeType)))
        return std::nullopt;
    const QJsonDocument document =
        QJsonDocument::fromJson(mime->data(QString::fromLatin1(kMimeType)));
    if (!document.isObject())
        return std::nullopt;
    const QJsonObject payload = document.object();
    TagDrag drag;
    drag.registryId = payload.value(QStringLiteral("registry")).toString();
    drag.repository = payload.value(QStringLiteral("repository")).toString();
    for (const QJsonValue &tag : payload.value(QStringLiteral("tags")).toArray()) {
        if (tag.isString() && !tag.toString().isEmpty())
            drag.tags << tag.toString();
    }
    if (drag.registryId.isEmpty() || drag.repository.isEmpty() || drag.tags.isEmpty())
        return std::nullopt;
    return drag;
}

} // namespace berth::ui

#pragma once

#include <QString>
#include <QStringList>

#include <optional>

class QMimeData;

namespace berth::ui {

// Tags dragged out of one registry's tag table (in any Berth window):
// which saved registry, which repository, which tags. Dropped on a
// repository of another (or the same) registry, they are copied there.
struct TagDrag
{
    static constexpr const char *kMimeType = "application/x-berth-tags";

    QString registryId; // the saved registry's id (ProfileController)
    QString repository;
    QStringList tags;

    QMimeData *toMimeData() const;
    // nullopt unless `mime` holds a well-formed drag of at least one tag.
    static std::optional<TagDrag> from(const QMimeData *mime);
};

} // namespace berth::ui

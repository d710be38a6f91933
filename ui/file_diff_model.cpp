#include "ui/file_diff_model.h"

#include "ui/size_format.h"
#include "ui/theme_colors.h"

#include <QBrush>
#include <QColor>
#include <QGuiApplication>
#include <QPalette>

namespace berth::ui {

namespace {

QString mode(std::uint32_t m)
{
    return QString::number(m, 8).rightJustified(4, QLatin1Char('0'));
}

QString typeName(layers::EntryType type)
{
    return QString::fromLatin1(layers::entryTypeName(type));
}

} // namespace

FileDiffModel::FileDiffModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void FileDiffModel::setDiff(std::shared_ptr<const layers::ImageDiff> diff)
{
    beginResetModel();
    m_diff = std::move(diff);
    endResetModel();
}

int FileDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_diff ? 0 : static_cast<int>(m_diff->files.size());
}

int FileDiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FileDiffModel::whatChanged(const layers::FileDiff &d)
{
    QStringList parts;
    if (d.type)
        parts << tr("type %1 → %2").arg(typeName(d.left->type), typeName(d.right->type));
    if (d.contents)
        parts << tr("contents");
    if (d.size)
        parts << tr("size");
    if (d.link)
        parts << tr("link %1 → %2")
                     .arg(QString::fromStdString(d.left->linkTarget),
                          QString::fromStdString(d.right->linkTarget));
    if (d.mode)
        parts << tr("mode %1 → %2").arg(mode(d.left->mode), mode(d.right->mode));
    if (d.owner)
        parts << tr("owner %1:%2 → %3:%4")
                     .arg(d.left->uid)
                     .arg(d.left->gid)
                     .arg(d.right->uid)
                     .arg(d.right->gid);
    return parts.join(QStringLiteral(", "));
}

const layers::FileDiff *FileDiffModel::diffAt(int row) const
{
    if (!m_diff || row < 0 || static_cast<std::size_t>(row) >= m_diff->files.size())
        return nullptr;
    return &m_diff->files[static_cast<std::size_t>(row)];
}

QVariant FileDiffModel::data(const QModelIndex &index, int role) const
{
    if (!m_diff || !index.isValid())
        return {};
    const layers::FileDiff &d = m_diff->files[static_cast<std::size_t>(index.row())];
    const auto size = [role](const std::optional<layers::FileEntry> &e) -> QVariant {
        if (!e || e->type == layers::EntryType::Directory)
            return {};
        return role == SortRole ? QVariant(static_cast<qlonglong>(e->size))
                                : QVariant(formatBytes(e->size));
    };
    if (role == Qt::ForegroundRole && index.column() == ChangeColumn)
        return QBrush(
            ThemeColors::color(d.kind == layers::DiffKind::Added     ? ThemeColors::Role::Added
                               : d.kind == layers::DiffKind::Removed ? ThemeColors::Role::Removed
                                                                     : ThemeColors::Role::Changed,
                               QGuiApplication::palette()));
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (index.column()) {
    case ChangeColumn:
        return d.kind == layers::DiffKind::Added     ? tr("added")
               : d.kind == layers::DiffKind::Removed ? tr("removed")
                                                     : tr("changed");
    case PathColumn:
        return QString(QStringLiteral("/") + QString::fromStdString(d.path) +
                       ((d.right ? d.right->type : d.left->type) == layers::EntryType::Directory
                            ? QStringLiteral("/")
                            : QString()));
    case WhatColumn:
        return d.kind == layers::DiffKind::Changed ? whatChanged(d) : QString();
    case LeftSizeColumn:
        return size(d.left);
    case RightSizeColumn:
        return size(d.right);
    default:
        return {};
    }
}

QVariant FileDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ChangeColumn:
        return tr("Change");
    case PathColumn:
        return tr("Path");
    case WhatColumn:
        return tr("What changed");
    case LeftSizeColumn:
        return tr("Size before");
    case RightSizeColumn:
        return tr("Size after");
    default:
        return {};
    }
}

} // namespace berth::ui

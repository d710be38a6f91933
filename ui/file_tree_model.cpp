#include "ui/file_tree_model.h"

#include "ui/size_format.h"

#include <QApplication>
#include <QStyle>

#include <algorithm>

namespace berth::ui {

namespace {

using layers::EntryType;

QString nameOf(const std::string &path)
{
    const auto slash = path.rfind('/');
    return QString::fromStdString(slash == std::string::npos ? path : path.substr(slash + 1));
}

} // namespace

FileTreeModel::FileTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_folderIcon(QApplication::style()->standardIcon(QStyle::SP_DirIcon))
    , m_fileIcon(QApplication::style()->standardIcon(QStyle::SP_FileIcon))
    , m_linkIcon(QApplication::style()->standardIcon(QStyle::SP_FileLinkIcon))
{
}

void FileTreeModel::setTree(std::shared_ptr<const layers::MergedTree> tree)
{
    beginResetModel();
    m_tree = std::move(tree);
    m_sizesOfLayer = -1;
    m_layerBytes.clear();
    endResetModel();
}

void FileTreeModel::clear()
{
    setTree(nullptr);
}

void FileTreeModel::setSizesOfLayer(int layer)
{
    // Every row's size may change, at any depth: a layout change (views and
    // proxies re-read and re-sort), not dataChanged of the top rows.
    Q_EMIT layoutAboutToBeChanged();
    m_sizesOfLayer = m_tree ? layer : -1;
    m_layerBytes.clear();
    if (m_sizesOfLayer >= 0) {
        const auto &entries = m_tree->entries();
        m_layerBytes.assign(entries.size(), 0);
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const layers::MergedEntry &e = entries[i];
            if (e.layer != layer || e.entry.type != EntryType::File)
                continue;
            m_layerBytes[i] += e.entry.size;
            for (int p = m_tree->parentIndex(static_cast<int>(i)); p >= 0;
                 p = m_tree->parentIndex(p))
                m_layerBytes[static_cast<std::size_t>(p)] += e.entry.size;
        }
    }
    Q_EMIT layoutChanged();
}

qint64 FileTreeModel::sizeOf(int entry) const
{
    const layers::FileEntry &e = m_tree->entries()[static_cast<std::size_t>(entry)].entry;
    if (e.type == EntryType::Hardlink) // its target's size, stored once
        return e.size;
    if (m_sizesOfLayer >= 0)
        return m_layerBytes[static_cast<std::size_t>(entry)];
    return m_tree->bytesUnder(entry);
}

int FileTreeModel::entryOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<int>(index.internalId()) - 1 : -1;
}

QModelIndex FileTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!m_tree || row < 0 || column < 0 || column >= ColumnCount ||
        (parent.isValid() && parent.column() != 0))
        return {};
    const std::vector<int> &children = m_tree->childrenOf(entryOf(parent));
    if (row >= static_cast<int>(children.size()))
        return {};
    return createIndex(row, column,
                       static_cast<quintptr>(children[static_cast<std::size_t>(row)] + 1));
}

QModelIndex FileTreeModel::parent(const QModelIndex &child) const
{
    if (!m_tree || !child.isValid())
        return {};
    const int parent = m_tree->parentIndex(entryOf(child));
    if (parent < 0)
        return {};
    // Children are kept in index order: the parent's row is found by search.
    const std::vector<int> &siblings = m_tree->childrenOf(m_tree->parentIndex(parent));
    const auto at = std::lower_bound(siblings.begin(), siblings.end(), parent);
    return createIndex(static_cast<int>(at - siblings.begin()), 0,
                       static_cast<quintptr>(parent + 1));
}

int FileTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!m_tree || (parent.isValid() && parent.column() != 0))
        return 0;
    return static_cast<int>(m_tree->childrenOf(entryOf(parent)).size());
}

int FileTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant FileTreeModel::display(const layers::MergedEntry &merged, int entry, int column) const
{
    const layers::FileEntry &e = merged.entry;
    switch (column) {
    case NameColumn:
        return nameOf(e.path);
    case SizeColumn:
        return e.type == EntryType::Directory || e.type == EntryType::File ||
                       e.type == EntryType::Hardlink
                   ? formatBytes(sizeOf(entry))
                   : QString();
    case LayerColumn:
        return merged.layer + 1;
    case ModeColumn:
        return QString::fromStdString(layers::modeString(e.type, e.mode));
    case OwnerColumn:
        return QStringLiteral("%1:%2").arg(e.uid).arg(e.gid);
    case LinkColumn:
        return e.type == EntryType::Hardlink
                   ? tr("same file as /%1").arg(QString::fromStdString(e.linkTarget))
                   : QString::fromStdString(e.linkTarget);
    default:
        return {};
    }
}

QVariant FileTreeModel::data(const QModelIndex &index, int role) const
{
    if (!m_tree || !index.isValid())
        return {};
    const int entry = entryOf(index);
    const layers::MergedEntry &merged = m_tree->entries()[static_cast<std::size_t>(entry)];
    const layers::FileEntry &e = merged.entry;
    switch (role) {
    case Qt::DisplayRole:
        return display(merged, entry, index.column());
    case Qt::DecorationRole:
        if (index.column() != NameColumn)
            return {};
        return e.type == EntryType::Directory ? m_folderIcon
               : e.type == EntryType::Symlink ? m_linkIcon
                                              : m_fileIcon;
    case Qt::TextAlignmentRole:
        return index.column() == SizeColumn || index.column() == LayerColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    case Qt::ToolTipRole:
        return index.column() == NameColumn
                   ? QVariant(QString(QStringLiteral("/") + QString::fromStdString(e.path)))
                   : QVariant();
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return QString(QLatin1Char(e.type == EntryType::Directory ? '0' : '1') +
                           nameOf(e.path));
        case SizeColumn:
            return static_cast<qlonglong>(sizeOf(entry));
        case LayerColumn:
            return merged.layer;
        default:
            return display(merged, entry, index.column());
        }
    case PathRole:
        return QString::fromStdString(e.path);
    case LayerRole:
        return merged.layer;
    default:
        return {};
    }
}

QVariant FileTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case LayerColumn:
        return tr("Layer");
    case ModeColumn:
        return tr("Permissions");
    case OwnerColumn:
        return tr("Owner");
    case LinkColumn:
        return tr("Points to");
    default:
        return {};
    }
}

} // namespace berth::ui

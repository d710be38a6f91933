#include "ui/request_log_model.h"

#include "ui/size_format.h"

namespace berth::ui {

RequestLogModel::RequestLogModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(capacity)
{
}

void RequestLogModel::append(const client::RequestLogEntry &entry)
{
    if (m_entries.size() >= m_capacity) {
        const int drop = std::max(1, m_capacity / 10);
        beginRemoveRows({}, 0, drop - 1);
        m_entries.remove(0, drop);
        endRemoveRows();
    }
    const int row = static_cast<int>(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(entry);
    endInsertRows();
}

void RequestLogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

int RequestLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int RequestLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case MethodColumn:
        return tr("Method");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("ms");
    case BytesColumn:
        return tr("Bytes");
    case UrlColumn:
        return tr("URL");
    default:
        return {};
    }
}

QVariant RequestLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const client::RequestLogEntry &e = m_entries.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == StatusColumn && !e.error.isEmpty())
        return e.error;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return e.when.toString(QStringLiteral("HH:mm:ss.zzz"));
    case MethodColumn:
        return QString::fromLatin1(e.method);
    case StatusColumn:
        return e.status > 0 ? QString::number(e.status) : tr("failed");
    case DurationColumn:
        return QString::number(e.durationMs);
    case BytesColumn:
        return formatBytes(e.bytes);
    case UrlColumn:
        return e.url;
    default:
        return {};
    }
}

} // namespace berth::ui

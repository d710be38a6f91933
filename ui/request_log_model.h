#pragma once

#include "client/request_log_entry.h"

#include <QAbstractTableModel>
#include <QList>

namespace berth::ui {

// Every HTTP call of the current session, newest last, bounded (oldest go
// first). Holds no headers, credentials or tokens: entries never have them.
class RequestLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        MethodColumn,
        StatusColumn,
        DurationColumn,
        BytesColumn,
        UrlColumn,
        ColumnCount
    };

    explicit RequestLogModel(int capacity = 2000, QObject *parent = nullptr);

    void append(const client::RequestLogEntry &entry);
    void clear();
    const client::RequestLogEntry &entry(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    int m_capacity;
    QList<client::RequestLogEntry> m_entries;
};

} // namespace berth::ui

#pragma once

#include <QAbstractTableModel>
#include <QPointer>

#include "transfer/copy_task.h"

#include <QColor>
#include <QHash>
#include <QIcon>

namespace berth::transfer {
class CopyQueue;
} // namespace berth::transfer

namespace berth::ui {

// The copies of a CopyQueue as rows: what, where to, progress, and the
// state in words (rate and time left while copying, the outcome after).
class TransferListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        WhatColumn,
        ToColumn,
        ProgressColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role
    {
        StateRole = Qt::UserRole + 1, // transfer::CopyTaskState, as int
        ProgressRole,                 // 0–1000; -1: nothing to show yet
    };

    explicit TransferListModel(transfer::CopyQueue *queue, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The words of the Status column: for the panel's tooltips and the
    // desktop notice at the end.
    static QString statusText(const transfer::CopyTaskStatus &status);
    static QString whatText(const transfer::CopyTaskStatus &status);
    static QString toText(const transfer::CopyTaskStatus &status);
    // A tag of the copy was not moved because it points at another image
    // there: running it again moving tags would.
    static bool hasTagConflict(const transfer::CopyTaskStatus &status);

private:
    static QString stateText(const transfer::CopyTaskStatus &status);
    QIcon stateIcon(transfer::CopyTaskState state) const;

    QPointer<transfer::CopyQueue> m_queue;
    mutable QHash<QRgb, QIcon> m_lights; // status lights drawn, by colour
};

} // namespace berth::ui

#pragma once

#include "layers/image_diff.h"

#include <QAbstractTableModel>

#include <memory>

namespace berth::ui {

// The files two images differ in (layers::ImageDiff), one row each:
// change, path, what changed, size in the first and the second image.
// Read as it is, nothing copied: a diff of 100,000 paths shows at once.
class FileDiffModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ChangeColumn,
        PathColumn,
        WhatColumn,
        LeftSizeColumn,
        RightSizeColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit FileDiffModel(QObject *parent = nullptr);

    void setDiff(std::shared_ptr<const layers::ImageDiff> diff);
    // The change a row shows; nullptr for none.
    const layers::FileDiff *diffAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "contents, size, mode 0644 → 0600" for a changed entry.
    static QString whatChanged(const layers::FileDiff &diff);

private:
    std::shared_ptr<const layers::ImageDiff> m_diff;
};

} // namespace berth::ui

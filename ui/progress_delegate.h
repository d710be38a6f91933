#pragma once

#include <QStyledItemDelegate>

namespace berth::ui {

// Paints a progress bar from an integer role (0–1000; below 0 paints
// nothing), in the style's own look.
class ProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    ProgressDelegate(int role, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    int m_role;
};

} // namespace berth::ui

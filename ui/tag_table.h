#pragma once

#include "client/tag_pattern.h"

#include <QList>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QAction;
class QTableView;

namespace berth::ui {

class TagFilterModel;
class TagModel;

// The tags of the repository shown: a summary line (tag count, bytes with
// shared layers once), the filter (substring or regex) and the sortable
// table. Rows are the TagModel's; sorting asks it for every page.
class TagTable : public QWidget
{
    Q_OBJECT

public:
    TagTable(TagModel *tags, QWidget *parent = nullptr);

    // Rows of the tag model: the current one (-1: none), every selected one.
    int currentRow() const;
    QList<int> selectedRows() const;
    void selectRow(int row);
    void focusFilter();
    client::TagPattern tagFilter() const;
    // Browsing a mirror: the "In cache" column.
    void setCacheColumnVisible(bool visible);
    void updateSummary();
    void clearSummary();
    // The right-click menu of the table: the Tag menu's actions.
    void setContextActions(const QList<QAction *> &actions);

Q_SIGNALS:
    void currentRowChanged();
    void copyRequested();   // Ctrl+C on the table
    void deleteRequested(); // Delete on the table

private:
    void applyFilter();

    TagModel *m_tags;
    TagFilterModel *m_filter;
    QLabel *m_summary;
    QLineEdit *m_filterEdit;
    QCheckBox *m_regex;
    QTableView *m_view;
};

} // namespace berth::ui

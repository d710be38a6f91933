#include "ui/tag_table.h"

#include "ui/size_format.h"
#include "ui/tag_filter_model.h"
#include "ui/tag_model.h"
#include "ui/theme_colors.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

#include <unordered_set>

namespace berth::ui {

TagTable::TagTable(TagModel *tags, QWidget *parent)
    : QWidget(parent)
    , m_tags(tags)
    , m_filter(new TagFilterModel(this))
    , m_summary(new QLabel(this))
    , m_filterEdit(new QLineEdit(this))
    , m_regex(new QCheckBox(tr("Regex"), this))
    , m_view(new QTableView(this))
{
    m_filter->setObjectName(QStringLiteral("tagFilterModel"));
    m_summary->setObjectName(QStringLiteral("repositorySummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_filterEdit->setObjectName(QStringLiteral("tagFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter tags (Ctrl+F)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_regex->setObjectName(QStringLiteral("tagRegex"));
    m_view->setObjectName(QStringLiteral("tags"));
    m_filter->setSourceModel(m_tags);
    m_view->setModel(m_filter);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // Tags drag onto a repository of another registry's window (a copy).
    m_view->setDragEnabled(true);
    m_view->setDragDropMode(QAbstractItemView::DragOnly);
    m_view->setDefaultDropAction(Qt::CopyAction);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setColumnWidth(TagModel::TagColumn, 180);
    m_view->setColumnWidth(TagModel::DigestColumn, 160);
    m_view->setColumnWidth(TagModel::SizeColumn, 90);
    m_view->setColumnWidth(TagModel::PlatformsColumn, 200);
    m_view->setColumnHidden(TagModel::CachedColumn, true); // shown for mirrors
    m_view->setWordWrap(false);

    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filterEdit, 1);
    filterRow->addWidget(m_regex);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 6, 0);
    layout->addWidget(m_summary);
    layout->addLayout(filterRow);
    layout->addWidget(m_view, 1);

    auto *copy = new QShortcut(QKeySequence::Copy, m_view, nullptr, nullptr, Qt::WidgetShortcut);
    connect(copy, &QShortcut::activated, this, &TagTable::copyRequested);
    auto *del = new QShortcut(QKeySequence::Delete, m_view, nullptr, nullptr, Qt::WidgetShortcut);
    connect(del, &QShortcut::activated, this, &TagTable::deleteRequested);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &TagTable::applyFilter);
    connect(m_regex, &QCheckBox::toggled, this, &TagTable::applyFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TagTable::currentRowChanged);
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this] {
        // Sorting means all tags: load the remaining pages.
        m_tags->fetchAll();
    });
}

int TagTable::currentRow() const
{
    const QModelIndex current = m_filter->mapToSource(m_view->currentIndex());
    return current.isValid() ? current.row() : -1;
}

QList<int> TagTable::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows(TagModel::TagColumn))
        rows.append(m_filter->mapToSource(index).row());
    return rows;
}

void TagTable::selectRow(int row)
{
    const QModelIndex index = m_filter->mapFromSource(m_tags->index(row, 0));
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

client::TagPattern TagTable::tagFilter() const
{
    return m_filter->tagPattern();
}

void TagTable::focusFilter()
{
    m_filterEdit->setFocus();
    m_filterEdit->selectAll();
}

void TagTable::setCacheColumnVisible(bool visible)
{
    m_view->setColumnHidden(TagModel::CachedColumn, !visible);
}

void TagTable::applyFilter()
{
    const bool ok = m_filter->setTagFilter(m_filterEdit->text(), m_regex->isChecked());
    m_filterEdit->setStyleSheet(
        ok ? QString()
           : QStringLiteral("QLineEdit { color: %1; }")
                 .arg(ThemeColors::color(ThemeColors::Role::Error, palette()).name()));
    m_filterEdit->setToolTip(ok ? QString() : m_filter->filterError());
    updateSummary();
}

void TagTable::clearSummary()
{
    m_summary->clear();
}

void TagTable::updateSummary()
{
    if (m_tags->repository().isEmpty()) {
        m_summary->clear();
        return;
    }
    // Shared layers once: the union of every described tag's blobs.
    std::unordered_set<std::string> seen;
    qint64 total = 0;
    for (int row = 0; row < m_tags->rowCount(); ++row) {
        if (const auto *d = m_tags->description(row)) {
            for (const auto &blob : d->blobs) {
                if (seen.insert(blob.digest.toString()).second)
                    total += blob.size;
            }
        }
    }
    const int count = m_tags->rowCount();
    QString tagCount = tr("%n tag(s)", nullptr, count);
    if (!m_filter->filterError().isEmpty())
        tagCount += tr(", none shown: the filter is not a valid regular expression");
    else if (!m_filterEdit->text().isEmpty())
        tagCount += tr(", %1 shown").arg(m_filter->rowCount());
    m_summary->setText(tr("<b>%1</b> — %2, %3 in all (shared layers counted once)%4")
                           .arg(m_tags->repository().toHtmlEscaped(), tagCount, formatBytes(total),
                                m_tags->isComplete() ? QString() : tr(", loading…")));
}

void TagTable::setContextActions(const QList<QAction *> &actions)
{
    m_view->addActions(actions);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
}

} // namespace berth::ui

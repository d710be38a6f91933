#include "ui/details_table.h"

#include <QHeaderView>
#include <QTableWidget>

#include <cstring>

namespace berth::ui {

QTableWidget *makeDetailsTable(const QStringList &headers, QWidget *parent)
{
    auto *t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->verticalHeader()->setVisible(false);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setWordWrap(false);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 6);
    t->setTextElideMode(Qt::ElideMiddle);
    return t;
}

void addDetailsRow(QTableWidget *table, const QStringList &cells)
{
    const int row = table->rowCount();
    table->insertRow(row);
    for (int c = 0; c < cells.size() && c < table->columnCount(); ++c) {
        auto *item = new QTableWidgetItem(cells[c]);
        item->setToolTip(cells[c]);
        table->setItem(row, c, item);
    }
}

QString shortDigest(const QString &digest)
{
    const qsizetype colon = digest.indexOf(QLatin1Char(':'));
    return colon < 0 || digest.size() <= colon + 13 ? digest
                                                    : digest.left(colon + 13) + QChar(0x2026);
}

QString shortMediaType(const QString &type)
{
    for (const char *prefix :
         {"application/vnd.oci.image.layer.v1.", "application/vnd.docker.image.rootfs.diff.",
          "application/vnd.docker.image.rootfs.foreign.diff."}) {
        if (type.startsWith(QLatin1String(prefix)))
            return type.mid(qsizetype(std::strlen(prefix)));
    }
    return type;
}

} // namespace berth::ui

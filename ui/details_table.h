#pragma once

#include <QStringList>

class QTableWidget;
class QWidget;

namespace berth::ui {

// A read-only, row-selecting table for the details pane: no row numbers,
// no word wrap, long cells elided in the middle, the last column stretched.
QTableWidget *makeDetailsTable(const QStringList &headers, QWidget *parent);

// Appends one row; each cell's whole text is also its tooltip.
void addDetailsRow(QTableWidget *table, const QStringList &cells);

// "sha256:97fe10b1c5d2…": enough to tell layers apart.
QString shortDigest(const QString &digest);

// "tar+gzip" for the OCI and Docker layer types; others stay whole.
QString shortMediaType(const QString &type);

} // namespace berth::ui

#pragma once

#include <QStringList>

class QTableWidget;

namespace berth::ui {

// A read-only table for reports (storage inspector, garbage collection):
// whole-row selection, no row numbers, the last column stretched.
QTableWidget *makeReportTable(const QStringList &headers);

} // namespace berth::ui

#pragma once

#include <QByteArray>

namespace berth::storage {
struct InspectReport;
}

namespace berth::local {

// A storage inspection as the files the inspector exports: the whole
// report as JSON (as `berth-registry inspect --json` prints it), and the
// usage per repository as CSV (RFC 4180 quoting).
QByteArray inspectReportJson(const storage::InspectReport &report);
QByteArray inspectUsageCsv(const storage::InspectReport &report);

} // namespace berth::local

#pragma once

#include <QString>

#include <chrono>

namespace berth::ui {

// "2024-03-01 11:00 CET": this machine's time zone, named, so a table and
// the Overview (which adds the exact UTC time) never disagree.
QString formatTime(std::chrono::sys_seconds time);

} // namespace berth::ui

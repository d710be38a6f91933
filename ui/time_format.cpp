#include "ui/time_format.h"

#include <QDateTime>

namespace berth::ui {

QString formatTime(std::chrono::sys_seconds time)
{
    const QDateTime local =
        QDateTime::fromSecsSinceEpoch(time.time_since_epoch().count()).toLocalTime();
    return local.toString(QStringLiteral("yyyy-MM-dd HH:mm ")) + local.timeZoneAbbreviation();
}

} // namespace berth::ui

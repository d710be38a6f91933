#include "ui/size_format.h"

#include <QLocale>

namespace berth::ui {

QString formatBytes(qint64 bytes)
{
    if (bytes < 0)
        return QString();
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

} // namespace berth::ui

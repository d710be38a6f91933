#pragma once

#include <QLocale>
#include <QString>

#include <cstdio>

namespace berth::cli {

inline void printTo(FILE *stream, const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
    std::fflush(stream);
}

inline QString bytes(qint64 n)
{
    return QLocale::c().formattedDataSize(n, 1, QLocale::DataSizeSIFormat);
}

// "1 layer", "3 layers" (berth-cli is not translated: %n would print "(s)").
inline QString counted(qint64 n, const char *one, const char *many)
{
    return QString::number(n) + QLatin1Char(' ') + QString::fromLatin1(n == 1 ? one : many);
}

// Exit statuses a script can rely on (berth-cli(1)).
inline constexpr int kFailed = 1;
inline constexpr int kUsage = 2;
inline constexpr int kTagExists = 3;
inline constexpr int kInterrupted = 130; // as shells report SIGINT

} // namespace berth::cli

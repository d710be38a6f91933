#include "ui/natural_compare.h"

namespace berth::ui {

namespace {

int compareDigits(QStringView a, QStringView b)
{
    while (a.size() > 1 && a.front() == QLatin1Char('0'))
        a = a.mid(1);
    while (b.size() > 1 && b.front() == QLatin1Char('0'))
        b = b.mid(1);
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    return a.compare(b);
}

} // namespace

int naturalCompare(const QString &a, const QString &b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        const bool da = a[i].isDigit();
        const bool db = b[j].isDigit();
        if (da && db) {
            qsizetype ei = i;
            qsizetype ej = j;
            while (ei < a.size() && a[ei].isDigit())
                ++ei;
            while (ej < b.size() && b[ej].isDigit())
                ++ej;
            if (const int c =
                    compareDigits(QStringView(a).mid(i, ei - i), QStringView(b).mid(j, ej - j)))
                return c;
            i = ei;
            j = ej;
            continue;
        }
        const QChar ca = a[i].toCaseFolded();
        const QChar cb = b[j].toCaseFolded();
        if (ca != cb) {
            // "1.2.0-rc1" before "1.2.0": a '-' where the other string ended
            // is handled below; here a separator sorts before text.
            return ca < cb ? -1 : 1;
        }
        ++i;
        ++j;
    }
    const qsizetype restA = a.size() - i;
    const qsizetype restB = b.size() - j;
    if (restA == restB)
        return QString::compare(a, b); // same up to case: stable order
    // A pre-release ("-…") sorts before the release it extends.
    if (restA > 0 && a[i] == QLatin1Char('-'))
        return -1;
    if (restB > 0 && b[j] == QLatin1Char('-'))
        return 1;
    return restA < restB ? -1 : 1;
}

} // namespace berth::ui

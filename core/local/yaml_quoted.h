#pragma once

#include <QString>

namespace berth::local {

// A YAML single-quoted scalar: nothing in it is special except the quote
// (a line break would fold into a space: callers refuse control characters).
inline QString yamlQuoted(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

} // namespace berth::local

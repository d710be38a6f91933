#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace berth::client {

// One challenge of a WWW-Authenticate header (RFC 7235), e.g.
//   Bearer realm="https://auth.example/token",service="registry",scope="repository:a/b:pull"
class AuthChallenge
{
public:
    QString scheme;                // lower-cased: "basic", "bearer", ...
    QMap<QString, QString> params; // keys lower-cased, values unquoted

    QString param(const QString &key) const { return params.value(key); }
    bool isBearer() const { return scheme == QLatin1String("bearer"); }
    bool isBasic() const { return scheme == QLatin1String("basic"); }

    // Parses every challenge in a header value (several headers may be joined
    // with ","). Robust to quoted commas, escaped quotes, extra whitespace and
    // token68 values; malformed parts are skipped, never crash. Bounded: at most
    // 16 challenges of at most 32 parameters each, header of at most 16 KiB.
    static QList<AuthChallenge> parse(const QByteArray &header);
};

} // namespace berth::client

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

    // protocol::AuthChallenge::parse (the one parser, shared with the
    // mirror's upstream client), in Qt types.
    static QList<AuthChallenge> parse(const QByteArray &header);
};

} // namespace berth::client

#include "client/auth_challenge.h"

#include "protocol/auth_challenge.h"

namespace berth::client {

QList<AuthChallenge> AuthChallenge::parse(const QByteArray &header)
{
    QList<AuthChallenge> out;
    for (const protocol::AuthChallenge &parsed : protocol::AuthChallenge::parse(
             std::string_view(header.constData(), static_cast<std::size_t>(header.size())))) {
        AuthChallenge challenge;
        challenge.scheme = QString::fromStdString(parsed.scheme);
        for (const auto &[key, value] : parsed.params)
            challenge.params.insert(QString::fromStdString(key), QString::fromStdString(value));
        out.append(challenge);
    }
    return out;
}

} // namespace berth::client

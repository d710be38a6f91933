#pragma once

#include <QString>

#include <functional>
#include <optional>

namespace berth::client {

// A login for one registry. Held in memory only as long as a request needs it;
// never logged, never written anywhere by core/client.
struct Credentials
{
    QString username;
    QString secret; // password or access token

    // docker's convention: the username "<token>" marks an OAuth2 identity
    // (refresh) token as the secret — what `docker login` keeps for
    // registries such as ACR and what credential helpers hand back for them.
    // It is exchanged at the token server (grant_type=refresh_token), never
    // sent as a password.
    bool isIdentityToken() const { return username == QLatin1String("<token>"); }
};

// Supplied by the caller (the UI reads the OS keychain); asked each time a
// login is needed so a changed password takes effect at once.
using CredentialProvider = std::function<std::optional<Credentials>()>;

// A provider that always gives `login` (read once, e.g. from the keychain).
inline CredentialProvider fixedLogin(std::optional<Credentials> login)
{
    return [login = std::move(login)] {
        return login;
    };
}

} // namespace berth::client

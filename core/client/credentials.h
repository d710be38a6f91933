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
};

// Supplied by the caller (the UI reads the OS keychain); asked each time a
// login is needed so a changed password takes effect at once.
using CredentialProvider = std::function<std::optional<Credentials>()>;

} // namespace berth::client

#pragma once

#include <QString>

#include <functional>

class QObject;

namespace berth::client {

class RegistrySession;

// Opens a session on saved registry `id`, owned by `context` (its login
// read from the keychain on the way): `done` gets it, or nullptr and why
// not in words. `done` may run at once, and never after `context` went.
using SessionOpened = std::function<void(RegistrySession *session, const QString &error)>;
using SessionOpener = std::function<void(const QString &id, QObject *context, SessionOpened done)>;

} // namespace berth::client

#pragma once

#include <QObject>
#include <QString>

namespace berth::local {

// Tells the desktop that long work ended (freedesktop Notifications over the
// session bus: GNOME, KDE, and most notification daemons), for a window the
// user is not looking at. Asynchronous: it never waits for the server, and
// without one (no session bus, no daemon) nothing is shown.
class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    explicit DesktopNotifier(QObject *parent = nullptr);

    void notify(const QString &summary, const QString &body);

Q_SIGNALS:
    // The notification server took it (true), or refused it or is absent.
    void sent(bool shown);
};

} // namespace berth::local

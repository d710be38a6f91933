#pragma once

// A stand-in for the desktop's notification daemon (GNOME Shell, Plasma,
// dunst), which needs a display: org.freedesktop.Notifications on the
// session bus, recording each Notify call as the freedesktop spec defines
// it. Register it in a test run inside dbus-run-session.
#include <QDBusConnection>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QVariantMap>

namespace berth::test {

class NotificationServerStandIn : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Call
    {
        QString app;
        QString icon;
        QString summary;
        QString body;
        QVariantMap hints;
    };

    // False when the session bus or the name is not ours to have.
    bool registerOnSessionBus()
    {
        QDBusConnection bus = QDBusConnection::sessionBus();
        return bus.isConnected() &&
               bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), this,
                                  QDBusConnection::ExportAllSlots) &&
               bus.registerService(QStringLiteral("org.freedesktop.Notifications"));
    }
    ~NotificationServerStandIn() override
    {
        QDBusConnection bus = QDBusConnection::sessionBus();
        bus.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
        bus.unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
    }

    QList<Call> calls;

public Q_SLOTS:
    uint Notify(const QString &app, uint /*replaces*/, const QString &icon, const QString &summary,
                const QString &body, const QStringList & /*actions*/, const QVariantMap &hints,
                int /*timeout*/)
    {
        calls.append({app, icon, summary, body, hints});
        return static_cast<uint>(calls.size());
    }
};

} // namespace berth::test

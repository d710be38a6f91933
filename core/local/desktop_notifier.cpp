#include "local/desktop_notifier.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QStringList>
#include <QVariantMap>

namespace berth::local {

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent)
{
}

void DesktopNotifier::notify(const QString &summary, const QString &body)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        // Said after the call returns, like an answer from the bus.
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT sent(false); }, Qt::QueuedConnection);
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.Notifications"),
        QStringLiteral("/org/freedesktop/Notifications"),
        QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("Notify"));
    // The desktop file names the app and its icon (GNOME groups by it).
    const QVariantMap hints{
        {QStringLiteral("desktop-entry"), QStringLiteral("io.github.berth.Berth")}};
    call << QStringLiteral("Berth") << 0u << QStringLiteral("io.github.berth.Berth") << summary
         << body << QStringList() << hints << -1;
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this](QDBusPendingCallWatcher *done) {
                const QDBusPendingReply<uint> reply = *done;
                done->deleteLater();
                Q_EMIT sent(!reply.isError());
            });
}

} // namespace berth::local

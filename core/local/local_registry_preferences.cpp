#include "local/local_registry_preferences.h"

#include "storage/durable_directory.h"

#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace berth::local {

namespace {

QString key(const char *name)
{
    return QStringLiteral("localRegistry/") + QLatin1String(name);
}

LocalMirrorSettings loadMirror(QSettings &settings)
{
    LocalMirrorSettings m;
    const int count = settings.beginReadArray(key("mirrorUpstreams"));
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        LocalMirrorUpstream u;
        u.prefix = settings.value(QStringLiteral("prefix")).toString();
        u.url = settings.value(QStringLiteral("url")).toString();
        u.username = settings.value(QStringLiteral("username")).toString();
        u.ttlHours = settings.value(QStringLiteral("ttlHours"), 168).toInt();
        m.upstreams << u;
    }
    settings.endArray();
    m.localPrefixes = settings.value(key("mirrorLocalPrefixes")).toStringList();
    m.maxSizeBytes = settings.value(key("mirrorMaxSizeBytes"), 0).toULongLong();
    return m;
}

void saveMirror(QSettings &settings, const LocalMirrorSettings &m)
{
    settings.remove(key("mirrorUpstreams"));
    settings.beginWriteArray(key("mirrorUpstreams"), static_cast<int>(m.upstreams.size()));
    for (int i = 0; i < m.upstreams.size(); ++i) {
        settings.setArrayIndex(i);
        const LocalMirrorUpstream &u = m.upstreams[i];
        settings.setValue(QStringLiteral("prefix"), u.prefix);
        settings.setValue(QStringLiteral("url"), u.url);
        settings.setValue(QStringLiteral("username"), u.username); // the password: keychain
        settings.setValue(QStringLiteral("ttlHours"), u.ttlHours);
    }
    settings.endArray();
    settings.setValue(key("mirrorLocalPrefixes"), m.localPrefixes);
    settings.setValue(key("mirrorMaxSizeBytes"), m.maxSizeBytes);
}

} // namespace

LocalRegistryPreferences::LocalRegistryPreferences(QSettings *settings)
    : m_settings(settings)
{
}

QString LocalRegistryPreferences::defaultDataDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/berth/registry");
}

QString LocalRegistryPreferences::workDirectory() const
{
    return QFileInfo(m_settings->fileName()).absolutePath() + QStringLiteral("/local-registry");
}

QString LocalRegistryPreferences::htpasswdPath() const
{
    return workDirectory() + QStringLiteral("/htpasswd");
}

LocalRegistrySettings LocalRegistryPreferences::load() const
{
    LocalRegistrySettings s;
    s.engine = m_settings->value(key("engine")).toString() == QLatin1String("distribution")
                   ? LocalRegistrySettings::Engine::Distribution
                   : LocalRegistrySettings::Engine::Berth;
    s.port = static_cast<quint16>(m_settings->value(key("port"), 5000).toUInt());
    s.dataDirectory = m_settings->value(key("dataDirectory"), defaultDataDirectory()).toString();
    s.deleteEnabled = m_settings->value(key("deleteEnabled"), true).toBool();
    if (m_settings->value(key("requireLogin"), false).toBool())
        s.htpasswdPath = htpasswdPath();
    s.tlsCertificate = m_settings->value(key("tlsCertificate")).toString();
    s.tlsKey = m_settings->value(key("tlsKey")).toString();
    s.mirror = loadMirror(*m_settings);
    return s;
}

void LocalRegistryPreferences::save(const LocalRegistrySettings &s, bool keepRunningOnQuit)
{
    m_settings->setValue(key("engine"), s.engine == LocalRegistrySettings::Engine::Distribution
                                            ? QStringLiteral("distribution")
                                            : QStringLiteral("berth"));
    m_settings->setValue(key("port"), s.port);
    m_settings->setValue(key("dataDirectory"), s.dataDirectory);
    m_settings->setValue(key("deleteEnabled"), s.deleteEnabled);
    m_settings->setValue(key("requireLogin"), !s.htpasswdPath.isEmpty());
    m_settings->setValue(key("tlsCertificate"), s.tlsCertificate);
    m_settings->setValue(key("tlsKey"), s.tlsKey);
    m_settings->setValue(key("keepRunning"), keepRunningOnQuit);
    saveMirror(*m_settings, s.mirror);
    m_settings->sync();
    if (m_settings->status() == QSettings::NoError) // the rename, made durable
        (void)storage::makeFileDurable(m_settings->fileName().toStdString());
}

bool LocalRegistryPreferences::keepRunningOnQuit() const
{
    return m_settings->value(key("keepRunning"), false).toBool();
}

bool LocalRegistryPreferences::startAtLaunch() const
{
    return m_settings->value(key("startAtLaunch"), true).toBool();
}

bool LocalRegistryPreferences::demoOffered() const
{
    return m_settings->value(key("demoOffered"), false).toBool();
}

void LocalRegistryPreferences::setDemoOffered()
{
    m_settings->setValue(key("demoOffered"), true);
}

} // namespace berth::local

#include "local/local_registry_preferences.h"

#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace berth::local {

namespace {

QString key(const char *name)
{
    return QStringLiteral("localRegistry/") + QLatin1String(name);
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
    m_settings->sync();
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

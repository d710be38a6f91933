#pragma once

#include "local/local_registry.h"

#include <QString>

class QSettings;

namespace berth::local {

// What the user chose for the registry on this machine, kept in the app's
// QSettings (no secrets): engine, port, data directory, deletes, login,
// TLS files, the mirror's upstreams (user names only), and the
// launch/quit behaviour. The files the registry runs
// with (config.yml, htpasswd, log, pid) live in workDirectory(), beside the
// settings file. The one place these keys are read and written.
class LocalRegistryPreferences
{
public:
    explicit LocalRegistryPreferences(QSettings *settings);

    // Where berth-registry serve keeps its data without a config.
    static QString defaultDataDirectory();

    QString workDirectory() const;
    QString htpasswdPath() const;

    // Saved settings, or defaults: what a start at launch uses.
    LocalRegistrySettings load() const;
    // `settings.htpasswdPath` non-empty means "require a login".
    void save(const LocalRegistrySettings &settings, bool keepRunningOnQuit);

    bool keepRunningOnQuit() const;
    bool startAtLaunch() const;
    // The newcomer's offer of demo images is made once.
    bool demoOffered() const;
    void setDemoOffered();

private:
    QSettings *m_settings;
};

} // namespace berth::local

#pragma once

#include "registry_profile.h"

#include <QList>
#include <QString>

class QSettings;

namespace berth::credentials {

// Saved registries in QSettings (group "registries"). Never stores secrets.
// On first use it holds one profile: the built-in local registry.
class ProfileStore
{
public:
    // `settings` is not owned; nullptr means the application's QSettings.
    explicit ProfileStore(QSettings *settings = nullptr);
    ~ProfileStore();

    QList<RegistryProfile> load() const;
    void save(const QList<RegistryProfile> &profiles);

    static RegistryProfile builtInProfile();
    static QString newId();

private:
    QSettings *m_settings;
    bool m_owned;
};

} // namespace berth::credentials

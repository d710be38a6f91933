#pragma once

#include "credentials/registry_profile.h"

#include <QList>
#include <QString>

class QSettings;

namespace berth::credentials {

// Saved registries in QSettings (group "registries"). Never stores secrets.
// On first use it holds one profile: the built-in local registry.
class ProfileStore
{
public:
    // `settings` outlives the store.
    explicit ProfileStore(QSettings &settings);

    QList<RegistryProfile> load() const;
    void save(const QList<RegistryProfile> &profiles);

    static RegistryProfile builtInProfile();
    static QString newId();

private:
    QSettings *m_settings;
};

} // namespace berth::credentials

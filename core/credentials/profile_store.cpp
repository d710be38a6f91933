#include "credentials/profile_store.h"

#include "storage/durable_directory.h"

#include <QCoreApplication>
#include <QSettings>
#include <QUuid>

namespace berth::credentials {

namespace {

QString tlsModeName(client::TlsMode mode)
{
    switch (mode) {
    case client::TlsMode::Verify:
        return QStringLiteral("verify");
    case client::TlsMode::CustomCa:
        return QStringLiteral("custom-ca");
    case client::TlsMode::Insecure:
        return QStringLiteral("insecure");
    }
    return QStringLiteral("verify");
}

client::TlsMode tlsModeFromName(const QString &name)
{
    if (name == QLatin1String("custom-ca"))
        return client::TlsMode::CustomCa;
    if (name == QLatin1String("insecure"))
        return client::TlsMode::Insecure;
    return client::TlsMode::Verify; // unknown values fall back to the safe mode
}

} // namespace

ProfileStore::ProfileStore(QSettings &settings)
    : m_settings(&settings)
{
}

RegistryProfile ProfileStore::builtInProfile()
{
    RegistryProfile p;
    p.id = QStringLiteral("local");
    // In the language of the first start; a name the user may change.
    p.name = QCoreApplication::translate("berth::credentials::ProfileStore", "Local registry");
    p.url = QStringLiteral("127.0.0.1:5000");
    p.builtIn = true;
    return p;
}

QString ProfileStore::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QList<RegistryProfile> ProfileStore::load() const
{
    QList<RegistryProfile> out;
    if (!m_settings->childGroups().contains(QStringLiteral("registries"))) {
        out.append(builtInProfile());
        return out;
    }
    const int count = m_settings->beginReadArray(QStringLiteral("registries"));
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        RegistryProfile p;
        p.id = m_settings->value(QStringLiteral("id")).toString();
        p.name = m_settings->value(QStringLiteral("name")).toString();
        p.url = m_settings->value(QStringLiteral("url")).toString();
        p.tlsMode = tlsModeFromName(m_settings->value(QStringLiteral("tls")).toString());
        p.caFile = m_settings->value(QStringLiteral("caFile")).toString();
        p.username = m_settings->value(QStringLiteral("username")).toString();
        p.builtIn = m_settings->value(QStringLiteral("builtIn"), false).toBool();
        p.gcCommand = m_settings->value(QStringLiteral("gcCommand")).toString();
        p.gcDryRunCommand = m_settings->value(QStringLiteral("gcDryRunCommand")).toString();
        p.dataDirectory = m_settings->value(QStringLiteral("dataDirectory")).toString();
        if (p.id.isEmpty() || p.url.isEmpty())
            continue; // a damaged entry is skipped, the rest still load
        if (p.name.isEmpty())
            p.name = p.url;
        out.append(p);
    }
    m_settings->endArray();
    return out;
}

void ProfileStore::save(const QList<RegistryProfile> &profiles)
{
    m_settings->remove(QStringLiteral("registries"));
    m_settings->beginWriteArray(QStringLiteral("registries"), static_cast<int>(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const RegistryProfile &p = profiles.at(i);
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("id"), p.id);
        m_settings->setValue(QStringLiteral("name"), p.name);
        m_settings->setValue(QStringLiteral("url"), p.url);
        m_settings->setValue(QStringLiteral("tls"), tlsModeName(p.tlsMode));
        m_settings->setValue(QStringLiteral("caFile"), p.caFile);
        m_settings->setValue(QStringLiteral("username"), p.username);
        m_settings->setValue(QStringLiteral("builtIn"), p.builtIn);
        m_settings->setValue(QStringLiteral("gcCommand"), p.gcCommand);
        m_settings->setValue(QStringLiteral("gcDryRunCommand"), p.gcDryRunCommand);
        m_settings->setValue(QStringLiteral("dataDirectory"), p.dataDirectory);
    }
    m_settings->endArray();
    m_settings->sync();
    // QSettings writes through a temporary file, synced, and a rename;
    // the rename itself is durable only once the folder is synced.
    if (m_settings->status() == QSettings::NoError)
        (void)storage::makeFileDurable(m_settings->fileName().toStdString());
}

} // namespace berth::credentials

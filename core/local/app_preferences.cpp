#include "local/app_preferences.h"

#include "storage/durable_directory.h"

#include <QSettings>

namespace berth::local {

namespace {

const QString kLanguage = QStringLiteral("ui/language");

} // namespace

AppPreferences::AppPreferences(QSettings *settings)
    : m_settings(settings)
{
}

QString AppPreferences::language() const
{
    return m_settings->value(kLanguage).toString();
}

void AppPreferences::setLanguage(const QString &language)
{
    if (language.isEmpty())
        m_settings->remove(kLanguage);
    else
        m_settings->setValue(kLanguage, language);
    m_settings->sync();
    if (m_settings->status() == QSettings::NoError) // the rename, made durable
        (void)storage::makeFileDurable(m_settings->fileName().toStdString());
}

} // namespace berth::local

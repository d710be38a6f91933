#include "local/app_preferences.h"

#include "storage/durable_directory.h"

#include <QSettings>

namespace berth::local {

namespace {

const QString kLanguage = QStringLiteral("ui/language");
const QString kTheme = QStringLiteral("ui/theme");

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
    setOrRemove(kLanguage, language);
}

QString AppPreferences::theme() const
{
    return m_settings->value(kTheme).toString();
}

void AppPreferences::setTheme(const QString &theme)
{
    setOrRemove(kTheme, theme);
}

void AppPreferences::setOrRemove(const QString &key, const QString &value)
{
    if (value.isEmpty())
        m_settings->remove(key);
    else
        m_settings->setValue(key, value);
    m_settings->sync();
    if (m_settings->status() == QSettings::NoError) // the rename, made durable
        (void)storage::makeFileDurable(m_settings->fileName().toStdString());
}

} // namespace berth::local

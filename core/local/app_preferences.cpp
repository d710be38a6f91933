#include "local/app_preferences.h"

#include "storage/durable_directory.h"

#include <QSettings>

namespace berth::local {

namespace {

const QString kLanguage = QStringLiteral("ui/language");
const QString kTheme = QStringLiteral("ui/theme");
const QString kRequests = QStringLiteral("network/requestsAtOnce");
const QString kCopies = QStringLiteral("transfers/copiesAtOnce");
const QString kLayers = QStringLiteral("transfers/layersAtOnce");
const QString kLayerCache = QStringLiteral("cache/layerIndexMiB");

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

int AppPreferences::requestsAtOnce() const
{
    return number(kRequests, kRequestsAtOnce, 1, 32);
}

void AppPreferences::setRequestsAtOnce(int n)
{
    setNumber(kRequests, n, kRequestsAtOnce);
}

int AppPreferences::copiesAtOnce() const
{
    return number(kCopies, kCopiesAtOnce, 1, 8);
}

void AppPreferences::setCopiesAtOnce(int n)
{
    setNumber(kCopies, n, kCopiesAtOnce);
}

int AppPreferences::layersAtOnce() const
{
    return number(kLayers, kLayersAtOnce, 1, 32);
}

void AppPreferences::setLayersAtOnce(int n)
{
    setNumber(kLayers, n, kLayersAtOnce);
}

int AppPreferences::layerCacheMiB() const
{
    return number(kLayerCache, kLayerCacheMiB, 16, 65536);
}

void AppPreferences::setLayerCacheMiB(int n)
{
    setNumber(kLayerCache, n, kLayerCacheMiB);
}

int AppPreferences::number(const QString &key, int fallback, int low, int high) const
{
    bool ok = false;
    const int n = m_settings->value(key).toInt(&ok);
    return ok && n >= low && n <= high ? n : fallback; // a hand-edited file is no crash
}

void AppPreferences::setNumber(const QString &key, int n, int fallback)
{
    setOrRemove(key, n == fallback ? QString() : QString::number(n));
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

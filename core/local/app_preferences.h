#pragma once

#include <QString>

class QSettings;

namespace berth::local {

// The app-wide choices of the Preferences (kept in the app's QSettings): the
// one place their keys are read and written. Read once at start; what needs
// a restart says so where it is chosen.
class AppPreferences
{
public:
    explicit AppPreferences(QSettings *settings);

    // A locale name ("en", "zh_CN"), or empty to follow the system.
    QString language() const;
    void setLanguage(const QString &language);
    // "light" or "dark", or empty to follow the desktop.
    QString theme() const;
    void setTheme(const QString &theme);

private:
    void setOrRemove(const QString &key, const QString &value);

    QSettings *m_settings;
};

} // namespace berth::local

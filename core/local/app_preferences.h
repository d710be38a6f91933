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

    // Requests Berth sends one registry at once (describing tags, bulk
    // deletes): 1–32; sessions opened from now on use it.
    static constexpr int kRequestsAtOnce = 12;
    int requestsAtOnce() const;
    void setRequestsAtOnce(int n);
    // Copies a window's Transfers list runs at once: 1–8.
    static constexpr int kCopiesAtOnce = 2;
    int copiesAtOnce() const;
    void setCopiesAtOnce(int n);
    // Layers one copy moves at once: 1–32.
    static constexpr int kLayersAtOnce = 4;
    int layersAtOnce() const;
    void setLayersAtOnce(int n);
    // The bound of the layer-index cache (Files, Compare), in MiB: 16–65536.
    static constexpr int kLayerCacheMiB = 512;
    int layerCacheMiB() const;
    void setLayerCacheMiB(int n);

private:
    void setOrRemove(const QString &key, const QString &value);
    // A number in [low, high]; the default (or anything else) when absent.
    int number(const QString &key, int fallback, int low, int high) const;
    void setNumber(const QString &key, int n, int fallback);

    QSettings *m_settings;
};

} // namespace berth::local

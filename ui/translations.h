#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace berth::ui {

// The languages Berth speaks: English, the source (its .qm holds only the
// plural forms: "1 tag", "2 tags"), and Simplified Chinese. Both are
// embedded (resources/translations, built by the lrelease step). Qt's own
// strings (standard buttons, text-field menus) come from Qt's translations.
class Translations
{
public:
    // Locale names: "en", "zh_CN".
    static QStringList available();
    // A language's name in that language, for a chooser: "English", "简体中文".
    static QString nativeName(const QString &language);
    // The language shown for `choice`: one of available(), or, for an empty
    // choice, the first of the system's UI languages Berth speaks (Chinese
    // in Traditional script is not Simplified Chinese), else English.
    static QString resolve(const QString &choice, const QLocale &system = QLocale::system());
    // Replaces the application's Berth and Qt translators with `language`'s
    // and sets the default locale (numbers, dates): the system's for English,
    // unless the system is Chinese. False when Berth's own translation did
    // not load (the embedded file is missing).
    static bool install(QCoreApplication *app, const QString &language);
};

} // namespace berth::ui

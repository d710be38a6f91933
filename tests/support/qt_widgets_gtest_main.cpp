// GoogleTest main for widget tests: a QApplication on the offscreen platform,
// in English as the app shows it (its plural forms), with a cache folder of
// its own (the Files tab keeps layer indexes there; tests never write into
// the user's ~/.cache).
#include "ui/translations.h"

#include <QApplication>
#include <QTemporaryDir>

#include <gtest/gtest.h>

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const QTemporaryDir cache;
    qputenv("XDG_CACHE_HOME", cache.path().toLocal8Bit());
    QApplication app(argc, argv);
    berth::ui::Translations::install(&app, QStringLiteral("en"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

#include "ui/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace berth::ui {

namespace {

const char kBerthTranslator[] = "berthTranslator";
const char kQtTranslator[] = "qtTranslator";

bool isSimplifiedChinese(const QLocale &locale)
{
    if (locale.language() != QLocale::Chinese)
        return false;
    if (locale.script() == QLocale::SimplifiedHanScript)
        return true;
    if (locale.script() == QLocale::TraditionalHanScript)
        return false;
    const QLocale::Territory t = locale.territory();
    return t != QLocale::Taiwan && t != QLocale::HongKong && t != QLocale::Macau;
}

void removeTranslator(QCoreApplication *app, const char *name)
{
    for (QTranslator *t :
         app->findChildren<QTranslator *>(QLatin1String(name), Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
}

} // namespace

QStringList Translations::available()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString Translations::nativeName(const QString &language)
{
    if (language == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    if (language == QLatin1String("en"))
        return QStringLiteral("English");
    return language;
}

QString Translations::resolve(const QString &choice, const QLocale &system)
{
    if (available().contains(choice))
        return choice;
    for (const QString &name : system.uiLanguages()) {
        const QLocale locale(name);
        if (isSimplifiedChinese(locale))
            return QStringLiteral("zh_CN");
        if (locale.language() == QLocale::English)
            return QStringLiteral("en");
    }
    return QStringLiteral("en");
}

bool Translations::install(QCoreApplication *app, const QString &language)
{
    removeTranslator(app, kBerthTranslator);
    removeTranslator(app, kQtTranslator);
    // Numbers and dates as the system writes them (a German desktop in
    // English keeps its decimal comma), unless that is Chinese and English
    // was chosen.
    const QLocale system = QLocale::system();
    QLocale::setDefault(language == QLatin1String("en") && !isSimplifiedChinese(system)
                            ? system
                            : QLocale(language));

    auto *berth = new QTranslator(app);
    berth->setObjectName(QLatin1String(kBerthTranslator));
    const bool loaded = berth->load(QStringLiteral(":/i18n/berth_%1.qm").arg(language));
    if (loaded)
        QCoreApplication::installTranslator(berth);
    else
        delete berth;

    // Missing when Qt's translations are not installed: Qt's few strings
    // then stay English, which is no reason to fail.
    auto *qt = new QTranslator(app);
    qt->setObjectName(QLatin1String(kQtTranslator));
    if (language != QLatin1String("en") &&
        qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return loaded;
}

} // namespace berth::ui

#include "berth_version.h"
#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Berth"));
    QApplication::setOrganizationName(QStringLiteral("Berth"));
    QApplication::setApplicationVersion(QStringLiteral(BERTH_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral("berth"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/berth/icons/berth.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Browse and manage Docker / OCI container registries."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    berth::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}

#include "berth_version.h"
#include "client/transfer_blob_job.h"
#include "credentials/secret_store.h"
#include "local/app_preferences.h"
#include "termination_signals.h"
#include "ui/app_theme.h"
#include "ui/main_window.h"
#include "ui/translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>

#include <csignal>
#include <cstdio>
#include <cstring>

int main(int argc, char **argv)
{
    // `berth --version` must answer without a display (over ssh, in a package
    // check), so it is handled before QApplication connects to one.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            std::printf("berth %s\n", BERTH_VERSION_STRING);
            return 0;
        }
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Berth"));
    QApplication::setOrganizationName(QStringLiteral("Berth"));
    QApplication::setApplicationVersion(QStringLiteral(BERTH_VERSION_STRING));
    // Matches the installed io.github.berth.Berth.desktop, so Wayland
    // compositors and docks pick up the icon and name.
    QApplication::setDesktopFileName(QStringLiteral("io.github.berth.Berth"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/berth/icons/berth.svg")));

    QSettings settings;
    const berth::local::AppPreferences preferences(&settings);
    // Before any window: every text is translated as it is made.
    berth::ui::Translations::install(&app,
                                     berth::ui::Translations::resolve(preferences.language()));
    berth::ui::AppTheme::apply(preferences.theme());

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Browse and manage Docker / OCI container registries."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    int code = 0;
    {
        berth::credentials::SecretStore secrets(QStringLiteral("Berth"));
        berth::ui::MainWindow window(settings, secrets);
        window.show();
        window.startLocalRegistryAtLaunch();
        // Ended from outside (logout, kill, Ctrl+C): as if the window were
        // closed, so the local registry is stopped unless kept running.
        TerminationSignals termination({SIGTERM, SIGINT, SIGHUP});
        QObject::connect(&termination, &TerminationSignals::received, &window, &QWidget::close);
        code = QApplication::exec();
    }
    // The window's copies stopped with it; their blob relays end shortly.
    berth::client::TransferBlobJob::waitForRelays(std::chrono::seconds(2));
    return code;
}

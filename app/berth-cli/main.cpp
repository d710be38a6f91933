// berth-cli: Berth's mover for scripts and CI (Qt Core and Network only).
#include "cat_command.h"
#include "cli_arguments.h"
#include "copy_command.h"
#include "diff_command.h"
#include "export_command.h"
#include "files_command.h"
#include "import_command.h"
#include "waste_command.h"

#include "berth_version.h"
#include "client/transfer_blob_job.h"
#include "credentials/secret_store.h"

#include <QCoreApplication>
#include <QSettings>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace {

int interruptPipe[2] = {-1, -1};

// The first Ctrl+C stops the copy cleanly; a second one ends the program.
void onInterrupt(int signal)
{
    std::signal(signal, SIG_DFL);
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(interruptPipe[1], &byte, 1);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Berth")); // Berth's saved registries
    QCoreApplication::setOrganizationName(QStringLiteral("Berth"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BERTH_VERSION_STRING));

    const berth::cli::CliCommand command =
        berth::cli::parseArguments(QCoreApplication::arguments().mid(1));
    if (std::holds_alternative<berth::cli::HelpRequest>(command)) {
        std::fputs(berth::cli::usageText().toLocal8Bit().constData(), stdout);
        return 0;
    }
    if (std::holds_alternative<berth::cli::VersionRequest>(command)) {
        std::printf("berth-cli %s\n", BERTH_VERSION_STRING);
        return 0;
    }
    if (const auto *usage = std::get_if<berth::cli::UsageError>(&command)) {
        std::fprintf(stderr, "berth-cli: %s\nTry 'berth-cli --help'.\n",
                     usage->message.toLocal8Bit().constData());
        return 2;
    }

    QSettings settings;
    berth::credentials::SecretStore secrets(QStringLiteral("Berth"));
    std::unique_ptr<berth::cli::CliCommandRun> run;
    if (const auto *copy = std::get_if<berth::cli::CopyArguments>(&command))
        run = std::make_unique<berth::cli::CopyCommand>(*copy, settings, secrets);
    else if (const auto *exported = std::get_if<berth::cli::ExportArguments>(&command))
        run = std::make_unique<berth::cli::ExportCommand>(*exported, settings, secrets);
    else if (const auto *files = std::get_if<berth::cli::FilesArguments>(&command))
        run = std::make_unique<berth::cli::FilesCommand>(*files, settings, secrets);
    else if (const auto *cat = std::get_if<berth::cli::CatArguments>(&command))
        run = std::make_unique<berth::cli::CatCommand>(*cat, settings, secrets);
    else if (const auto *diff = std::get_if<berth::cli::DiffArguments>(&command))
        run = std::make_unique<berth::cli::DiffCommand>(*diff, settings, secrets);
    else if (const auto *waste = std::get_if<berth::cli::WasteArguments>(&command))
        run = std::make_unique<berth::cli::WasteCommand>(*waste, settings, secrets);
    else
        run = std::make_unique<berth::cli::ImportCommand>(
            std::get<berth::cli::ImportArguments>(command), settings, secrets);
    QObject::connect(run.get(), &berth::cli::CliCommandRun::finished, &app,
                     &QCoreApplication::exit);

    // Ctrl+C or TERM: the command stops, tags and writes nothing, then exits 130.
    std::unique_ptr<QSocketNotifier> interrupt;
    if (::pipe2(interruptPipe, O_CLOEXEC | O_NONBLOCK) == 0) {
        interrupt = std::make_unique<QSocketNotifier>(interruptPipe[0], QSocketNotifier::Read);
        QObject::connect(interrupt.get(), &QSocketNotifier::activated, run.get(),
                         [command = run.get(), notifier = interrupt.get()] {
                             notifier->setEnabled(false);
                             command->cancel();
                         });
        std::signal(SIGINT, onInterrupt);
        std::signal(SIGTERM, onInterrupt);
    }

    // Inside the event loop, so that an early finish reaches exit().
    QTimer::singleShot(0, run.get(), &berth::cli::CliCommandRun::start);
    const int code = QCoreApplication::exec();
    run.reset(); // a copy stopped by Ctrl+C: its blob relays end shortly
    berth::client::TransferBlobJob::waitForRelays(std::chrono::seconds(2));
    return code;
}

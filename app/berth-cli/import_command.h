#pragma once

#include "cli_arguments.h"
#include "cli_command.h"
#include "cli_image.h"

#include "transfer/import_job.h"

#include <QPointer>

#include <memory>

namespace berth::client {
class RegistrySession;
}

namespace berth::cli {

// `berth-cli import`: resolves the destination registry, runs one
// transfer::ImportJob from the path, progress on a terminal (stderr),
// the outcome on stdout, errors on stderr.
class ImportCommand : public CliCommandRun
{
    Q_OBJECT

public:
    ImportCommand(ImportArguments arguments, QSettings &settings, credentials::SecretStore &secrets,
                  QObject *parent = nullptr);
    ~ImportCommand() override;

    void start() override;
    void cancel() override;

private:
    void onResolved(const ResolvedRegistry &registry);
    void showProgress(const transfer::ImportProgress &progress);
    void onImported(const client::ClientResult<transfer::ImportSummary> &result);

    ImportArguments m_arguments;
    CliImage m_image;
    std::unique_ptr<client::RegistrySession> m_session;
    QPointer<transfer::ImportJob> m_job;
};

} // namespace berth::cli

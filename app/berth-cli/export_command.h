#pragma once

#include "cli_arguments.h"
#include "cli_command.h"
#include "cli_image.h"

#include "transfer/export_job.h"

#include <QPointer>

#include <memory>

namespace berth::client {
class RegistrySession;
}

namespace berth::cli {

// `berth-cli export`: resolves the registry, runs one
// transfer::ExportJob into the path, progress on a terminal (stderr),
// the outcome on stdout, errors on stderr.
class ExportCommand : public CliCommandRun
{
    Q_OBJECT

public:
    ExportCommand(ExportArguments arguments, QSettings &settings, credentials::SecretStore &secrets,
                  QObject *parent = nullptr);
    ~ExportCommand() override;

    void start() override;
    void cancel() override;

private:
    void onResolved(const ResolvedRegistry &registry);
    void showProgress(const transfer::ExportProgress &progress);
    void onExported(const client::ClientResult<transfer::ExportSummary> &result);

    ExportArguments m_arguments;
    CliImage m_image;
    std::unique_ptr<client::RegistrySession> m_session;
    QPointer<transfer::ExportJob> m_job;
};

} // namespace berth::cli

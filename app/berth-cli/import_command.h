#pragma once

#include "cli_arguments.h"
#include "cli_command.h"
#include "cli_image.h"
#include "registry_login.h"

#include "transfer/import_job.h"

#include <QElapsedTimer>
#include <QPointer>

#include <memory>

class QSettings;

namespace berth::client {
class RegistrySession;
}
namespace berth::credentials {
class SecretStore;
}

namespace berth::cli {

// `berth-cli import`: resolves the destination registry (RegistryLogin),
// runs one transfer::ImportJob from the path, progress on a terminal
// (stderr), the outcome on stdout, errors on stderr.
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
    void fail(int exitStatus, const QString &message);

    ImportArguments m_arguments;
    QSettings &m_settings;
    credentials::SecretStore &m_secrets;
    CliImage m_image;
    std::unique_ptr<client::RegistrySession> m_session;
    QPointer<transfer::ImportJob> m_job;
    bool m_progressShown = false;
    QElapsedTimer m_redrawn;
    bool m_interrupted = false;
    bool m_done = false;
};

} // namespace berth::cli

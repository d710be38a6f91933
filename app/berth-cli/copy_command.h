#pragma once

#include "cli_arguments.h"
#include "cli_command.h"
#include "cli_image.h"
#include "registry_login.h"

#include "client/copy_job.h"
#include "client/copy_tags_job.h"

#include <QPointer>

#include <memory>
#include <optional>

class QSettings;

namespace berth::client {
class RegistrySession;
}
namespace berth::credentials {
class SecretStore;
}

namespace berth::cli {

// `berth-cli copy`: resolves both registries (RegistryLogin), runs one
// client::CopyJob (or, with --all-tags, a client::CopyTagsJob), shows
// progress on a terminal (stderr) and the outcome on stdout, errors on
// stderr. finished() once, with the exit status.
class CopyCommand : public CliCommandRun
{
    Q_OBJECT

public:
    CopyCommand(CopyArguments arguments, QSettings &settings, credentials::SecretStore &secrets,
                QObject *parent = nullptr);
    ~CopyCommand() override;

    void start() override;
    // Ctrl+C: the copy stops, nothing is tagged.
    void cancel() override;

private:
    void onResolved();
    void showProgress(const client::CopyProgress &progress);
    void onCopied(const client::ClientResult<client::CopySummary> &result);
    void copyTags();
    void showTagsProgress(const client::CopyTagsProgress &progress);
    void onTagFinished(const client::TagCopyOutcome &outcome);
    void onTagsCopied(const client::ClientResult<client::CopyTagsSummary> &result);
    // The tag the copy ends up under (the source's when none is given;
    // empty: untagged, the source named by digest).
    QString destinationTag() const;

    CopyArguments m_arguments;
    CliImage m_images[2]; // source, destination
    std::optional<ResolvedRegistry> m_resolved[2];
    std::unique_ptr<client::RegistrySession> m_sessions[2];
    QPointer<client::CopyJob> m_job;
    QPointer<client::CopyTagsJob> m_tagsJob;
    bool m_onlyTagsElsewhere = true; // every tag that failed points at another image there
};

} // namespace berth::cli

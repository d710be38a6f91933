#pragma once

#include "cli_arguments.h"
#include "cli_command.h"
#include "cli_image.h"

#include "inspect/image_files.h"

#include <QPointer>

#include <array>
#include <memory>
#include <optional>

namespace berth::client {
class RegistrySession;
}

namespace berth::inspect {
class ImageFilesJob;
}

namespace berth::cli {

// `berth-cli diff`: two images, of one registry or two, read as `files`
// reads them (both at once, through the layer cache) and compared: config
// settings, layers by digest, files path by path — as text or JSON.
class DiffCommand : public CliCommandRun
{
    Q_OBJECT

public:
    DiffCommand(DiffArguments arguments, QSettings &settings, credentials::SecretStore &secrets,
                QObject *parent = nullptr);
    ~DiffCommand() override;

    void start() override;
    void cancel() override;

private:
    void onResolved();
    void onFiles(int side, const client::ClientResult<inspect::ImageFiles> &result);
    void showProgress();
    void show();

    DiffArguments m_arguments;
    std::array<CliImage, 2> m_images;
    std::array<std::optional<ResolvedRegistry>, 2> m_resolved;
    std::array<std::unique_ptr<client::RegistrySession>, 2> m_sessions;
    std::array<QPointer<inspect::ImageFilesJob>, 2> m_jobs;
    std::array<std::optional<inspect::ImageFiles>, 2> m_files;
    std::array<std::pair<qint64, qint64>, 2> m_progress{};
};

} // namespace berth::cli

#pragma once

#include "cli_command.h"
#include "cli_image.h"

#include "inspect/image_files.h"

#include <QPointer>

#include <memory>

namespace berth::client {
class RegistrySession;
}

namespace berth::inspect {
class ImageFilesJob;
}

namespace berth::cli {

// What `files` and `waste` share: resolve the image's registry, read its
// files (inspect::ImageFilesJob, through the layer cache), progress on a
// terminal, then show() them.
class ImageFilesCommand : public CliCommandRun
{
    Q_OBJECT

public:
    ImageFilesCommand(QString image, QString platform, TlsOverride tls, bool quiet,
                      QSettings &settings, credentials::SecretStore &secrets,
                      QObject *parent = nullptr);
    ~ImageFilesCommand() override;

    void start() override;
    void cancel() override;

protected:
    // Prints the files and ends the run (succeed() or fail()).
    virtual void show(const inspect::ImageFiles &files) = 0;
    const CliImage &shownImage() const { return m_image; }
    client::RegistrySession *shownSession() const { return m_session.get(); }
    // "team/app:1.0 (linux/amd64)": the image and the platform read.
    QString title(const inspect::ImageFiles &files) const;

private:
    void onResolved(const ResolvedRegistry &registry);
    void onFiles(const client::ClientResult<inspect::ImageFiles> &result);

    QString m_imageText;
    QString m_platform;
    CliImage m_image;
    std::unique_ptr<client::RegistrySession> m_session;
    QPointer<inspect::ImageFilesJob> m_job;
};

} // namespace berth::cli

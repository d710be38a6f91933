#include "image_files_command.h"

#include "cli_output.h"

#include "client/registry_session.h"
#include "inspect/image_files_job.h"
#include "inspect/layer_cache_location.h"

namespace berth::cli {

ImageFilesCommand::ImageFilesCommand(QString image, QString platform, TlsOverride tls, bool quiet,
                                     QSettings &settings, credentials::SecretStore &secrets,
                                     QObject *parent)
    : CliCommandRun(settings, secrets, std::move(tls), quiet, parent)
    , m_imageText(std::move(image))
    , m_platform(std::move(platform))
{
}

ImageFilesCommand::~ImageFilesCommand() = default;

void ImageFilesCommand::start()
{
    const auto named = image(m_imageText);
    if (!named)
        return;
    m_image = *named;
    if (m_image.reference.isEmpty())
        m_image.reference = QStringLiteral("latest"); // as docker pulls
    if (!m_platform.isEmpty() && !oci::parsePlatform(m_platform.toStdString())) {
        fail(kUsage, tr("%1 is no platform (os/arch or os/arch/variant, like linux/arm64/v8).")
                         .arg(m_platform));
        return;
    }
    if (caFileReadable())
        resolve(m_image, [this](const ResolvedRegistry &registry) { onResolved(registry); });
}

void ImageFilesCommand::onResolved(const ResolvedRegistry &registry)
{
    m_session = std::make_unique<client::RegistrySession>(registry.endpoint,
                                                          client::fixedLogin(registry.credentials));
    auto cache = inspect::sharedLayerCache();
    std::optional<oci::Platform> platform;
    if (!m_platform.isEmpty())
        platform = oci::parsePlatform(m_platform.toStdString());
    m_job = new inspect::ImageFilesJob(m_session.get(), m_image.repository, m_image.reference,
                                       platform, cache);
    connect(m_job, &inspect::ImageFilesJob::progress, this,
            [this](qint64 done, qint64 total, int layersDone, int layers) {
                drawProgress(tr("reading layers: %1 of %2, %3/%4 layers")
                                 .arg(bytes(done), bytes(total))
                                 .arg(layersDone)
                                 .arg(layers));
            });
    connect(m_job, &inspect::ImageFilesJob::finished, this, &ImageFilesCommand::onFiles);
}

void ImageFilesCommand::onFiles(const client::ClientResult<inspect::ImageFiles> &result)
{
    clearProgress();
    if (!result.ok()) {
        failWith(result.error(), tr("Stopped."));
        return;
    }
    show(result.value());
}

QString ImageFilesCommand::title(const inspect::ImageFiles &files) const
{
    return files.platform ? tr("%1 (%2)").arg(m_image.shown(),
                                              QString::fromStdString(files.platform->toString()))
                          : m_image.shown();
}

void ImageFilesCommand::cancel()
{
    m_interrupted = true;
    if (m_job)
        m_job->cancel();
    else
        fail(kInterrupted, tr("Stopped."));
}

} // namespace berth::cli

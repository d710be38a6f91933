#include "cat_command.h"

#include "cli_output.h"

#include "inspect/file_content_job.h"

#include "layers/entry_path.h"

#include <cstdio>

namespace berth::cli {

CatCommand::CatCommand(CatArguments arguments, QSettings &settings,
                       credentials::SecretStore &secrets, QObject *parent)
    : ImageFilesCommand(arguments.image, arguments.platform, {arguments.insecure, arguments.caFile},
                        arguments.quiet, settings, secrets, parent)
    , m_arguments(std::move(arguments))
{
}

void CatCommand::show(const inspect::ImageFiles &files)
{
    const QString path =
        QString::fromStdString(layers::plainFromTyped(m_arguments.path.toStdString()));
    // Symbolic links are followed inside the image, as cat in a container would.
    const layers::MergedEntry *merged = files.tree->resolve(path.toStdString());
    if (!merged) {
        const layers::MergedEntry *link = files.tree->find(path.toStdString());
        fail(kFailed,
             link ? tr("/%1 is a symbolic link to %2, which is not in %3.")
                        .arg(path, QString::fromStdString(link->entry.linkTarget), title(files))
                  : tr("%1 has no /%2.").arg(title(files), path));
        return;
    }
    const layers::FileEntry &e = merged->entry;
    if (e.type != layers::EntryType::File && e.type != layers::EntryType::Hardlink) {
        fail(kFailed, e.type == layers::EntryType::Directory
                          ? tr("/%1 is a folder, not a file (berth-cli files lists it).").arg(path)
                          : tr("/%1 is a device or a pipe: it holds no contents.").arg(path));
        return;
    }
    m_read = new inspect::FileContentJob(shownSession(), files.repository,
                                         files.layers[static_cast<std::size_t>(merged->layer)],
                                         QString::fromStdString(e.path), kMaxBytes);
    connect(m_read, &inspect::FileContentJob::received, this, [this](qint64 bytes) {
        drawProgress(tr("reading its layer: %1").arg(cli::bytes(bytes)));
    });
    connect(m_read, &inspect::FileContentJob::finished, this, &CatCommand::onContents);
}

void CatCommand::onContents(const client::ClientResult<inspect::FileContents> &result)
{
    clearProgress();
    if (!result.ok()) {
        failWith(result.error(), tr("Stopped; nothing was written."));
        return;
    }
    const QByteArray &bytes = result.value().bytes;
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stdout);
    std::fflush(stdout);
    succeed();
}

void CatCommand::cancel()
{
    if (m_read) {
        m_interrupted = true;
        m_read->cancel();
        return;
    }
    ImageFilesCommand::cancel();
}

} // namespace berth::cli

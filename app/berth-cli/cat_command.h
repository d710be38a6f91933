#pragma once

#include "cli_arguments.h"
#include "image_files_command.h"

#include <QPointer>

namespace berth::inspect {
class FileContentJob;
struct FileContents;
} // namespace berth::inspect

namespace berth::cli {

// `berth-cli cat`: one file of an image to stdout. The image's files say
// which layer last wrote it (from the layer cache); that layer streams
// through once more and the bytes are written only after it matched its
// digest.
class CatCommand : public ImageFilesCommand
{
    Q_OBJECT

public:
    // What cat holds in memory until the layer is verified.
    static constexpr qint64 kMaxBytes = qint64{256} << 20;

    CatCommand(CatArguments arguments, QSettings &settings, credentials::SecretStore &secrets,
               QObject *parent = nullptr);

    void cancel() override;

protected:
    void show(const inspect::ImageFiles &files) override;

private:
    void onContents(const client::ClientResult<inspect::FileContents> &result);

    CatArguments m_arguments;
    QPointer<inspect::FileContentJob> m_read;
};

} // namespace berth::cli

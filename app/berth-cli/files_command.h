#pragma once

#include "cli_arguments.h"
#include "image_files_command.h"

namespace berth::cli {

// `berth-cli files`: the merged filesystem (or one layer's entries) of an
// image, all of it or under a path, as ls -l lines or JSON.
class FilesCommand : public ImageFilesCommand
{
    Q_OBJECT

public:
    FilesCommand(FilesArguments arguments, QSettings &settings, credentials::SecretStore &secrets,
                 QObject *parent = nullptr);

protected:
    void show(const inspect::ImageFiles &files) override;

private:
    FilesArguments m_arguments;
};

} // namespace berth::cli

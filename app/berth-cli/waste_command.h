#pragma once

#include "cli_arguments.h"
#include "image_files_command.h"

namespace berth::cli {

// `berth-cli waste`: the bytes of an image no container sees (what later
// layers overwrite or delete), contents stored at several paths, and its
// layers by weight — as text or JSON.
class WasteCommand : public ImageFilesCommand
{
    Q_OBJECT

public:
    WasteCommand(WasteArguments arguments, QSettings &settings, credentials::SecretStore &secrets,
                 QObject *parent = nullptr);

protected:
    void show(const inspect::ImageFiles &files) override;

private:
    WasteArguments m_arguments;
};

} // namespace berth::cli

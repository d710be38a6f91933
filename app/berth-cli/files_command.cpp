#include "files_command.h"

#include "cli_output.h"
#include "file_listing.h"

#include "layers/entry_path.h"

namespace berth::cli {

FilesCommand::FilesCommand(FilesArguments arguments, QSettings &settings,
                           credentials::SecretStore &secrets, QObject *parent)
    : ImageFilesCommand(arguments.image, arguments.platform, {arguments.insecure, arguments.caFile},
                        arguments.quiet, settings, secrets, parent)
    , m_arguments(std::move(arguments))
{
}

void FilesCommand::show(const inspect::ImageFiles &files)
{
    const int layers = static_cast<int>(files.indexes.size());
    if (m_arguments.layer > layers) {
        fail(kUsage, tr("%1 has %2; there is no layer %3.")
                         .arg(title(files), counted(layers, "layer", "layers"))
                         .arg(m_arguments.layer));
        return;
    }
    const std::string top = layers::plainFromTyped(m_arguments.path.toStdString());
    ListingOutput out;
    int shown = 0;
    const auto list = [&](const layers::FileEntry &entry, int layer) {
        if (entry.path != top && !layers::pathUnder(entry.path, top))
            return;
        ++shown;
        if (m_arguments.json)
            out.jsonEntry(entry, layer);
        else
            out.entry(entry, layer);
    };
    if (m_arguments.layer > 0) {
        for (const auto &entry :
             files.indexes[static_cast<std::size_t>(m_arguments.layer - 1)]->entries)
            list(entry, 0);
    } else {
        for (const auto &merged : files.tree->entries())
            list(merged.entry, merged.layer + 1);
    }
    if (m_arguments.json)
        out.endJson();
    out.flush();
    if (shown == 0 && !top.empty()) {
        fail(kFailed, tr("%1 has no %2%3.")
                          .arg(title(files), m_arguments.path,
                               m_arguments.layer > 0 ? tr(" in layer %1").arg(m_arguments.layer)
                                                     : QString()));
        return;
    }
    succeed();
}

} // namespace berth::cli

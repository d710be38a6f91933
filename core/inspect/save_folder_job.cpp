#include "inspect/save_folder_job.h"

#include "local/background_task.h"

#include "layers/entry_path.h"
#include "layers/tree_writer.h"

#include <set>

namespace berth::inspect {

SaveFolderJob::SaveFolderJob(client::RegistrySession *session, ImageFiles files, QString folder,
                             QString destination, layers::IndexLimits limits)
    : LayerStreamJob(session, files.repository)
    , m_files(std::move(files))
    , m_folder(layers::plainFromTyped(folder.toStdString()))
    , m_destination(std::move(destination))
    , m_limits(limits)
    , m_count(std::make_shared<layers::ExtractCount>())
{
}

void SaveFolderJob::emitFailure(const client::ClientError &error)
{
    Q_EMIT finished(error);
}

void SaveFolderJob::run()
{
    const layers::MergedTree &tree = *m_files.tree;
    if (!m_folder.empty()) {
        const layers::MergedEntry *top = tree.find(m_folder);
        if (!top || top->entry.type != layers::EntryType::Directory) {
            fail({client::ClientErrorKind::InvalidArgument,
                  tr("/%1 is no folder of this image.").arg(QString::fromStdString(m_folder)),
                  0,
                  {},
                  {}});
            return;
        }
    }
    // One walk: the layers that wrote under the folder, and the files
    // their hard links there share (see nextLayer()).
    std::set<int> layers;
    for (const layers::MergedEntry &e : tree.entries()) {
        if (!layers::pathUnder(e.entry.path, m_folder))
            continue;
        layers.insert(e.layer);
        if (e.entry.type == layers::EntryType::Hardlink)
            m_linked[e.layer].insert(e.entry.linkTarget);
    }
    m_layers.assign(layers.begin(), layers.end());
    for (const int layer : m_layers)
        m_bytesTotal += m_files.layers[static_cast<std::size_t>(layer)].size;
    connect(this, &LayerStreamJob::received, this,
            [this](qint64 bytes) { Q_EMIT progress(m_bytesDone + bytes, m_bytesTotal); });
    using Made = Result<std::shared_ptr<layers::TreeWriter>>;
    local::BackgroundTask::start(
        this,
        [destination = m_destination.toStdString()]() -> Made {
            auto writer = layers::TreeWriter::create(destination);
            if (!writer.ok())
                return writer.error();
            return std::shared_ptr<layers::TreeWriter>(std::move(writer).value());
        },
        [this](const Made &made) {
            if (isFinished())
                return;
            if (!made.ok()) {
                fail({made.error().code == "BUSY" ? client::ClientErrorKind::InvalidArgument
                                                  : client::ClientErrorKind::LocalFile,
                      QString::fromStdString(made.error().message) + QLatin1Char('.'),
                      0,
                      {},
                      {}});
                return;
            }
            m_writer = made.value();
            nextLayer();
        });
}

void SaveFolderJob::nextLayer()
{
    if (m_next >= m_layers.size()) {
        commit();
        return;
    }
    const int layer = m_layers[m_next];
    const oci::Descriptor &blob = m_files.layers[static_cast<std::size_t>(layer)];
    // What this layer last wrote (later layers' versions win), and the
    // files its hard links share: written first, then replaced by a later
    // layer's version, the link keeps the old one — as in a container.
    std::set<std::string> linked = std::move(m_linked[layer]);
    stream(blob,
           [writer = m_writer, count = m_count, tree = m_files.tree, folder = m_folder, layer,
            linked = std::move(linked), digest = blob.digest,
            limits = m_limits](layers::ByteSource &source) -> Status {
               const auto wanted = [&tree, &linked, layer](const layers::FileEntry &e) {
                   const layers::MergedEntry *now = tree->find(e.path);
                   return (now && now->layer == layer) || linked.count(e.path) > 0;
               };
               auto extracted =
                   layers::extractLayer(source, digest, folder, wanted, *writer, limits);
               if (!extracted.ok())
                   return extracted.error();
               count->entries += extracted->entries;
               count->bytes += extracted->bytes;
               count->skipped += extracted->skipped;
               return Ok{};
           });
}

void SaveFolderJob::streamed()
{
    m_bytesDone += m_files.layers[static_cast<std::size_t>(m_layers[m_next])].size;
    Q_EMIT progress(m_bytesDone, m_bytesTotal);
    ++m_next;
    nextLayer();
}

void SaveFolderJob::commit()
{
    local::BackgroundTask::start(
        this, [writer = m_writer] { return writer->commit(); },
        [this](const Status &committed) {
            if (isFinished())
                return;
            if (!committed.ok()) {
                fail({client::ClientErrorKind::LocalFile,
                      QString::fromStdString(committed.error().message) + QLatin1Char('.'),
                      0,
                      {},
                      {}});
                return;
            }
            if (beginFinish())
                Q_EMIT finished(SaveSummary{m_count->entries, m_count->bytes, m_count->skipped});
        });
}

} // namespace berth::inspect

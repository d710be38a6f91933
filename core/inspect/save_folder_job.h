#pragma once

#include "inspect/image_files.h"
#include "inspect/layer_stream_job.h"

#include "layers/layer_extract.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace berth::layers {
class TreeWriter;
}

namespace berth::inspect {

struct SaveSummary
{
    qint64 entries = 0;
    qint64 bytes = 0;
    qint64 skipped = 0; // links out of the folder, devices, entries under a link
};

// Saves a folder of an image (its files as a container sees them) into a
// new folder on disk: each layer that wrote something under it streams
// through layers::extractLayer — only what the merged tree says that
// layer last wrote — into a layers::TreeWriter, which never follows a
// link and appears at `destination` only once every layer matched its
// digest. Stopped or failed, nothing is left.
class SaveFolderJob : public LayerStreamJob
{
    Q_OBJECT

public:
    // `folder`: plain ("etc/nginx"), "" for the whole image.
    SaveFolderJob(client::RegistrySession *session, ImageFiles files, QString folder,
                  QString destination, layers::IndexLimits limits = {});

Q_SIGNALS:
    void progress(qint64 bytesDone, qint64 bytesTotal);
    void finished(const berth::client::ClientResult<berth::inspect::SaveSummary> &result);

protected:
    void run() override;
    void emitFailure(const client::ClientError &error) override;
    void streamed() override;

private:
    void nextLayer();
    void commit();

    ImageFiles m_files;
    std::string m_folder;
    QString m_destination;
    layers::IndexLimits m_limits;
    std::vector<int> m_layers;                     // to read, bottom first
    std::map<int, std::set<std::string>> m_linked; // per layer: files its hard links share
    std::size_t m_next = 0;
    qint64 m_bytesDone = 0;
    qint64 m_bytesTotal = 0;
    std::shared_ptr<layers::TreeWriter> m_writer;
    std::shared_ptr<layers::ExtractCount> m_count;
};

} // namespace berth::inspect

Q_DECLARE_METATYPE(berth::inspect::SaveSummary)

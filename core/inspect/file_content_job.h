#pragma once

#include "inspect/layer_stream_job.h"

#include "layers/file_entry.h"
#include "layers/layer_indexer.h"

#include <QByteArray>

#include <memory>
#include <string>

namespace berth::inspect {

struct FileContents
{
    layers::FileEntry entry;
    QByteArray bytes; // a regular file's contents (empty for anything else)
};

// One file's contents out of one layer: the blob streams through
// layers::readEntryContents (LayerStreamJob) and the bytes are given only
// once the whole blob matched its digest. A hard link is followed once,
// in the same layer. Up to `maxBytes` (TooLarge beyond); NotFound when
// the layer has no such path.
class FileContentJob : public LayerStreamJob
{
    Q_OBJECT

public:
    FileContentJob(client::RegistrySession *session, QString repository, oci::Descriptor layer,
                   QString path, qint64 maxBytes, layers::IndexLimits limits = {});

Q_SIGNALS:
    void finished(const berth::client::ClientResult<berth::inspect::FileContents> &result);

protected:
    void run() override;
    void emitFailure(const client::ClientError &error) override;
    void streamed() override;

private:
    void read(const std::string &path);

    oci::Descriptor m_layer;
    QString m_path;
    qint64 m_maxBytes;
    layers::IndexLimits m_limits;
    bool m_followed = false;
    layers::FileEntry m_asked; // the entry first found (a hard link's own)
    std::shared_ptr<FileContents> m_result;
};

} // namespace berth::inspect

Q_DECLARE_METATYPE(berth::inspect::FileContents)

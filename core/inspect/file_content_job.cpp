#include "inspect/file_content_job.h"

#include "layers/entry_contents.h"
#include "layers/entry_path.h"

namespace berth::inspect {

FileContentJob::FileContentJob(client::RegistrySession *session, QString repository,
                               oci::Descriptor layer, QString path, qint64 maxBytes,
                               layers::IndexLimits limits)
    : LayerStreamJob(session, std::move(repository))
    , m_layer(std::move(layer))
    , m_path(std::move(path))
    , m_maxBytes(maxBytes)
    , m_limits(limits)
    , m_result(std::make_shared<FileContents>())
{
}

void FileContentJob::emitFailure(const client::ClientError &error)
{
    Q_EMIT finished(error);
}

void FileContentJob::run()
{
    if (!checkRepository(repository()))
        return;
    read(layers::plainFromTyped(m_path.toStdString()));
}

void FileContentJob::read(const std::string &path)
{
    stream(m_layer,
           [out = m_result, path, digest = m_layer.digest, max = m_maxBytes,
            limits = m_limits](layers::ByteSource &source) -> Status {
               layers::MemoryEntrySink sink(max);
               auto entry = layers::readEntryContents(source, digest, path, sink, limits);
               if (!entry.ok())
                   return entry.error();
               const std::string bytes = sink.take();
               out->entry = *entry;
               out->bytes = QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size()));
               return Ok{};
           });
}

void FileContentJob::streamed()
{
    if (m_result->entry.type == layers::EntryType::Hardlink && !m_followed) {
        // Its contents are its target's, listed before it in the same tar.
        m_followed = true;
        m_asked = m_result->entry;
        read(m_asked.linkTarget);
        return;
    }
    FileContents contents = *m_result;
    if (m_followed) {
        const layers::FileEntry target = contents.entry;
        contents.entry = m_asked;
        contents.entry.size = target.size;
    }
    if (beginFinish())
        Q_EMIT finished(contents);
}

} // namespace berth::inspect

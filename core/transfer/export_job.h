#pragma once

#include "transfer/export_request.h"

#include "archive/layout_image.h"
#include "client/image_graph_job.h"
#include "client/job.h"

#include <QByteArray>
#include <QList>
#include <QPointer>
#include <QSet>

#include <memory>

namespace berth::archive {
class LayoutWriter;
}

namespace berth::client {
class BodyPipe;
class StreamBlobJob;
} // namespace berth::client

namespace berth::transfer {

// Exports images of one registry into an OCI layout directory, an
// oci-archive or a docker-archive (archive::LayoutWriter): every platform
// of an index and the image's referrers in the OCI forms, one platform in
// a docker-archive. Each blob streams from the registry into the file —
// verified against its digest on both sides, never held whole — one at a
// time (a tar is sequential), the file work on a worker thread through a
// bounded pipe; manifests are written as the exact bytes read. Nothing
// appears at the path until everything is there, and a failed or
// cancelled export leaves nothing (a directory keeps what it had).
class ExportJob : public client::Job
{
    Q_OBJECT

public:
    ExportJob(client::RegistrySession *session, ExportRequest request);
    ~ExportJob() override;

Q_SIGNALS:
    void progress(const berth::transfer::ExportProgress &progress);
    void finished(const berth::client::ClientResult<berth::transfer::ExportSummary> &result);

protected:
    void run() override;
    void emitFailure(const client::ClientError &error) override;

private:
    void readNext();
    void onGraph(const client::ClientResult<client::ImageGraph> &result);
    void checkPlatform(const client::ImageGraph &graph);
    bool keep(const client::ImageGraph &graph);
    // The image kept (or the export failed), then the next item read.
    void keepAndGoOn(const client::ImageGraph &graph);
    bool keepOnePlatform(const client::ImageGraph &graph, archive::LayoutImage image);
    std::shared_ptr<const client::CachedManifest> platformOf(const client::ImageGraph &graph);
    void addBlob(const oci::Descriptor &blob, const QString &repository);
    void addManifest(const client::CachedManifest &manifest);
    void openWriter();
    void nextBlob();
    void onDownloaded(const client::ClientResult<qint64> &result);
    void drain();
    void writeManifests();
    client::ClientError fileError(const Error &error) const;

    ExportRequest m_request;
    int m_nextItem = 0;
    QPointer<client::ImageGraphJob> m_reader;
    std::shared_ptr<archive::LayoutWriter> m_writer;
    QSet<QString> m_inLayout;                              // digests the layout has (or will have)
    QList<std::pair<oci::Descriptor, QString>> m_blobs;    // and a repository that has it
    QList<std::pair<oci::Digest, QByteArray>> m_manifests; // children first
    std::vector<archive::LayoutImage> m_images;
    int m_nextBlob = 0;
    // The blob streaming now: its download, the pipe between, and whether
    // a write is on the worker.
    QPointer<client::StreamBlobJob> m_download;
    QPointer<client::BodyPipe> m_pipe;
    bool m_blobBegun = false;
    bool m_downloadDone = false;
    bool m_writing = false;
    ExportProgress m_progress;
    ExportSummary m_summary;
};

} // namespace berth::transfer

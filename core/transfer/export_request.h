#pragma once

#include "archive/layout_format.h"

#include "oci/platform.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace berth::transfer {

// One image to export.
struct ExportItem
{
    QString repository;
    QString reference; // a tag or a digest
    // The name readers load it as: docker's RepoTags and containerd's
    // io.containerd.image.name ("registry:5000/app:1.4"); empty: none.
    QString imageName;
    // The OCI layout's ref name (skopeo's oci:<path>:<ref>); empty: the
    // tag (none when exported by digest).
    QString refName;
};

struct ExportRequest
{
    QList<ExportItem> items;
    QString path; // a directory (oci) or a file (the archives)
    archive::LayoutFormat format = archive::LayoutFormat::OciArchive;
    bool replace = false; // an archive file at the path is replaced (EXISTS otherwise)
    // Signatures, SBOMs, attestations go too (the OCI forms only).
    bool referrers = true;
    // A docker-archive holds one platform of each image: this one of an
    // index (default: this machine's).
    std::optional<oci::Platform> platform;
};

struct ExportProgress
{
    int blobsDone = 0;
    int blobs = 0;
    qint64 bytesDone = 0; // of bytesTotal: written, or in the layout already
    qint64 bytesTotal = 0;
};

struct ExportSummary
{
    QStringList digests;      // each item's manifest as exported (a platform's, for docker)
    QStringList platformNote; // "app:1 (an index): linux/amd64 only", one per item narrowed
    int manifests = 0;
    int referrers = 0;
    int blobsWritten = 0;
    int blobsPresent = 0; // the layout held them already
    qint64 bytesWritten = 0;
};

} // namespace berth::transfer

Q_DECLARE_METATYPE(berth::transfer::ExportProgress)

#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace berth::transfer {

struct ImportRequest
{
    QString path;           // an OCI layout directory, an oci-archive or a docker-archive
    QString image;          // its ref name or image name; empty: the only image it holds
    QString repository;     // where it goes
    QString tag;            // empty: the image's ref name when it is a tag, else untagged
    bool overwrite = false; // a tag pointing at another image is moved
};

struct ImportProgress
{
    // The archive is being checked (bytes read and verified of bytesTotal)
    // before anything is pushed; then the upload counts again from 0.
    bool checking = false;
    int blobsDone = 0;
    int blobs = 0;
    qint64 bytesDone = 0; // of bytesTotal: uploaded, or at the registry already
    qint64 bytesTotal = 0;
};

struct ImportSummary
{
    QString digest; // the image, as it is in the archive and now at the registry
    QString tag;    // empty: pushed by digest only
    int manifests = 0;
    int referrers = 0;
    int blobsUploaded = 0;
    int blobsPresent = 0;
    qint64 bytesUploaded = 0;
    QStringList warnings; // what went, but not quite: in words
};

} // namespace berth::transfer

Q_DECLARE_METATYPE(berth::transfer::ImportProgress)

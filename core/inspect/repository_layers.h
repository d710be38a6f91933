#pragma once

#include "client/image_description.h"

#include "oci/digest.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace berth::inspect {

// One layer of a repository: how heavy it is and who uses it.
struct LayerUse
{
    oci::Digest digest = oci::Digest::emptySha256();
    qint64 size = 0;    // compressed, as the manifests give it
    QStringList tags;   // the tags whose image (or a platform of it) has it
    QStringList images; // "1.2", "1.2 linux/arm64": each image that has it
    QString createdBy;  // the history line that made it, where a config says
};

// A repository's layers, heaviest first, read from the manifests and
// configs its tags were described with — nothing pulled. What a registry
// stores for the repository is each layer once; a layer only one tag uses
// is freed (after garbage collection) when that tag is deleted.
struct RepositoryLayers
{
    std::vector<LayerUse> layers;
    qint64 totalBytes = 0;  // each layer once
    qint64 oneTagBytes = 0; // layers a single tag uses
    qint64 sumOverTags = 0; // the images' sizes added up, shared layers each time
    int images = 0;         // single images and platforms read

    static RepositoryLayers of(const QList<client::ImageDescription> &tags);
};

} // namespace berth::inspect

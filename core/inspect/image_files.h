#pragma once

#include "layers/layer_index.h"
#include "layers/merged_tree.h"
#include "layers/waste_report.h"

#include "oci/descriptor.h"
#include "oci/digest.h"
#include "oci/image_config.h"
#include "oci/platform.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace berth::inspect {

// An image's files: its layers' indexes, bottom first, and what a
// container of it sees.
struct ImageFiles
{
    QString repository;
    QString reference;
    oci::Digest manifest = oci::Digest::emptySha256(); // of the image shown (a platform's)
    std::optional<oci::Platform> platform;             // chosen from an index
    QStringList platforms;                             // the index's, "os/arch[/variant]"
    std::vector<oci::Descriptor> layers;
    std::shared_ptr<const oci::ImageConfig> config; // null when it could not be read
    std::vector<std::shared_ptr<const layers::LayerIndex>> indexes;
    std::shared_ptr<const layers::MergedTree> tree;
    std::shared_ptr<const layers::WasteReport> waste; // every path and duplicate

    std::vector<const layers::LayerIndex *> layerIndexes() const;
    std::vector<oci::Digest> layerDigests() const;
};

} // namespace berth::inspect

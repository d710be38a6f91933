#pragma once

#include "client/client_error.h"
#include "client/image_graph_job.h"

#include <QString>
#include <QStringList>

namespace berth::client {

// An image whose index was narrowed to some of its platforms.
struct NarrowedImage
{
    ImageGraph graph;      // what a copy of those platforms moves
    QStringList platforms; // the platform images kept ("linux/arm64")
};

// `graph` (of an index) narrowed to `platforms` ("os/arch[/variant]",
// already checked: CopyJob::invalidPlatform): one platform is that
// platform's image itself; several, a new index listing only them and
// their BuildKit attestations (oci::manifestsFor, oci::indexSubset: every
// other field and the order kept; its own digest). The referrers of what
// stays go too, and theirs (a signature of an SBOM), and only the blobs
// all of these name. `name` ("repo:tag") words the errors: InvalidArgument
// when the index has none of the platforms, InvalidResponse when its
// bytes cannot be narrowed.
ClientResult<NarrowedImage> narrowToPlatforms(const ImageGraph &graph, const QStringList &platforms,
                                              const QString &name);

} // namespace berth::client

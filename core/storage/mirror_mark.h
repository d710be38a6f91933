#pragma once

#include "storage/layout.h"

#include "oci/digest.h"

#include <string_view>

namespace berth::storage {

// Which manifests a mirror fetched from its upstream: an empty
// `berth-mirrored` file beside the revision link (registry:2 reads only
// the link; deleting the manifest removes the folder and the mark with
// it). A bounded cache evicts only marked manifests, so content pushed
// before a repository's name came under an upstream is never given up.
class MirrorMark
{
public:
    explicit MirrorMark(Layout layout);

    void mark(std::string_view repository, const oci::Digest &digest) const;
    bool marked(std::string_view repository, const oci::Digest &digest) const;

private:
    Layout m_layout;
};

} // namespace berth::storage

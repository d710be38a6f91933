#pragma once

#include "layers/layer_index.h"

#include "oci/result.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>

namespace berth::layers {

// Layer indexes on disk, one file per layer digest (valid for ever: the
// digest names the contents), shared by the app and berth-cli and by
// every tag, repository and registry. Bounded: past maxBytes the least
// recently opened go. A file that does not decode (torn, damaged, of
// another version) is removed and reads as absent. Safe from several
// threads and processes: files appear whole (a rename) and readers keep
// what they opened.
class LayerIndexCache
{
public:
    static constexpr std::int64_t kDefaultMaxBytes = std::int64_t{512} << 20;

    explicit LayerIndexCache(std::filesystem::path directory,
                             std::int64_t maxBytes = kDefaultMaxBytes);

    const std::filesystem::path &directory() const { return m_directory; }
    std::optional<LayerIndex> load(const oci::Digest &digest) const;
    // Errors are IO (a cache that cannot be written is no reason to stop).
    Status store(const LayerIndex &index) const;
    // Bytes the cache holds now.
    std::int64_t size() const;
    // The bound; a new one applies from the next store (any thread).
    std::int64_t maxBytes() const { return m_maxBytes.load(); }
    void setMaxBytes(std::int64_t maxBytes) { m_maxBytes.store(maxBytes); }

private:
    std::filesystem::path fileOf(const oci::Digest &digest) const;
    void trim() const;

    std::filesystem::path m_directory;
    std::atomic<std::int64_t> m_maxBytes;
};

} // namespace berth::layers

// A layer blob as the Files tab reads it (any bytes: a tar, plain, gzip or
// zstd, or anything else), indexed under small limits and merged over
// itself; and the same bytes as a cached index file. Every input ends in
// an index or a typed error — never a crash, a hang or unbounded memory.
#include "layers/layer_index_codec.h"
#include "layers/layer_indexer.h"
#include "layers/merged_tree.h"
#include "layers/waste_report.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace {

class InputSource : public berth::layers::ByteSource
{
public:
    explicit InputSource(std::string_view bytes)
        : m_bytes(bytes)
    {
    }
    berth::Result<std::size_t> read(char *buffer, std::size_t max) override
    {
        const std::size_t n = std::min({max, std::size_t{977}, m_bytes.size()});
        std::memcpy(buffer, m_bytes.data(), n);
        m_bytes.remove_prefix(n);
        return n;
    }

private:
    std::string_view m_bytes;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    static const berth::oci::Digest digest = berth::oci::Digest::sha256Of("fuzz");
    InputSource source(bytes);
    auto index = berth::layers::indexLayer(source, digest, {10'000, std::int64_t{64} << 20});
    if (index.ok()) {
        const std::vector<const berth::layers::LayerIndex *> layers = {&*index, &*index};
        const auto tree = berth::layers::MergedTree::build(layers);
        (void)berth::layers::WasteReport::of(layers, tree, 10);
        auto again =
            berth::layers::decodeLayerIndex(berth::layers::encodeLayerIndex(*index), digest);
        if (!again.ok() || !(*again == *index))
            __builtin_trap(); // what the cache writes, it reads back
    }
    (void)berth::layers::decodeLayerIndex(bytes, digest);
    return 0;
}

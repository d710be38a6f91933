// Digest parsing: whatever parses must print back to the same text.
#include "oci/digest.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    if (auto d = berth::oci::Digest::parse(text); d.ok()) {
        if (d->toString() != text)
            std::abort(); // a digest is its text, exactly
        (void)std::hash<berth::oci::Digest>{}(*d);
    }
    return 0;
}

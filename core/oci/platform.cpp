#include "oci/platform.h"

namespace berth::oci {

std::string Platform::toString() const
{
    std::string out = os.empty() ? std::string("?") : os;
    out += '/';
    out += architecture.empty() ? std::string("?") : architecture;
    if (!variant.empty()) {
        out += '/';
        out += variant;
    }
    return out;
}

} // namespace berth::oci

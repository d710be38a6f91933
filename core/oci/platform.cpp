#include "oci/platform.h"

#include <vector>

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

std::optional<Platform> parsePlatform(std::string_view text)
{
    std::vector<std::string> parts;
    std::string part;
    for (char c : text) {
        if (c == '/') {
            parts.push_back(part);
            part.clear();
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                   c == '-') {
            part += c;
        } else {
            return std::nullopt;
        }
    }
    parts.push_back(part);
    if (parts.size() < 2 || parts.size() > 3)
        return std::nullopt;
    for (const std::string &p : parts) {
        if (p.empty())
            return std::nullopt;
    }
    Platform platform;
    platform.os = parts[0];
    platform.architecture = parts[1];
    if (parts.size() == 3)
        platform.variant = parts[2];
    return platform;
}

Platform hostPlatform()
{
    Platform p;
#if defined(_WIN32)
    p.os = "windows";
#elif defined(__APPLE__)
    p.os = "darwin";
#elif defined(__FreeBSD__)
    p.os = "freebsd";
#else
    p.os = "linux";
#endif
#if defined(__x86_64__) || defined(_M_X64)
    p.architecture = "amd64";
#elif defined(__aarch64__) || defined(_M_ARM64)
    p.architecture = "arm64";
    p.variant = "v8";
#elif defined(__arm__)
    p.architecture = "arm";
    p.variant = "v7";
#elif defined(__i386__)
    p.architecture = "386";
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    p.architecture = "ppc64le";
#elif defined(__s390x__)
    p.architecture = "s390x";
#elif defined(__riscv) && __riscv_xlen == 64
    p.architecture = "riscv64";
#else
    p.architecture = "unknown";
#endif
    return p;
}

bool runsOn(const Platform &candidate, const Platform &host)
{
    if (candidate.os != host.os || candidate.architecture != host.architecture)
        return false;
    const auto variantOf = [](const Platform &p) {
        return p.variant.empty() && p.architecture == "arm64" ? std::string("v8") : p.variant;
    };
    const std::string a = variantOf(candidate);
    const std::string b = variantOf(host);
    return a.empty() || b.empty() || a == b;
}

int preferredPlatform(const std::vector<Platform> &candidates, const Platform &host)
{
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (runsOn(candidates[i], host))
            return static_cast<int>(i);
    }
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (!candidates[i].isUnknown())
            return static_cast<int>(i);
    }
    return candidates.empty() ? -1 : 0;
}

} // namespace berth::oci

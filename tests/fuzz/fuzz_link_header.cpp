// RFC 8288 Link headers for pagination; a next URL must stay on the registry.
#include "link_header.h"

#include <QByteArray>
#include <QUrl>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray header(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    static const QUrl base(QStringLiteral("https://registry.example:5000/v2/_catalog?n=100"));
    if (const auto next = berth::client::LinkHeader::nextUrl(header, base)) {
        if (next->host() != base.host() || next->port() != base.port())
            std::abort(); // pagination never leaves the registry
    }
    return 0;
}

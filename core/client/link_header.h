#pragma once

#include <QByteArray>
#include <QUrl>

#include <optional>

namespace berth::client {

// RFC 8288 (5988) Link header, as registries use it for pagination:
//   Link: </v2/_catalog?last=b&n=100>; rel="next"
class LinkHeader
{
public:
    // The target of rel="next", resolved against `base` (relative and absolute
    // URLs). nullopt when there is none or the header is malformed. A target on
    // another host than `base` is refused (nullopt): pagination never leaves the registry.
    static std::optional<QUrl> nextUrl(const QByteArray &header, const QUrl &base);
};

} // namespace berth::client

#include "client/link_header.h"

#include "protocol/link_header.h"

namespace berth::client {

namespace {

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(a.scheme() == QLatin1String("https") ? 443 : 80) ==
               b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

} // namespace

std::optional<QUrl> LinkHeader::nextUrl(const QByteArray &header, const QUrl &base)
{
    const auto target = protocol::nextLinkTarget(
        std::string_view(header.constData(), static_cast<std::size_t>(header.size())));
    if (!target)
        return std::nullopt;
    const QUrl ref = QUrl::fromEncoded(QByteArray::fromStdString(*target), QUrl::StrictMode);
    if (!ref.isValid())
        return std::nullopt;
    const QUrl resolved = base.resolved(ref);
    if (!resolved.isValid() || !sameOrigin(resolved, base))
        return std::nullopt;
    return resolved;
}

} // namespace berth::client

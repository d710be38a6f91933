#include "client/link_header.h"

#include <QList>

namespace berth::client {

namespace {

constexpr qsizetype kMaxHeader = 16 * 1024;

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(a.scheme() == QLatin1String("https") ? 443 : 80) ==
               b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

// Does a link-param list (after the <url>) contain rel="next" (or rel=next,
// or a space-separated rel list containing next)?
bool relIsNext(const QByteArray &params)
{
    const QList<QByteArray> parts = params.split(';');
    for (const QByteArray &raw : parts) {
        const QByteArray part = raw.trimmed();
        const qsizetype eq = part.indexOf('=');
        if (eq < 0)
            continue;
        if (part.left(eq).trimmed().toLower() != "rel")
            continue;
        QByteArray value = part.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        const QList<QByteArray> rels = value.toLower().simplified().split(' ');
        if (rels.contains("next"))
            return true;
    }
    return false;
}

} // namespace

std::optional<QUrl> LinkHeader::nextUrl(const QByteArray &header, const QUrl &base)
{
    if (header.isEmpty() || header.size() > kMaxHeader)
        return std::nullopt;
    qsizetype pos = 0;
    while (pos < header.size()) {
        const qsizetype open = header.indexOf('<', pos);
        if (open < 0)
            return std::nullopt;
        const qsizetype close = header.indexOf('>', open + 1);
        if (close < 0)
            return std::nullopt;
        const QByteArray target = header.mid(open + 1, close - open - 1).trimmed();
        // Parameters run to the next link (a ',' followed by '<') or the end.
        qsizetype next = header.indexOf('<', close + 1);
        qsizetype paramsEnd = next < 0 ? header.size() : next;
        const QByteArray params = header.mid(close + 1, paramsEnd - close - 1);
        if (relIsNext(params)) {
            const QUrl ref = QUrl::fromEncoded(target, QUrl::StrictMode);
            if (!ref.isValid() || target.isEmpty())
                return std::nullopt;
            const QUrl resolved = base.resolved(ref);
            if (!resolved.isValid() || !sameOrigin(resolved, base))
                return std::nullopt;
            return resolved;
        }
        if (next < 0)
            return std::nullopt;
        pos = next;
    }
    return std::nullopt;
}

} // namespace berth::client

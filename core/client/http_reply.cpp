#include "client/http_reply.h"

namespace berth::client {

QByteArray HttpReply::header(const QByteArray &name) const
{
    QByteArray out;
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        if (!out.isEmpty())
            out += ", ";
        out += value;
    }
    return out;
}

QUrl HttpReply::location() const
{
    const QByteArray value = header("Location").trimmed();
    return value.isEmpty() ? QUrl() : url.resolved(QUrl::fromEncoded(value));
}

} // namespace berth::client

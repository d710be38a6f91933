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

} // namespace berth::client

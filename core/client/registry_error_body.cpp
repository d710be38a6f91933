#include "client/registry_error_body.h"

#include "protocol/registry_error_body.h"

namespace berth::client {

RegistryErrorBody RegistryErrorBody::parse(const QByteArray &body)
{
    const protocol::RegistryErrorBody parsed = protocol::RegistryErrorBody::parse(
        std::string_view(body.constData(), static_cast<std::size_t>(body.size())));
    RegistryErrorBody out;
    out.code = QString::fromStdString(parsed.code);
    out.message = QString::fromStdString(parsed.message);
    out.detail = QString::fromStdString(parsed.detail);
    out.count = parsed.count;
    return out;
}

} // namespace berth::client

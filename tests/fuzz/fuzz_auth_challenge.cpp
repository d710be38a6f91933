// WWW-Authenticate challenges (Basic, Bearer with realm/service/scope).
#include "auth_challenge.h"

#include <QByteArray>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray header(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const auto challenges = berth::client::AuthChallenge::parse(header);
    for (const auto &c : challenges)
        (void)c.scheme.size();
    return 0;
}

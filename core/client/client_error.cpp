#include "client/client_error.h"

#include <QCoreApplication>

namespace berth::client {

namespace {

// The translation context of this file's messages.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(berth::client::ClientError)
};

} // namespace

QString toString(ClientErrorKind kind)
{
    switch (kind) {
    case ClientErrorKind::Network:
        return QStringLiteral("network");
    case ClientErrorKind::Tls:
        return QStringLiteral("tls");
    case ClientErrorKind::Timeout:
        return QStringLiteral("timeout");
    case ClientErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    case ClientErrorKind::Unauthorized:
        return QStringLiteral("unauthorized");
    case ClientErrorKind::Denied:
        return QStringLiteral("denied");
    case ClientErrorKind::NotFound:
        return QStringLiteral("not-found");
    case ClientErrorKind::CatalogUnavailable:
        return QStringLiteral("catalog-unavailable");
    case ClientErrorKind::DeletesDisabled:
        return QStringLiteral("deletes-disabled");
    case ClientErrorKind::TagMoved:
        return QStringLiteral("tag-moved");
    case ClientErrorKind::TagExists:
        return QStringLiteral("tag-exists");
    case ClientErrorKind::Http:
        return QStringLiteral("http");
    case ClientErrorKind::InvalidResponse:
        return QStringLiteral("invalid-response");
    case ClientErrorKind::DigestMismatch:
        return QStringLiteral("digest-mismatch");
    case ClientErrorKind::TooLarge:
        return QStringLiteral("too-large");
    case ClientErrorKind::InvalidArgument:
        return QStringLiteral("invalid-argument");
    case ClientErrorKind::LocalFile:
        return QStringLiteral("local-file");
    case ClientErrorKind::ArchiveInvalid:
        return QStringLiteral("archive-invalid");
    }
    return QStringLiteral("unknown");
}

ClientError registryDisconnected(const QString &which)
{
    return {ClientErrorKind::Cancelled, Text::tr("%1 was disconnected.").arg(which), 0, {}, {}};
}

} // namespace berth::client

#pragma once

#include "oci/result.h"

#include <QMetaType>
#include <QString>

namespace berth::client {

// What kind of failure a client call ended in; the UI picks words and actions by it.
enum class ClientErrorKind
{
    Network,            // connection refused, DNS, reset, ...
    Tls,                // certificate or handshake problem
    Timeout,            // no data within the configured time
    Cancelled,          // cancel() or the job was destroyed
    Unauthorized,       // 401: missing or wrong credentials
    Denied,             // 403 / insufficient_scope: credentials fine, permission missing
    NotFound,           // 404: repository, manifest or blob unknown
    CatalogUnavailable, // the registry does not offer /v2/_catalog (GHCR, Hub, ...)
    DeletesDisabled,    // 405 UNSUPPORTED on DELETE
    TagMoved,           // the tag no longer points at the digest the user saw
    TagExists,          // a copy's target tag points at another image
    Http,               // any other HTTP error status
    InvalidResponse,    // malformed body, wrong content type, missing header
    DigestMismatch,     // content does not hash to the digest it was fetched by
    TooLarge,           // body larger than the cap
    InvalidArgument,    // the caller passed a bad name, tag or digest
    LocalFile,          // a file or folder here could not be read or written (export, import)
    ArchiveInvalid,     // an image archive or layout is damaged, incomplete or unsafe
};

struct ClientError
{
    ClientErrorKind kind = ClientErrorKind::Network;
    QString message;      // one sentence a user can act on
    int httpStatus = 0;   // 0 when no HTTP status was received
    QString registryCode; // errors[0].code from the registry's body, e.g. MANIFEST_UNKNOWN
    QString detail;       // technical detail (Qt error string, registry message)
};

template <class T> using ClientResult = berth::Result<T, ClientError>;

// A refusal a login (or a login with more rights) may turn around: 401,
// or 403 / insufficient scope. The UI offers a login on it.
inline bool isLoginRefusal(ClientErrorKind kind)
{
    return kind == ClientErrorKind::Unauthorized || kind == ClientErrorKind::Denied;
}

QString toString(ClientErrorKind kind);
// "<which> was disconnected." (a session went away under a job using it).
ClientError registryDisconnected(const QString &which);

} // namespace berth::client

Q_DECLARE_METATYPE(berth::client::ClientError)

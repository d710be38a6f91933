#include "client/transfer_blob_job.h"

#include "client/authenticator.h"
#include "client/http_exchange.h"
#include "client/http_reply.h"
#include "client/http_request_spec.h"
#include "client/registry_session.h"
#include "client/token_fetch.h"
#include "client/url_redaction.h"

#include "local/background_task.h"

#include "berth_version.h"

#include <QThreadPool>

#include <algorithm>

namespace berth::client {

namespace {

// Each relay waits on two sockets: relays get threads of their own, never
// the shared pool's (layers indexed, stores inspected).
QThreadPool *relayPool()
{
    static QThreadPool *pool = local::BackgroundTask::poolOfItsOwn(16);
    return pool;
}

relay::RelayEnd endAt(const RegistrySession &session, const QUrl &url,
                      const QByteArray &authorization)
{
    relay::RelayEnd end;
    end.url = url.toString(QUrl::FullyEncoded).toStdString();
    end.authorization = authorization.toStdString();
    end.verifyTls = session.endpoint().tlsMode != TlsMode::Insecure;
    end.caPem = session.extraCaPem().toStdString();
    return end;
}

HttpReply replyOf(const relay::RelayAnswer &answer)
{
    HttpReply reply;
    reply.status = static_cast<int>(answer.status);
    reply.url = QUrl(QString::fromStdString(answer.url));
    for (const auto &[name, value] : answer.headers)
        reply.headers.append({QByteArray::fromStdString(name), QByteArray::fromStdString(value)});
    reply.body = QByteArray::fromStdString(answer.body);
    return reply;
}

} // namespace

TransferBlobJob::TransferBlobJob(RegistrySession *source, QString fromRepository,
                                 RegistrySession *target, QString toRepository, oci::Digest digest,
                                 qint64 size)
    : Job(target)
    , m_source(source)
    , m_fromRepository(std::move(fromRepository))
    , m_toRepository(std::move(toRepository))
    , m_digest(std::move(digest))
    , m_size(size)
    , m_sourceScopes({QStringLiteral("repository:%1:pull").arg(m_fromRepository)})
    , m_targetScopes({QStringLiteral("repository:%1:pull,push").arg(m_toRepository)})
{
}

TransferBlobJob::~TransferBlobJob() = default; // the relay, a child, is told to stop

void TransferBlobJob::waitForRelays(std::chrono::milliseconds limit)
{
    relayPool()->waitForDone(static_cast<int>(limit.count()));
}

void TransferBlobJob::emitFailure(const ClientError &error)
{
    if (m_relay) {
        m_relay->cancel(); // its answer is not waited for
        m_relay->deleteLater();
        m_relay = nullptr;
    }
    abandonUpload();
    Q_EMIT finished(error);
}

QString TransferBlobJob::subject() const
{
    return tr("Blob %1 into %2")
        .arg(QString::fromStdString(m_digest.shortString()), m_toRepository);
}

RegistrySession *TransferBlobJob::sessionAt(Side side) const
{
    return side == Side::Source ? m_source.data() : session();
}

QStringList &TransferBlobJob::scopesAt(Side side)
{
    return side == Side::Source ? m_sourceScopes : m_targetScopes;
}

void TransferBlobJob::run()
{
    if (!checkRepository(m_fromRepository) || !checkRepository(m_toRepository))
        return;
    if (!m_source) {
        fail(registryDisconnected(tr("The source registry")));
        return;
    }
    connect(m_source, &QObject::destroyed, this, [this] {
        if (!isFinished())
            fail(registryDisconnected(tr("The source registry")));
    });
    openUpload();
}

void TransferBlobJob::openUpload()
{
    // With what a refused login's challenge named; the POST is the
    // session's: an upload opened as this job stops is abandoned.
    session()->openUploadFor(
        this, m_toRepository, m_targetScopes, subject(),
        [this](const ClientResult<QUrl> &location) { onUploadOpened(location); });
}

void TransferBlobJob::onUploadOpened(const ClientResult<QUrl> &location)
{
    if (!location.ok()) {
        fail(location.error());
        return;
    }
    m_location = location.value();
    authorize(Side::Source);
}

// A token for the side's scopes when its registry wants one and none is
// cached (the source's expired during a long copy), then the other side.
void TransferBlobJob::authorize(Side side)
{
    RegistrySession *at = sessionAt(side);
    if (!at) {
        fail(registryDisconnected(tr("The source registry")));
        return;
    }
    const auto next = [this, side] {
        if (side == Side::Source)
            authorize(Side::Target);
        else
            startRelay();
    };
    Authenticator *auth = at->authenticator();
    if (!auth->needsToken(scopesAt(side))) {
        next();
        return;
    }
    TokenFetch *fetch = auth->fetchToken(scopesAt(side));
    connect(fetch, &TokenFetch::finished, this,
            [this, next](const ClientResult<QByteArray> &token) {
                if (isFinished())
                    return;
                if (!token.ok()) {
                    fail(token.error());
                    return;
                }
                next();
            });
}

void TransferBlobJob::startRelay()
{
    if (!m_source) {
        fail(registryDisconnected(tr("The source registry")));
        return;
    }
    relay::RelayRequest request;
    request.source = endAt(*m_source, m_source->blobRequest(m_fromRepository, m_digest).url,
                           m_source->authenticator()->authorizationFor(m_sourceScopes));
    request.target = endAt(*session(), RegistrySession::uploadCompletionUrl(m_location, m_digest),
                           session()->authenticator()->authorizationFor(m_targetScopes));
    request.digest = m_digest.toString();
    request.size = m_size;
    request.userAgent = "Berth/" BERTH_VERSION_STRING;
    request.stallTimeout = session()->endpoint().timeout;
    request.maxRedirects = m_source->endpoint().maxRedirects;
    const qint64 size = m_size;
    m_relay = local::BackgroundTask::startOn(
        relayPool(), this,
        [request = std::move(request), size](local::TaskControl &control) {
            return relay::relayBlob(
                request, *control.cancelFlag(),
                [&control, size](std::int64_t sent) { control.setProgress(sent, size); });
        },
        [this](const relay::RelayResult &result) { onRelayed(result); });
    connect(m_relay, &local::BackgroundTask::progress, this,
            [this](const QString &, qint64 done, qint64) { Q_EMIT transferred(done); });
}

void TransferBlobJob::onRelayed(const relay::RelayResult &result)
{
    m_relay = nullptr;
    log(result.ok() ? result.value().exchanges : result.error().exchanges);
    if (isFinished())
        return;
    if (!result.ok()) {
        if (askAgain(result.error()))
            return;
        fail(errorFor(result.error())); // abandons the upload
        return;
    }
    m_location.clear(); // the target checked the digest and keeps the blob
    Q_EMIT transferred(m_size);
    if (beginFinish())
        Q_EMIT finished(m_size);
}

// A 401 from either side: the login it was sent is not (or no longer)
// good. Learn the challenge, drop the cached token and try once more on a
// fresh upload (the refused one may hold part of the body).
bool TransferBlobJob::askAgain(const relay::RelayError &error)
{
    const bool atSource = error.kind == relay::RelayFailure::SourceAnswer;
    if (error.answer.status != 401 ||
        (!atSource && error.kind != relay::RelayFailure::TargetAnswer))
        return false;
    const Side side = atSource ? Side::Source : Side::Target;
    bool &asked = atSource ? m_askedSourceAgain : m_askedTargetAgain;
    RegistrySession *at = sessionAt(side);
    if (asked || !at)
        return false;
    asked = true;
    Authenticator *auth = at->authenticator();
    const QByteArray sent = auth->authorizationFor(scopesAt(side));
    const auto learned = auth->learn(replyOf(error.answer).header("WWW-Authenticate"));
    if (!learned.ok())
        return false;
    if (auth->scheme() == Authenticator::Scheme::Basic) {
        const QByteArray header = auth->authorizationFor({});
        if (header.isEmpty() || header == sent)
            return false; // no login, or this login was refused
    } else {
        QStringList &scopes = scopesAt(side);
        auth->forget(scopes);
        scopes += learned.value();
        scopes.removeDuplicates();
        auth->forget(scopes);
    }
    abandonUpload();
    openUpload();
    return true;
}

ClientError TransferBlobJob::errorFor(const relay::RelayError &error) const
{
    const QString detail = redactUrlsIn(QString::fromStdString(error.message));
    switch (error.kind) {
    case relay::RelayFailure::Cancelled:
        return cancelledError();
    case relay::RelayFailure::SourceAnswer:
        if (m_source)
            return m_source->errorFor(
                replyOf(error.answer),
                tr("Blob %1 of %2")
                    .arg(QString::fromStdString(m_digest.shortString()), m_fromRepository));
        return registryDisconnected(tr("The source registry"));
    case relay::RelayFailure::TargetAnswer:
        return session()->errorFor(replyOf(error.answer), subject());
    case relay::RelayFailure::WrongSize:
        return {ClientErrorKind::InvalidResponse,
                tr("%1: the source does not send the %2 bytes its manifest says.")
                    .arg(subject())
                    .arg(m_size),
                0,
                {},
                detail};
    case relay::RelayFailure::DigestMismatch:
        return {ClientErrorKind::DigestMismatch,
                tr("%1: the bytes the source sent do not match its digest; nothing was stored.")
                    .arg(subject()),
                0,
                {},
                detail};
    case relay::RelayFailure::Redirect:
        return {ClientErrorKind::InvalidResponse,
                tr("%1: the source's redirects were refused.").arg(subject()),
                0,
                {},
                detail};
    case relay::RelayFailure::Network:
    case relay::RelayFailure::ShortBody:
        break;
    }
    return {ClientErrorKind::Network,
            tr("%1: the connection failed after %2 of %3 bytes (%4).")
                .arg(subject())
                .arg(error.received)
                .arg(m_size)
                .arg(detail),
            0,
            {},
            detail};
}

void TransferBlobJob::log(const std::vector<relay::RelayExchange> &exchanges)
{
    for (const relay::RelayExchange &e : exchanges) {
        RegistrySession *at = e.atTarget ? session() : m_source.data();
        if (!at)
            continue;
        RequestLogEntry entry;
        entry.when = QDateTime::currentDateTime().addMSecs(-e.milliseconds);
        entry.method = QByteArray::fromStdString(e.method);
        entry.url = redactedUrl(QUrl(QString::fromStdString(e.url)));
        entry.status = static_cast<int>(e.status);
        entry.bytes = e.bytes;
        entry.durationMs = e.milliseconds;
        entry.error = QString::fromStdString(e.error);
        at->logRequest(entry);
    }
}

void TransferBlobJob::abandonUpload()
{
    if (m_location.isEmpty())
        return;
    session()->abandonUpload(m_location, m_targetScopes);
    m_location.clear();
}

} // namespace berth::client

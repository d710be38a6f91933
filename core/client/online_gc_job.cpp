#include "client/online_gc_job.h"

#include "client/http_reply.h"
#include "client/http_request_spec.h"
#include "client/registry_session.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth::client {

ClientResult<OnlineGcReport> OnlineGcReport::parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return ClientError{ClientErrorKind::InvalidResponse,
                           OnlineGcJob::tr("The registry's garbage collection report is not JSON."),
                           0,
                           {},
                           error.errorString()};
    const QJsonObject o = doc.object();
    OnlineGcReport r;
    r.dryRun = o.value(QStringLiteral("dryRun")).toBool(true);
    for (const QJsonValue &b : o.value(QStringLiteral("blobsEligible")).toArray())
        r.blobs.append(b.toObject().value(QStringLiteral("digest")).toString());
    for (const QJsonValue &m : o.value(QStringLiteral("manifestsEligible")).toArray())
        r.manifests.append(m.toObject().value(QStringLiteral("repository")).toString() +
                           QLatin1Char('@') +
                           m.toObject().value(QStringLiteral("digest")).toString());
    for (const QJsonValue &p : o.value(QStringLiteral("repositoriesToPrune")).toArray())
        r.repositoriesToPrune.append(p.toString());
    r.bytes = o.value(QStringLiteral("bytesToReclaim")).toInteger();
    r.recentBlobsKept = o.value(QStringLiteral("recentBlobsKept")).toInteger();
    r.diskAvailableBefore = o.value(QStringLiteral("diskAvailableBefore")).toInteger(-1);
    r.diskAvailableAfter = o.value(QStringLiteral("diskAvailableAfter")).toInteger(-1);
    for (const QJsonValue &p : o.value(QStringLiteral("problems")).toArray())
        r.problems.append(p.toObject().value(QStringLiteral("path")).toString() +
                          QStringLiteral(": ") +
                          p.toObject().value(QStringLiteral("message")).toString());
    return r;
}

OnlineGcJob::OnlineGcJob(RegistrySession *session, bool dryRun, bool deleteUntagged)
    : Job(session)
    , m_dryRun(dryRun)
    , m_deleteUntagged(deleteUntagged)
{
}

void OnlineGcJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void OnlineGcJob::run()
{
    HttpRequestSpec spec;
    spec.method = "POST";
    QList<QPair<QString, QString>> query;
    if (m_dryRun)
        query.append({QStringLiteral("dry-run"), QStringLiteral("true")});
    if (m_deleteUntagged)
        query.append({QStringLiteral("delete-untagged"), QStringLiteral("true")});
    spec.url = session()->apiUrl(QStringLiteral("/berth/v1/garbage-collect"), query);
    spec.maxBodyBytes = 64 * 1024 * 1024; // every eligible blob is listed
    spec.addHeader("Content-Type", "application/json");
    spec.body = "{}";
    send(spec, [this](const HttpReply &response) {
        if (response.status == 404) {
            fail({ClientErrorKind::NotFound,
                  tr("This registry has no online garbage collection (it is "
                     "berth-registry's /berth/v1/garbage-collect)."),
                  404,
                  {},
                  {}});
            return;
        }
        if (!response.isSuccess()) {
            fail(session()->errorFor(response, tr("Garbage collection")));
            return;
        }
        auto report = OnlineGcReport::parse(response.body);
        if (!report.ok()) {
            fail(report.error());
            return;
        }
        if (beginFinish())
            Q_EMIT finished(*report);
    });
}

} // namespace berth::client

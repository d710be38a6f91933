#pragma once

// What the export and import tests share: sessions on fixtures, skopeo
// runs, and exports run to their end.
#include "client/registry_endpoint.h"
#include "client/registry_session.h"
#include "support/await.h"
#include "support/registry_fixture.h"
#include "transfer/export_job.h"

#include <QProcess>

#include <memory>

namespace berth::test::transferring {

inline std::unique_ptr<client::RegistrySession> sessionOn(const RegistryFixture &registry)
{
    return std::make_unique<client::RegistrySession>(
        client::RegistryEndpoint::fromUserInput(registry.baseUrl()).value());
}

// skopeo with `arguments`; its output (both channels) in `output`.
inline bool skopeo(const QStringList &arguments, QString &output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("skopeo"), QStringList{QStringLiteral("--insecure-policy")} + arguments);
    p.waitForFinished(120000);
    output = QString::fromUtf8(p.readAll());
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// `skopeo inspect --raw <image>` (empty when it fails).
inline QByteArray rawWithSkopeo(const QString &image, const QStringList &options = {})
{
    QProcess p;
    p.start(QStringLiteral("skopeo"),
            QStringList{QStringLiteral("inspect"), QStringLiteral("--raw")} + options +
                QStringList{image});
    p.waitForFinished(60000);
    return p.exitCode() == 0 ? p.readAllStandardOutput() : QByteArray();
}

inline std::optional<client::ClientResult<transfer::ExportSummary>>
exportTo(client::RegistrySession &session, const transfer::ExportRequest &request)
{
    return await(new transfer::ExportJob(&session, request), &transfer::ExportJob::finished,
                 120000);
}

} // namespace berth::test::transferring

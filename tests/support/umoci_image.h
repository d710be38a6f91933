#pragma once

// Images made of layer tars written here (support/layer_tar.h): umoci puts
// them into an OCI layout as they are (gzipped), skopeo pushes it.

#include "support/registry_fixture.h"

#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <string>
#include <vector>

namespace berth::test {

inline bool runTool(const QString &program, const QStringList &arguments, QString &output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, arguments);
    p.waitForFinished(120000);
    output += QString::fromUtf8(p.readAll());
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// An OCI layout at `layout` whose image "img" has `tars` as layers, bottom first.
inline bool buildUmociLayout(const QString &layout, const std::vector<std::string> &tars,
                             QString &output)
{
    const QString image = layout + QStringLiteral(":img");
    if (!runTool(QStringLiteral("umoci"),
                 {QStringLiteral("init"), QStringLiteral("--layout"), layout}, output) ||
        !runTool(QStringLiteral("umoci"), {QStringLiteral("new"), QStringLiteral("--image"), image},
                 output))
        return false;
    QTemporaryDir scratch;
    for (const std::string &tar : tars) {
        QFile file(scratch.path() + QStringLiteral("/layer.tar"));
        if (!file.open(QIODevice::WriteOnly) ||
            file.write(tar.data(), static_cast<qint64>(tar.size())) !=
                static_cast<qint64>(tar.size()))
            return false;
        file.close();
        if (!runTool(QStringLiteral("umoci"),
                     {QStringLiteral("raw"), QStringLiteral("add-layer"), QStringLiteral("--image"),
                      image, file.fileName()},
                     output))
            return false;
    }
    return true;
}

// The same image pushed into `registry` as `repoAndTag`.
inline bool pushUmociImage(RegistryFixture &registry, const std::vector<std::string> &tars,
                           const QString &repoAndTag, QString &output)
{
    QTemporaryDir dir;
    const QString layout = dir.path() + QStringLiteral("/layout");
    if (!buildUmociLayout(layout, tars, output))
        return false;
    const bool pushed = registry.push(layout, QStringLiteral("img"), repoAndTag);
    output += registry.lastOutput();
    return pushed;
}

} // namespace berth::test

#include "store_findings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

namespace berth::test {

QStringList storeFindings(const QString &store, int *leftovers)
{
    QProcess inspect;
    inspect.start(
        QStringLiteral(BERTH_REGISTRY_BINARY),
        {QStringLiteral("inspect"), store, QStringLiteral("--verify"), QStringLiteral("--json")});
    inspect.waitForFinished(120000);
    const QJsonObject out = QJsonDocument::fromJson(inspect.readAllStandardOutput()).object();
    if (out.isEmpty())
        return {QStringLiteral("inspect failed: ") +
                QString::fromUtf8(inspect.readAllStandardError()).trimmed()};
    if (leftovers)
        *leftovers = static_cast<int>(out.value(QStringLiteral("leftovers")).toArray().size());
    QStringList found;
    for (const QString &key : {QStringLiteral("danglingLinks"), QStringLiteral("corruptBlobs"),
                               QStringLiteral("problems")})
        for (const QJsonValue &v : out.value(key).toArray())
            found << key + QLatin1Char(' ') +
                         QString::fromUtf8(
                             QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    return found;
}

} // namespace berth::test

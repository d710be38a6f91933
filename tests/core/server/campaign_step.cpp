#include "campaign_step.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth::test {

const QByteArray kPartialUpload = "partial-upload";

QString sha256(const QByteArray &bytes)
{
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

Step curlStep(const QString &script)
{
    return Step{
        QStringLiteral("sh"), {QStringLiteral("-c"), script}, {}, {}, {}, false, false, nullptr};
}

// Blobs an online GC's answer (printed by its step) says it deleted.
int blobsCollected(const QByteArray &output)
{
    const qsizetype start = output.indexOf('{');
    if (start < 0)
        return 0;
    const QJsonObject answer = QJsonDocument::fromJson(output.mid(start)).object();
    if (answer.value(QStringLiteral("dryRun")).toBool(true))
        return 0;
    // With data (an empty folder a cut write left is not counted), and not
    // the blob an open upload became once checked: the deleted images'.
    int blobs = 0;
    for (const QJsonValue &value : answer.value(QStringLiteral("blobsEligible")).toArray()) {
        const QJsonObject blob = value.toObject();
        blobs += blob.value(QStringLiteral("bytes")).toInteger() > 0 &&
                         blob.value(QStringLiteral("digest")).toString() != sha256(kPartialUpload)
                     ? 1
                     : 0;
    }
    return blobs;
}

// The images of two rounds ago go: a manifest deleted, a tag deleted
// (distribution refuses tag deletes), then (berth-registry) an online GC
// with untagged manifests, which deletes their blobs: ageStore() made
// them older than the GC's guard for pushes in flight. Another GC runs
// at once with the pushes: what they just wrote is new, and kept.
void addRemovals(std::vector<Step> &steps, int round, bool berth, const QString &base,
                 const QMap<QString, QString> &expected)
{
    QString removal;
    QStringList removed;
    if (round >= 2) {
        const QString old = QString::number(round - 2);
        const QString digest = expected.value(QStringLiteral("team/app:r") + old);
        if (!digest.isEmpty()) {
            removal +=
                QStringLiteral("curl -s -o /dev/null -X DELETE %1/v2/team/app/manifests/%2; ")
                    .arg(base, digest);
            removed << QStringLiteral("team/app:r") + old;
        }
        if (berth) {
            removal +=
                QStringLiteral("curl -s -o /dev/null -X DELETE %1/v2/team/multi/manifests/r%2; ")
                    .arg(base, old);
            removed << QStringLiteral("team/multi:r") + old;
        }
    }
    const QString collect =
        QStringLiteral("curl -s -X POST '%1/berth/v1/garbage-collect?delete-untagged=true'")
            .arg(base);
    if (berth || !removal.isEmpty()) {
        steps.push_back(curlStep(removal + (berth ? collect : QString())));
        steps.back().forgotten = removed;
        steps.back().collects = berth;
    }
    if (berth) {
        steps.push_back(curlStep(collect));
        steps.back().collects = true;
    }
}

// An upload cancelled, and one left open half way (its Location printed).
void addUploads(std::vector<Step> &steps, const QString &base)
{
    const QString upload =
        QStringLiteral("loc=$(curl -s -D - -o /dev/null -X POST %1/v2/team/app/blobs/uploads/ | "
                       "sed -n 's/^[Ll]ocation: *//p' | tr -d '\\r'); "
                       "case \"$loc\" in http*) ;; *) loc=\"%1$loc\";; esac; "
                       "curl -s -o /dev/null -X PATCH -H 'Content-Type: application/octet-stream' "
                       "--data-binary %2 \"$loc\"; ")
            .arg(base, QString::fromLatin1(kPartialUpload));
    steps.push_back(curlStep(upload + QStringLiteral("curl -s -o /dev/null -X DELETE \"$loc\"")));
    steps.push_back(curlStep(upload + QStringLiteral("echo \"open-upload $loc\"")));
    steps.back().leavesUpload = true;
}

} // namespace berth::test

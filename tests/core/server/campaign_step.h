#pragma once

// The steps of a power-loss campaign round (PowerLossCampaign): each a
// process of its own, all started at once — pushes, deletes followed by
// an online GC, a GC at once with them, uploads cancelled or left open.

#include <QByteArray>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace berth::test {

// What a round's open uploads hold.
extern const QByteArray kPartialUpload;

// "sha256:" and the hex digest of `bytes`.
QString sha256(const QByteArray &bytes);

struct Step
{
    QString program;
    QStringList args;
    QString pushed;            // a push: the reference it tags, when acknowledged
    QString digest;            // … with this manifest
    QStringList forgotten;     // no longer expected, whatever the answer
    bool collects = false;     // prints the online GC's JSON answer
    bool leavesUpload = false; // prints "open-upload LOCATION"
    std::unique_ptr<QProcess> process;
};

// A shell script of curl calls, as a step.
Step curlStep(const QString &script);

// Blobs an online GC's answer (printed by its step) says it deleted.
int blobsCollected(const QByteArray &output);

// The images of round `round` - 2 removed, and the online GCs.
void addRemovals(std::vector<Step> &steps, int round, bool berth, const QString &base,
                 const QMap<QString, QString> &expected);

// An upload cancelled, and one left open half way.
void addUploads(std::vector<Step> &steps, const QString &base);

} // namespace berth::test

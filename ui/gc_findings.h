#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace berth::ui {

// How Berth collects garbage on one registry.
struct GcMethod
{
    enum class Kind
    {
        None,          // not set up: the dialog asks how
        DataDirectory, // Berth's collector on a registry:2 data directory on this machine
        Online,        // berth-registry's admin endpoint, while it serves
        Command        // the user's own command (docker exec …, ssh …)
    };
    Kind kind = Kind::None;
    QString dataDirectory;
    QString command;
    QString dryRunCommand;
};

// What one garbage collection found (a preview) or deleted, in one shape
// for every method. -1: not known (a command reports only its output).
struct GcFindings
{
    struct Blob
    {
        QString digest;
        qint64 size = -1;
    };
    bool dryRun = true;
    QList<Blob> blobs;
    QStringList manifests; // "repository@digest"
    QStringList problems;
    qint64 bytes = -1;           // to reclaim, or reclaimed
    qint64 recentBlobsKept = -1; // unreferenced but too new (pushes in progress)
    qint64 diskAvailableBefore = -1;
    qint64 diskAvailableAfter = -1;
    int exitCode = -1;      // command: its exit status
    int eligibleLines = -1; // command: lines naming something eligible for deletion
};

// How one run ended.
struct GcOutcome
{
    enum class Status
    {
        Done,
        Failed,
        Cancelled,
        Locked // the data directory is held by a serving berth-registry
    };
    Status status = Status::Failed;
    QString error; // in words, when not Done
    GcFindings findings;

    bool ok() const { return status == Status::Done; }
};

} // namespace berth::ui

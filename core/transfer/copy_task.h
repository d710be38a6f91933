#pragma once

#include "client/client_error.h"
#include "client/copy_tags_job.h"

#include <QString>

#include <optional>

namespace berth::transfer {

// One copy the user asked for: tags of a repository of one saved registry
// into a repository of another (or the same).
struct CopyTask
{
    QString sourceId; // saved registries
    QString sourceName;
    QString targetId;
    QString targetName;
    client::CopyTagsRequest request;
};

enum class CopyTaskState
{
    Waiting, // behind others
    Opening, // logging in to the registries
    Copying,
    Done,    // every tag copied or there already
    Partial, // ended, but some tags could not be copied (see the summary)
    Failed,  // ended on an error (or no tag went): the error, and the summary of
             // the tags that ended before it
    Stopped,
};

struct CopyTaskStatus
{
    CopyTask task;
    CopyTaskState state = CopyTaskState::Waiting;
    client::CopyTagsProgress progress;
    std::optional<client::CopyTagsSummary> summary; // the tags that ended, as they end
    std::optional<client::ClientError> error;       // Failed, Stopped
    qint64 startedMs = 0;                           // since the epoch; 0: not yet
    qint64 elapsedMs = 0;                           // while copying, and at the end

    bool isFinished() const
    {
        return state == CopyTaskState::Done || state == CopyTaskState::Partial ||
               state == CopyTaskState::Failed || state == CopyTaskState::Stopped;
    }
    // Blob bytes streamed per second so far (0 before a second has passed).
    double bytesPerSecond() const;
    // Seconds left at that rate, or -1 when it cannot be told.
    qint64 secondsLeft() const;
};

} // namespace berth::transfer

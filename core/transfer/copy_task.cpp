#include "transfer/copy_task.h"

namespace berth::transfer {

double CopyTaskStatus::bytesPerSecond() const
{
    if (elapsedMs < 1000)
        return 0;
    return static_cast<double>(progress.bytesCopied) * 1000.0 / static_cast<double>(elapsedMs);
}

qint64 CopyTaskStatus::secondsLeft() const
{
    // Only one image's size is known ahead: the next tags' are not.
    const double rate = bytesPerSecond();
    if (state != CopyTaskState::Copying || progress.tags != 1 || rate <= 0 ||
        progress.image.bytesTotal <= 0)
        return -1;
    const qint64 left = std::max<qint64>(0, progress.image.bytesTotal - progress.image.bytesDone);
    return static_cast<qint64>(static_cast<double>(left) / rate + 0.5);
}

} // namespace berth::transfer

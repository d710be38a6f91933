#pragma once

#include <QObject>

namespace berth::cli {

// One berth-cli command run: start() once, cancel() on Ctrl+C, and
// finished(exit status) exactly once.
class CliCommandRun : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual void start() = 0;
    // Ctrl+C or TERM: stops cleanly (nothing tagged, nothing written).
    virtual void cancel() = 0;

Q_SIGNALS:
    void finished(int exitStatus);
};

} // namespace berth::cli

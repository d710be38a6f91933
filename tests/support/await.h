#pragma once

// Waiting for a job's finished(Result) in tests: poll the event loop with a
// deadline (no sleeps, no nested QEventLoop::exec).

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QObject>
#include <QString>

#include <ostream>

#include <gtest/gtest.h>

#include <optional>

namespace berth::test {

inline bool pollUntil(const std::function<bool()> &done, int timeoutMs = 20000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    }
    return true;
}

// Runs `job` (already started) to its finished(Result) signal and returns the result.
template <class Job, class Result>
std::optional<Result> await(Job *job, void (Job::*signal)(const Result &), int timeoutMs = 20000)
{
    std::optional<Result> out;
    QObject context;
    QObject::connect(job, signal, &context, [&out](const Result &r) { out.emplace(r); });
    if (!pollUntil([&] { return out.has_value(); }, timeoutMs))
        ADD_FAILURE() << "job did not finish within " << timeoutMs << " ms";
    return out;
}

} // namespace berth::test

// Readable QString values in GoogleTest failure messages.
QT_BEGIN_NAMESPACE
inline void PrintTo(const QString &s, std::ostream *os)
{
    *os << '"' << s.toStdString() << '"';
}
QT_END_NAMESPACE

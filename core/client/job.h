#pragma once

#include "client/client_error.h"

#include <QObject>

#include <functional>
#include <memory>

namespace berth::client {

class RegistrySession;
struct HttpRequestSpec;
struct HttpReply;

// Base of every client call. A job starts as soon as it is made (queued, so
// the caller can connect first), emits its own finished(Result) exactly once
// — also after cancel(), with a Cancelled error — and deletes itself later.
// Destroying a running job aborts its requests silently.
class Job : public QObject
{
    Q_OBJECT

public:
    explicit Job(RegistrySession *session);

    // Ends the job with a Cancelled error; sub-jobs still running are
    // cancelled too (a failure does the same).
    void cancel();
    bool isFinished() const { return m_finished; }
    RegistrySession *session() const { return m_session; }

protected:
    // Called (queued) once after construction.
    virtual void run() = 0;
    // Emit the typed finished signal; called exactly once.
    virtual void emitFailure(const ClientError &error) = 0;

    // Subclasses call these to end the job; later calls are ignored.
    bool beginFinish();
    void fail(const ClientError &error);

    static ClientError cancelledError();
    // False, and the job failed with InvalidArgument saying why, when
    // `repository` is no valid repository name.
    bool checkRepository(const QString &repository);

    // Takes the result of `leader`, the same content's fetch already in
    // flight: `use` gets its value when it succeeds; `askItself` runs when
    // it fails (it may have asked another repository) or goes away
    // unfinished. Nothing runs once this job has finished (cancelled).
    template <class Leader, class Result, class Use, class AskItself>
    void followLeader(Leader *leader, void (Leader::*finished)(const Result &), Use use,
                      AskItself askItself)
    {
        auto answered = std::make_shared<bool>(false);
        connect(leader, finished, this, [this, answered, use, askItself](const Result &result) {
            *answered = true;
            if (isFinished())
                return;
            if (result.ok())
                use(result.value());
            else
                askItself();
        });
        connect(leader, &QObject::destroyed, this, [this, answered, askItself] {
            if (!*answered && !isFinished())
                askItself();
        });
    }

    // One HTTP exchange owned by this job; a transport failure fails the job,
    // any HTTP answer goes to `handler`.
    using ResponseHandler = std::function<void(const HttpReply &)>;
    void send(const HttpRequestSpec &spec, ResponseHandler handler);

private:
    void stopChildren();

    RegistrySession *m_session;
    bool m_finished = false;
};

} // namespace berth::client

// The window's copy queue on two real docker-registries: copies wait their
// turn, one stopped while waiting copies nothing and runs again later, a
// copy whose target tag points elsewhere fails and, run again with moving
// allowed, completes; a registry that cannot be opened fails in
// words; finished rows go on request.
#include "support/copy_support.h"

#include "client/registry_endpoint.h"
#include "client/registry_session.h"
#include "support/await.h"
#include "support/registry_fixture.h"
#include "transfer/copy_queue.h"

#include <QCoreApplication>
#include <QMap>
#include <QTemporaryDir>
#include <QTimer>

#include <gtest/gtest.h>

using berth::client::RegistrySession;
using berth::test::pollUntil;
using berth::test::copying::rawManifest;
using berth::transfer::CopyQueue;
using berth::transfer::CopyTask;
using berth::transfer::CopyTaskState;
using namespace Qt::StringLiterals;

namespace {

const QString kOciManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");

class CopyQueueTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(a.start()) << a.error().toStdString();
        ASSERT_TRUE(b.start()) << b.error().toStdString();
        berth::test::OciLayoutWriter layout(layoutDir.path(), 401);
        for (const QString &tag : {QStringLiteral("1.0"), QStringLiteral("1.1")}) {
            const auto image = layout.addImage(QStringLiteral("2024-10-01T00:00:00Z"),
                                               QStringLiteral("amd64"), {40000, tag.size() * 999});
            layout.tag(tag, image.manifestDigest, kOciManifest);
        }
        layout.save();
        for (const QString &tag : {QStringLiteral("1.0"), QStringLiteral("1.1")})
            ASSERT_TRUE(a.push(layoutDir.path(), tag, QStringLiteral("app:") + tag))
                << a.lastOutput().toStdString();
        urls = {{QStringLiteral("a"), a.baseUrl()}, {QStringLiteral("b"), b.baseUrl()}};
    }

    // As ProfileController::openSession: a session owned by `context`.
    berth::client::SessionOpener opener()
    {
        return [this](const QString &id, QObject *context, berth::client::SessionOpened done) {
            ++opened;
            if (!urls.contains(id)) {
                done(nullptr, QStringLiteral("That registry is no longer saved."));
                return;
            }
            const auto endpoint = berth::client::RegistryEndpoint::fromUserInput(urls[id]);
            done(new RegistrySession(endpoint.value(), {}, context), {});
        };
    }

    static CopyTask task(const QString &from, const QString &to, const QString &tag,
                         const QString &toTag = {})
    {
        CopyTask t;
        t.sourceId = from;
        t.sourceName = from;
        t.targetId = to;
        t.targetName = to;
        t.request.fromRepository = QStringLiteral("app");
        t.request.tags = {tag};
        t.request.toRepository = QStringLiteral("app");
        t.request.toTag = toTag;
        return t;
    }

    QByteArray raw(berth::test::RegistryFixture &registry, const QString &reference)
    {
        RegistrySession session(
            berth::client::RegistryEndpoint::fromUserInput(registry.baseUrl()).value());
        return rawManifest(session, QStringLiteral("app"), reference);
    }

    berth::test::RegistryFixture a;
    berth::test::RegistryFixture b;
    QTemporaryDir layoutDir;
    QMap<QString, QString> urls;
    int opened = 0;
};

} // namespace

TEST_F(CopyQueueTest, CopiesWaitTheirTurnStopAndRunAgain)
{
    CopyQueue queue(opener());
    queue.setParallelTasks(1);
    QList<int> finished;
    QObject::connect(&queue, &CopyQueue::finished, &queue, [&](int row) { finished << row; });
    const int first = queue.add(task(u"a"_s, u"b"_s, u"1.0"_s));
    const int second = queue.add(task(u"a"_s, u"b"_s, u"1.1"_s));
    const int promote = queue.add(task(u"a"_s, u"a"_s, u"1.0"_s, u"stable"_s));
    EXPECT_NE(queue.at(first).state, CopyTaskState::Waiting);
    EXPECT_EQ(queue.at(second).state, CopyTaskState::Waiting);
    EXPECT_EQ(queue.at(promote).state, CopyTaskState::Waiting);

    queue.stop(second);
    EXPECT_EQ(queue.at(second).state, CopyTaskState::Stopped);
    ASSERT_TRUE(pollUntil([&] { return !queue.hasUnfinished(); }, 60000));
    EXPECT_EQ(queue.at(first).state, CopyTaskState::Done);
    EXPECT_EQ(queue.at(promote).state, CopyTaskState::Done);
    EXPECT_EQ(finished, (QList<int>{second, first, promote}));
    EXPECT_EQ(raw(b, QStringLiteral("1.0")), raw(a, QStringLiteral("1.0")));
    EXPECT_TRUE(raw(b, QStringLiteral("1.1")).isEmpty()) << "stopped before it started";
    EXPECT_EQ(raw(a, QStringLiteral("stable")), raw(a, QStringLiteral("1.0")));
    EXPECT_EQ(opened, 3) << "the promotion opens one session, the copies two each minus one "
                            "stopped while waiting";

    queue.runAgain(second, false);
    ASSERT_TRUE(pollUntil([&] { return queue.at(second).isFinished(); }, 60000));
    EXPECT_EQ(queue.at(second).state, CopyTaskState::Done);
    EXPECT_EQ(raw(b, QStringLiteral("1.1")), raw(a, QStringLiteral("1.1")));
    ASSERT_TRUE(queue.at(second).summary);
    EXPECT_EQ(queue.at(second).summary->copied(), 1);
}

TEST_F(CopyQueueTest, ATagPointingElsewhereFailsUntilMovingIsAllowed)
{
    CopyQueue queue(opener());
    const int first = queue.add(task(u"a"_s, u"b"_s, u"1.0"_s));
    ASSERT_TRUE(pollUntil([&] { return queue.at(first).isFinished(); }, 60000));
    const int onto = queue.add(task(u"a"_s, u"b"_s, u"1.1"_s, u"1.0"_s));
    ASSERT_TRUE(pollUntil([&] { return queue.at(onto).isFinished(); }, 60000));
    EXPECT_EQ(queue.at(onto).state, CopyTaskState::Failed) << "its one tag did not go";
    ASSERT_TRUE(queue.at(onto).error);
    EXPECT_EQ(queue.at(onto).error->kind, berth::client::ClientErrorKind::TagExists);
    ASSERT_TRUE(queue.at(onto).summary);
    ASSERT_TRUE(queue.at(onto).summary->tags.value(0).error);
    EXPECT_EQ(queue.at(onto).summary->tags[0].error->kind,
              berth::client::ClientErrorKind::TagExists);
    EXPECT_EQ(raw(b, QStringLiteral("1.0")), raw(a, QStringLiteral("1.0")));

    queue.runAgain(onto, true);
    EXPECT_TRUE(queue.at(onto).task.request.overwrite);
    ASSERT_TRUE(pollUntil([&] { return queue.at(onto).isFinished(); }, 60000));
    EXPECT_EQ(queue.at(onto).state, CopyTaskState::Done);
    EXPECT_EQ(raw(b, QStringLiteral("1.0")), raw(a, QStringLiteral("1.1")));
}

// The keychain answers later (as a real one does): a copy stopped while
// logging in and run again at once takes only the new answer; the old
// one, arriving for a run that is over, is dropped.
TEST_F(CopyQueueTest, ALateLoginAnswerForAStoppedRunIsDropped)
{
    const berth::client::SessionOpener now = opener();
    int asked = 0;
    CopyQueue queue([&](const QString &id, QObject *context, berth::client::SessionOpened done) {
        ++asked;
        QTimer::singleShot(0, context, [now, id, context, done] { now(id, context, done); });
    });
    const int row = queue.add(task(u"a"_s, u"b"_s, u"1.0"_s));
    EXPECT_EQ(queue.at(row).state, CopyTaskState::Opening);
    queue.stop(row);
    EXPECT_EQ(queue.at(row).state, CopyTaskState::Stopped);
    queue.runAgain(row, false);
    ASSERT_TRUE(pollUntil([&] { return queue.at(row).isFinished(); }, 60000));
    EXPECT_EQ(queue.at(row).state, CopyTaskState::Done);
    EXPECT_EQ(raw(b, QStringLiteral("1.0")), raw(a, QStringLiteral("1.0")));

    // Stopping everything stops what waits too, and starts none of it.
    queue.setParallelTasks(1);
    const int running = queue.add(task(u"a"_s, u"b"_s, u"1.1"_s));
    const int waiting = queue.add(task(u"a"_s, u"b"_s, u"1.1"_s, u"other"_s));
    const int before = asked;
    queue.stopAll();
    EXPECT_EQ(queue.at(running).state, CopyTaskState::Stopped);
    EXPECT_EQ(queue.at(waiting).state, CopyTaskState::Stopped);
    EXPECT_FALSE(queue.hasUnfinished());
    QCoreApplication::processEvents();
    EXPECT_EQ(asked, before) << "no login was asked for the copy that waited";
}

TEST_F(CopyQueueTest, ARegistryThatCannotBeOpenedFailsInWordsAndFinishedRowsGo)
{
    CopyQueue queue(opener());
    const int gone = queue.add(task(u"gone"_s, u"b"_s, u"1.0"_s));
    EXPECT_EQ(queue.at(gone).state, CopyTaskState::Failed);
    ASSERT_TRUE(queue.at(gone).error);
    EXPECT_EQ(queue.at(gone).error->message, QStringLiteral("That registry is no longer saved."));
    const int copy = queue.add(task(u"a"_s, u"b"_s, u"1.0"_s));
    EXPECT_EQ(copy, gone + 1);
    QList<int> removed;
    QObject::connect(&queue, &CopyQueue::removed, &queue, [&](int row) { removed << row; });
    queue.removeFinished(); // the copy still runs
    EXPECT_EQ(removed, QList<int>{gone});
    ASSERT_EQ(queue.size(), 1);
    EXPECT_EQ(queue.at(0).task.sourceId, QStringLiteral("a"));
    ASSERT_TRUE(pollUntil([&] { return queue.at(0).isFinished(); }, 60000));
    EXPECT_EQ(queue.at(0).state, CopyTaskState::Done);
    EXPECT_GE(queue.at(0).elapsedMs, 0);
    queue.removeFinished();
    EXPECT_EQ(queue.size(), 0);
}

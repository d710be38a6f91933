// LocalRegistry against stand-in engines: small shell scripts run as the
// registry binary, so a start that never listens, an engine that ignores
// SIGTERM and an engine with an endless log line can be shown for real.

#include "local_registry.h"

#include "support/await.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>

namespace {

using berth::local::LocalRegistry;
using berth::local::LocalRegistrySettings;
using State = LocalRegistry::State;
using berth::test::pollUntil;

class LocalRegistryTest : public ::testing::Test
{
protected:
    // A stand-in for distribution: `script` runs as `<program> serve config.yml`.
    LocalRegistrySettings engine(const QByteArray &script)
    {
        const QString path = m_dir.filePath(QStringLiteral("engine.sh"));
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write("#!/bin/sh\n" + script);
        file.close();
        file.setPermissions(file.permissions() | QFileDevice::ExeOwner);
        LocalRegistrySettings s;
        s.engine = LocalRegistrySettings::Engine::Distribution;
        s.program = path;
        s.port = 1; // never bound: the stand-ins do not listen
        s.dataDirectory = m_dir.filePath(QStringLiteral("data"));
        return s;
    }
    QString workDirectory() const { return m_dir.filePath(QStringLiteral("work")); }

    QTemporaryDir m_dir;
};

// Processes the test made must not outlive it, whatever failed.
// Kills the registry's process when the test ends, however it ends (a
// failed ASSERT returns early): no stand-in engine outlives its test.
class Reaper
{
public:
    explicit Reaper(LocalRegistry &registry)
        : m_registry(registry)
    {
    }
    ~Reaper()
    {
        if (m_registry.processRunning())
            ::kill(static_cast<pid_t>(m_registry.pid()), SIGKILL);
    }
    Reaper(const Reaper &) = delete;
    Reaper &operator=(const Reaper &) = delete;

private:
    LocalRegistry &m_registry;
};

TEST_F(LocalRegistryTest, AStartThatNeverListensIsStoppedBeforeItFails)
{
    // Ignores SIGTERM and never says it listens: only SIGKILL ends it.
    const LocalRegistrySettings s = engine("trap '' TERM\nwhile :; do sleep 0.05; done\n");
    LocalRegistry registry(workDirectory());
    const Reaper reaper(registry);
    registry.setTimeouts(300, 300);
    QList<State> states;
    QObject context;
    QObject::connect(&registry, &LocalRegistry::stateChanged, &context,
                     [&states](State state) { states << state; });
    registry.start(s);
    ASSERT_EQ(registry.state(), State::Starting) << registry.errorText().toStdString();
    EXPECT_TRUE(pollUntil([&] { return registry.state() == State::Failed; }, 20000));
    EXPECT_EQ(states, (QList<State>{State::Starting, State::Stopping, State::Failed}));
    EXPECT_TRUE(registry.errorText().contains(QLatin1String("did not start listening")))
        << registry.errorText().toStdString();
    EXPECT_FALSE(registry.processRunning()); // killed, not left behind
    EXPECT_FALSE(QFileInfo::exists(workDirectory() + QStringLiteral("/registry.pid")));
}

TEST_F(LocalRegistryTest, DistributionIsRunningOnceItSaysItListens)
{
    const LocalRegistrySettings s = engine("echo 'level=info msg=\"starting\"'\n"
                                           "sleep 0.3\n"
                                           "echo 'level=info msg=\"listening on 127.0.0.1:1\"'\n"
                                           "trap 'exit 0' TERM\nwhile :; do sleep 0.05; done\n");
    LocalRegistry registry(workDirectory());
    const Reaper reaper(registry);
    registry.start(s);
    ASSERT_EQ(registry.state(), State::Starting) << registry.errorText().toStdString();
    EXPECT_TRUE(pollUntil([&] { return registry.state() != State::Starting; }, 20000));
    EXPECT_EQ(registry.state(), State::Running) << registry.errorText().toStdString();
    EXPECT_TRUE(registry.log().contains(QStringLiteral("level=info msg=\"starting\"")));

    // A second panel on the same work directory finds it and cannot start another.
    LocalRegistry second(workDirectory());
    EXPECT_EQ(second.state(), State::Running);
    EXPECT_EQ(second.pid(), registry.pid());

    registry.stop();
    EXPECT_EQ(registry.state(), State::Stopping);
    EXPECT_TRUE(pollUntil([&] { return registry.state() != State::Stopping; }, 20000));
    EXPECT_EQ(registry.state(), State::Stopped) << registry.errorText().toStdString();
    EXPECT_TRUE(registry.errorText().isEmpty());
}

TEST_F(LocalRegistryTest, AnEndlessLogLineIsCutAndTheNextLinesStillCount)
{
    // 40 KiB without a newline (within one read, so it is cut rather than
    // passed over), then the line that says it listens.
    const LocalRegistrySettings s = engine("head -c 40960 /dev/zero | tr '\\0' x\n"
                                           "printf '\\nlistening on 127.0.0.1:1\\n'\n"
                                           "trap 'exit 0' TERM\nwhile :; do sleep 0.05; done\n");
    LocalRegistry registry(workDirectory());
    const Reaper reaper(registry);
    registry.start(s);
    EXPECT_TRUE(pollUntil([&] { return registry.state() != State::Starting; }, 20000));
    EXPECT_EQ(registry.state(), State::Running) << registry.errorText().toStdString();
    const QStringList log = registry.log();
    qsizetype longest = 0;
    for (const QString &line : log)
        longest = std::max(longest, line.size());
    EXPECT_LE(longest, 16 * 1024 + 8);
    EXPECT_GE(longest, 16 * 1024); // the cut line itself is shown
    EXPECT_TRUE(std::any_of(log.begin(), log.end(),
                            [](const QString &l) { return l.endsWith(QStringLiteral(" […]")); }));
    EXPECT_TRUE(log.contains(QStringLiteral("listening on 127.0.0.1:1")))
        << log.join(u'\n').toStdString();
    registry.stop();
    EXPECT_TRUE(pollUntil([&] { return registry.state() == State::Stopped; }, 20000));
}

// A quit asks for a shorter wait than a stop already under way: the shorter
// one applies (else Berth's window would wait the whole stop timeout).
TEST_F(LocalRegistryTest, AShorterStopShortensTheOneUnderWay)
{
    const LocalRegistrySettings s = engine("echo 'listening on 127.0.0.1:1'\n"
                                           "trap '' TERM\nwhile :; do sleep 0.05; done\n");
    LocalRegistry registry(workDirectory());
    const Reaper reaper(registry);
    registry.setTimeouts(20000, 120000);
    registry.start(s);
    ASSERT_TRUE(pollUntil([&] { return registry.state() == State::Running; }, 20000))
        << registry.errorText().toStdString();
    registry.stop(); // SIGTERM is ignored: SIGKILL only after 120 s
    EXPECT_EQ(registry.state(), State::Stopping);
    registry.stop(200);
    EXPECT_TRUE(pollUntil([&] { return registry.state() != State::Stopping; }, 20000));
    EXPECT_EQ(registry.state(), State::Stopped) << registry.errorText().toStdString();
}

TEST_F(LocalRegistryTest, AMissingEngineFailsWithTheReason)
{
    LocalRegistrySettings s = engine("exit 0\n");
    s.program = m_dir.filePath(QStringLiteral("no-such-engine"));
    LocalRegistry registry(workDirectory());
    const Reaper reaper(registry);
    registry.start(s);
    EXPECT_EQ(registry.state(), State::Failed);
    EXPECT_TRUE(registry.errorText().contains(QLatin1String("no-such-engine")))
        << registry.errorText().toStdString();
}

} // namespace

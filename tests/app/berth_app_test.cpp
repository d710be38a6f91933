// The real `berth` executable (offscreen, its own HOME and XDG folders):
// ended by SIGTERM, SIGINT or SIGHUP, it stops its local registry as
// closing its window does, instead of dying with the registry left running.
#include "local/local_registry.h"
#include "local/local_registry_preferences.h"

#include "support/scoped_env.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QSettings>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <csignal>

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool portAnswers(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(2000);
}

// Whatever a failing test leaves running from its settings folder is killed.
struct RegistryReaper
{
    QString workDirectory;
    ~RegistryReaper()
    {
        berth::local::LocalRegistry leftover(workDirectory);
        if (leftover.state() == berth::local::LocalRegistry::State::Running)
            ::kill(static_cast<pid_t>(leftover.pid()), SIGKILL);
    }
};

class BerthApp : public ::testing::TestWithParam<int>
{
};

} // namespace

TEST_P(BerthApp, EndedBySignalStopsItsLocalRegistryLikeClosingTheWindow)
{
    QTemporaryDir home;
    const quint16 port = freePort();
    const QString config = home.path() + QStringLiteral("/config");
    QSettings settings(config + QStringLiteral("/Berth/Berth.conf"), QSettings::IniFormat);
    settings.setValue(QStringLiteral("localRegistry/port"), port);
    settings.setValue(QStringLiteral("localRegistry/dataDirectory"),
                      QString(home.path() + QStringLiteral("/registry")));
    settings.sync();
    const RegistryReaper reaper{berth::local::LocalRegistryPreferences(&settings).workDirectory()};

    QProcess berth;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config);
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.path() + QStringLiteral("/data"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("BERTH_REGISTRY_BINARY"), QStringLiteral(BERTH_REGISTRY_BINARY));
    berth.setProcessEnvironment(env);
    berth.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    berth.start(QStringLiteral(BERTH_APP_BINARY), {});
    ASSERT_TRUE(berth.waitForStarted());
    // It starts the local registry at launch (polled with a deadline).
    const QDeadlineTimer deadline(30000);
    while (!portAnswers(port) && !deadline.hasExpired() && berth.state() == QProcess::Running)
        berth.waitForFinished(50);
    ASSERT_TRUE(portAnswers(port)) << "the local registry did not start";

    ::kill(static_cast<pid_t>(berth.processId()), GetParam());
    ASSERT_TRUE(berth.waitForFinished(30000));
    EXPECT_EQ(berth.exitStatus(), QProcess::NormalExit) << "killed by the signal";
    EXPECT_EQ(berth.exitCode(), 0);
    EXPECT_FALSE(portAnswers(port)) << "the local registry outlived Berth";
}

INSTANTIATE_TEST_SUITE_P(Signals, BerthApp, ::testing::Values(SIGTERM, SIGINT, SIGHUP),
                         [](const auto &param) {
                             return param.param == SIGTERM  ? "Sigterm"
                                    : param.param == SIGINT ? "Sigint"
                                                            : "Sighup";
                         });

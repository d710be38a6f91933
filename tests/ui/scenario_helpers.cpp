#include "scenario_helpers.h"

#include "local/local_registry.h"
#include "main_window.h"
#include "registry_widget.h"
#include "secret_store.h"
#include "support/await.h"
#include "transfer/copy_task.h"
#include "transfer_list_model.h"
#include "window_lookup.h"

#include <QAbstractItemView>
#include <QFile>
#include <QJsonDocument>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QTcpServer>
#include <QTcpSocket>

#include <csignal>
#include <filesystem>

namespace berth::test {

void writeProfiles(QSettings &settings, const QList<QVariantMap> &profiles)
{
    settings.beginWriteArray(QStringLiteral("registries"), static_cast<int>(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        settings.setArrayIndex(i);
        for (auto it = profiles[i].cbegin(); it != profiles[i].cend(); ++it)
            settings.setValue(it.key(), it.value());
    }
    settings.endArray();
}

ImageTruth writeImageLayout(const QString &dir, quint32 seed, const QString &created,
                            qint64 layerSize, const QString &tag)
{
    OciLayoutWriter w(dir, seed);
    const auto image = w.addImage(created, QStringLiteral("amd64"), {layerSize});
    w.tag(tag, image.manifestDigest, QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
    w.save();
    return image;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool skopeoPush(const QString &work, const QString &layout, const QString &ref, const QString &dest,
                const QString &creds, QString *output)
{
    QFile policy(work + QStringLiteral("/policy.json"));
    policy.open(QIODevice::WriteOnly);
    policy.write(R"({"default":[{"type":"insecureAcceptAnything"}]})");
    policy.close();
    QFile auth(work + QStringLiteral("/auth.json"));
    auth.open(QIODevice::WriteOnly);
    auth.write("{}");
    auth.close();
    QStringList args{QStringLiteral("--policy"),      policy.fileName(),
                     QStringLiteral("copy"),          QStringLiteral("--dest-tls-verify=false"),
                     QStringLiteral("--retry-times"), QStringLiteral("0"),
                     QStringLiteral("--authfile"),    auth.fileName()};
    if (!creds.isEmpty())
        args << QStringLiteral("--dest-creds") << creds;
    args << QStringLiteral("oci:") + layout + QLatin1Char(':') + ref
         << QStringLiteral("docker://") + dest;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("skopeo"), args);
    const bool ok =
        p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    *output = QString::fromUtf8(p.readAll());
    return ok;
}

bool portAnswers(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(2000);
}

void ageBlobs(const QString &root)
{
    namespace fs = std::filesystem;
    const auto past = fs::file_time_type::clock::now() - std::chrono::hours(2);
    for (const auto &entry : fs::recursive_directory_iterator(
             QString(root + QStringLiteral("/docker/registry/v2/blobs")).toStdString())) {
        if (entry.is_regular_file())
            fs::last_write_time(entry.path(), past);
    }
}

QMessageBox *confirmation(QWidget &dialog)
{
    return dialog.findChild<QMessageBox *>(QStringLiteral("confirmation"));
}

bool answerConfirmation(QWidget &dialog, bool accept)
{
    QMessageBox *box = confirmation(dialog);
    if (!box)
        return false;
    for (QAbstractButton *b : box->buttons()) {
        const bool accepting = box->buttonRole(b) == QMessageBox::AcceptRole;
        if (accepting == accept) {
            b->click();
            return true;
        }
    }
    return false;
}

QJsonObject gcDryRun(const QString &root)
{
    QProcess cli;
    cli.start(QStringLiteral(BERTH_REGISTRY_BINARY),
              {QStringLiteral("garbage-collect"), root, QStringLiteral("--dry-run"),
               QStringLiteral("--json"), QStringLiteral("--force")});
    if (!cli.waitForFinished(60000))
        return {};
    return QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
}

LocalRegistryReaper::~LocalRegistryReaper()
{
    berth::local::LocalRegistry leftover(workDirectory);
    if (leftover.state() == berth::local::LocalRegistry::State::Running)
        ::kill(static_cast<pid_t>(leftover.pid()), SIGKILL);
}

WindowOnRegistries::WindowOnRegistries(const QList<Registry> &registries)
    : m_settings(std::make_unique<QSettings>(m_dir.path() + QStringLiteral("/berth.ini"),
                                             QSettings::IniFormat))
    , m_secrets(std::make_unique<credentials::SecretStore>(QStringLiteral("BerthTest")))
{
    QList<QVariantMap> profiles;
    for (const Registry &r : registries) {
        profiles.append({{QStringLiteral("id"), r.id},
                         {QStringLiteral("name"), r.name},
                         {QStringLiteral("url"), r.hostPort}});
        if (!r.dataDirectory.isEmpty())
            profiles.last().insert(QStringLiteral("dataDirectory"), r.dataDirectory);
    }
    if (!profiles.isEmpty()) // none written: what a first start finds
        writeProfiles(*m_settings, profiles);
    m_secrets->useSessionMemory();
    m_window = std::make_unique<ui::MainWindow>(*m_settings, *m_secrets);
    m_window->show();
}

WindowOnRegistries::~WindowOnRegistries() = default;

ui::RegistryWidget *WindowOnRegistries::browser() const
{
    return registryWidget(*m_window);
}

bool WindowOnRegistries::openTag(const QString &repository, const QString &tag)
{
    ui::RegistryWidget *shown = browser();
    if (!pollUntil([shown] { return shown->session() != nullptr; }))
        return false;
    shown->openTag(repository, tag);
    return pollUntil([shown] { return shown->currentTagRow() >= 0; });
}

int awaitLastTransfer(QWidget &window, QString &status, int timeoutMs)
{
    auto *view = window.findChild<QAbstractItemView *>(QStringLiteral("transferList"));
    if (!view)
        return -1;
    QAbstractItemModel *model = view->model();
    int state = -1;
    const bool ended = pollUntil(
        [&] {
            const int rows = model->rowCount();
            if (rows == 0)
                return false;
            const QModelIndex last = model->index(rows - 1, ui::TransferListModel::StatusColumn);
            status = last.data().toString();
            state = last.data(ui::TransferListModel::StateRole).toInt();
            const auto s = static_cast<transfer::CopyTaskState>(state);
            return s != transfer::CopyTaskState::Waiting && s != transfer::CopyTaskState::Opening &&
                   s != transfer::CopyTaskState::Copying;
        },
        timeoutMs);
    return ended ? state : -1;
}

} // namespace berth::test

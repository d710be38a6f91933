#pragma once

// Helpers the MainWindow scenario tests share: profiles written as
// ProfileStore writes them, images laid out for skopeo, the local
// registry's port and leftovers, the command line's garbage-collection view.
#include "support/registry_fixture.h"

#include <QJsonObject>
#include <QSettings>
#include <QString>
#include <QVariantMap>

class QMessageBox;
class QWidget;

namespace berth::test {

// Registry profiles into a test's settings file, keys as ProfileStore writes them.
void writeProfiles(QSettings &settings, const QList<QVariantMap> &profiles);
// One amd64 image in an OCI layout at `dir`, tagged `tag` there (for skopeo).
ImageTruth writeImageLayout(const QString &dir, quint32 seed, const QString &created,
                            qint64 layerSize, const QString &tag);
quint16 freePort();
// skopeo copy of `ref` from an OCI layout to the local registry.
bool skopeoPush(const QString &work, const QString &layout, const QString &ref, const QString &dest,
                const QString &creds, QString *output);
bool portAnswers(quint16 port);
// Sets every blob's mtime two hours back: online collection keeps blobs
// newer than an hour (pushes in progress), so this makes them eligible.
void ageBlobs(const QString &root);
// `berth-registry garbage-collect --dry-run --json` of `root`.
QJsonObject gcDryRun(const QString &root);

// The open question named "confirmation" under `dialog` (null if none), and
// its answer: the accepting button (Collect, Delete, …) or Cancel.
QMessageBox *confirmation(QWidget &dialog);
bool answerConfirmation(QWidget &dialog, bool accept);

// Waits for the newest copy of `window`'s Transfers list to end: its state
// (transfer::CopyTaskState as an int; -1 when none ended in time) and, in
// `status`, the words of its Status column.
int awaitLastTransfer(QWidget &window, QString &status, int timeoutMs = 60000);

// The local registry runs detached: whatever a failing test leaves running
// from this settings directory is killed when the test ends.
struct LocalRegistryReaper
{
    QString workDirectory;
    ~LocalRegistryReaper();
};

} // namespace berth::test

#include <QTemporaryDir>

#include <memory>

namespace berth::credentials {
class SecretStore;
}
namespace berth::ui {
class MainWindow;
class RegistryWidget;
} // namespace berth::ui

namespace berth::test {

// A MainWindow on saved registries ({id, name, host:port or URL, data
// directory} each), its settings in a folder of its own and its secrets in
// memory, shown; the first registry is the one it opens. No registries: a
// first start (the built-in local registry's profile only).
class WindowOnRegistries
{
public:
    struct Registry
    {
        QString id;
        QString name;
        QString hostPort;
        QString dataDirectory = {};
    };
    explicit WindowOnRegistries(const QList<Registry> &registries);
    ~WindowOnRegistries();

    ui::MainWindow &window() { return *m_window; }
    ui::RegistryWidget *browser() const;
    QString dir() const { return m_dir.path(); }
    QSettings &settings() { return *m_settings; }
    // Waits for the session, opens `repository` and selects `tag`; false
    // when that did not happen in time.
    bool openTag(const QString &repository, const QString &tag);

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<credentials::SecretStore> m_secrets;
    std::unique_ptr<ui::MainWindow> m_window;
};

} // namespace berth::test

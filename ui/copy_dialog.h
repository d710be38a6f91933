#pragma once

#include "client/copy_job.h"

#include <QDialog>
#include <QList>
#include <QPointer>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace berth::client {
class RegistrySession;
}

namespace berth::ui {

// Copy one tag to a repository and tag of any saved registry, or promote
// it (another tag of the same repository): digest for digest, every
// platform; within the registry the layers are linked, between registries
// they stream through this computer. A tag that points at another image
// is moved only when the user ticks the box (both digests are named
// first). Progress, stop, and the outcome in words.
class CopyDialog : public QDialog
{
    Q_OBJECT

public:
    struct Registry
    {
        QString id;
        QString name;
    };
    // A session on saved registry `id`, owned by `context`: `done` gets it,
    // or nullptr and why not (ProfileController::openSession).
    using OpenSession = std::function<void(
        const QString &id, QObject *context,
        std::function<void(client::RegistrySession *session, const QString &error)> done)>;

    // `session` shows saved registry `currentId`; `registries` are the
    // destinations offered (the current one first chosen).
    CopyDialog(client::RegistrySession *session, const QString &currentId,
               const QList<Registry> &registries, OpenSession openSession,
               const QString &repository, const QString &tag, const QString &digest,
               QWidget *parent = nullptr);
    ~CopyDialog() override;

    // Where the copy goes, chosen beforehand (tags dropped on a repository).
    void setDestination(const QString &registryId, const QString &repository);

Q_SIGNALS:
    // The copy landed in `repository` of the registry shown.
    void copied(const QString &repository);
    // The copy landed in `repository` of saved registry `registryId`.
    void copiedTo(const QString &registryId, const QString &repository);
    // For the status bar (a copy stopped by closing the dialog).
    void message(const QString &text);

public Q_SLOTS:
    // Closing while a copy runs stops it (nothing is tagged) and says so.
    void reject() override;

private:
    void start();
    void copyTo(client::RegistrySession *target);
    void showProgress(const client::CopyProgress &progress);
    void showResult(const client::ClientResult<client::CopySummary> &result);
    void setRunning(bool running);

    QPointer<client::RegistrySession> m_session;
    QString m_currentId;
    OpenSession m_openSession;
    QPointer<client::RegistrySession> m_target; // another registry's, while copying there
    QPointer<client::CopyJob> m_job;
    bool m_loggingIn = false; // waiting for another registry's login
    QString m_repository;
    QString m_tag;
    QString m_digest; // the image shown (empty: not described yet)
    QComboBox *m_registry;
    QLineEdit *m_toRepository;
    QLineEdit *m_toTag;
    QCheckBox *m_overwrite;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_start;
    QPushButton *m_cancel;
};

} // namespace berth::ui

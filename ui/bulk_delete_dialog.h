#pragma once

#include "client/deletion_plan.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace berth::client {
class BulkDeleteJob;
class RegistrySession;
struct BulkDeleteOutcome;
} // namespace berth::client

namespace berth::ui {

// Many tags at once: the exact plan (images deleted with all their tags,
// tags removed alone where their image stays for other tags), then the
// repository's name typed to confirm, then BulkDeleteJob with progress and
// cancel, then what happened to each deletion — and the offer to collect
// garbage, since deleting only unlinks. A registry browsed without a login
// that refuses the deletions gets the offer to log in and delete again.
class BulkDeleteDialog : public QDialog
{
    Q_OBJECT

public:
    BulkDeleteDialog(client::RegistrySession *session, const QString &registryName,
                     client::DeletionPlan plan, QWidget *parent = nullptr);
    bool isDone() const { return m_done; }
    bool isRunning() const;

    // While deleting: cancels (before the next deletion) instead of closing.
    void reject() override;

Q_SIGNALS:
    // Something was deleted (or tried): the tag list should be reloaded.
    void deletionsFinished();
    void garbageCollectionRequested();
    // The registry, browsed without a login, refused (`why`); the user
    // chose to log in — the plan is to be shown again once logged in.
    void loginRequested(const QString &why);

private:
    void start();
    void onFinished(const client::BulkDeleteOutcome &outcome);

    QPointer<client::RegistrySession> m_session;
    client::DeletionPlan m_plan;
    QPointer<client::BulkDeleteJob> m_job;
    bool m_done = false;
    QLabel *m_summary;
    QListWidget *m_list;
    QLabel *m_confirmLabel;
    QLineEdit *m_confirm;
    QProgressBar *m_progress;
    QPushButton *m_delete;
    QPushButton *m_cancel;
    QPushButton *m_collect;
    QPushButton *m_logIn;
    QString m_refusal; // why the registry refused, for the login prompt
};

} // namespace berth::ui

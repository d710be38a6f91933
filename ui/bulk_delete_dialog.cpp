#include "ui/bulk_delete_dialog.h"

#include "client/authenticator.h"
#include "client/bulk_delete_job.h"
#include "client/registry_session.h"
#include "ui/size_format.h"
#include "ui/work_done_notice.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace berth::ui {

BulkDeleteDialog::BulkDeleteDialog(client::RegistrySession *session, const QString &registryName,
                                   client::DeletionPlan plan, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_plan(std::move(plan))
{
    setWindowTitle(tr("Delete tags"));
    resize(680, 460);
    const int tags = m_plan.deletedTagCount();
    qint64 bytes = 0;
    for (const auto &image : std::as_const(m_plan.images))
        bytes += std::max<qint64>(0, image.size);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_summary->setText(
        tr("<b>%n tag(s)</b> of <b>%1/%2</b> go: ", nullptr, tags)
            .arg(registryName.toHtmlEscaped(), m_plan.repository.toHtmlEscaped()) +
        tr("%n image(s) deleted with all their tags (%1 unless other repositories share "
           "layers), ",
           nullptr, static_cast<int>(m_plan.images.size()))
            .arg(formatBytes(bytes)) +
        tr("%n tag(s) removed while their image stays for other tags. ", nullptr,
           static_cast<int>(m_plan.tagsOnly.size())) +
        tr("%n tag(s) stay.", nullptr, static_cast<int>(m_plan.kept.size())));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("planList"));
    m_list->addItems(m_plan.describe());
    m_confirmLabel = new QLabel(
        tr("Type the repository name <b>%1</b> to confirm:").arg(m_plan.repository.toHtmlEscaped()),
        this);
    m_confirm = new QLineEdit(this);
    m_confirm->setObjectName(QStringLiteral("confirmEdit"));
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);
    m_delete = new QPushButton(tr("Delete %n tag(s)", nullptr, tags), this);
    m_delete->setObjectName(QStringLiteral("deleteButton"));
    m_delete->setEnabled(false);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_collect = new QPushButton(tr("Collect garbage…"), this);
    m_collect->setObjectName(QStringLiteral("collectGarbageButton"));
    m_collect->setVisible(false);
    m_logIn = new QPushButton(tr("Log in and delete again…"), this);
    m_logIn->setObjectName(QStringLiteral("logInButton"));
    m_logIn->setVisible(false);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_collect);
    buttons->addWidget(m_logIn);
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_delete);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_confirmLabel);
    layout->addWidget(m_confirm);
    layout->addWidget(m_progress);
    layout->addLayout(buttons);

    connect(m_confirm, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_delete->setEnabled(!m_job && !m_done && text == m_plan.repository && !m_plan.isEmpty());
    });
    connect(m_delete, &QPushButton::clicked, this, &BulkDeleteDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &BulkDeleteDialog::reject);
    connect(m_collect, &QPushButton::clicked, this, [this] {
        Q_EMIT garbageCollectionRequested();
        accept();
    });
    connect(m_logIn, &QPushButton::clicked, this, [this] {
        Q_EMIT loginRequested(m_refusal);
        accept();
    });
}

bool BulkDeleteDialog::isRunning() const
{
    return m_job;
}

void BulkDeleteDialog::reject()
{
    // Cancel, Escape or the window's close button while deleting: stop before
    // the next deletion and stay open to show what was done.
    if (m_job) {
        m_job->cancel();
        return;
    }
    QDialog::reject();
}

void BulkDeleteDialog::start()
{
    if (m_job || m_done || !m_session || m_confirm->text() != m_plan.repository)
        return;
    m_delete->setEnabled(false);
    m_confirm->setEnabled(false);
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    m_summary->setText(tr("Checking every tag again, then deleting…"));
    m_job = new client::BulkDeleteJob(m_session, m_plan);
    connect(m_job, &client::BulkDeleteJob::progress, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_job, &client::BulkDeleteJob::finished, this,
            [this](const client::ClientResult<client::BulkDeleteOutcome> &result) {
                m_job = nullptr;
                if (result.ok()) {
                    onFinished(*result);
                    return;
                }
                m_done = true;
                m_progress->setVisible(false);
                m_cancel->setText(tr("Close"));
                const bool anonymous = m_session && !m_session->authenticator()->hasCredentials();
                m_refusal = result.error().message;
                m_logIn->setVisible(anonymous && client::isLoginRefusal(result.error().kind));
                if (m_logIn->isVisible())
                    m_logIn->setFocus();
                m_summary->setText(
                    result.error().kind == client::ClientErrorKind::Cancelled
                        ? tr("Cancelled. Deletions already made stay made; the list below is "
                             "the plan, reload the tags to see what is left.")
                        : tr("Stopped: %1 Deletions made before it stay made; the list "
                             "below is the plan, reload the tags to see what is left.")
                              .arg(result.error().message.toHtmlEscaped()));
                Q_EMIT deletionsFinished();
            });
}

void BulkDeleteDialog::onFinished(const client::BulkDeleteOutcome &outcome)
{
    using Status = client::BulkDeleteOutcome::Status;
    m_done = true;
    m_progress->setVisible(false);
    m_cancel->setText(tr("Close"));
    m_list->clear();
    for (const auto &item : outcome.items) {
        const QString mark = item.status == Status::Deleted   ? tr("Deleted")
                             : item.status == Status::Skipped ? tr("Skipped")
                                                              : tr("Failed");
        m_list->addItem(item.message.isEmpty()
                            ? QStringLiteral("%1: %2").arg(mark, item.what)
                            : QStringLiteral("%1: %2 — %3").arg(mark, item.what, item.message));
    }
    const int deleted = outcome.count(Status::Deleted);
    m_summary->setText(tr("%1 deleted, %2 skipped, %3 failed. Deleting only unlinks: the space "
                          "comes back when the registry collects garbage.")
                           .arg(deleted)
                           .arg(outcome.count(Status::Skipped))
                           .arg(outcome.count(Status::Failed)));
    m_collect->setVisible(deleted > 0);
    WorkDoneNotice::post(this, m_summary->text());
    Q_EMIT deletionsFinished();
}

} // namespace berth::ui

#include "ui/job_dialog.h"

#include "client/job.h"
#include "ui/job_progress.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace berth::ui {

JobDialog::JobDialog(const QString &name, const QString &startText, QWidget *parent)
    : QDialog(parent)
    , m_progress(new JobProgress(name, this))
    , m_start(new QPushButton(startText, this))
    , m_cancel(new QPushButton(tr("Stop"), this))
{
    m_start->setObjectName(name + QStringLiteral("Start"));
    m_start->setDefault(true);
    m_cancel->setObjectName(name + QStringLiteral("Cancel"));
    m_cancel->setEnabled(false);
    connect(m_start, &QPushButton::clicked, this, [this] {
        if (!m_job)
            start();
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
    });
}

JobDialog::~JobDialog()
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel(); // nothing is left half done by a job nobody watches
    }
}

void JobDialog::assemble(const QString &introduction, QFormLayout *form)
{
    auto *intro = new QLabel(introduction, this);
    intro->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_start, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_progress, 1);
    layout->addWidget(buttons);
}

void JobDialog::watch(client::Job *job)
{
    m_job = job;
    // The job goes without a word when its registry's session does (the
    // window opened another registry): say so instead of running forever.
    connect(job, &QObject::destroyed, this, [this] {
        if (m_cancel->isEnabled()) {
            setRunning(false);
            m_progress->setOutcome(false, tr("The registry was disconnected; open it again "
                                             "and start over."));
        }
    });
    setRunning(true);
}

void JobDialog::jobEnded()
{
    if (m_job)
        m_job->disconnect(this);
    m_job = nullptr;
    setRunning(false);
}

void JobDialog::reject()
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
        m_job = nullptr;
        Q_EMIT message(stoppedText());
    }
    QDialog::reject();
}

void JobDialog::setRunning(bool running)
{
    m_start->setEnabled(!running);
    m_cancel->setEnabled(running);
    setInputsEnabled(!running);
}

} // namespace berth::ui

#include "ui/prefetch_dialog.h"

#include "client/registry_session.h"
#include "ui/size_format.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace berth::ui {

PrefetchDialog::PrefetchDialog(client::RegistrySession *session, const QString &registryName,
                               const QStringList &references, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
{
    setWindowTitle(tr("Pre-fetch images"));
    resize(620, 460);
    auto *intro = new QLabel(
        tr("Pulls each image through %1 — every platform and layer, checked against its "
           "digest — and keeps nothing on this computer. A mirror stores what passes through it, "
           "so "
           "these images pull from it even while its upstream is away. One image per line: "
           "repository:tag or repository@sha256:…")
            .arg(registryName),
        this);
    intro->setWordWrap(true);
    m_references = new QPlainTextEdit(this);
    m_references->setObjectName(QStringLiteral("prefetchReferences"));
    m_references->setPlaceholderText(QStringLiteral("library/alpine:3.20\nghcr/owner/app:v1"));
    m_references->setPlainText(references.join(QLatin1Char('\n')));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("prefetchProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("prefetchStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_results = new QListWidget(this);
    m_results->setObjectName(QStringLiteral("prefetchResults"));
    m_results->setWordWrap(true);
    m_results->hide(); // until there is something to show
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_start = buttons->addButton(tr("Pre-fetch"), QDialogButtonBox::ActionRole);
    m_start->setObjectName(QStringLiteral("prefetchStart"));
    m_cancel = buttons->addButton(tr("Stop"), QDialogButtonBox::ActionRole);
    m_cancel->setObjectName(QStringLiteral("prefetchCancel"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_references, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_results, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_start, &QPushButton::clicked, this, &PrefetchDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
    });
    setRunning(false);
}

PrefetchDialog::~PrefetchDialog()
{
    if (m_job) {
        m_job->disconnect(this); // its last word must not reach a dialog being destroyed
        m_job->cancel();         // and nothing keeps fetching for it
    }
}

void PrefetchDialog::start()
{
    if (m_job)
        return; // one run at a time
    if (!m_session) {
        m_status->setText(tr("The registry was disconnected: open it again first."));
        return;
    }
    QStringList references;
    for (const QString &line : m_references->toPlainText().split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            references << line.trimmed();
    }
    if (references.isEmpty()) {
        m_status->setText(tr("Type the images to fetch, one per line."));
        return;
    }
    m_job = m_session->prefetch(references);
    connect(m_job, &client::PrefetchJob::progress, this, &PrefetchDialog::showProgress);
    connect(m_job, &client::PrefetchJob::finished, this, &PrefetchDialog::showResult);
    // A job that goes away unfinished (its registry disconnected) ends the run too.
    connect(m_job, &QObject::destroyed, this, &PrefetchDialog::jobGone);
    m_progress->setRange(0, static_cast<int>(references.size()));
    m_progress->setValue(0);
    m_results->clear();
    m_results->hide();
    m_status->setText(tr("Starting…"));
    setRunning(true);
}

void PrefetchDialog::showProgress(const client::PrefetchProgress &p)
{
    m_progress->setValue(p.imagesDone);
    if (p.current.isEmpty())
        return;
    m_status->setText(tr("Image %1 of %2: %3 — %4 received so far")
                          .arg(p.imagesDone + 1)
                          .arg(p.images)
                          .arg(p.current, formatBytes(p.bytes)));
}

void PrefetchDialog::showResult(const client::ClientResult<client::PrefetchSummary> &result)
{
    m_job->disconnect(this);
    m_job = nullptr;
    setRunning(false);
    if (!result.ok()) {
        m_status->setText(result.error().kind == client::ClientErrorKind::Cancelled
                              ? tr("Stopped. What was fetched so far stays in the mirror.")
                              : result.error().message);
        return;
    }
    const client::PrefetchSummary &s = result.value();
    m_progress->setValue(m_progress->maximum());
    m_status->setText(tr("%1 of %n image(s) fetched whole (manifests: %2, blobs: %3, %4).", nullptr,
                         static_cast<int>(s.images + s.failures.size()))
                          .arg(s.images)
                          .arg(s.manifests)
                          .arg(s.blobs)
                          .arg(formatBytes(s.bytes)));
    for (const QString &image : s.fetched)
        m_results->addItem(QStringLiteral("✓ ") + image);
    for (const auto &failure : s.failures)
        m_results->addItem(QStringLiteral("✗ ") + failure.reference + QStringLiteral(" — ") +
                           failure.error);
    m_results->setVisible(m_results->count() > 0);
}

void PrefetchDialog::jobGone()
{
    if (m_start->isEnabled())
        return; // it had answered
    setRunning(false);
    m_status->setText(tr("Stopped: the registry was disconnected."));
}

void PrefetchDialog::setRunning(bool running)
{
    m_start->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_references->setReadOnly(running);
}

} // namespace berth::ui

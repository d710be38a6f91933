#include "ui/copy_dialog.h"

#include "client/registry_session.h"
#include "ui/size_format.h"
#include "ui/work_done_notice.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace berth::ui {

CopyDialog::CopyDialog(client::RegistrySession *session, const QString &currentId,
                       const QList<Registry> &registries, OpenSession openSession,
                       const QString &repository, const QString &tag, const QString &digest,
                       QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_currentId(currentId)
    , m_openSession(std::move(openSession))
    , m_repository(repository)
    , m_tag(tag)
    , m_digest(digest)
{
    setWindowTitle(tr("Copy or promote %1:%2").arg(repository, tag));
    resize(560, 320);
    auto *intro = new QLabel(
        tr("Copies <b>%1:%2</b> (%3): the same digest, every platform. Within this registry "
           "the layers are linked, none move; to another one they stream through this "
           "computer, nothing stored here. A new tag in the same repository promotes it.")
            .arg(repository.toHtmlEscaped(), tag.toHtmlEscaped(), digest.left(19)),
        this);
    intro->setWordWrap(true);
    m_registry = new QComboBox(this);
    m_registry->setObjectName(QStringLiteral("copyRegistry"));
    for (const Registry &r : registries) {
        m_registry->addItem(r.id == currentId ? tr("%1 (this one)").arg(r.name) : r.name, r.id);
        if (r.id == currentId)
            m_registry->setCurrentIndex(m_registry->count() - 1);
    }
    m_toRepository = new QLineEdit(repository, this);
    m_toRepository->setObjectName(QStringLiteral("copyRepository"));
    m_toTag = new QLineEdit(this);
    m_toTag->setObjectName(QStringLiteral("copyTag"));
    m_toTag->setPlaceholderText(tr("%1 (the same tag)").arg(tag));
    m_overwrite = new QCheckBox(tr("Move the tag if it points at another image"), this);
    m_overwrite->setObjectName(QStringLiteral("copyOverwrite"));
    auto *form = new QFormLayout;
    form->addRow(tr("To registry:"), m_registry);
    form->addRow(tr("Repository:"), m_toRepository);
    form->addRow(tr("Tag:"), m_toTag);
    form->addRow(QString(), m_overwrite);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("copyProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("copyStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_start = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    m_start->setObjectName(QStringLiteral("copyStart"));
    m_start->setDefault(true);
    m_cancel = buttons->addButton(tr("Stop"), QDialogButtonBox::ActionRole);
    m_cancel->setObjectName(QStringLiteral("copyCancel"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_start, &QPushButton::clicked, this, &CopyDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job) {
            m_job->cancel();
        } else if (m_loggingIn) { // the keychain's answer will find nothing to do
            m_loggingIn = false;
            setRunning(false);
            m_progress->setRange(0, 1);
            m_status->setText(tr("Stopped; nothing was copied."));
        }
    });
    setRunning(false);
}

CopyDialog::~CopyDialog()
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel(); // nothing is tagged by a copy nobody watches
    }
}

void CopyDialog::setDestination(const QString &registryId, const QString &repository)
{
    const int at = m_registry->findData(registryId);
    if (at >= 0)
        m_registry->setCurrentIndex(at);
    m_toRepository->setText(repository);
}

void CopyDialog::start()
{
    if (m_job)
        return;
    if (!m_session) {
        m_status->setText(tr("The registry was disconnected: open it again first."));
        return;
    }
    const QString id = m_registry->currentData().toString();
    if (id == m_currentId || !m_openSession) {
        copyTo(m_session);
        return;
    }
    setRunning(true);
    m_progress->setRange(0, 0);
    m_status->setText(tr("Logging in to %1…").arg(m_registry->currentText()));
    if (m_target)
        m_target->deleteLater(); // the previous destination's
    m_loggingIn = true;
    m_openSession(id, this, [this](client::RegistrySession *target, const QString &error) {
        if (!m_loggingIn) { // stopped meanwhile
            if (target)
                target->deleteLater();
            return;
        }
        m_loggingIn = false;
        if (!target) {
            setRunning(false);
            m_progress->setRange(0, 1);
            m_status->setText(error);
            return;
        }
        m_target = target;
        copyTo(target);
    });
}

void CopyDialog::copyTo(client::RegistrySession *target)
{
    client::CopyRequest request;
    request.fromRepository = m_repository;
    // The image shown, by digest: the tag may have moved since.
    request.fromReference = m_digest.isEmpty() ? m_tag : m_digest;
    request.toRepository = m_toRepository->text().trimmed();
    request.toTag = m_toTag->text().trimmed().isEmpty() ? m_tag : m_toTag->text().trimmed();
    request.overwrite = m_overwrite->isChecked();
    m_job = new client::CopyJob(m_session, target, request);
    connect(m_job, &client::CopyJob::progress, this, &CopyDialog::showProgress);
    connect(m_job, &client::CopyJob::finished, this, &CopyDialog::showResult);
    m_progress->setRange(0, 0);
    m_status->setText(tr("Reading %1:%2…").arg(m_repository, m_tag));
    setRunning(true);
}

namespace {

QString manifests(int n)
{
    return CopyDialog::tr("%n manifest(s)", nullptr, n);
}

} // namespace

void CopyDialog::showProgress(const client::CopyProgress &p)
{
    // By bytes (in KiB: a progress bar counts in int), once they are known.
    m_progress->setRange(0, static_cast<int>(std::max<qint64>(1, p.bytesTotal / 1024)));
    m_progress->setValue(static_cast<int>(p.bytesDone / 1024));
    m_status->setText(tr("%1 of %2 · layers and configurations: %3 of %4 · manifests: %5 of %6")
                          .arg(formatBytes(p.bytesDone), formatBytes(p.bytesTotal))
                          .arg(p.blobsDone)
                          .arg(p.blobs)
                          .arg(p.manifestsDone)
                          .arg(p.manifests));
}

void CopyDialog::showResult(const client::ClientResult<client::CopySummary> &result)
{
    m_job->disconnect(this);
    m_job = nullptr;
    setRunning(false);
    m_progress->setRange(0, 1);
    const QString where = m_registry->currentData().toString() == m_currentId
                              ? QString()
                              : m_registry->currentText() + QStringLiteral(": ");
    const QString target =
        where + m_toRepository->text().trimmed() + QLatin1Char(':') +
        (m_toTag->text().trimmed().isEmpty() ? m_tag : m_toTag->text().trimmed());
    if (!result.ok()) {
        m_progress->setValue(0);
        const client::ClientError &error = result.error();
        if (error.kind == client::ClientErrorKind::Cancelled)
            m_status->setText(tr("Stopped; %1 was not tagged.").arg(target));
        else if (error.kind == client::ClientErrorKind::TagExists)
            m_status->setText(error.message + QLatin1Char(' ') +
                              tr("Tick “%1” to move it.").arg(m_overwrite->text()));
        else
            m_status->setText(error.message);
        WorkDoneNotice::post(this, m_status->text());
        return;
    }
    const client::CopySummary &s = result.value();
    m_progress->setValue(1);
    if (s.unchanged)
        m_status->setText(tr("%1 is this image already: nothing to do.").arg(target));
    else // one arg() with every value: a registry's name may hold a '%'
        m_status->setText(
            tr("Copied to %1: %2; layers and configurations: %3 copied (%4), %5 linked, %6 "
               "there already%7.")
                .arg(target, manifests(s.manifests), QString::number(s.blobsCopied),
                     formatBytes(s.bytesCopied), QString::number(s.blobsMounted),
                     QString::number(s.blobsPresent),
                     s.referrers > 0 ? tr("; with %n signature(s), SBOM(s) or attestation(s)",
                                          nullptr, s.referrers)
                                     : QString()));
    WorkDoneNotice::post(this, m_status->text());
    Q_EMIT copiedTo(m_registry->currentData().toString(), m_toRepository->text().trimmed());
    if (m_registry->currentData().toString() == m_currentId)
        Q_EMIT copied(m_toRepository->text().trimmed());
}

void CopyDialog::reject()
{
    if (m_job || m_loggingIn) {
        m_loggingIn = false;
        if (m_job) {
            m_job->disconnect(this);
            m_job->cancel();
        }
        Q_EMIT message(tr("Copy stopped; nothing was tagged."));
    }
    QDialog::reject();
}

void CopyDialog::setRunning(bool running)
{
    m_start->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_registry->setEnabled(!running);
    m_toRepository->setReadOnly(running);
    m_toTag->setReadOnly(running);
    m_overwrite->setEnabled(!running);
}

} // namespace berth::ui

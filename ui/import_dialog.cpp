#include "ui/import_dialog.h"

#include "client/registry_session.h"
#include "ui/job_progress.h"
#include "ui/size_format.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace berth::ui {

ImportDialog::ImportDialog(client::RegistrySession *session, const QString &host,
                           const QString &repository, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_host(host)
{
    setWindowTitle(tr("Import an image into %1").arg(host));
    resize(600, 380);
    auto *intro = new QLabel(
        tr("Pushes an image from an OCI archive, a Docker archive (docker save) or an OCI "
           "layout folder into <b>%1</b>, digest for digest with its signatures and SBOMs. The "
           "archive is checked whole first; the tag comes last.")
            .arg(host.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("importPath"));
    m_path->setPlaceholderText(tr("An image archive or layout folder"));
    m_chooseFile = new QPushButton(tr("File…"), this);
    m_chooseFile->setObjectName(QStringLiteral("importChooseFile"));
    m_chooseFolder = new QPushButton(tr("Folder…"), this);
    m_chooseFolder->setObjectName(QStringLiteral("importChooseFolder"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_chooseFile);
    pathRow->addWidget(m_chooseFolder);
    m_image = new QLineEdit(this);
    m_image->setObjectName(QStringLiteral("importImage"));
    m_image->setPlaceholderText(tr("The only one it holds"));
    m_repository = new QLineEdit(repository, this);
    m_repository->setObjectName(QStringLiteral("importRepository"));
    m_tag = new QLineEdit(this);
    m_tag->setObjectName(QStringLiteral("importTag"));
    m_tag->setPlaceholderText(tr("Its name in the archive"));
    m_overwrite = new QCheckBox(tr("Move the tag if it points at another image"), this);
    m_overwrite->setObjectName(QStringLiteral("importOverwrite"));
    auto *form = new QFormLayout;
    form->addRow(tr("From:"), pathRow);
    form->addRow(tr("Image in it:"), m_image);
    form->addRow(tr("Repository:"), m_repository);
    form->addRow(tr("Tag:"), m_tag);
    form->addRow(QString(), m_overwrite);
    m_progress = new JobProgress(QStringLiteral("import"), this);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_start = buttons->addButton(tr("Import"), QDialogButtonBox::ActionRole);
    m_start->setObjectName(QStringLiteral("importStart"));
    m_start->setDefault(true);
    m_cancel = buttons->addButton(tr("Stop"), QDialogButtonBox::ActionRole);
    m_cancel->setObjectName(QStringLiteral("importCancel"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_progress, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_start, &QPushButton::clicked, this, &ImportDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
    });
    connect(m_chooseFile, &QPushButton::clicked, this, [this] { choose(false); });
    connect(m_chooseFolder, &QPushButton::clicked, this, [this] { choose(true); });
    setRunning(false);
}

ImportDialog::~ImportDialog()
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel(); // nothing is tagged
    }
}

void ImportDialog::choose(bool folder)
{
    // Not a static getter: those run an event loop of their own.
    auto *chooser = new QFileDialog(this, tr("Import from"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setAcceptMode(QFileDialog::AcceptOpen);
    if (folder) {
        chooser->setFileMode(QFileDialog::Directory);
        chooser->setOption(QFileDialog::ShowDirsOnly);
    } else {
        chooser->setFileMode(QFileDialog::ExistingFile);
        chooser->setNameFilters(
            {tr("Image archives (*.tar *.tar.gz *.tgz *.tar.zst)"), tr("All files (*)")});
    }
    connect(chooser, &QFileDialog::fileSelected, m_path, &QLineEdit::setText);
    chooser->open();
}

void ImportDialog::start()
{
    if (m_job)
        return;
    if (!m_session) {
        m_progress->setOutcome(false, tr("The registry was disconnected: open it again first."));
        return;
    }
    transfer::ImportRequest request;
    request.path = m_path->text().trimmed();
    request.image = m_image->text().trimmed();
    request.repository = m_repository->text().trimmed();
    request.tag = m_tag->text().trimmed();
    request.overwrite = m_overwrite->isChecked();
    if (request.path.isEmpty() || request.repository.isEmpty()) {
        m_progress->setOutcome(false, tr("Choose the archive and the repository first."));
        return;
    }
    m_job = new transfer::ImportJob(m_session, request);
    // The job goes without a word when its registry's session does (the
    // window opened another registry): say so instead of running forever.
    connect(m_job, &QObject::destroyed, this, [this] {
        if (m_cancel->isEnabled()) {
            setRunning(false);
            m_progress->setOutcome(false, tr("The registry was disconnected; open it again "
                                             "and start over."));
        }
    });
    connect(m_job, &transfer::ImportJob::progress, this, &ImportDialog::showProgress);
    connect(m_job, &transfer::ImportJob::finished, this, &ImportDialog::showResult);
    setRunning(true);
    m_progress->setBusy(tr("Checking the archive…"));
}

void ImportDialog::showProgress(const transfer::ImportProgress &p)
{
    if (p.checking) {
        m_progress->setBytes(p.bytesDone, p.bytesTotal,
                             tr("Checking the archive before anything is pushed: %1 of %2")
                                 .arg(formatBytes(p.bytesDone), formatBytes(p.bytesTotal)));
        return;
    }
    m_progress->setBytes(p.bytesDone, p.bytesTotal,
                         tr("%1 of %2 · layers and configurations: %3 of %4")
                             .arg(formatBytes(p.bytesDone), formatBytes(p.bytesTotal))
                             .arg(p.blobsDone)
                             .arg(p.blobs));
}

void ImportDialog::showResult(const client::ClientResult<transfer::ImportSummary> &result)
{
    m_job = nullptr;
    setRunning(false);
    const QString repository = m_repository->text().trimmed();
    if (!result.ok()) {
        const client::ClientError &error = result.error();
        if (error.kind == client::ClientErrorKind::Cancelled)
            m_progress->setOutcome(false, tr("Stopped; nothing was tagged."));
        else if (error.kind == client::ClientErrorKind::TagExists)
            m_progress->setOutcome(false, error.message + QLatin1Char(' ') +
                                              tr("Tick “%1” to move it.").arg(m_overwrite->text()));
        else
            m_progress->setOutcome(false, error.message);
        return;
    }
    const transfer::ImportSummary &s = result.value();
    const QString target = repository + (s.tag.isEmpty() ? QLatin1Char('@') + s.digest.left(19)
                                                         : QLatin1Char(':') + s.tag);
    m_progress->setOutcome(
        true, tr("Imported %1: %2 uploaded (%3 layers and configurations), %4 there already%5%6.")
                  .arg(target, formatBytes(s.bytesUploaded), QString::number(s.blobsUploaded),
                       QString::number(s.blobsPresent),
                       s.referrers > 0
                           ? tr("; with %1 signatures, SBOMs or attestations").arg(s.referrers)
                           : QString(),
                       s.tag.isEmpty() ? tr("; untagged: give it a tag to name it") : QString()));
    Q_EMIT imported(repository);
}

void ImportDialog::reject()
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
        Q_EMIT message(tr("Import stopped; nothing was tagged."));
    }
    QDialog::reject();
}

void ImportDialog::setRunning(bool running)
{
    m_start->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_path->setReadOnly(running);
    m_chooseFile->setEnabled(!running);
    m_chooseFolder->setEnabled(!running);
    m_image->setReadOnly(running);
    m_repository->setReadOnly(running);
    m_tag->setReadOnly(running);
    m_overwrite->setEnabled(!running);
}

} // namespace berth::ui

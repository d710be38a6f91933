#include "ui/import_dialog.h"

#include "client/registry_session.h"
#include "ui/job_progress.h"
#include "ui/size_format.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace berth::ui {

ImportDialog::ImportDialog(client::RegistrySession *session, const QString &host,
                           const QString &repository, QWidget *parent)
    : JobDialog(QStringLiteral("import"), tr("Import"), parent)
    , m_session(session)
    , m_host(host)
{
    setWindowTitle(tr("Import an image into %1").arg(host));
    resize(600, 380);
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
    assemble(tr("Pushes an image from an OCI archive, a Docker archive (docker save) or an OCI "
                "layout folder into <b>%1</b>, digest for digest with its signatures and SBOMs. "
                "The archive is checked whole first; the tag comes last.")
                 .arg(host.toHtmlEscaped()),
             form);
    connect(m_chooseFile, &QPushButton::clicked, this, [this] { choose(false); });
    connect(m_chooseFolder, &QPushButton::clicked, this, [this] { choose(true); });
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
    if (!m_session) {
        progress()->setOutcome(false, tr("The registry was disconnected: open it again first."));
        return;
    }
    transfer::ImportRequest request;
    request.path = m_path->text().trimmed();
    request.image = m_image->text().trimmed();
    request.repository = m_repository->text().trimmed();
    request.tag = m_tag->text().trimmed();
    request.overwrite = m_overwrite->isChecked();
    if (request.path.isEmpty() || request.repository.isEmpty()) {
        progress()->setOutcome(false, tr("Choose the archive and the repository first."));
        return;
    }
    auto *job = new transfer::ImportJob(m_session, request);
    connect(job, &transfer::ImportJob::progress, this, &ImportDialog::showProgress);
    connect(job, &transfer::ImportJob::finished, this, &ImportDialog::showResult);
    watch(job);
    progress()->setBusy(tr("Checking the archive…"));
}

void ImportDialog::showProgress(const transfer::ImportProgress &p)
{
    if (p.checking) {
        progress()->setBytes(p.bytesDone, p.bytesTotal,
                             tr("Checking the archive before anything is pushed: %1 of %2")
                                 .arg(formatBytes(p.bytesDone), formatBytes(p.bytesTotal)));
        return;
    }
    progress()->setBytes(p.bytesDone, p.bytesTotal,
                         tr("%1 of %2 · layers and configurations: %3 of %4")
                             .arg(formatBytes(p.bytesDone), formatBytes(p.bytesTotal))
                             .arg(p.blobsDone)
                             .arg(p.blobs));
}

void ImportDialog::showResult(const client::ClientResult<transfer::ImportSummary> &result)
{
    jobEnded();
    const QString repository = m_repository->text().trimmed();
    if (!result.ok()) {
        const client::ClientError &error = result.error();
        if (error.kind == client::ClientErrorKind::Cancelled)
            progress()->setOutcome(false, tr("Stopped; nothing was tagged."));
        else if (error.kind == client::ClientErrorKind::TagExists)
            progress()->setOutcome(false, error.message + QLatin1Char(' ') +
                                              tr("Tick “%1” to move it.").arg(m_overwrite->text()));
        else
            progress()->setOutcome(false, error.message);
        return;
    }
    const transfer::ImportSummary &s = result.value();
    const QString target = repository + (s.tag.isEmpty() ? QLatin1Char('@') + s.digest.left(19)
                                                         : QLatin1Char(':') + s.tag);
    progress()->setOutcome(
        true, tr("Imported %1: %2 uploaded (%3 layers and configurations), %4 there already%5%6.")
                  .arg(target, formatBytes(s.bytesUploaded), QString::number(s.blobsUploaded),
                       QString::number(s.blobsPresent),
                       s.referrers > 0 ? tr("; with %n signature(s), SBOM(s) or attestation(s)",
                                            nullptr, s.referrers)
                                       : QString(),
                       s.tag.isEmpty() ? tr("; untagged: give it a tag to name it") : QString()));
    Q_EMIT imported(repository);
}

QString ImportDialog::stoppedText() const
{
    return tr("Import stopped; nothing was tagged.");
}

void ImportDialog::setInputsEnabled(bool enabled)
{
    m_path->setReadOnly(!enabled);
    m_chooseFile->setEnabled(enabled);
    m_chooseFolder->setEnabled(enabled);
    m_image->setReadOnly(!enabled);
    m_repository->setReadOnly(!enabled);
    m_tag->setReadOnly(!enabled);
    m_overwrite->setEnabled(enabled);
}

} // namespace berth::ui

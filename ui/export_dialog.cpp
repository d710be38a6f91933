#include "ui/export_dialog.h"

#include "client/registry_session.h"
#include "ui/job_progress.h"
#include "ui/size_format.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>

namespace berth::ui {

ExportDialog::ExportDialog(client::RegistrySession *session, const QString &host,
                           const QString &repository, const QStringList &tags, QWidget *parent)
    : JobDialog(QStringLiteral("export"), tr("Export"), parent)
    , m_session(session)
    , m_host(host)
    , m_repository(repository)
    , m_tags(tags)
{
    setWindowTitle(
        tags.size() == 1
            ? tr("Export %1:%2").arg(repository, tags.first())
            : tr("Export %n tag(s) of %1", nullptr, static_cast<int>(tags.size())).arg(repository));
    resize(600, 360);
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(tr("OCI archive (.tar): every platform, signatures and SBOMs"),
                      static_cast<int>(archive::LayoutFormat::OciArchive));
    m_format->addItem(tr("Docker archive (.tar): for docker load, one platform"),
                      static_cast<int>(archive::LayoutFormat::DockerArchive));
    m_format->addItem(tr("OCI layout (a folder)"),
                      static_cast<int>(archive::LayoutFormat::OciDirectory));
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_path->setPlaceholderText(tr("Where to write it"));
    m_choose = new QPushButton(tr("Choose…"), this);
    m_choose->setObjectName(QStringLiteral("exportChoose"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_choose);
    m_platform = new QLineEdit(this);
    m_platform->setObjectName(QStringLiteral("exportPlatform"));
    m_platform->setPlaceholderText(
        tr("%1 (this computer's)").arg(QString::fromStdString(oci::hostPlatform().toString())));
    m_referrers = new QCheckBox(tr("With its signatures, SBOMs and attestations"), this);
    m_referrers->setObjectName(QStringLiteral("exportReferrers"));
    m_referrers->setChecked(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Format:"), m_format);
    m_pathLabel = new QLabel(tr("File:"), this);
    form->addRow(m_pathLabel, pathRow);
    form->addRow(tr("Platform:"), m_platform);
    form->addRow(QString(), m_referrers);
    assemble(tr("Writes <b>%1</b> of %2 into a file to carry where no network reaches, each "
                "layer checked against its digest. The file appears only once it is whole.")
                 .arg(QString(repository + QLatin1Char(':') + tags.join(QStringLiteral(", ")))
                          .toHtmlEscaped(),
                      host.toHtmlEscaped()),
             form);
    connect(m_choose, &QPushButton::clicked, this, &ExportDialog::choosePath);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    formatChanged();
}

archive::LayoutFormat ExportDialog::format() const
{
    return static_cast<archive::LayoutFormat>(m_format->currentData().toInt());
}

void ExportDialog::formatChanged()
{
    const bool docker = format() == archive::LayoutFormat::DockerArchive;
    m_platform->setEnabled(docker);
    m_referrers->setEnabled(!docker);
    if (!isRunning()) {
        m_pathLabel->setText(format() == archive::LayoutFormat::OciDirectory ? tr("Folder:")
                                                                             : tr("File:"));
        progress()->setOutcome(false, QString()); // an earlier outcome was about another format
    }
}

void ExportDialog::choosePath()
{
    // Not a static getter: those run an event loop of their own.
    auto *chooser = new QFileDialog(this, tr("Export to"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    const bool folder = format() == archive::LayoutFormat::OciDirectory;
    if (folder) { // where the layout's folder goes (it may not exist yet)
        chooser->setWindowTitle(tr("Export into a folder in…"));
        chooser->setFileMode(QFileDialog::Directory);
        chooser->setOption(QFileDialog::ShowDirsOnly);
    } else {
        chooser->setAcceptMode(QFileDialog::AcceptSave);
        chooser->setFileMode(QFileDialog::AnyFile);
        chooser->setNameFilter(tr("Image archives (*.tar)"));
        chooser->setDefaultSuffix(QStringLiteral("tar"));
        chooser->selectFile(m_repository.section(QLatin1Char('/'), -1) + QLatin1Char('-') +
                            m_tags.value(0) + QStringLiteral(".tar"));
    }
    connect(chooser, &QFileDialog::fileSelected, this, [this, folder](const QString &path) {
        if (folder) { // a folder to create the layout in, named after the image
            m_path->setText(path + QLatin1Char('/') + m_repository.section(QLatin1Char('/'), -1) +
                            QLatin1Char('-') + m_tags.value(0));
        } else {
            m_path->setText(path);
            m_replaceConfirmed = path; // the file dialog asked already
        }
    });
    chooser->open();
}

void ExportDialog::askToReplace(const QString &message)
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Replace the file?"),
                                message + QLatin1Char('\n') + tr("Replace it with this export?"),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::No);
    connect(box, &QMessageBox::finished, this, [this](int answer) {
        if (answer != QMessageBox::Yes)
            return;
        m_replaceConfirmed = m_path->text().trimmed();
        start();
    });
    box->open();
}

void ExportDialog::start()
{
    if (!m_session) {
        progress()->setOutcome(false, tr("The registry was disconnected: open it again first."));
        return;
    }
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        progress()->setOutcome(false, tr("Choose where to write the export first."));
        return;
    }
    transfer::ExportRequest request;
    for (const QString &tag : std::as_const(m_tags))
        request.items.append({m_repository,
                              tag,
                              m_host + QLatin1Char('/') + m_repository + QLatin1Char(':') + tag,
                              {}});
    request.path = path;
    request.format = format();
    request.replace = path == m_replaceConfirmed;
    request.referrers = m_referrers->isChecked();
    if (!m_platform->text().trimmed().isEmpty()) {
        request.platform = oci::parsePlatform(m_platform->text().trimmed().toStdString());
        if (!request.platform) {
            progress()->setOutcome(false, tr("“%1” is no platform: write it as os/arch or "
                                             "os/arch/variant, like linux/arm64/v8.")
                                              .arg(m_platform->text().trimmed()));
            return;
        }
    }
    auto *job = new transfer::ExportJob(m_session, request);
    connect(job, &transfer::ExportJob::progress, this, &ExportDialog::showProgress);
    connect(job, &transfer::ExportJob::finished, this, &ExportDialog::showResult);
    watch(job);
    progress()->setBusy(tr("Reading the images…"));
}

void ExportDialog::showProgress(const transfer::ExportProgress &p)
{
    if (p.bytesTotal == 0)
        return;
    progress()->setBytes(p.bytesDone, p.bytesTotal,
                         tr("%1 of %2 · layers and configurations: %3 of %4")
                             .arg(formatBytes(p.bytesDone), formatBytes(p.bytesTotal))
                             .arg(p.blobsDone)
                             .arg(p.blobs));
}

void ExportDialog::showResult(const client::ClientResult<transfer::ExportSummary> &result)
{
    jobEnded();
    if (!result.ok()) {
        const bool folder = format() == archive::LayoutFormat::OciDirectory;
        progress()->setOutcome(
            false, result.error().kind != client::ClientErrorKind::Cancelled
                       ? result.error().message
                   : folder ? tr("Stopped; the folder's index was left as it was (layers already "
                                 "written stay in it).")
                            : tr("Stopped; nothing was written."));
        if (result.error().registryCode == QLatin1String("EXISTS"))
            askToReplace(tr("%1 exists already.").arg(m_path->text().trimmed()));
        return;
    }
    const transfer::ExportSummary &s = result.value();
    QString text =
        tr("Exported to %1: %2 written (%3 layers and configurations)%4%5.")
            .arg(m_path->text().trimmed(), formatBytes(s.bytesWritten),
                 QString::number(s.blobsWritten),
                 s.blobsPresent > 0 ? tr(", %1 in the folder already").arg(s.blobsPresent)
                                    : QString(),
                 s.referrers > 0
                     ? tr("; with %n signature(s), SBOM(s) or attestation(s)", nullptr, s.referrers)
                     : QString());
    for (const QString &note : s.platformNote)
        text += QLatin1Char(' ') + note + QLatin1Char('.');
    progress()->setOutcome(true, text);
}

QString ExportDialog::stoppedText() const
{
    return tr("Export stopped; nothing was written.");
}

void ExportDialog::setInputsEnabled(bool enabled)
{
    m_format->setEnabled(enabled);
    m_path->setReadOnly(!enabled);
    m_choose->setEnabled(enabled);
    if (enabled) {
        formatChanged();
    } else {
        m_platform->setEnabled(false);
        m_referrers->setEnabled(false);
    }
}

} // namespace berth::ui

#include "ui/file_view_dialog.h"

#include "ui/size_format.h"

#include "inspect/saved_file.h"
#include "local/background_task.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStringDecoder>
#include <QVBoxLayout>

namespace berth::ui {

namespace {

constexpr qsizetype kHexShown = 64 << 10;

} // namespace

std::optional<QString> asText(const QByteArray &bytes)
{
    if (bytes.contains('\0'))
        return std::nullopt;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

QString hexDump(const QByteArray &bytes, qsizetype max)
{
    QString out;
    const qsizetype n = std::min(bytes.size(), max);
    for (qsizetype at = 0; at < n; at += 16) {
        QString hex;
        QString shown;
        for (qsizetype i = at; i < at + 16; ++i) {
            if (i < n) {
                const auto c = static_cast<unsigned char>(bytes[i]);
                hex += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                shown +=
                    c >= 0x20 && c < 0x7f ? QLatin1Char(static_cast<char>(c)) : QLatin1Char('.');
            } else {
                hex += QStringLiteral("   ");
            }
            if (i == at + 7)
                hex += QLatin1Char(' ');
        }
        out += QStringLiteral("%1  %2 |%3|\n").arg(at, 8, 16, QLatin1Char('0')).arg(hex, shown);
    }
    return out;
}

FileViewDialog::FileViewDialog(client::RegistrySession *session, const QString &repository,
                               const oci::Descriptor &layer, const QString &path, QWidget *parent)
    : QDialog(parent)
    , m_path(path)
{
    setObjectName(QStringLiteral("fileViewDialog"));
    setWindowTitle(tr("%1 — %2").arg(path, repository));
    resize(820, 600);
    m_status = new QLabel(tr("Reading the layer that holds %1…").arg(path), this);
    m_status->setObjectName(QStringLiteral("fileViewStatus"));
    m_status->setWordWrap(true);
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 1000);
    m_stop = new QPushButton(tr("Stop"), this);
    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_bar);
    top->addWidget(m_stop);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("fileViewText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_save = buttons->addButton(tr("Save as…"), QDialogButtonBox::ActionRole);
    m_save->setObjectName(QStringLiteral("fileViewSave"));
    m_save->setEnabled(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &FileViewDialog::saveAs);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);

    m_job = new inspect::FileContentJob(session, repository, layer, path, kMaxBytes);
    connect(m_stop, &QPushButton::clicked, m_job, &inspect::FileContentJob::cancel);
    connect(m_job, &inspect::FileContentJob::received, this, [this, size = layer.size](qint64 n) {
        m_bar->setValue(size > 0 ? static_cast<int>(std::min<qint64>(n, size) * 1000 / size) : 0);
    });
    connect(m_job, &inspect::FileContentJob::finished, this, &FileViewDialog::onContents);
}

FileViewDialog::~FileViewDialog()
{
    if (m_job)
        m_job->cancel();
}

void FileViewDialog::onContents(const client::ClientResult<inspect::FileContents> &result)
{
    m_bar->hide();
    m_stop->hide();
    if (!result.ok()) {
        m_status->setText(result.error().kind == client::ClientErrorKind::TooLarge
                              ? tr("%1 is larger than %2: Berth does not open it.")
                                    .arg(m_path, formatBytes(kMaxBytes))
                              : result.error().message);
        return;
    }
    m_contents = result.value();
    const QByteArray &bytes = m_contents->bytes;
    if (const auto text = asText(bytes)) {
        m_text->setPlainText(*text);
        m_status->setText(tr("%1, text.").arg(formatBytes(bytes.size())));
    } else {
        m_text->setPlainText(hexDump(bytes, kHexShown));
        m_status->setText(bytes.size() > kHexShown
                              ? tr("%1, binary: the first %2 shown.")
                                    .arg(formatBytes(bytes.size()), formatBytes(kHexShown))
                              : tr("%1, binary.").arg(formatBytes(bytes.size())));
    }
    m_save->setEnabled(true);
}

void FileViewDialog::saveAs()
{
    auto *chooser = new QFileDialog(this, tr("Save %1 as").arg(m_path));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setAcceptMode(QFileDialog::AcceptSave);
    chooser->selectFile(m_path.section(QLatin1Char('/'), -1));
    connect(chooser, &QFileDialog::fileSelected, this, [this](const QString &file) {
        m_save->setEnabled(false);
        local::BackgroundTask::start(
            this,
            [file = file.toStdString(), bytes = m_contents->bytes, mode = m_contents->entry.mode] {
                return inspect::saveFile(
                    file,
                    std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())),
                    mode);
            },
            [this, file](const Status &saved) {
                m_save->setEnabled(true);
                m_status->setText(saved.ok() ? tr("Saved as %1.").arg(file)
                                             : QString::fromStdString(saved.error().message));
            });
    });
    chooser->open();
}

} // namespace berth::ui

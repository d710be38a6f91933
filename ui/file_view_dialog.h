#pragma once

#include "client/client_error.h"
#include "inspect/file_content_job.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace berth::client {
class RegistrySession;
}

namespace berth::ui {

// One file of an image, opened from the Files tab: the layer that last
// wrote it streams through (progress, Stop) and the file is shown only
// once that layer matched its digest — as text when it is UTF-8, else as
// a hex dump — with Save as….
class FileViewDialog : public QDialog
{
    Q_OBJECT

public:
    // Files larger than this are not opened (Save streams them… later).
    static constexpr qint64 kMaxBytes = qint64{16} << 20;

    FileViewDialog(client::RegistrySession *session, const QString &repository,
                   const oci::Descriptor &layer, const QString &path, QWidget *parent = nullptr);
    ~FileViewDialog() override;

private:
    void onContents(const client::ClientResult<inspect::FileContents> &result);
    void saveAs();

    QString m_path;
    QPointer<inspect::FileContentJob> m_job;
    std::optional<inspect::FileContents> m_contents;
    QLabel *m_status;
    QProgressBar *m_bar;
    QPushButton *m_stop;
    QPushButton *m_save;
    QPlainTextEdit *m_text;
};

// Text a person can read: UTF-8 without NUL bytes; nullopt otherwise.
std::optional<QString> asText(const QByteArray &bytes);

// "00000000  7f 45 4c 46 …  |.ELF…|" for the first `max` bytes.
QString hexDump(const QByteArray &bytes, qsizetype max);

} // namespace berth::ui

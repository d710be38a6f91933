#pragma once

#include "client/client_error.h"
#include "inspect/file_content_job.h"

#include "layers/line_diff.h"

#include <QDialog>
#include <QPointer>

#include <array>
#include <optional>
#include <vector>

class QLabel;
class QProgressBar;
class QPushButton;

namespace berth::client {
class RegistrySession;
}

namespace berth::ui {

class NumberedTextView;

// Where one version of a file is: the layer that last wrote it.
struct FileVersion
{
    QPointer<client::RegistrySession> session;
    QString repository;
    oci::Descriptor layer;
    QString path;  // "/etc/nginx/nginx.conf"
    QString label; // the image's name, for the column's title
};

// A file changed between two images, side by side: both layers stream
// (progress, Stop), each version is shown only once its layer matched its
// digest, and the lines are lined up on a worker (layers::LineDiff) —
// removed, added and changed lines tinted, the two panes scrolling
// together, Previous/Next change. A version that is not text is named as
// such, with both sizes.
class TextDiffDialog : public QDialog
{
    Q_OBJECT

public:
    TextDiffDialog(const std::array<FileVersion, 2> &versions, QWidget *parent = nullptr);
    ~TextDiffDialog() override;

    struct Shown
    {
        QString text[2];             // the panes' lines, blank rows where a side has none
        std::vector<int> numbers[2]; // each row's line number in its file; 0: none
        std::vector<layers::DiffRow> rows;
        std::size_t removed = 0;
        std::size_t added = 0;
        bool aligned = true;
        bool lastNewline[2] = {true, true};
    };

private:
    void onContents(int side, const client::ClientResult<inspect::FileContents> &result);
    void onProgress();
    void lineUp();
    void present(const Shown &shown);
    void jump(int direction);
    void markChanges();
    void stop();

    std::array<FileVersion, 2> m_versions;
    std::array<QPointer<inspect::FileContentJob>, 2> m_jobs;
    std::array<std::optional<QByteArray>, 2> m_bytes;
    std::array<qint64, 2> m_received{};
    std::vector<layers::DiffRow> m_rows;
    std::vector<int> m_changes; // first row of each run of changed rows
    int m_at = -1;              // the change shown
    QString m_summary;
    QLabel *m_status;
    QProgressBar *m_bar;
    QPushButton *m_stop;
    QPushButton *m_previous;
    QPushButton *m_next;
    std::array<NumberedTextView *, 2> m_panes{};
};

} // namespace berth::ui

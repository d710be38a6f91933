#include "ui/text_diff_dialog.h"

#include "ui/file_view_dialog.h"
#include "ui/numbered_text_view.h"
#include "ui/size_format.h"

#include "client/registry_session.h"
#include "local/background_task.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

namespace berth::ui {

namespace {

// A line as one row of a pane: a carriage return or a Unicode line or
// paragraph separator inside it would start another row in the view (and
// shift every number and tint after it), so each is shown as a symbol.
QString shownLine(std::string_view line)
{
    QString text = QString::fromUtf8(line.data(), static_cast<qsizetype>(line.size()));
    text.replace(QLatin1Char('\r'), QChar(0x240D));           // ␍
    text.replace(QChar(QChar::LineSeparator), QChar(0x2424)); // ␤
    text.replace(QChar(QChar::ParagraphSeparator), QChar(0x2424));
    return text;
}

// Both texts lined up; each row keeps the number its line has in its file
// (0 where that side has no line).
TextDiffDialog::Shown lineUpTexts(const QByteArray &leftBytes, const QByteArray &rightBytes)
{
    const std::array<std::string_view, 2> texts = {
        std::string_view(leftBytes.constData(), static_cast<std::size_t>(leftBytes.size())),
        std::string_view(rightBytes.constData(), static_cast<std::size_t>(rightBytes.size()))};
    const std::array<std::vector<std::string_view>, 2> lines = {layers::splitLines(texts[0]),
                                                                layers::splitLines(texts[1])};
    const layers::LineDiff diff = layers::LineDiff::of(lines[0], lines[1]);
    TextDiffDialog::Shown shown;
    shown.removed = diff.removed;
    shown.added = diff.added;
    shown.aligned = diff.aligned;
    for (int side = 0; side < 2; ++side) {
        shown.lastNewline[side] = texts[side].empty() || texts[side].back() == '\n';
        QString &out = shown.text[side];
        out.reserve(static_cast<qsizetype>(texts[side].size() + diff.rows.size()));
        shown.numbers[side].reserve(diff.rows.size());
        for (std::size_t row = 0; row < diff.rows.size(); ++row) {
            if (row > 0)
                out += QLatin1Char('\n');
            const std::int32_t at = side == 0 ? diff.rows[row].left : diff.rows[row].right;
            shown.numbers[side].push_back(at + 1);
            if (at < 0)
                continue;
            std::string_view line = lines[side][static_cast<std::size_t>(at)];
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            out += shownLine(line);
        }
    }
    shown.rows = diff.rows;
    return shown;
}

// "3 lines changed, 1 removed, 2 added." — the kinds that occur.
QString lineCounts(const std::vector<layers::DiffRow> &rows)
{
    int counts[4] = {0, 0, 0, 0};
    for (const layers::DiffRow &r : rows)
        ++counts[static_cast<int>(r.kind)];
    QStringList parts;
    const int changed = counts[static_cast<int>(layers::RowKind::Changed)];
    const int removed = counts[static_cast<int>(layers::RowKind::Removed)];
    const int added = counts[static_cast<int>(layers::RowKind::Added)];
    if (changed)
        parts << TextDiffDialog::tr("%n line(s) changed", nullptr, changed);
    if (removed)
        parts << TextDiffDialog::tr("%n line(s) removed", nullptr, removed);
    if (added)
        parts << TextDiffDialog::tr("%n line(s) added", nullptr, added);
    return parts.join(QStringLiteral(", ")) + QLatin1Char('.');
}

// A background of `hue` faint enough for the palette's text to stay
// readable, light or dark.
QColor tinted(const QColor &base, const QColor &hue, double amount)
{
    const auto mix = [amount](int a, int b) {
        return static_cast<int>(a * (1.0 - amount) + b * amount);
    };
    return QColor(mix(base.red(), hue.red()), mix(base.green(), hue.green()),
                  mix(base.blue(), hue.blue()));
}

} // namespace

TextDiffDialog::TextDiffDialog(const std::array<FileVersion, 2> &versions, QWidget *parent)
    : QDialog(parent)
    , m_versions(versions)
{
    setObjectName(QStringLiteral("textDiffDialog"));
    setWindowTitle(tr("%1 — what changed").arg(versions[1].path));
    resize(1100, 700);
    m_status = new QLabel(tr("Reading the layers that hold both versions…"), this);
    m_status->setObjectName(QStringLiteral("textDiffStatus"));
    m_status->setWordWrap(true);
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 1000);
    m_stop = new QPushButton(tr("Stop"), this);
    m_previous = new QPushButton(tr("&Previous change"), this);
    m_previous->setObjectName(QStringLiteral("textDiffPrevious"));
    m_next = new QPushButton(tr("&Next change"), this);
    m_next->setObjectName(QStringLiteral("textDiffNext"));
    m_previous->setEnabled(false);
    m_next->setEnabled(false);
    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_bar);
    top->addWidget(m_stop);
    top->addWidget(m_previous);
    top->addWidget(m_next);

    auto *panes = new QGridLayout;
    for (int side = 0; side < 2; ++side) {
        auto *title = new QLabel(this);
        title->setTextFormat(Qt::PlainText);
        title->setText(tr("%1 in %2").arg(versions[side].path, versions[side].label));
        m_panes[side] = new NumberedTextView(this);
        m_panes[side]->setObjectName(side == 0 ? QStringLiteral("textDiffLeft")
                                               : QStringLiteral("textDiffRight"));
        panes->addWidget(title, 0, side);
        panes->addWidget(m_panes[side], 1, side);
    }
    // The two panes move as one.
    for (int side = 0; side < 2; ++side) {
        NumberedTextView *other = m_panes[1 - side];
        connect(m_panes[side]->verticalScrollBar(), &QScrollBar::valueChanged,
                other->verticalScrollBar(), &QScrollBar::setValue);
        connect(m_panes[side]->horizontalScrollBar(), &QScrollBar::valueChanged,
                other->horizontalScrollBar(), &QScrollBar::setValue);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_stop, &QPushButton::clicked, this, &TextDiffDialog::stop);
    connect(m_previous, &QPushButton::clicked, this, [this] { jump(-1); });
    connect(m_next, &QPushButton::clicked, this, [this] { jump(+1); });
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(panes, 1);
    layout->addWidget(buttons);

    for (int side = 0; side < 2; ++side) {
        const FileVersion &v = versions[side];
        m_jobs[side] = new inspect::FileContentJob(v.session, v.repository, v.layer, v.path,
                                                   FileViewDialog::kMaxBytes);
        connect(m_jobs[side], &inspect::FileContentJob::received, this, [this, side](qint64 n) {
            m_received[side] = n;
            onProgress();
        });
        connect(m_jobs[side], &inspect::FileContentJob::finished, this,
                [this, side](const client::ClientResult<inspect::FileContents> &result) {
                    onContents(side, result);
                });
    }
}

TextDiffDialog::~TextDiffDialog()
{
    stop();
}

void TextDiffDialog::stop()
{
    for (auto &job : m_jobs)
        if (job)
            job->cancel();
}

void TextDiffDialog::onProgress()
{
    qint64 done = 0;
    qint64 total = 0;
    for (int side = 0; side < 2; ++side) {
        total += m_versions[side].layer.size;
        done += std::min<qint64>(m_received[side], m_versions[side].layer.size);
    }
    m_bar->setValue(total > 0 ? static_cast<int>(done * 1000 / total) : 0);
}

void TextDiffDialog::onContents(int side, const client::ClientResult<inspect::FileContents> &result)
{
    if (!result.ok()) {
        stop();
        m_bar->hide();
        m_stop->hide();
        const client::ClientError &e = result.error();
        m_status->setText(e.kind == client::ClientErrorKind::Cancelled ? tr("Stopped.")
                          : e.kind == client::ClientErrorKind::TooLarge
                              ? tr("%1 is larger than %2 in %3: Berth does not open it.")
                                    .arg(m_versions[side].path,
                                         formatBytes(FileViewDialog::kMaxBytes),
                                         m_versions[side].label)
                              : tr("%1: %2").arg(m_versions[side].label, e.message));
        return;
    }
    m_bytes[side] = result.value().bytes;
    if (m_bytes[0] && m_bytes[1])
        lineUp();
}

void TextDiffDialog::lineUp()
{
    m_bar->hide();
    m_stop->hide();
    if (!asText(*m_bytes[0]) || !asText(*m_bytes[1])) {
        m_status->setText(tr("Not text, so not lined up: %1 in %2, %3 in %4.")
                              .arg(formatBytes(m_bytes[0]->size()), m_versions[0].label,
                                   formatBytes(m_bytes[1]->size()), m_versions[1].label));
        return;
    }
    m_status->setText(tr("Lining up the lines…"));
    local::BackgroundTask::start(
        this, [left = *m_bytes[0], right = *m_bytes[1]] { return lineUpTexts(left, right); },
        [this](const Shown &shown) { present(shown); });
}

void TextDiffDialog::present(const Shown &shown)
{
    if (shown.removed == 0 && shown.added == 0 && shown.lastNewline[0] == shown.lastNewline[1])
        m_summary = tr("No line differs.");
    else
        m_summary = (lineCounts(shown.rows) +
                     QStringLiteral("%1%2").arg(
                         shown.aligned ? QString()
                                       : tr(" Too many changes to line up: the differing middle "
                                            "parts are shown side by side as they are."),
                         shown.lastNewline[0] == shown.lastNewline[1]
                             ? QString()
                             : tr(" Only one version ends with a newline.")));
    m_status->setText(m_summary);
    m_rows = shown.rows;
    m_changes.clear();
    for (std::size_t row = 0; row < m_rows.size(); ++row)
        if (m_rows[row].kind != layers::RowKind::Same &&
            (row == 0 || m_rows[row - 1].kind == layers::RowKind::Same))
            m_changes.push_back(static_cast<int>(row));
    for (int side = 0; side < 2; ++side)
        m_panes[side]->setNumberedText(shown.text[side], shown.numbers[side]);
    m_at = -1;
    markChanges();
    m_previous->setEnabled(!m_changes.empty());
    m_next->setEnabled(!m_changes.empty());
    jump(+1);
}

void TextDiffDialog::jump(int direction)
{
    if (m_changes.empty())
        return;
    m_at = std::clamp(m_at + direction, 0, static_cast<int>(m_changes.size()) - 1);
    m_previous->setEnabled(m_at > 0);
    m_next->setEnabled(m_at + 1 < static_cast<int>(m_changes.size()));
    markChanges();
    m_panes[0]->verticalScrollBar()->setValue(
        std::max(0, m_changes[static_cast<std::size_t>(m_at)] - 3));
    m_status->setText(tr("Change %1 of %2. %3").arg(m_at + 1).arg(m_changes.size()).arg(m_summary));
}

// Every changed row tinted by its kind (a side without the line in grey);
// the rows of the change shown now twice as strongly, so it stands out.
void TextDiffDialog::markChanges()
{
    const QColor base = palette().color(QPalette::Base);
    const auto colour = [&base, this](const layers::DiffRow &r, bool here, bool current) {
        const double amount = current ? 0.56 : 0.28;
        if (!here)
            return tinted(base, palette().color(QPalette::Mid), current ? 0.6 : 0.35);
        switch (r.kind) {
        case layers::RowKind::Changed:
            return tinted(base, QColor(210, 160, 0), amount);
        case layers::RowKind::Removed:
            return tinted(base, QColor(220, 50, 47), amount);
        case layers::RowKind::Added:
        case layers::RowKind::Same:
            break;
        }
        return tinted(base, QColor(40, 170, 60), amount);
    };
    const int first = m_at >= 0 ? m_changes[static_cast<std::size_t>(m_at)] : -1;
    for (int side = 0; side < 2; ++side) {
        NumberedTextView *pane = m_panes[side];
        QList<QTextEdit::ExtraSelection> marks;
        bool inCurrent = false;
        for (std::size_t row = 0; row < m_rows.size(); ++row) {
            const layers::DiffRow &r = m_rows[row];
            if (r.kind == layers::RowKind::Same) {
                inCurrent = false;
                continue;
            }
            if (static_cast<int>(row) == first)
                inCurrent = true;
            QTextEdit::ExtraSelection mark;
            mark.cursor = QTextCursor(pane->document()->findBlockByNumber(static_cast<int>(row)));
            mark.format.setProperty(QTextFormat::FullWidthSelection, true);
            mark.format.setBackground(colour(r, (side == 0 ? r.left : r.right) >= 0, inCurrent));
            marks.append(mark);
        }
        pane->setExtraSelections(marks);
    }
}

} // namespace berth::ui

#pragma once

#include <QPlainTextEdit>

#include <vector>

namespace berth::ui {

// A read-only, unwrapped monospace view whose line numbers sit in a gutter
// of their own: they stay in place when the text scrolls sideways and are
// never part of the text (copying a line copies the line). Each block's
// number is given, so a side-by-side diff keeps the file's own numbering
// and leaves the rows the other side has unnumbered.
class NumberedTextView : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit NumberedTextView(QWidget *parent = nullptr);

    // `text`'s blocks numbered by `numbers` (0: no number; missing: none).
    void setNumberedText(const QString &text, std::vector<int> numbers);
    const std::vector<int> &lineNumbers() const { return m_numbers; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    int gutterWidth() const;
    void placeGutter();
    void paintGutter();
    void onUpdateRequest(const QRect &rect, int dy);

    QWidget *m_gutter;
    std::vector<int> m_numbers;
};

} // namespace berth::ui

#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class QPalette;
class QPlainTextEdit;

namespace berth::ui {

// Colours keys, strings, numbers and literals of pretty-printed JSON in
// ThemeColors for the application's palette, again whenever the palette
// changes (Preferences → Theme, the desktop's scheme).
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    // Highlights `view`'s document, and again when `view` gets a new palette.
    explicit JsonHighlighter(QPlainTextEdit *view);

protected:
    void highlightBlock(const QString &text) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void takePalette(const QPalette &palette);

    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
};

} // namespace berth::ui

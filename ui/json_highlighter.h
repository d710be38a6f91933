#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace berth::ui {

// Colours keys, strings, numbers and literals of pretty-printed JSON,
// taking its palette from the application (works in light and dark mode).
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit JsonHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
};

} // namespace berth::ui

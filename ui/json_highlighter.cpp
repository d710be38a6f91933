#include "ui/json_highlighter.h"

#include "ui/theme_colors.h"

#include <QEvent>
#include <QPalette>
#include <QPlainTextEdit>

namespace berth::ui {

JsonHighlighter::JsonHighlighter(QPlainTextEdit *view)
    : QSyntaxHighlighter(view->document())
{
    takePalette(view->palette());
    view->installEventFilter(this);
}

bool JsonHighlighter::eventFilter(QObject *watched, QEvent *event)
{
    if (auto *view = qobject_cast<QWidget *>(watched);
        view && event->type() == QEvent::PaletteChange) {
        takePalette(view->palette());
        rehighlight();
    }
    return QSyntaxHighlighter::eventFilter(watched, event);
}

void JsonHighlighter::takePalette(const QPalette &palette)
{
    using Role = ThemeColors::Role;
    m_key.setForeground(ThemeColors::color(Role::JsonKey, palette));
    m_key.setFontWeight(QFont::DemiBold);
    m_string.setForeground(ThemeColors::color(Role::JsonString, palette));
    m_number.setForeground(ThemeColors::color(Role::JsonNumber, palette));
    m_literal.setForeground(ThemeColors::color(Role::JsonLiteral, palette));
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        const QChar c = text[i];
        if (c == QLatin1Char('"')) {
            qsizetype end = i + 1;
            while (end < n && text[end] != QLatin1Char('"')) {
                if (text[end] == QLatin1Char('\\'))
                    ++end;
                ++end;
            }
            end = std::min(end + 1, n);
            qsizetype after = end;
            while (after < n && text[after].isSpace())
                ++after;
            const bool isKey = after < n && text[after] == QLatin1Char(':');
            setFormat(static_cast<int>(i), static_cast<int>(end - i), isKey ? m_key : m_string);
            i = end;
        } else if (c.isDigit() || (c == QLatin1Char('-') && i + 1 < n && text[i + 1].isDigit())) {
            qsizetype end = i + 1;
            while (end < n && (text[end].isDigit() || text[end] == QLatin1Char('.') ||
                               text[end] == QLatin1Char('e') || text[end] == QLatin1Char('E') ||
                               text[end] == QLatin1Char('+') || text[end] == QLatin1Char('-')))
                ++end;
            setFormat(static_cast<int>(i), static_cast<int>(end - i), m_number);
            i = end;
        } else if (text.mid(i, 4) == QLatin1String("true") ||
                   text.mid(i, 4) == QLatin1String("null")) {
            setFormat(static_cast<int>(i), 4, m_literal);
            i += 4;
        } else if (text.mid(i, 5) == QLatin1String("false")) {
            setFormat(static_cast<int>(i), 5, m_literal);
            i += 5;
        } else {
            ++i;
        }
    }
}

} // namespace berth::ui

#include "ui/numbered_text_view.h"

#include <QFontDatabase>
#include <QPaintEvent>
#include <QPainter>
#include <QTextBlock>

#include <algorithm>

namespace berth::ui {

namespace {

constexpr int kGutterPadding = 6; // pixels on each side of the numbers

} // namespace

NumberedTextView::NumberedTextView(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_gutter(new QWidget(this))
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_gutter->setObjectName(QStringLiteral("lineNumbers"));
    m_gutter->installEventFilter(this);
    connect(this, &QPlainTextEdit::updateRequest, this, &NumberedTextView::onUpdateRequest);
    placeGutter();
}

void NumberedTextView::setNumberedText(const QString &text, std::vector<int> numbers)
{
    m_numbers = std::move(numbers);
    setPlainText(text);
    placeGutter();
    m_gutter->update();
}

int NumberedTextView::gutterWidth() const
{
    const int largest =
        m_numbers.empty() ? 0 : *std::max_element(m_numbers.begin(), m_numbers.end());
    if (largest <= 0)
        return 0;
    const int digits = static_cast<int>(QString::number(largest).size());
    return fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits + 2 * kGutterPadding;
}

void NumberedTextView::placeGutter()
{
    const int width = gutterWidth();
    setViewportMargins(width, 0, 0, 0);
    const QRect area = contentsRect();
    m_gutter->setGeometry(area.left(), area.top(), width, area.height());
    m_gutter->setVisible(width > 0);
}

void NumberedTextView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    placeGutter();
}

void NumberedTextView::onUpdateRequest(const QRect &rect, int dy)
{
    if (dy != 0)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
}

bool NumberedTextView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_gutter && event->type() == QEvent::Paint) {
        paintGutter();
        return true;
    }
    return QPlainTextEdit::eventFilter(watched, event);
}

// The numbers of the blocks in sight, right-aligned, in the palette's
// placeholder colour on its alternate base (readable light or dark).
void NumberedTextView::paintGutter()
{
    QPainter painter(m_gutter);
    painter.fillRect(m_gutter->rect(), palette().color(QPalette::AlternateBase));
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.setFont(font());
    const int height = fontMetrics().height();
    const int right = m_gutter->width() - kGutterPadding;
    for (QTextBlock block = firstVisibleBlock(); block.isValid(); block = block.next()) {
        const QRectF box = blockBoundingGeometry(block).translated(contentOffset());
        if (box.top() > m_gutter->height())
            break;
        const auto at = static_cast<std::size_t>(block.blockNumber());
        if (!block.isVisible() || at >= m_numbers.size() || m_numbers[at] <= 0)
            continue;
        painter.drawText(0, static_cast<int>(box.top()), right, height,
                         Qt::AlignRight | Qt::AlignVCenter, QString::number(m_numbers[at]));
    }
}

} // namespace berth::ui

#include "client/tag_pattern.h"

namespace berth::client {

TagPattern::TagPattern(const QString &text, bool regex)
    : m_text(text)
    , m_regex(regex)
{
    if (!regex)
        return;
    m_expression = QRegularExpression(text, QRegularExpression::CaseInsensitiveOption);
    if (!m_expression.isValid())
        m_error = m_expression.errorString();
}

bool TagPattern::matches(const QString &tag) const
{
    if (!isValid())
        return false; // never the rows of the last valid pattern
    if (m_text.isEmpty())
        return true;
    return m_regex ? m_expression.match(tag).hasMatch() : tag.contains(m_text, Qt::CaseInsensitive);
}

} // namespace berth::client

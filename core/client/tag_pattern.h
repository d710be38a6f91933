#pragma once

#include <QRegularExpression>
#include <QString>

namespace berth::client {

// Which tags a filter names, as the tag table's filter box reads it: a
// case-insensitive substring, or a case-insensitive regular expression.
// An empty pattern names every tag; an invalid expression names none.
class TagPattern
{
public:
    TagPattern() = default;
    TagPattern(const QString &text, bool regex);

    bool matches(const QString &tag) const;
    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; } // why the expression is invalid
    QString text() const { return m_text; }
    bool isRegex() const { return m_regex; }
    bool isEmpty() const { return m_text.isEmpty(); }

private:
    QString m_text;
    bool m_regex = false;
    QRegularExpression m_expression;
    QString m_error;
};

} // namespace berth::client

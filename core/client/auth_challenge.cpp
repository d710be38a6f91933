#include "client/auth_challenge.h"

namespace berth::client {

namespace {

constexpr qsizetype kMaxHeader = 16 * 1024;
constexpr int kMaxChallenges = 16;
constexpr int kMaxParams = 32;

bool isTokenChar(char c)
{
    // RFC 7230 tchar
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

class Scanner
{
public:
    explicit Scanner(const QByteArray &s)
        : m_s(s)
    {
    }

    bool atEnd() const { return m_pos >= m_s.size(); }
    char peek() const { return atEnd() ? '\0' : m_s.at(m_pos); }
    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t'))
            ++m_pos;
    }
    void skipSpaceAndCommas()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ','))
            ++m_pos;
    }
    QByteArray token()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isTokenChar(peek()))
            ++m_pos;
        return m_s.mid(start, m_pos - start);
    }
    // token68: token chars plus '/', '=' padding
    QByteArray token68()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && (isTokenChar(peek()) || peek() == '/'))
            ++m_pos;
        while (!atEnd() && peek() == '=')
            ++m_pos;
        return m_s.mid(start, m_pos - start);
    }
    // After the opening quote; returns false on an unterminated string.
    bool quoted(QByteArray &out)
    {
        while (!atEnd()) {
            const char c = m_s.at(m_pos++);
            if (c == '"')
                return true;
            if (c == '\\' && !atEnd())
                out += m_s.at(m_pos++);
            else
                out += c;
        }
        return false;
    }
    qsizetype pos() const { return m_pos; }
    void setPos(qsizetype p) { m_pos = p; }
    void advance() { ++m_pos; }

private:
    const QByteArray &m_s;
    qsizetype m_pos = 0;
};

} // namespace

QList<AuthChallenge> AuthChallenge::parse(const QByteArray &header)
{
    QList<AuthChallenge> out;
    if (header.size() > kMaxHeader)
        return out;
    Scanner sc(header);
    while (!sc.atEnd() && out.size() < kMaxChallenges) {
        sc.skipSpaceAndCommas();
        const QByteArray scheme = sc.token();
        if (scheme.isEmpty()) {
            // Garbage: skip one character and look for the next scheme.
            if (!sc.atEnd())
                sc.advance();
            continue;
        }
        AuthChallenge challenge;
        challenge.scheme = QString::fromLatin1(scheme).toLower();
        // auth-params: name = (token | quoted-string), separated by commas.
        // A bare token where a name is expected starts the next challenge
        // (or, right after the scheme, is a token68 credential we ignore).
        bool first = true;
        while (!sc.atEnd()) {
            const qsizetype save = sc.pos();
            sc.skipSpaceAndCommas();
            const QByteArray name = sc.token();
            sc.skipSpace();
            if (name.isEmpty() || sc.peek() != '=') {
                if (first && !name.isEmpty()) {
                    sc.setPos(save);
                    sc.skipSpace();
                    sc.token68();
                } else {
                    sc.setPos(save);
                }
                break;
            }
            sc.advance(); // '='
            sc.skipSpace();
            QByteArray value;
            if (sc.peek() == '"') {
                sc.advance();
                if (!sc.quoted(value))
                    break; // unterminated quote: keep the parameters before it
            } else {
                value = sc.token68();
            }
            if (challenge.params.size() < kMaxParams)
                challenge.params.insert(QString::fromLatin1(name).toLower(),
                                        QString::fromUtf8(value));
            first = false;
        }
        out.append(challenge);
    }
    return out;
}

} // namespace berth::client

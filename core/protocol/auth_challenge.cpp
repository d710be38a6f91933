#include "protocol/auth_challenge.h"

#include "protocol/text.h"

namespace berth::protocol {

namespace {

constexpr std::size_t kMaxHeader = 16 * 1024;
constexpr std::size_t kMaxChallenges = 16;
constexpr std::size_t kMaxParams = 32;

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
    explicit Scanner(std::string_view s)
        : m_s(s)
    {
    }

    bool atEnd() const { return m_pos >= m_s.size(); }
    char peek() const { return atEnd() ? '\0' : m_s[m_pos]; }
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
    std::string_view token()
    {
        const std::size_t start = m_pos;
        while (!atEnd() && isTokenChar(peek()))
            ++m_pos;
        return m_s.substr(start, m_pos - start);
    }
    // token68: token chars plus '/', '=' padding
    std::string_view token68()
    {
        const std::size_t start = m_pos;
        while (!atEnd() && (isTokenChar(peek()) || peek() == '/'))
            ++m_pos;
        while (!atEnd() && peek() == '=')
            ++m_pos;
        return m_s.substr(start, m_pos - start);
    }
    // After the opening quote; returns false on an unterminated string.
    bool quoted(std::string &out)
    {
        while (!atEnd()) {
            const char c = m_s[m_pos++];
            if (c == '"')
                return true;
            if (c == '\\' && !atEnd())
                out += m_s[m_pos++];
            else
                out += c;
        }
        return false;
    }
    std::size_t pos() const { return m_pos; }
    void setPos(std::size_t p) { m_pos = p; }
    void advance() { ++m_pos; }

private:
    std::string_view m_s;
    std::size_t m_pos = 0;
};

} // namespace

std::string AuthChallenge::param(const std::string &key) const
{
    const auto it = params.find(key);
    return it == params.end() ? std::string() : it->second;
}

std::vector<AuthChallenge> AuthChallenge::parse(std::string_view header)
{
    std::vector<AuthChallenge> out;
    if (header.size() > kMaxHeader)
        return out;
    Scanner sc(header);
    while (!sc.atEnd() && out.size() < kMaxChallenges) {
        sc.skipSpaceAndCommas();
        const std::string_view scheme = sc.token();
        if (scheme.empty()) {
            // Garbage: skip one character and look for the next scheme.
            if (!sc.atEnd())
                sc.advance();
            continue;
        }
        AuthChallenge challenge;
        challenge.scheme = asciiLower(scheme);
        // auth-params: name = (token | quoted-string), separated by commas.
        // A bare token where a name is expected starts the next challenge
        // (or, right after the scheme, is a token68 credential we ignore).
        bool first = true;
        while (!sc.atEnd()) {
            const std::size_t save = sc.pos();
            sc.skipSpaceAndCommas();
            const std::string_view name = sc.token();
            sc.skipSpace();
            if (name.empty() || sc.peek() != '=') {
                if (first && !name.empty()) {
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
            std::string value;
            if (sc.peek() == '"') {
                sc.advance();
                if (!sc.quoted(value))
                    break; // unterminated quote: keep the parameters before it
            } else {
                value = std::string(sc.token68());
            }
            if (challenge.params.size() < kMaxParams)
                challenge.params.insert_or_assign(asciiLower(name), std::move(value));
            first = false;
        }
        out.push_back(std::move(challenge));
    }
    return out;
}

} // namespace berth::protocol

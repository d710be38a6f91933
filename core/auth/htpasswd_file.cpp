#include "auth/htpasswd_file.h"

#include "auth/htpasswd.h"
#include "storage/file_io.h"

#include <crypt.h>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <memory>
#include <string.h>

namespace berth::auth {

namespace {

constexpr std::uintmax_t kMaxFile = 4 * 1024 * 1024;

} // namespace

Result<HtpasswdFile> HtpasswdFile::load(const std::filesystem::path &path)
{
    HtpasswdFile out;
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::symlink_status(path, ec)))
        return out;
    auto text = storage::readSmallFile(path, kMaxFile);
    if (!text.ok())
        return text.error();
    // Validated as the registry will read it; then kept line by line.
    if (auto parsed = Htpasswd::parse(*text); !parsed.ok())
        return parsed.error();
    std::string_view rest = *text;
    while (!rest.empty()) {
        const auto end = rest.find('\n');
        const std::string_view raw = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        // parse() accepted it: every entry has its "user:".
        const std::string_view entry = Htpasswd::entryOf(raw);
        out.m_lines.push_back({std::string(raw), std::string(entry.substr(0, entry.find(':')))});
    }
    return out;
}

std::vector<std::string> HtpasswdFile::users() const
{
    std::vector<std::string> out;
    for (const Line &line : m_lines) {
        if (!line.user.empty() && std::find(out.begin(), out.end(), line.user) == out.end())
            out.push_back(line.user);
    }
    return out;
}

bool HtpasswdFile::contains(std::string_view user) const
{
    return std::any_of(m_lines.begin(), m_lines.end(),
                       [&](const Line &l) { return !l.user.empty() && l.user == user; });
}

Status HtpasswdFile::checkUserName(std::string_view user)
{
    if (user.empty() || user.size() > 255)
        return makeError("NAME_INVALID", "a user name needs 1 to 255 characters");
    for (const char c : user) {
        if (c == ':')
            return makeError("NAME_INVALID", "a user name cannot contain ':'");
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return makeError("NAME_INVALID", "a user name cannot contain control characters");
    }
    if (user.front() == '#')
        return makeError("NAME_INVALID", "a user name cannot start with '#'");
    return Ok{};
}

Status HtpasswdFile::setUser(std::string_view user, std::string_view password, int cost)
{
    if (auto s = checkUserName(user); !s.ok())
        return s;
    if (password.empty())
        return makeError("PASSWORD_INVALID", "the password is empty");
    if (password.find('\0') != std::string_view::npos)
        return makeError("PASSWORD_INVALID", "the password contains a NUL character");
    if (password.size() > 72)
        // bcrypt ignores everything after 72 bytes: refuse rather than
        // pretend the rest counts.
        return makeError("PASSWORD_INVALID", "bcrypt uses at most 72 bytes of a password");
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!crypt_gensalt_rn("$2b$", static_cast<unsigned long>(cost), nullptr, 0, salt, sizeof salt))
        return makeError("CRYPT",
                         "cannot make a bcrypt salt: " + std::string(std::strerror(errno)));
    auto data = std::make_unique<crypt_data>();
    std::memset(data.get(), 0, sizeof(crypt_data));
    std::string pw(password);
    const char *result = crypt_r(pw.c_str(), salt, data.get());
    std::string hash = result && result[0] != '*' ? std::string(result) : std::string();
    // Nothing of the password outlives this call.
    ::explicit_bzero(pw.data(), pw.size());
    ::explicit_bzero(data.get(), sizeof(crypt_data));
    if (hash.empty())
        return makeError("CRYPT", "bcrypt is not available in this libcrypt");
    std::string text = std::string(user) + ":" + hash;
    // The user's last line is the one that counts: it takes the new hash in
    // place, earlier ones (dead already) go.
    const auto last = std::find_if(m_lines.rbegin(), m_lines.rend(),
                                   [&](const Line &l) { return l.user == user; });
    if (last == m_lines.rend()) {
        m_lines.push_back({std::move(text), std::string(user)});
        return Ok{};
    }
    last->text = std::move(text);
    const auto kept = std::prev(last.base());
    m_lines.erase(
        std::remove_if(m_lines.begin(), kept, [&](const Line &l) { return l.user == user; }), kept);
    return Ok{};
}

bool HtpasswdFile::removeUser(std::string_view user)
{
    const auto before = m_lines.size();
    std::erase_if(m_lines, [&](const Line &l) { return !l.user.empty() && l.user == user; });
    return m_lines.size() != before;
}

std::string HtpasswdFile::text() const
{
    std::string out;
    for (const Line &line : m_lines)
        out += line.text + "\n";
    return out;
}

Status HtpasswdFile::save(const std::filesystem::path &path) const
{
    return storage::writeFileAtomically(path, text(), 0600);
}

} // namespace berth::auth

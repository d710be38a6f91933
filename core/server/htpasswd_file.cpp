#include "server/htpasswd_file.h"

#include "server/htpasswd.h"
#include "storage/file_io.h"

#include <crypt.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace berth::server {

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
        std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.empty() || line.front() == '#')
            continue;
        const auto colon = line.find(':');
        const std::string user(line.substr(0, colon));
        const std::string hash(line.substr(colon + 1));
        const auto same = std::find_if(out.m_entries.begin(), out.m_entries.end(),
                                       [&](const auto &e) { return e.first == user; });
        if (same != out.m_entries.end())
            same->second = hash; // the last line wins, as when serving
        else
            out.m_entries.emplace_back(user, hash);
    }
    return out;
}

std::vector<std::string> HtpasswdFile::users() const
{
    std::vector<std::string> out;
    out.reserve(m_entries.size());
    for (const auto &[user, hash] : m_entries)
        out.push_back(user);
    return out;
}

bool HtpasswdFile::contains(std::string_view user) const
{
    return std::any_of(m_entries.begin(), m_entries.end(),
                       [&](const auto &e) { return e.first == user; });
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
    const std::string pw(password);
    const char *hash = crypt_r(pw.c_str(), salt, data.get());
    if (!hash || hash[0] == '*')
        return makeError("CRYPT", "bcrypt is not available in this libcrypt");
    const auto same = std::find_if(m_entries.begin(), m_entries.end(),
                                   [&](const auto &e) { return e.first == user; });
    if (same != m_entries.end())
        same->second = hash;
    else
        m_entries.emplace_back(std::string(user), hash);
    std::memset(data.get(), 0, sizeof(crypt_data));
    return Ok{};
}

bool HtpasswdFile::removeUser(std::string_view user)
{
    const auto before = m_entries.size();
    std::erase_if(m_entries, [&](const auto &e) { return e.first == user; });
    return m_entries.size() != before;
}

std::string HtpasswdFile::text() const
{
    std::string out;
    for (const auto &[user, hash] : m_entries)
        out += user + ":" + hash + "\n";
    return out;
}

Status HtpasswdFile::save(const std::filesystem::path &path) const
{
    return storage::writeFileAtomically(path, text(), 0600);
}

} // namespace berth::server

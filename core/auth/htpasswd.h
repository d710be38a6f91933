#pragma once

#include "oci/result.h"

#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace berth::auth {

// An htpasswd file of bcrypt hashes, as `htpasswd -B` writes ($2y$/$2b$/$2a$),
// checked with libcrypt. Like distribution, other hash kinds are refused
// when the file is loaded. Successful logins are remembered for a minute
// (by SHA-256 of user and password) so bcrypt is not paid on every request.
class Htpasswd
{
public:
    static Result<Htpasswd> parse(std::string_view text);
    static Result<Htpasswd> load(const std::filesystem::path &file);
    // One line of the file without its newline, as the registry reads it:
    // trailing blanks and carriage returns dropped; empty for a blank or
    // comment line.
    static std::string_view entryOf(std::string_view line);

    Htpasswd(const Htpasswd &other);
    Htpasswd &operator=(const Htpasswd &) = delete;
    Htpasswd(Htpasswd &&) noexcept;

    bool verify(std::string_view user, std::string_view password) const;
    // The hash a login as `user` is checked against: the user's own or, for
    // an unknown user, one at the file's highest cost, so that a wrong
    // password costs an unknown user no less time than a known one.
    std::string_view hashFor(std::string_view user) const;
    // verify() would answer true without a bcrypt: accepted in the last
    // few minutes (cheap enough for a request thread).
    bool verifiedRecently(std::string_view user, std::string_view password) const;
    std::size_t size() const { return m_hashes.size(); }
    bool hasUser(std::string_view user) const { return m_hashes.find(user) != m_hashes.end(); }

private:
    Htpasswd() = default;
    static std::string cacheKey(std::string_view user, std::string_view password);
    bool cached(const std::string &key, long long now) const;

    std::map<std::string, std::string, std::less<>> m_hashes;
    std::string m_unknownUserHash;
    mutable std::mutex m_cacheMutex;
    mutable std::unordered_map<std::string, long long>
        m_verified; // sha256(user:password) → expiry (s)
};

} // namespace berth::auth

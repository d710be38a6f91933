#include "auth/htpasswd.h"

#include "storage/file_io.h"

#include "oci/digest.h"

#include <crypt.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>

namespace berth::auth {

namespace {

constexpr std::size_t kMaxFile = 1024 * 1024;
constexpr std::size_t kMaxUsers = 10000;
constexpr long long kCacheSeconds = 60;

bool isBcrypt(std::string_view hash)
{
    return hash.size() == 60 &&
           (hash.starts_with("$2y$") || hash.starts_with("$2b$") || hash.starts_with("$2a$"));
}

bool constantTimeEquals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

bool bcryptMatches(std::string_view password, const std::string &hash)
{
    auto data = std::make_unique<crypt_data>();
    std::memset(data.get(), 0, sizeof(crypt_data));
    const std::string pw(password);
    const char *out = crypt_r(pw.c_str(), hash.c_str(), data.get());
    return out && out[0] != '*' && constantTimeEquals(out, hash);
}

long long nowSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

Htpasswd::Htpasswd(const Htpasswd &other)
    : m_hashes(other.m_hashes)
    , m_unknownUserHash(other.m_unknownUserHash)
{
}

Htpasswd::Htpasswd(Htpasswd &&other) noexcept
    : m_hashes(std::move(other.m_hashes))
    , m_unknownUserHash(std::move(other.m_unknownUserHash))
{
}

Result<Htpasswd> Htpasswd::parse(std::string_view text)
{
    if (text.size() > kMaxFile)
        return makeError("CONFIG_INVALID", "htpasswd file larger than 1 MiB");
    Htpasswd out;
    int highestCost = 5;
    std::size_t lineNo = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto end = text.find('\n', pos);
        std::string_view line =
            text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        pos = end == std::string_view::npos ? text.size() : end + 1;
        ++lineNo;
        line = entryOf(line);
        if (line.empty())
            continue;
        const auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0)
            return makeError("CONFIG_INVALID",
                             "htpasswd line " + std::to_string(lineNo) + ": expected user:hash");
        const std::string_view user = line.substr(0, colon);
        const std::string_view hash = line.substr(colon + 1);
        if (!isBcrypt(hash))
            return makeError(
                "CONFIG_INVALID",
                "htpasswd line " + std::to_string(lineNo) +
                    ": only bcrypt hashes are supported (create them with htpasswd -B)");
        // "$2y$NN$": 2^NN rounds. htpasswd -B allows 4..17; a larger cost
        // would make every login take minutes (a denial of service).
        const int cost = (hash[4] - '0') * 10 + (hash[5] - '0');
        if (hash[6] != '$' || cost < 4 || cost > 17)
            return makeError("CONFIG_INVALID",
                             "htpasswd line " + std::to_string(lineNo) +
                                 ": bcrypt cost must be between 04 and 17 (htpasswd -B -C)");
        if (out.m_hashes.size() >= kMaxUsers)
            return makeError("CONFIG_INVALID", "htpasswd file has more than 10000 users");
        out.m_hashes.insert_or_assign(std::string(user), std::string(hash));
        highestCost = std::max(highestCost, cost);
    }
    // A hash of nothing anyone can type, at the highest cost in the file:
    // crypt(3) pays for the cost in its prefix whatever the rest says.
    const char digits[] = {static_cast<char>('0' + highestCost / 10),
                           static_cast<char>('0' + highestCost % 10), '\0'};
    out.m_unknownUserHash =
        std::string("$2y$") + digits + "$abcdefghijklmnopqrstuuvb0Xu6sVrE3s5vd7C0rN6MvHuKa9c1W";
    return out;
}

std::string_view Htpasswd::entryOf(std::string_view line)
{
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
        line.remove_suffix(1);
    return line.empty() || line.front() == '#' ? std::string_view() : line;
}

Result<Htpasswd> Htpasswd::load(const std::filesystem::path &file)
{
    auto text = storage::readSmallFile(file, kMaxFile);
    if (!text.ok())
        return makeError("CONFIG_INVALID", "cannot read htpasswd file: " + text.error().message);
    return parse(*text);
}

std::string Htpasswd::cacheKey(std::string_view user, std::string_view password)
{
    std::string key(user);
    key += '\0';
    key += password;
    return oci::Digest::sha256Of(key).hex();
}

bool Htpasswd::cached(const std::string &key, long long now) const
{
    std::lock_guard lock(m_cacheMutex);
    const auto it = m_verified.find(key);
    return it != m_verified.end() && it->second > now;
}

bool Htpasswd::verifiedRecently(std::string_view user, std::string_view password) const
{
    return cached(cacheKey(user, password), nowSeconds());
}

std::string_view Htpasswd::hashFor(std::string_view user) const
{
    const auto it = m_hashes.find(user);
    return it == m_hashes.end() ? std::string_view(m_unknownUserHash)
                                : std::string_view(it->second);
}

bool Htpasswd::verify(std::string_view user, std::string_view password) const
{
    const std::string key = cacheKey(user, password); // hashed once per call
    const long long now = nowSeconds();
    if (cached(key, now))
        return true;
    // An unknown user costs a bcrypt at the highest cost, and is refused
    // whatever the result.
    const bool known = m_hashes.find(user) != m_hashes.end();
    const bool ok = bcryptMatches(password, std::string(hashFor(user))) && known;
    if (ok) {
        std::lock_guard lock(m_cacheMutex);
        if (m_verified.size() > 10000)
            m_verified.clear();
        m_verified[key] = now + kCacheSeconds;
    }
    return ok;
}

} // namespace berth::auth

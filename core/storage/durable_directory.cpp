#include "storage/durable_directory.h"

#include "storage/unique_fd.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <set>
#include <sys/stat.h>
#include <vector>

namespace berth::storage {

namespace fs = std::filesystem;

namespace {

// Paths whose names this process made (or found) durable, absolute and
// normal (one key per path whatever form a caller used). Bounded:
// forgetting costs only a repeated fsync.
class KnownDurable
{
public:
    bool contains(const fs::path &path)
    {
        const std::string key = keyOf(path);
        std::lock_guard lock(m_mutex);
        return m_known.count(key) > 0;
    }
    void add(const fs::path &path)
    {
        std::string key = keyOf(path);
        std::lock_guard lock(m_mutex);
        if (m_known.size() >= kMaxKnown)
            m_known.clear();
        m_known.insert(std::move(key));
    }
    // `path` and everything below it.
    void forget(const fs::path &path)
    {
        const std::string key = keyOf(path);
        const std::string below = key + '/';
        std::lock_guard lock(m_mutex);
        m_known.erase(key);
        auto it = m_known.lower_bound(below);
        while (it != m_known.end() && it->compare(0, below.size(), below) == 0)
            it = m_known.erase(it);
    }

private:
    static std::string keyOf(const fs::path &path)
    {
        std::string key = fs::absolute(path).lexically_normal().native();
        if (key.size() > 1 && key.back() == '/')
            key.pop_back();
        return key;
    }
    static constexpr std::size_t kMaxKnown = 1 << 16;
    std::mutex m_mutex;
    std::set<std::string> m_known;
};

KnownDurable &knownDurable()
{
    static KnownDurable known;
    return known;
}

bool isDirectory(const fs::path &path)
{
    struct stat st = {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

Error syncError(const fs::path &dir, const char *what)
{
    return makeError("IO", std::string(what) + " " + dir.string() + ": " + std::strerror(errno));
}

} // namespace

Status syncDirectory(const fs::path &dir)
{
    UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0)
        return syncError(dir, "cannot open");
    if (::fsync(fd.get()) != 0)
        return syncError(dir, "cannot fsync");
    return Ok{};
}

Status makeDirectoryDurable(const fs::path &dir)
{
    const fs::path target = fs::absolute(dir).lexically_normal();
    // Up to the first folder known durable that is still there (or the
    // filesystem's root)…
    std::vector<fs::path> chain;
    for (fs::path at = target; at != at.parent_path(); at = at.parent_path()) {
        if (knownDurable().contains(at) && isDirectory(at))
            break;
        chain.push_back(at);
    }
    // …then down: each folder made or found, the folder above it synced.
    // Found too: another thread may have made it and not synced it yet.
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        const bool made = ::mkdir(it->c_str(), 0755) == 0;
        if (!made && errno != EEXIST)
            return syncError(*it, "cannot create");
        if (!isDirectory(*it))
            return makeError("IO", it->string() + " is not a folder");
        UniqueFd parent(::open(it->parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        const bool synced = parent.get() >= 0 && ::fsync(parent.get()) == 0;
        // A folder that was there already and whose parent cannot be
        // synced (another user's, a read-only or fsync-less filesystem
        // above the store) is not one this process made: left as it is.
        if (!synced && (made || (errno != EACCES && errno != EROFS && errno != EINVAL)))
            return syncError(it->parent_path(), "cannot fsync");
        knownDurable().add(*it);
    }
    return Ok{};
}

Status makeFileDurable(const fs::path &file)
{
    const fs::path folder = fs::absolute(file).parent_path();
    if (auto s = makeDirectoryDurable(folder); !s.ok())
        return s;
    return syncDirectory(folder);
}

Status makeNameDurable(const fs::path &path)
{
    if (knownDurable().contains(path))
        return Ok{};
    if (auto s = syncDirectory(path.parent_path()); !s.ok())
        return s;
    knownDurable().add(path);
    return Ok{};
}

void rememberDurable(const fs::path &path)
{
    knownDurable().add(path);
}

void forgetDurable(const fs::path &removed)
{
    knownDurable().forget(removed);
}

} // namespace berth::storage

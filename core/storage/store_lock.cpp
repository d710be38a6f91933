#include "storage/store_lock.h"

#include "storage/durable_directory.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace berth::storage {

namespace fs = std::filesystem;

fs::path StoreLock::lockPath(const fs::path &root)
{
    return root / ".berth-registry.lock";
}

Result<std::unique_ptr<StoreLock>> StoreLock::tryAcquire(const fs::path &root, Mode mode)
{
    if (auto made = makeDirectoryDurable(root); !made.ok())
        return made.error();
    const fs::path path = lockPath(root);
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
        return makeError("IO",
                         "cannot open lock file " + path.string() + ": " + std::strerror(errno));
    if (::flock(fd, (mode == Mode::Exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
        const int err = errno;
        ::close(fd);
        if (err == EWOULDBLOCK)
            return makeError("LOCKED", "the data directory " + root.string() +
                                           " is in use by a running berth-registry");
        return makeError("IO", "cannot lock " + path.string() + ": " + std::strerror(err));
    }
    return std::unique_ptr<StoreLock>(new StoreLock(fd));
}

StoreLock::StoreLock(int fd)
    : m_fd(fd)
{
}

StoreLock::~StoreLock()
{
    ::flock(m_fd, LOCK_UN);
    ::close(m_fd);
}

} // namespace berth::storage

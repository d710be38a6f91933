#pragma once

#include "oci/result.h"

#include <filesystem>
#include <memory>

namespace berth::storage {

// An advisory lock (flock) on <root>/.berth-registry.lock. The built-in
// registry holds it shared while serving; offline garbage collection takes it
// exclusive and so refuses to run under a live registry. Released on
// destruction (and by the kernel if the process dies).
class StoreLock
{
public:
    enum class Mode
    {
        Shared,
        Exclusive
    };

    // Fails with code "LOCKED" when another process holds a conflicting lock.
    static Result<std::unique_ptr<StoreLock>> tryAcquire(const std::filesystem::path &root,
                                                         Mode mode);
    ~StoreLock();
    StoreLock(const StoreLock &) = delete;
    StoreLock &operator=(const StoreLock &) = delete;

    static std::filesystem::path lockPath(const std::filesystem::path &root);

private:
    explicit StoreLock(int fd);
    int m_fd;
};

} // namespace berth::storage

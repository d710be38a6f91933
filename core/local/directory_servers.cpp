#include "local/directory_servers.h"

#include "local/config_root.h"
#include "protocol/text.h"
#include "storage/store_lock.h"

#include <QCoreApplication>

#include <algorithm>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

namespace berth::local {

namespace fs = std::filesystem;

namespace {

// At most `max` bytes of a file (a /proc file, a config named on a
// command line: it could be /dev/zero).
std::string readBounded(const fs::path &file, std::size_t max)
{
    std::ifstream in(file, std::ios::binary);
    std::string bytes(max, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return bytes;
}

// A NUL-separated /proc file (cmdline, environ), at most 1 MiB of it.
std::vector<std::string> readNulSeparated(const fs::path &file)
{
    const std::string bytes = readBounded(file, 1024 * 1024);
    std::vector<std::string> parts;
    for (const std::string_view part : protocol::split(bytes, '\0'))
        parts.emplace_back(part);
    return parts;
}

bool isInside(const fs::path &path, const fs::path &root)
{
    auto p = path.begin();
    for (auto r = root.begin(); r != root.end(); ++r, ++p) {
        if (p == path.end() || *p != *r)
            return false;
    }
    return true;
}

// The root a registry process serves, when its command line is
// "<registry> serve <config.yml> [options]" and that config names one.
std::optional<fs::path> servedRoot(const fs::path &proc, const std::vector<std::string> &argv)
{
    const auto serve = std::find(argv.begin(), argv.end(), std::string("serve"));
    if (serve == argv.end() || serve + 1 == argv.end())
        return std::nullopt;
    std::error_code ec;
    fs::path config = *(serve + 1);
    if (config.is_relative())
        config = fs::read_symlink(proc / "cwd", ec) / config;
    if (ec || !fs::is_regular_file(config, ec))
        return std::nullopt;
    const std::string yaml = readBounded(config, 1024 * 1024 + 1);
    std::string environmentRoot;
    bool inEnvironment = false;
    for (const std::string &entry : readNulSeparated(proc / "environ")) {
        static const std::string kKey = "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY=";
        if (entry.compare(0, kKey.size(), kKey) == 0) {
            environmentRoot = entry.substr(kKey.size());
            inEnvironment = true;
        }
    }
    const auto root =
        configuredRootDirectory(yaml, inEnvironment ? environmentRoot.c_str() : nullptr);
    if (!root || root->empty())
        return std::nullopt;
    fs::path served(*root);
    if (served.is_relative())
        served = fs::read_symlink(proc / "cwd", ec) / served;
    return fs::weakly_canonical(served, ec);
}

// What a process holds open in `root`: nothing, files, or the store's lock
// file (berth-registry serving it, or a collection running on it).
enum class OpenIn
{
    Nothing,
    Files,
    StoreLock
};

OpenIn openIn(const fs::path &proc, const fs::path &root)
{
    const fs::path lock = storage::StoreLock::lockPath(root);
    OpenIn found = OpenIn::Nothing;
    std::error_code ec;
    for (fs::directory_iterator fd(proc / "fd", ec), end; !ec && fd != end; fd.increment(ec)) {
        std::error_code linkError;
        const fs::path target = fs::read_symlink(fd->path(), linkError);
        if (linkError || !target.is_absolute() || !isInside(target, root))
            continue;
        if (target == lock)
            return OpenIn::StoreLock;
        found = OpenIn::Files;
    }
    return found;
}

} // namespace

QList<DirectoryServer> findDirectoryServers(const QString &rootText)
{
    QList<DirectoryServer> found;
#ifdef __linux__
    std::error_code ec;
    const fs::path root = fs::weakly_canonical(fs::path(rootText.toStdString()), ec);
    if (ec || root.empty())
        return found;
    const std::string self = std::to_string(::getpid());
    for (fs::directory_iterator entry("/proc", ec), end; !ec && entry != end; entry.increment(ec)) {
        const std::string pid = entry->path().filename().string();
        if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos || pid == self)
            continue;
        const std::vector<std::string> argv = readNulSeparated(entry->path() / "cmdline");
        if (argv.empty())
            continue;
        DirectoryServer server;
        server.pid = std::stoll(pid);
        server.program = QString::fromStdString(fs::path(argv.front()).filename().string());
        const OpenIn open = openIn(entry->path(), root);
        server.holdsStoreLock = open == OpenIn::StoreLock;
        if (const auto served = servedRoot(entry->path(), argv);
            (served && *served == root) || server.holdsStoreLock)
            server.how = QCoreApplication::translate("berth::local::DirectoryServer", "serves it");
        else if (open == OpenIn::Files)
            server.how = QCoreApplication::translate("berth::local::DirectoryServer",
                                                     "has files open in it");
        if (!server.how.isEmpty())
            found.append(server);
    }
#else
    Q_UNUSED(rootText)
#endif
    return found;
}

DataDirectoryUse probeDataDirectory(const QString &root)
{
    // Read from /proc, never by taking the lock: a probe holding it even
    // for an instant would make a registry or collection starting then fail.
    DataDirectoryUse use;
    use.servers = findDirectoryServers(root);
    for (const DirectoryServer &server : std::as_const(use.servers))
        use.heldByBerthRegistry = use.heldByBerthRegistry || server.holdsStoreLock;
    use.servers.removeIf([](const DirectoryServer &server) { return server.holdsStoreLock; });
    return use;
}

} // namespace berth::local

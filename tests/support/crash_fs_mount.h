#pragma once

// berth-crash-fs (tests/support/crash_fs) mounted over a state folder for
// the scope of a test: crashes on command, unmounted however the test
// ends (a clean unmount saves everything; after a crash, what survived).

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>

namespace berth::test {

class CrashFsMount
{
public:
    enum class Model
    {
        Drop,
        Subset
    };

    CrashFsMount(const std::filesystem::path &binary, const std::filesystem::path &state,
                 const std::filesystem::path &mountPoint, Model model = Model::Drop,
                 std::uint64_t seed = 1)
        : m_mountPoint(mountPoint)
    {
        const std::string modelArg = model == Model::Drop ? "--model=drop" : "--model=subset";
        const std::string seedArg = "--seed=" + std::to_string(seed);
        m_pid = ::fork();
        if (m_pid == 0) {
            ::execl(binary.c_str(), binary.c_str(), state.c_str(), mountPoint.c_str(),
                    modelArg.c_str(), seedArg.c_str(), static_cast<char *>(nullptr));
            ::_exit(127);
        }
        // Mounted when its control file answers: a bounded wait for the
        // daemon to come up, not a clock standing in for an event.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (m_pid > 0 && !mounted() && std::chrono::steady_clock::now() < deadline) {
            if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
                m_pid = -1; // it exited: no FUSE here
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
    ~CrashFsMount() { unmount(); }
    CrashFsMount(const CrashFsMount &) = delete;
    CrashFsMount &operator=(const CrashFsMount &) = delete;

    bool mounted() const { return std::filesystem::exists(control()); }
    const std::filesystem::path &path() const { return m_mountPoint; }

    // The power goes now / just before the n-th change or sync from now.
    bool crash() const { return command("crash"); }
    bool crashAfter(std::uint64_t n) const { return command("crash-after " + std::to_string(n)); }
    bool syncAll() const { return command("sync"); }
    // An fsync of `path` (from the mount's root: "/a/b") waits until
    // releaseSyncs() or a crash, which fails it; status("held") counts
    // the syncs waiting, status("held-opens") the opens of `path` since
    // (a second sync of a held folder waits in the kernel, behind the
    // first's inode lock: its open is what the filesystem sees of it).
    bool holdSyncsOf(const std::string &path) const { return command("hold-syncs " + path); }
    bool releaseSyncs() const { return command("release-syncs"); }
    // "changes", "pending", "crashed", "held", "held-opens" as the
    // filesystem counts them; -1
    // when it does not answer.
    std::int64_t status(const std::string &key) const
    {
        std::ifstream in(control());
        std::map<std::string, std::int64_t> values;
        std::string word;
        std::int64_t n = 0;
        while (in >> word >> n)
            values[word] = n;
        const auto it = values.find(key);
        return it == values.end() ? -1 : it->second;
    }
    // Unmounts (libfuse does on SIGTERM) and waits for the daemon: its
    // state folder is final once this returns.
    void unmount()
    {
        if (m_pid <= 0)
            return;
        releaseSyncs(); // a held sync would keep the daemon from ending
        ::kill(m_pid, SIGTERM);
        ::waitpid(m_pid, nullptr, 0);
        m_pid = -1;
    }

private:
    std::filesystem::path control() const { return m_mountPoint / ".crash-fs"; }
    bool command(const std::string &text) const
    {
        const int fd = ::open(control().c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0)
            return false;
        const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
        ::close(fd);
        return ok;
    }

    std::filesystem::path m_mountPoint;
    pid_t m_pid = -1;
};

// However a test ends, syncs its filesystem holds go on (a thread or a
// process waiting on one is then joined or stopped).
class HeldSyncsReleased
{
public:
    explicit HeldSyncsReleased(const CrashFsMount &mount)
        : m_mount(mount)
    {
    }
    HeldSyncsReleased(const HeldSyncsReleased &) = delete;
    HeldSyncsReleased &operator=(const HeldSyncsReleased &) = delete;
    ~HeldSyncsReleased() { m_mount.releaseSyncs(); }

private:
    const CrashFsMount &m_mount;
};

} // namespace berth::test

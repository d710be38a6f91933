#pragma once

// berth-test-fs (tests/support/test_fs) mounted over a backing folder for
// the scope of a test: stalls writes on command, released and unmounted
// however the test ends.

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace berth::test {

class TestFsMount
{
public:
    TestFsMount(const std::filesystem::path &binary, const std::filesystem::path &backing,
                const std::filesystem::path &mountPoint)
        : m_mountPoint(mountPoint)
    {
        m_pid = ::fork();
        if (m_pid == 0) {
            ::execl(binary.c_str(), binary.c_str(), backing.c_str(), mountPoint.c_str(),
                    static_cast<char *>(nullptr));
            ::_exit(127);
        }
        // Mounted when its control file answers; a bounded wait for the
        // daemon, not for a clock.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (m_pid > 0 && !mounted() && std::chrono::steady_clock::now() < deadline) {
            if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
                m_pid = -1; // it exited: no FUSE here
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    ~TestFsMount()
    {
        if (m_pid <= 0)
            return;
        (void)command("release");
        ::kill(m_pid, SIGTERM); // libfuse unmounts on SIGTERM
        ::waitpid(m_pid, nullptr, 0);
    }
    TestFsMount(const TestFsMount &) = delete;
    TestFsMount &operator=(const TestFsMount &) = delete;

    bool mounted() const { return std::filesystem::exists(control()); }
    const std::filesystem::path &path() const { return m_mountPoint; }

    bool stall() const { return command("stall"); }
    bool release() const { return command("release"); }
    // How many write()/fsync() calls wait in the filesystem right now.
    int stalled() const
    {
        std::ifstream in(control());
        std::string word;
        int n = -1;
        in >> word >> n;
        return word == "stalled" ? n : -1;
    }

private:
    std::filesystem::path control() const { return m_mountPoint / ".test-fs"; }
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

} // namespace berth::test

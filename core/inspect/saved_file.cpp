#include "inspect/saved_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace berth::inspect {

Status saveFile(const std::string &path, std::string_view bytes, unsigned mode)
{
    const auto slash = path.rfind('/');
    const std::string folder =
        slash == std::string::npos ? std::string(".") : path.substr(0, slash);
    std::string temp = folder + "/.berth-save-XXXXXX";
    const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
    const auto failed = [&path](const char *what) {
        return makeError("IO", path + ": " + what + ": " + std::strerror(errno));
    };
    if (fd < 0)
        return failed("cannot be written");
    std::size_t written = 0;
    bool ok = true;
    while (ok && written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        ok = n > 0;
        if (ok)
            written += static_cast<std::size_t>(n);
    }
    ok = ok && ::fchmod(fd, mode & 0777U) == 0 && ::fsync(fd) == 0;
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
        const Error error = failed("cannot be written");
        ::unlink(temp.c_str());
        return error;
    }
    return Ok{};
}

} // namespace berth::inspect

#include "storage/mirror_mark.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace berth::storage {

namespace {

constexpr const char *kMarkName = "berth-mirrored";

} // namespace

MirrorMark::MirrorMark(Layout layout)
    : m_layout(std::move(layout))
{
}

void MirrorMark::mark(std::string_view repository, const oci::Digest &digest) const
{
    const auto link = m_layout.revisionLinkPath(repository, digest);
    if (!link.ok())
        return;
    // Unmarked, the manifest only stays longer than it might (never evicted).
    const int fd = ::open((link->parent_path() / kMarkName).c_str(),
                          O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd >= 0)
        ::close(fd);
}

bool MirrorMark::marked(std::string_view repository, const oci::Digest &digest) const
{
    const auto link = m_layout.revisionLinkPath(repository, digest);
    struct stat st
    {
    };
    return link.ok() && ::lstat((link->parent_path() / kMarkName).c_str(), &st) == 0 &&
           S_ISREG(st.st_mode);
}

} // namespace berth::storage

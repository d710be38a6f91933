#pragma once

#include "archive/layout_reader.h"

#include <set>

namespace berth::archive {

// An OCI image layout directory. No symbolic link is followed: a blob,
// blobs/ or blobs/<alg>/ that is one is an error.
class DirectoryLayoutReader : public LayoutReader
{
public:
    explicit DirectoryLayoutReader(std::filesystem::path path);
    ~DirectoryLayoutReader() override;

    Result<LayoutContents> scan() override;

protected:
    Result<std::optional<std::pair<oci::Digest, std::int64_t>>>
    openNext(const std::set<oci::Digest> &wanted) override;
    Result<std::size_t> readOpen(char *buffer, std::size_t max) override;
    Status restart(const std::set<oci::Digest> &wanted) override;

private:
    Result<std::string> readFile(const std::filesystem::path &relative, std::size_t max) const;
    void closeOpen();

    std::set<oci::Digest> m_pending; // wanted, not opened yet
    int m_fd = -1;
};

} // namespace berth::archive

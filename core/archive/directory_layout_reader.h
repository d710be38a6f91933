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
    Result<std::optional<std::pair<std::string, std::int64_t>>>
    openNext(const std::map<std::string, oci::Digest> &wanted) override;
    Result<std::size_t> readOpen(char *buffer, std::size_t max) override;
    Status restart(const std::map<std::string, oci::Digest> &wanted) override;

private:
    Result<std::string> readFile(const std::filesystem::path &relative, std::size_t max) const;
    // A docker save folder: its files (no symbolic link) and top-level JSON.
    Status listSaved(LayoutContents &contents);
    // `name` opened with no symbolic link on its way; -1 and errno else.
    int openBeneath(const std::string &name) const;
    void closeOpen();

    std::set<std::string> m_pending; // wanted entries, not opened yet
    int m_fd = -1;
};

} // namespace berth::archive

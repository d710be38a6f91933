#pragma once

#include "archive/layout_reader.h"

#include <map>
#include <string>

struct archive;
struct archive_entry;

namespace berth::archive {

// A tar of an OCI layout (oci-archive, Docker 25's docker-archive),
// plain or compressed (any filter libarchive reads). scan() reads it
// once; the blobs are read in a second pass, front to back.
class TarLayoutReader : public LayoutReader
{
public:
    explicit TarLayoutReader(std::filesystem::path path);
    ~TarLayoutReader() override;

    Result<LayoutContents> scan() override;

protected:
    Result<std::optional<std::pair<std::string, std::int64_t>>>
    openNext(const std::map<std::string, oci::Digest> &wanted) override;
    Result<std::size_t> readOpen(char *buffer, std::size_t max) override;
    Status restart(const std::map<std::string, oci::Digest> &wanted) override;

private:
    Status openArchive();
    void closeArchive();
    // The next regular entry's header: its plain name, or "" at the end.
    // Folders and links are passed over (links noted); devices and unsafe
    // names are errors.
    Result<std::string> nextEntry();
    Result<std::string> readWhole(const std::string &name, std::size_t max);
    Error damaged(const std::string &at) const;

    // What one archive may hold: the names are kept while it is read.
    static constexpr std::size_t kMaxEntries = 100'000;
    static constexpr std::size_t kMaxEntryName = 4096;

    struct ::archive *m_archive = nullptr;
    std::size_t m_entries = 0; // headers read in this pass
    struct ::archive_entry *m_entry = nullptr;
    std::map<std::string, std::int64_t> m_seen; // regular entries of this pass
    std::map<std::string, std::string> m_links; // and its links, by name
};

} // namespace berth::archive

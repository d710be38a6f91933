#pragma once

#include "archive/layout_writer.h"

#include <filesystem>
#include <set>
#include <string>

struct archive;

namespace berth::archive {

// An OCI layout as one tar (oci-archive), or with docker's manifest.json
// beside it (docker-archive: what `docker save` writes since Docker 25,
// which `docker load`, podman and skopeo read). Written with libarchive
// (POSIX pax, ustar where it fits) to a hidden temporary file beside
// `path`; commit() writes index.json (and manifest.json) last, fsyncs and
// renames it into place. A blob that does not match its digest spoils the
// tar: nothing more is written and nothing appears at `path`.
class TarLayoutWriter : public LayoutWriter
{
public:
    static Result<std::unique_ptr<TarLayoutWriter>> open(const std::filesystem::path &path,
                                                         LayoutFormat format, bool replace);
    ~TarLayoutWriter() override;

protected:
    Status openBlob(const oci::Digest &digest, std::int64_t size) override;
    Status writeBlob(std::string_view bytes) override;
    Status closeBlob(const oci::Digest &digest) override;
    void dropBlob() override;
    Status finish(const std::vector<LayoutImage> &images) override;
    void removeTemporary() override;

private:
    TarLayoutWriter(std::filesystem::path path, LayoutFormat format);
    Status start();
    Status addEntry(const std::string &name, std::int64_t size, bool directory);
    Status addFile(const std::string &name, std::string_view bytes);
    Error archiveError(const std::string &what) const;

    std::filesystem::path m_path;
    std::filesystem::path m_partial; // set before the writer is shared, then only read
    int m_fd = -1;
    struct ::archive *m_archive = nullptr;
    std::set<std::string> m_folders; // blobs/<alg>/ entries written
    bool m_done = false;
};

} // namespace berth::archive

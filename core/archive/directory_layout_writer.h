#pragma once

#include "archive/layout_writer.h"

#include <filesystem>
#include <string>

namespace berth::archive {

// An OCI image layout directory, locked (flock) while written. Each blob
// is written to a hidden temporary file of its own in blobs/<alg>/,
// fsynced and renamed to its digest's name once it matched; index.json is replaced the same way,
// last. Images a layout held before stay (one under the same ref name is replaced), and blobs it
// held are not written again.
class DirectoryLayoutWriter : public LayoutWriter
{
public:
    static Result<std::unique_ptr<DirectoryLayoutWriter>> open(const std::filesystem::path &root);
    ~DirectoryLayoutWriter() override;

protected:
    Status openBlob(const oci::Digest &digest, std::int64_t size) override;
    Status writeBlob(std::string_view bytes) override;
    Status closeBlob(const oci::Digest &digest) override;
    void dropBlob() override;
    Status finish(const std::vector<LayoutImage> &images) override;

private:
    explicit DirectoryLayoutWriter(std::filesystem::path root);
    Status readExisting();
    Status readBlobs();
    Status lock();

    std::filesystem::path m_root;
    std::vector<LayoutImage> m_existing; // index.json's entries before this run
    std::filesystem::path m_partial;     // the blob being written
    int m_fd = -1;
    int m_lockFd = -1; // the layout folder, flocked while this writer lives
};

} // namespace berth::archive

#pragma once

#include "archive/layout_format.h"
#include "archive/layout_image.h"

#include "oci/digest.h"
#include "oci/digest_hasher.h"
#include "oci/result.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace berth::archive {

// Writes images into an OCI layout — a directory, an oci-archive tar or a
// docker-archive tar — one blob at a time: begin, write its bytes as they
// arrive, end. Each blob is hashed on the way and refused (and the whole
// output with it, for a tar) when it does not match its digest or size.
// Nothing appears at `path` until commit(): a tar is written to a
// temporary file beside it, fsynced and renamed; a directory gets each
// blob by rename and index.json last. Destroyed without commit(), the
// temporary output is removed. Blocking: call it from a worker thread,
// one call at a time.
class LayoutWriter
{
public:
    // A directory that exists must be an OCI layout (its images stay;
    // one of the same name is replaced) or empty; a tar file that exists
    // is replaced only when `replace` says so (EXISTS otherwise).
    static Result<std::unique_ptr<LayoutWriter>> create(const std::filesystem::path &path,
                                                        LayoutFormat format, bool replace = false);
    virtual ~LayoutWriter();
    LayoutWriter(const LayoutWriter &) = delete;
    LayoutWriter &operator=(const LayoutWriter &) = delete;

    // Written already (in this run, or in the directory before), with
    // `size` bytes when one is given (a file of another size is written again).
    bool has(const oci::Digest &digest, std::int64_t size = -1) const;
    Status beginBlob(const oci::Digest &digest, std::int64_t size);
    Status write(std::string_view bytes);
    Status endBlob();
    // A small blob held whole (a manifest, a config): begin, write, end.
    Status addBlob(const oci::Digest &digest, std::string_view bytes);
    // index.json (and manifest.json for a docker-archive), then the output
    // appears at its path.
    Status commit(const std::vector<LayoutImage> &images);

    LayoutFormat format() const { return m_format; }

    // Gives up: a commit not yet done will not be (a tar's temporary file
    // goes from its folder now; a layout folder's index.json stays as it
    // was, blobs renamed into it stay). May be called from another thread
    // while a write runs (that write's descriptor stays valid until the
    // writer is destroyed, which removes whatever is left).
    void abandon();

protected:
    explicit LayoutWriter(LayoutFormat format);
    virtual void removeTemporary() {}
    bool abandoned() const { return m_abandoned.load(); }
    virtual Status openBlob(const oci::Digest &digest, std::int64_t size) = 0;
    virtual Status writeBlob(std::string_view bytes) = 0;
    // The bytes matched: keep them. (A mismatch calls dropBlob instead.)
    virtual Status closeBlob(const oci::Digest &digest) = 0;
    virtual void dropBlob() = 0;
    virtual Status finish(const std::vector<LayoutImage> &images) = 0;
    void remember(const oci::Digest &digest, std::int64_t size) { m_written[digest] = size; }

private:
    LayoutFormat m_format;
    std::map<oci::Digest, std::int64_t> m_written; // and their sizes
    struct Open
    {
        oci::Digest digest;
        std::int64_t size;
        oci::DigestHasher hasher;
    };
    std::optional<Open> m_open;
    bool m_failed = false; // a tar with a bad entry cannot be mended
    bool m_committed = false;
    std::atomic<bool> m_abandoned{false};
};

} // namespace berth::archive

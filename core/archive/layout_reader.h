#pragma once

#include "archive/layout_contents.h"

#include "oci/digest.h"
#include "oci/digest_hasher.h"
#include "oci/result.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace berth::archive {

// Reads an OCI image layout — a directory, or a tar of one (oci-archive,
// Docker 25's docker-archive; compressed or not) — treating it as
// hostile: scan() checks every entry (no absolute or ".." names, no
// links or devices, no entry twice, index.json's and every JSON blob's
// digest) and returns what it holds; then the blobs asked for are read
// in the order the layout stores them (a tar is read once more, front to
// back), each verified at its end. Errors (ARCHIVE_INVALID, IO,
// DIGEST_INVALID) name the path and the entry. Blocking: use it from a
// worker thread, one call at a time.
class LayoutReader
{
public:
    static Result<std::unique_ptr<LayoutReader>> open(const std::filesystem::path &path);
    virtual ~LayoutReader();
    LayoutReader(const LayoutReader &) = delete;
    LayoutReader &operator=(const LayoutReader &) = delete;

    virtual Result<LayoutContents> scan() = 0;

    // Reading `wanted` blobs (each entry's name, and the digest its bytes
    // must have): each nextBlob() moves to the next one the layout
    // stores (nullopt after the last); read() gives its bytes, at most
    // `max` at a time, and an empty string at its end once they matched
    // its digest. A wanted entry the layout lacks is an error at the end
    // of the pass.
    Status startBlobs(std::map<std::string, oci::Digest> wanted);
    Result<std::optional<oci::Digest>> nextBlob();
    Result<std::string> read(std::size_t max);

    // Reads every one of `wanted` through to its end (a whole pass),
    // telling `progress` the bytes read so far; stops with CANCELLED once
    // `cancelled` is set. What an import runs before it pushes anything.
    Status verify(std::map<std::string, oci::Digest> wanted, const std::atomic<bool> *cancelled,
                  const std::function<void(std::int64_t)> &progress);

    const std::filesystem::path &path() const { return m_path; }

protected:
    explicit LayoutReader(std::filesystem::path path);
    // The layout's next entry among `wanted` (its name and size), or nullopt.
    virtual Result<std::optional<std::pair<std::string, std::int64_t>>>
    openNext(const std::map<std::string, oci::Digest> &wanted) = 0;
    virtual Result<std::size_t> readOpen(char *buffer, std::size_t max) = 0;
    virtual Status restart(const std::map<std::string, oci::Digest> &wanted) = 0;

    // For scan(): an entry's bytes (a blob's, index.json's ...) read whole
    // when they may be a document; digest-checked where a blob's name gives one.
    static constexpr std::size_t kMaxDocument = 4 << 20;
    static constexpr std::size_t kMaxDocuments = 64 << 20; // all of them together
    Status keepDocument(LayoutContents &contents, const std::string &name, std::string bytes);
    // A JSON file at the top beside manifest.json ("<id>.json"): kept by name.
    static bool isLooseDocument(const std::string &name);
    Status keepLooseDocument(LayoutContents &contents, const std::string &name, std::string bytes);
    static Status readIndex(LayoutContents &contents, const std::string &bytes);
    Error invalid(const std::string &what) const;

private:
    std::filesystem::path m_path;
    std::map<std::string, oci::Digest> m_wanted;
    std::set<std::string> m_found;
    struct Open
    {
        std::string name;
        oci::Digest digest;
        std::int64_t size;
        std::int64_t done = 0;
        oci::DigestHasher hasher;
        bool verified = false; // read to its end, and it matched
    };
    std::optional<Open> m_open;
    std::size_t m_documentBytes = 0;
};

} // namespace berth::archive

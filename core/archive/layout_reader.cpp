#include "archive/layout_reader.h"

#include "archive/directory_layout_reader.h"
#include "archive/entry_name.h"
#include "archive/layout_json.h"
#include "archive/tar_layout_reader.h"

#include "oci/media_types.h"
#include "oci/parsed_manifest.h"

#include <system_error>

namespace berth::archive {

namespace fs = std::filesystem;

Result<std::unique_ptr<LayoutReader>> LayoutReader::open(const fs::path &path)
{
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (!fs::exists(status))
        return makeError("IO", path.string() + " does not exist");
    if (fs::is_directory(status))
        return std::unique_ptr<LayoutReader>(new DirectoryLayoutReader(path));
    return std::unique_ptr<LayoutReader>(new TarLayoutReader(path));
}

LayoutReader::LayoutReader(fs::path path)
    : m_path(std::move(path))
{
}

LayoutReader::~LayoutReader() = default;

Error LayoutReader::invalid(const std::string &what) const
{
    return makeError("ARCHIVE_INVALID", m_path.string() + ": " + what);
}

Status LayoutReader::keepDocument(LayoutContents &contents, const std::string &name,
                                  std::string bytes)
{
    const auto digest = blobDigestOf(name);
    if (!digest)
        return Ok{};
    const std::size_t first = bytes.find_first_not_of(" \t\r\n");
    if (first == std::string::npos || bytes[first] != '{')
        return Ok{}; // a layer, not a manifest or a configuration
    if (oci::DigestHasher hasher(digest->algorithm()); true) {
        hasher.update(bytes);
        if (hasher.finish() != *digest)
            return makeError("DIGEST_INVALID", m_path.string() + ": entry " + name +
                                                   " does not match its digest (tampered or "
                                                   "damaged)");
    }
    m_documentBytes += bytes.size();
    if (m_documentBytes > kMaxDocuments)
        return invalid("it holds more than 64 MiB of manifests and configurations");
    contents.documents.emplace(*digest, std::move(bytes));
    return Ok{};
}

bool LayoutReader::isLooseDocument(const std::string &name)
{
    return name.find('/') == std::string::npos && name.size() > 5 &&
           name.compare(name.size() - 5, 5, ".json") == 0 && name != "index.json" &&
           name != "manifest.json";
}

Status LayoutReader::keepLooseDocument(LayoutContents &contents, const std::string &name,
                                       std::string bytes)
{
    m_documentBytes += bytes.size();
    if (m_documentBytes > kMaxDocuments)
        return invalid("it holds more than 64 MiB of manifests and configurations");
    contents.looseDocuments.emplace(name, std::move(bytes));
    return Ok{};
}

Status LayoutReader::readIndex(LayoutContents &contents, const std::string &bytes)
{
    auto index = oci::parseManifest(bytes, oci::media_type::OciIndex);
    if (!index.ok() || !index->index())
        return makeError("ARCHIVE_INVALID",
                         "index.json is not an image index" +
                             (index.ok() ? std::string() : ": " + index.error().message));
    contents.hasIndex = true;
    for (const oci::Descriptor &d : index->index()->manifests) {
        LayoutImage image;
        image.manifest = d;
        if (auto it = d.annotations.find(kRefNameAnnotation); it != d.annotations.end())
            image.refName = it->second;
        if (auto it = d.annotations.find(kImageNameAnnotation); it != d.annotations.end())
            image.imageName = it->second;
        contents.images.push_back(std::move(image));
    }
    return Ok{};
}

Status LayoutReader::startBlobs(std::map<std::string, oci::Digest> wanted)
{
    m_wanted = std::move(wanted);
    m_found.clear();
    m_open.reset();
    return restart(m_wanted);
}

Status LayoutReader::verify(std::map<std::string, oci::Digest> wanted,
                            const std::atomic<bool> *cancelled,
                            const std::function<void(std::int64_t)> &progress)
{
    if (Status started = startBlobs(std::move(wanted)); !started.ok())
        return started;
    std::int64_t done = 0;
    for (;;) {
        auto next = nextBlob();
        if (!next.ok())
            return next.error();
        if (!*next)
            return Ok{};
        for (;;) {
            if (cancelled && cancelled->load())
                return makeError("CANCELLED", "stopped");
            auto bytes = read(1 << 20);
            if (!bytes.ok())
                return bytes.error();
            if (bytes->empty())
                break;
            done += static_cast<std::int64_t>(bytes->size());
            if (progress)
                progress(done);
        }
    }
}

Result<std::optional<oci::Digest>> LayoutReader::nextBlob()
{
    if (m_open && !m_open->verified)
        return makeError("STATE", "the blob being read is not finished");
    m_open.reset();
    auto next = openNext(m_wanted);
    if (!next.ok())
        return next.error();
    if (!*next) {
        for (const auto &[name, digest] : m_wanted) {
            if (!m_found.count(name))
                return invalid("it does not hold " + name + ", which its manifests name");
        }
        return std::optional<oci::Digest>();
    }
    const auto &[name, size] = **next;
    const oci::Digest &digest = m_wanted.at(name);
    m_found.insert(name);
    m_open.emplace(Open{name, digest, size, 0, oci::DigestHasher(digest.algorithm()), false});
    return std::optional<oci::Digest>(digest);
}

Result<std::string> LayoutReader::read(std::size_t max)
{
    if (!m_open)
        return makeError("STATE", "no blob is being read");
    if (m_open->done == m_open->size) {
        if (!m_open->verified && m_open->hasher.finish() != m_open->digest)
            return makeError("DIGEST_INVALID",
                             m_path.string() + ": entry " + m_open->name +
                                 (m_open->name.find(m_open->digest.hex()) != std::string::npos
                                      ? std::string(" does not match its digest")
                                      : " does not match its digest " + m_open->digest.toString()) +
                                 " (tampered, damaged, or compressed)");
        m_open->verified = true;
        return std::string();
    }
    std::string bytes(static_cast<std::size_t>(std::min<std::int64_t>(
                          static_cast<std::int64_t>(max), m_open->size - m_open->done)),
                      '\0');
    std::size_t filled = 0;
    while (filled < bytes.size()) {
        auto n = readOpen(bytes.data() + filled, bytes.size() - filled);
        if (!n.ok())
            return n.error();
        if (*n == 0)
            return invalid("entry " + m_open->name + " ends early (truncated)");
        filled += *n;
    }
    m_open->hasher.update(bytes);
    m_open->done += static_cast<std::int64_t>(bytes.size());
    return bytes;
}

} // namespace berth::archive

#include "archive/layout_writer.h"

#include "archive/directory_layout_writer.h"
#include "archive/tar_layout_writer.h"

namespace berth::archive {

Result<std::unique_ptr<LayoutWriter>> LayoutWriter::create(const std::filesystem::path &path,
                                                           LayoutFormat format, bool replace)
{
    if (format == LayoutFormat::OciDirectory) {
        auto writer = DirectoryLayoutWriter::open(path);
        if (!writer.ok())
            return writer.error();
        return std::unique_ptr<LayoutWriter>(std::move(writer).value());
    }
    auto writer = TarLayoutWriter::open(path, format, replace);
    if (!writer.ok())
        return writer.error();
    return std::unique_ptr<LayoutWriter>(std::move(writer).value());
}

LayoutWriter::LayoutWriter(LayoutFormat format)
    : m_format(format)
{
}

LayoutWriter::~LayoutWriter() = default;

void LayoutWriter::abandon()
{
    m_abandoned = true;
    removeTemporary();
}

bool LayoutWriter::has(const oci::Digest &digest, std::int64_t size) const
{
    const auto it = m_written.find(digest);
    return it != m_written.end() && (size < 0 || it->second == size);
}

Status LayoutWriter::beginBlob(const oci::Digest &digest, std::int64_t size)
{
    if (m_failed || m_committed || m_open)
        return makeError("STATE", "the layout writer cannot take a blob now");
    if (size < 0)
        return makeError("SIZE_INVALID", "blob " + digest.toString() + " has no size");
    if (Status opened = openBlob(digest, size); !opened.ok()) {
        m_failed = true;
        return opened;
    }
    m_open.emplace(Open{digest, size, oci::DigestHasher(digest.algorithm())});
    return Ok{};
}

Status LayoutWriter::write(std::string_view bytes)
{
    if (!m_open || m_failed)
        return makeError("STATE", "no blob is being written");
    if (static_cast<std::int64_t>(m_open->hasher.bytesHashed() + bytes.size()) > m_open->size) {
        m_failed = true;
        dropBlob();
        return makeError("SIZE_INVALID", "blob " + m_open->digest.toString() + " is longer than " +
                                             std::to_string(m_open->size) + " bytes");
    }
    m_open->hasher.update(bytes);
    if (Status written = writeBlob(bytes); !written.ok()) {
        m_failed = true;
        dropBlob();
        return written;
    }
    return Ok{};
}

Status LayoutWriter::endBlob()
{
    if (!m_open || m_failed)
        return makeError("STATE", "no blob is being written");
    Open open = std::move(*m_open);
    m_open.reset();
    const auto length = static_cast<std::int64_t>(open.hasher.bytesHashed());
    const oci::Digest actual = open.hasher.finish();
    if (length != open.size || actual != open.digest) {
        m_failed = true;
        dropBlob();
        if (length != open.size)
            return makeError("SIZE_INVALID", "blob " + open.digest.toString() + " has " +
                                                 std::to_string(length) + " bytes, not " +
                                                 std::to_string(open.size));
        return makeError("DIGEST_INVALID", "blob " + open.digest.toString() +
                                               " does not match its digest (its bytes hash to " +
                                               actual.toString() + ")");
    }
    if (Status closed = closeBlob(open.digest); !closed.ok()) {
        m_failed = true;
        return closed;
    }
    remember(open.digest, open.size);
    return Ok{};
}

Status LayoutWriter::addBlob(const oci::Digest &digest, std::string_view bytes)
{
    if (has(digest))
        return Ok{};
    if (Status begun = beginBlob(digest, static_cast<std::int64_t>(bytes.size())); !begun.ok())
        return begun;
    if (Status written = write(bytes); !written.ok())
        return written;
    return endBlob();
}

Status LayoutWriter::commit(const std::vector<LayoutImage> &images)
{
    if (m_failed || m_committed || m_open)
        return makeError("STATE", "the layout cannot be completed");
    if (abandoned())
        return makeError("CANCELLED", "stopped");
    for (const LayoutImage &image : images) {
        if (!has(image.manifest.digest))
            return makeError("STATE",
                             "manifest " + image.manifest.digest.toString() + " was not written");
    }
    if (Status done = finish(images); !done.ok()) {
        m_failed = true;
        return done;
    }
    m_committed = true;
    return Ok{};
}

} // namespace berth::archive

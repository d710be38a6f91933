#include "server/upload_exchange.h"

#include "server/api_responses.h"
#include "server/registry_context.h"
#include "server/upload_sessions.h"

#include "storage/file_io.h"

#include <charconv>
#include <shared_mutex>

namespace berth::server {

namespace fs = std::filesystem;

UploadExchange::UploadExchange(RegistryContext &context, UploadSessions &sessions, Kind kind,
                               std::string name, std::string uuid,
                               std::optional<std::string> digest,
                               std::optional<std::string> contentRange)
    : m_context(context)
    , m_sessions(sessions)
    , m_kind(kind)
    , m_name(std::move(name))
    , m_uuid(std::move(uuid))
    , m_digest(std::move(digest))
{
    auto path = m_context.writer.uploadDataPath(m_name, m_uuid);
    if (!path.ok()) {
        m_error = errorResponse(path.error());
        return;
    }
    if (!claim(*path))
        return;
    if (contentRange) {
        checkContentRange(*contentRange);
        if (m_error)
            return;
    }
    auto writer = storage::UploadFileWriter::open(*path, m_offset, *m_hasher);
    if (!writer.ok())
        m_error = apiError(500, "UNKNOWN", "cannot open the upload");
    else
        m_file = std::move(writer.value());
}

UploadExchange::~UploadExchange()
{
    release();
}

bool UploadExchange::claim(const fs::path &path)
{
    auto claimed = m_sessions.claim(m_uuid);
    if (!claimed) {
        m_error = apiError(416, "BLOB_UPLOAD_INVALID", "another request is writing this upload");
        return false;
    }
    m_claimed = true;
    m_hasher = std::move(claimed->hasher);
    m_offset = claimed->offset;
    if (m_hasher)
        return true;
    // After a restart (or a failed request): pick the upload up where its
    // file ends. Hashed outside any lock: other uploads go on.
    auto hasher = std::make_unique<oci::DigestHasher>();
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    m_offset = ec ? 0 : size;
    if (m_offset > 0 && !storage::hashFileInto(path, *hasher).ok()) {
        m_offset = 0;
        m_error = apiError(500, "UNKNOWN", "cannot read the upload");
        return false;
    }
    m_hasher = std::move(hasher);
    return true;
}

void UploadExchange::checkContentRange(const std::string &contentRange)
{
    // "start-end": chunks must arrive in order, without gaps or overlaps.
    const auto dash = contentRange.find('-');
    std::uint64_t start = 0;
    const auto [end, ec] = std::from_chars(
        contentRange.data(), contentRange.data() + (dash == std::string::npos ? 0 : dash), start);
    if (dash != std::string::npos && ec == std::errc() && start == m_offset)
        return;
    m_error = apiError(416, "BLOB_UPLOAD_INVALID",
                       "Content-Range does not continue the upload at " + std::to_string(m_offset));
    m_error->addHeader("Range", m_offset ? "0-" + std::to_string(m_offset - 1) : "0-0");
}

void UploadExchange::release()
{
    finishFile(); // normally done in respond(); here on early teardown
    if (m_kind == Kind::Monolithic && !m_committed && !m_cancelled) {
        // Its client never learnt the upload's name: nothing can resume it.
        m_cancelled = true;
        std::shared_lock gate(m_context.gcGate);
        (void)m_context.writer.cancelUpload(m_name, m_uuid);
    }
    if (!m_claimed)
        return;
    m_claimed = false;
    if (m_committed || m_kind == Kind::Monolithic)
        m_sessions.forget(m_uuid);
    else
        m_sessions.release(m_uuid, m_writeFailed ? nullptr : std::move(m_hasher), m_offset);
}

bool UploadExchange::onBody(const char *data, std::size_t size)
{
    if (!m_file)
        return false;
    if (auto s = m_file->append(data, size); !s.ok()) {
        failWrite(s.error().message);
        return false;
    }
    m_offset += size;
    return true;
}

bool UploadExchange::roomFor(std::size_t size) const
{
    return !m_file || m_file->roomFor(size);
}

bool UploadExchange::wakeWhenRoom(std::size_t size, std::function<void()> wake)
{
    return m_file && m_file->wakeWhenRoom(size, std::move(wake));
}

HttpResponse UploadExchange::finish()
{
    HttpResponse response = respond();
    release();
    return response;
}

void UploadExchange::finishFile()
{
    if (!m_file)
        return;
    if (auto written = m_file->finish(); !written.ok())
        failWrite(written.error().message);
    m_file.reset();
}

void UploadExchange::failWrite(const std::string &message)
{
    m_writeFailed = true;
    m_file.reset();
    if (!m_error)
        m_error = apiError(500, "UNKNOWN", message);
}

HttpResponse UploadExchange::respond()
{
    finishFile();
    if (m_error)
        return std::move(*m_error);
    if (m_kind != Kind::Patch)
        return commit();
    HttpResponse r = emptyResponse(202);
    r.addHeader("Location", "/v2/" + m_name + "/blobs/uploads/" + m_uuid);
    r.addHeader("Range", "0-" + std::to_string(m_offset ? m_offset - 1 : 0));
    r.addHeader("Docker-Upload-UUID", m_uuid);
    return r;
}

HttpResponse UploadExchange::commit()
{
    if (!m_digest)
        return apiError(400, "DIGEST_INVALID", "the digest query parameter is required");
    auto expected = oci::Digest::parse(*m_digest);
    if (!expected.ok())
        return errorResponse(expected.error());
    // The hash computed while writing is the content's digest (sha256
    // uploads) if the file holds exactly the bytes it covers.
    oci::DigestHasher copy = std::move(*m_hasher);
    const std::uint64_t hashedLength = copy.bytesHashed();
    const storage::RegistryWriter::StreamedHash streamed{copy.finish(), hashedLength};
    std::shared_lock gate(m_context.gcGate);
    auto committed = m_context.writer.commitUpload(m_name, m_uuid, *expected, streamed);
    m_committed = true;
    if (!committed.ok()) {
        // Nothing bad is stored; the session is gone (as distribution does).
        (void)m_context.writer.cancelUpload(m_name, m_uuid);
        return errorResponse(committed.error());
    }
    HttpResponse r = emptyResponse(201);
    r.addHeader("Location", "/v2/" + m_name + "/blobs/" + expected->toString());
    r.addHeader("Docker-Content-Digest", expected->toString());
    return r;
}

} // namespace berth::server

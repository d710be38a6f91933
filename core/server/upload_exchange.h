#pragma once

#include "server/api_exchange.h"

#include "oci/digest_hasher.h"
#include "storage/upload_file_writer.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace berth::server {

struct RegistryContext;
class UploadSessions;

// PATCH / PUT of an upload session, and POST ?digest= (monolithic): the
// body is appended to the upload's data file while it is hashed; a PUT or
// a monolithic POST then commits the blob if it has the digest asked for.
class UploadExchange : public ApiExchange
{
public:
    enum class Kind
    {
        Patch,
        Close,
        Monolithic
    };

    UploadExchange(RegistryContext &context, UploadSessions &sessions, Kind kind, std::string name,
                   std::string uuid, std::optional<std::string> digest,
                   std::optional<std::string> contentRange);
    ~UploadExchange() override;

    bool answeredByHead() const override { return m_error.has_value(); }
    bool onBody(const char *data, std::size_t size) override;
    HttpResponse finish() override;
    bool mayBlock() const override { return true; } // flushes, fsyncs, rehashes
    bool roomFor(std::size_t size) const override;
    bool wakeWhenRoom(std::size_t size, std::function<void()> wake) override;

private:
    bool claim(const std::filesystem::path &path);
    void checkContentRange(const std::string &contentRange);
    // Hands the upload back before the response goes out: a client may
    // send its next request (PUT after PATCH) before this exchange goes.
    void release();
    // Every byte written (before anything is answered, a blob verified and
    // placed, or the upload handed back); a write error is remembered.
    void finishFile();
    // The hasher may have seen bytes the file has not: release() drops it.
    void failWrite(const std::string &message);
    HttpResponse respond();
    HttpResponse commit();

    RegistryContext &m_context;
    UploadSessions &m_sessions;
    Kind m_kind;
    std::string m_name;
    std::string m_uuid;
    std::optional<std::string> m_digest;
    std::optional<HttpResponse> m_error; // decided before the body ends
    std::unique_ptr<oci::DigestHasher> m_hasher;
    std::uint64_t m_offset = 0;
    std::unique_ptr<storage::UploadFileWriter> m_file;
    bool m_claimed = false;
    bool m_writeFailed = false;
    bool m_committed = false;
    bool m_cancelled = false; // a monolithic upload that failed: removed
};

} // namespace berth::server

#pragma once

#include "server/htpasswd.h"
#include "server/http_types.h"

#include "storage/garbage_collector.h"
#include "storage/registry_store.h"
#include "storage/registry_writer.h"

#include "oci/digest_hasher.h"

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>

namespace berth::server {

// The OCI distribution-spec API over core/storage, independent of any HTTP
// library: the HTTP layer calls begin() with a request's head, feeds its
// body (if any) to the exchange in chunks, and sends what finish() returns.
// Thread-safe: exchanges of different requests may run concurrently.
class RegistryApi
{
public:
    struct Options
    {
        bool deleteEnabled = false;
        std::size_t maxManifestBytes = 4 * 1024 * 1024;
        // With users: every request needs Basic auth (401 + WWW-Authenticate otherwise).
        std::shared_ptr<const Htpasswd> htpasswd;
        std::string realm = "berth-registry";
        // An upload nobody has written to for this long gives up its
        // in-memory hash state (it is rebuilt from the file if the client
        // comes back), so abandoned uploads do not pile up in memory.
        std::chrono::milliseconds uploadStateIdle{std::chrono::minutes(10)};
    };

    class Exchange
    {
    public:
        virtual ~Exchange() = default;
        // True when the answer is known from the request head alone (an
        // error, or a request whose body is ignored): the HTTP layer then
        // answers at once instead of reading a body it would throw away.
        virtual bool answeredByHead() const { return false; }
        // False: the body is refused; stop feeding and call finish().
        virtual bool onBody(const char *data, std::size_t size) = 0;
        virtual HttpResponse finish() = 0;
    };

    RegistryApi(std::filesystem::path root, Options options);
    ~RegistryApi();

    std::unique_ptr<Exchange> begin(const HttpRequest &request);

    // Uploads whose hash state is held in memory (tests, diagnostics).
    std::size_t uploadsInMemory() const;

    // Online garbage collection (the admin endpoint and SIGUSR1): writes
    // that touch what GC reads (blob commits, mounts, manifest puts,
    // deletes) wait while it runs; uploads in progress go on (their data is
    // under _uploads, which online GC leaves alone) and blobs written or
    // mounted within `options.keepBlobsNewerThan` (default 1 h) are kept.
    Result<storage::GcReport> collectGarbage(storage::GcOptions options);

    // Error response in the spec's format: {"errors":[{"code","message","detail"}]}.
    static HttpResponse error(int status, const std::string &code, const std::string &message);

private:
    friend class UploadExchange;
    friend class ManifestPutExchange;

    struct UploadState
    {
        std::unique_ptr<oci::DigestHasher> hasher;
        std::uint64_t offset = 0;
        bool busy = false;
        std::chrono::steady_clock::time_point lastUsed;
    };
    // Drops idle upload states; called with m_uploadsMutex held.
    void pruneIdleUploads(std::chrono::steady_clock::time_point now);

    HttpResponse ping() const;
    HttpResponse catalog(const HttpRequest &request) const;
    HttpResponse tagsList(const HttpRequest &request, const std::string &name) const;
    HttpResponse getManifest(const HttpRequest &request, const std::string &name,
                             const std::string &reference) const;
    HttpResponse deleteManifest(const std::string &name, const std::string &reference);
    HttpResponse getBlob(const HttpRequest &request, const std::string &name,
                         const std::string &digest) const;
    HttpResponse deleteBlob(const std::string &name, const std::string &digest);
    HttpResponse uploadStatus(const std::string &name, const std::string &uuid);
    HttpResponse cancelUpload(const std::string &name, const std::string &uuid);
    HttpResponse referrers(const HttpRequest &request, const std::string &name,
                           const std::string &digest) const;
    HttpResponse putManifest(const HttpRequest &request, const std::string &name,
                             const std::string &reference, const std::string &body);
    std::unique_ptr<Exchange> startUpload(const HttpRequest &request, const std::string &name);

    bool authorized(const HttpRequest &request) const;
    HttpResponse adminGarbageCollect(const HttpRequest &request);
    // DELETE /berth/v1/repositories/<name>: an empty repository (no tags, no
    // uploads) goes; 409 otherwise.
    HttpResponse adminRemoveRepository(const HttpRequest &request, const std::string &name);
    bool repositoryExists(const std::string &name) const;
    bool blobLinked(const std::string &name, const oci::Digest &digest) const;

    std::filesystem::path m_root;
    Options m_options;
    storage::RegistryStore m_store;
    storage::RegistryWriter m_writer;
    // Shared by writes, exclusive for online GC.
    mutable std::shared_mutex m_gcGate;
    mutable std::mutex m_uploadsMutex;
    std::map<std::string, UploadState> m_uploads; // by uuid
    std::chrono::steady_clock::time_point m_lastUploadPrune;
};

} // namespace berth::server

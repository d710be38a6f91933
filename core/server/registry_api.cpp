#include "server/registry_api.h"

#include "storage/file_io.h"
#include "storage/repository_removal.h"
#include "storage/upload_file_writer.h"

#include "oci/media_types.h"
#include "oci/name_rules.h"
#include "oci/parsed_manifest.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace berth::server {

namespace fs = std::filesystem;

namespace {

HttpResponse jsonResponse(int status, const nlohmann::json &body,
                          const std::string &contentType = "application/json")
{
    HttpResponse r;
    r.status = status;
    r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    r.addHeader("Content-Type", contentType);
    return r;
}

HttpResponse empty(int status)
{
    HttpResponse r;
    r.status = status;
    return r;
}

std::optional<std::size_t> parseCount(const std::optional<std::string> &text)
{
    if (!text)
        return std::nullopt;
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec != std::errc() || end != text->data() + text->size())
        return std::nullopt;
    return n;
}

// A page of a sorted list: items after `last`, at most n; Link for more.
template <class Compare>
void paginate(const HttpRequest &request, std::vector<std::string> &items, const std::string &path,
              HttpResponse &response, Compare less, const std::string &extraQuery = {})
{
    if (const auto last = request.queryValue("last")) {
        items.erase(items.begin(), std::upper_bound(items.begin(), items.end(), *last, less));
    }
    const auto n = parseCount(request.queryValue("n"));
    if (n && *n < items.size()) {
        items.resize(*n);
        if (!items.empty()) {
            response.addHeader("Link", "<" + path + "?n=" + std::to_string(*n) + "&last=" +
                                           items.back() + extraQuery + ">; rel=\"next\"");
        }
    }
}

bool componentLess(const std::string &a, const std::string &b)
{
    // distribution's catalog order: path components compared byte-wise.
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i])
        ++i;
    if (i == a.size() || i == b.size())
        return a.size() < b.size();
    const char ca = a[i] == '/' ? '\0' : a[i];
    const char cb = b[i] == '/' ? '\0' : b[i];
    return static_cast<unsigned char>(ca) < static_cast<unsigned char>(cb);
}

HttpResponse errorFromStatus(const Error &e)
{
    static const std::map<std::string, int> statusOf{
        {"BLOB_UNKNOWN", 404},     {"BLOB_UPLOAD_INVALID", 400},   {"BLOB_UPLOAD_UNKNOWN", 404},
        {"DIGEST_INVALID", 400},   {"MANIFEST_BLOB_UNKNOWN", 400}, {"MANIFEST_INVALID", 400},
        {"MANIFEST_UNKNOWN", 404}, {"NAME_INVALID", 400},          {"NAME_UNKNOWN", 404},
        {"SIZE_INVALID", 400},     {"TAG_INVALID", 400},
    };
    if (e.code == "UNSUPPORTED") // a digest algorithm Berth does not know
        return RegistryApi::error(400, "DIGEST_INVALID", e.message);
    const auto it = statusOf.find(e.code);
    if (it == statusOf.end())
        return RegistryApi::error(500, "UNKNOWN", e.message);
    return RegistryApi::error(it->second, e.code, e.message);
}

// Fixed response, body ignored.
class FixedExchange : public RegistryApi::Exchange
{
public:
    explicit FixedExchange(HttpResponse response)
        : m_response(std::move(response))
    {
    }
    bool answeredByHead() const override { return true; }
    bool onBody(const char *, std::size_t) override { return true; }
    HttpResponse finish() override { return std::move(m_response); }

private:
    HttpResponse m_response;
};

} // namespace

// Manifest bodies are collected in memory up to the limit.
class ManifestPutExchange : public RegistryApi::Exchange
{
public:
    ManifestPutExchange(RegistryApi &api, HttpRequest request, std::string name,
                        std::string reference)
        : m_api(api)
        , m_request(std::move(request))
        , m_name(std::move(name))
        , m_reference(std::move(reference))
    {
        // A declared length over the limit is refused before any byte is read.
        const auto length = m_request.contentLength();
        m_tooLarge = length && *length > m_api.m_options.maxManifestBytes;
    }
    bool answeredByHead() const override { return m_tooLarge; }
    bool onBody(const char *data, std::size_t size) override
    {
        if (m_body.size() + size > m_api.m_options.maxManifestBytes) {
            m_tooLarge = true;
            return false;
        }
        m_body.append(data, size);
        return true;
    }
    HttpResponse finish() override
    {
        if (m_tooLarge)
            return RegistryApi::error(413, "SIZE_INVALID", "manifest larger than 4 MiB");
        return m_api.putManifest(m_request, m_name, m_reference, m_body);
    }

private:
    RegistryApi &m_api;
    HttpRequest m_request;
    std::string m_name;
    std::string m_reference;
    std::string m_body;
    bool m_tooLarge = false;
};

// PATCH / PUT of an upload session, and POST ?digest= (monolithic): the body
// is appended to the upload's data file while it is hashed.
class UploadExchange : public RegistryApi::Exchange
{
public:
    enum class Kind
    {
        Patch,
        Close,
        Monolithic
    };

    UploadExchange(RegistryApi &api, Kind kind, std::string name, std::string uuid,
                   std::optional<std::string> digest, std::optional<std::string> contentRange)
        : m_api(api)
        , m_kind(kind)
        , m_name(std::move(name))
        , m_uuid(std::move(uuid))
        , m_digest(std::move(digest))
    {
        auto path = m_api.m_writer.uploadDataPath(m_name, m_uuid);
        if (!path.ok()) {
            m_error = errorFromStatus(path.error());
            return;
        }
        {
            std::lock_guard lock(m_api.m_uploadsMutex);
            auto &state = m_api.m_uploads[m_uuid];
            if (state.busy) {
                m_error = RegistryApi::error(416, "BLOB_UPLOAD_INVALID",
                                             "another request is writing this upload");
                return;
            }
            state.busy = true;
            m_claimed = true;
            // This exchange holds the hasher while it writes: a DELETE of the
            // upload meanwhile drops the state, never the hasher in use.
            m_hasher = std::move(state.hasher);
            m_offset = state.offset;
        }
        if (!m_hasher) {
            // After a restart (or a failed request): pick the upload up where
            // its file ends. Hashed outside the lock: other uploads go on.
            auto hasher = std::make_unique<oci::DigestHasher>();
            std::error_code ec;
            const auto size = fs::file_size(*path, ec);
            m_offset = ec ? 0 : size;
            if (m_offset > 0 && !storage::hashFileInto(*path, *hasher).ok()) {
                m_offset = 0;
                m_error = RegistryApi::error(500, "UNKNOWN", "cannot read the upload");
                return;
            }
            m_hasher = std::move(hasher);
        }
        if (contentRange) {
            // "start-end": chunks must arrive in order, without gaps or overlaps.
            const auto dash = contentRange->find('-');
            std::uint64_t start = 0;
            const auto [end, ec] = std::from_chars(
                contentRange->data(), contentRange->data() + (dash == std::string::npos ? 0 : dash),
                start);
            if (dash == std::string::npos || ec != std::errc() || start != m_offset) {
                m_error = RegistryApi::error(416, "BLOB_UPLOAD_INVALID",
                                             "Content-Range does not continue the upload at " +
                                                 std::to_string(m_offset));
                m_error->addHeader("Range", m_offset ? "0-" + std::to_string(m_offset - 1) : "0-0");
                return;
            }
        }
        auto writer = storage::UploadFileWriter::open(*path, m_offset, *m_hasher);
        if (!writer.ok())
            m_error = RegistryApi::error(500, "UNKNOWN", "cannot open the upload");
        else
            m_file = std::move(writer.value());
    }

    ~UploadExchange() override { release(); }

    // Hands the upload back before the response goes out: a client may send
    // its next request (PUT after PATCH) before this exchange is destroyed.
    void release()
    {
        finishFile(); // normally done in respond(); here on early teardown
        if (!m_claimed)
            return;
        m_claimed = false;
        std::lock_guard lock(m_api.m_uploadsMutex);
        auto it = m_api.m_uploads.find(m_uuid);
        if (it == m_api.m_uploads.end())
            return;
        const auto now = std::chrono::steady_clock::now();
        if (m_committed) {
            m_api.m_uploads.erase(it);
        } else {
            // After a failed write the hasher may have seen bytes the file has
            // not: dropped, so the next request hashes the file again.
            if (!m_writeFailed)
                it->second.hasher = std::move(m_hasher);
            it->second.offset = m_offset;
            it->second.busy = false;
            it->second.lastUsed = now;
        }
        m_api.pruneIdleUploads(now);
    }

    bool answeredByHead() const override { return m_error.has_value(); }

    bool onBody(const char *data, std::size_t size) override
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

    HttpResponse finish() override
    {
        HttpResponse response = respond();
        release();
        return response;
    }

private:
    // Every byte written (before anything is answered, a blob verified and
    // placed, or the upload handed back); a write error is remembered.
    void finishFile()
    {
        if (!m_file)
            return;
        if (auto written = m_file->finish(); !written.ok())
            failWrite(written.error().message);
        m_file.reset();
    }

    // The hasher may have seen bytes the file has not: release() drops it.
    void failWrite(const std::string &message)
    {
        m_writeFailed = true;
        m_file.reset();
        if (!m_error)
            m_error = RegistryApi::error(500, "UNKNOWN", message);
    }

    HttpResponse respond()
    {
        finishFile();
        if (m_error)
            return std::move(*m_error);
        const std::string location = "/v2/" + m_name + "/blobs/uploads/" + m_uuid;
        if (m_kind == Kind::Patch) {
            HttpResponse r = empty(202);
            r.addHeader("Location", location);
            r.addHeader("Range", "0-" + std::to_string(m_offset ? m_offset - 1 : 0));
            r.addHeader("Docker-Upload-UUID", m_uuid);
            return r;
        }
        if (!m_digest)
            return RegistryApi::error(400, "DIGEST_INVALID",
                                      "the digest query parameter is required");
        auto expected = oci::Digest::parse(*m_digest);
        if (!expected.ok())
            return errorFromStatus(expected.error());
        // The hash computed while writing is the content's digest (sha256
        // uploads) if the file holds exactly the bytes it covers.
        oci::DigestHasher copy = std::move(*m_hasher);
        const std::uint64_t hashedLength = copy.bytesHashed();
        const storage::RegistryWriter::StreamedHash streamed{copy.finish(), hashedLength};
        std::shared_lock gate(m_api.m_gcGate);
        auto committed = m_api.m_writer.commitUpload(m_name, m_uuid, *expected, streamed);
        if (!committed.ok()) {
            // Nothing bad is stored; the session is gone (as distribution does).
            (void)m_api.m_writer.cancelUpload(m_name, m_uuid);
            m_committed = true;
            return errorFromStatus(committed.error());
        }
        m_committed = true;
        HttpResponse r = empty(201);
        r.addHeader("Location", "/v2/" + m_name + "/blobs/" + expected->toString());
        r.addHeader("Docker-Content-Digest", expected->toString());
        return r;
    }

    RegistryApi &m_api;
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
};

RegistryApi::RegistryApi(fs::path root, Options options)
    : m_root(root)
    , m_options(options)
    , m_store(root)
    , m_writer(root)
{
}

RegistryApi::~RegistryApi() = default;

HttpResponse RegistryApi::error(int status, const std::string &code, const std::string &message)
{
    const nlohmann::json body{
        {"errors",
         nlohmann::json::array({{{"code", code}, {"message", message}, {"detail", nullptr}}})}};
    return jsonResponse(status, body);
}

bool RegistryApi::repositoryExists(const std::string &name) const
{
    auto dir = m_store.layout().repositoryDir(name);
    std::error_code ec;
    return dir.ok() &&
           (fs::is_directory(*dir / "_manifests", ec) || fs::is_directory(*dir / "_layers", ec));
}

bool RegistryApi::blobLinked(const std::string &name, const oci::Digest &digest) const
{
    std::error_code ec;
    if (auto link = m_store.layout().layerLinkPath(name, digest);
        link.ok() && fs::exists(*link, ec))
        return true;
    if (auto link = m_store.layout().revisionLinkPath(name, digest);
        link.ok() && fs::exists(*link, ec))
        return true;
    return false;
}

namespace {

std::optional<std::string> decodeBase64(std::string_view in)
{
    static constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    std::size_t padding = 0;
    for (char c : in) {
        if (c == '=') {
            ++padding;
            continue;
        }
        if (padding)
            return std::nullopt; // data after padding
        const auto v = alphabet.find(c);
        if (v == std::string_view::npos)
            return std::nullopt;
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xff);
        }
    }
    return padding <= 2 ? std::optional<std::string>(out) : std::nullopt;
}

} // namespace

bool RegistryApi::authorized(const HttpRequest &request) const
{
    if (!m_options.htpasswd)
        return true;
    const auto header = request.header("authorization");
    if (!header || header->size() > 4096 || !header->starts_with("Basic "))
        return false;
    const auto decoded = decodeBase64(std::string_view(*header).substr(6));
    if (!decoded)
        return false;
    const auto colon = decoded->find(':');
    if (colon == std::string::npos)
        return false;
    return m_options.htpasswd->verify(std::string_view(*decoded).substr(0, colon),
                                      std::string_view(*decoded).substr(colon + 1));
}

std::unique_ptr<RegistryApi::Exchange> RegistryApi::begin(const HttpRequest &request)
{
    auto fixed = [](HttpResponse r) {
        return std::make_unique<FixedExchange>(std::move(r));
    };
    if (!authorized(request)) {
        HttpResponse r = error(401, "UNAUTHORIZED", "authentication required");
        r.addHeader("WWW-Authenticate", "Basic realm=\"" + m_options.realm + "\"");
        return fixed(std::move(r));
    }
    const std::string &path = request.path;
    const std::string &method = request.method;
    if (path == "/berth/v1/garbage-collect")
        return fixed(method == "POST" ? adminGarbageCollect(request)
                                      : error(405, "UNSUPPORTED", "method not allowed"));
    if (constexpr std::string_view prefix = "/berth/v1/repositories/"; path.starts_with(prefix))
        return fixed(method == "DELETE" ? adminRemoveRepository(request, path.substr(prefix.size()))
                                        : error(405, "UNSUPPORTED", "method not allowed"));
    if (path == "/v2/" || path == "/v2")
        return fixed(method == "GET" || method == "HEAD"
                         ? ping()
                         : error(405, "UNSUPPORTED", "method not allowed"));
    if (path == "/v2/_catalog")
        return fixed(method == "GET" ? catalog(request)
                                     : error(405, "UNSUPPORTED", "method not allowed"));
    if (!path.starts_with("/v2/"))
        return fixed(error(404, "NOT_FOUND", "not a registry API path"));

    const std::string rest = path.substr(4);
    auto splitAt =
        [&rest](const std::string &marker) -> std::optional<std::pair<std::string, std::string>> {
        const auto at = rest.rfind(marker);
        if (at == std::string::npos || at == 0)
            return std::nullopt;
        return std::make_pair(rest.substr(0, at), rest.substr(at + marker.size()));
    };
    auto validName = [](const std::string &name) {
        return oci::validateRepositoryName(name);
    };

    if (rest.size() > 10 && rest.ends_with("/tags/list")) {
        const std::string name = rest.substr(0, rest.size() - 10);
        if (auto v = validName(name); !v.ok())
            return fixed(errorFromStatus(v.error()));
        return fixed(method == "GET" ? tagsList(request, name)
                                     : error(405, "UNSUPPORTED", "method not allowed"));
    }
    if (auto parts = splitAt("/blobs/uploads/")) {
        auto [name, uuid] = *parts;
        if (auto v = validName(name); !v.ok())
            return fixed(errorFromStatus(v.error()));
        if (uuid.empty()) {
            if (method != "POST")
                return fixed(error(405, "UNSUPPORTED", "method not allowed"));
            return startUpload(request, name);
        }
        if (method == "GET")
            return fixed(uploadStatus(name, uuid));
        if (method == "DELETE")
            return fixed(cancelUpload(name, uuid));
        if (method == "PATCH")
            return std::make_unique<UploadExchange>(*this, UploadExchange::Kind::Patch, name, uuid,
                                                    std::nullopt, request.header("content-range"));
        if (method == "PUT")
            return std::make_unique<UploadExchange>(*this, UploadExchange::Kind::Close, name, uuid,
                                                    request.queryValue("digest"), std::nullopt);
        return fixed(error(405, "UNSUPPORTED", "method not allowed"));
    }
    if (auto parts = splitAt("/manifests/")) {
        auto [name, reference] = *parts;
        if (auto v = validName(name); !v.ok())
            return fixed(errorFromStatus(v.error()));
        if (method == "GET" || method == "HEAD")
            return fixed(getManifest(request, name, reference));
        if (method == "PUT")
            return std::make_unique<ManifestPutExchange>(*this, request, name, reference);
        if (method == "DELETE")
            return fixed(deleteManifest(name, reference));
        return fixed(error(405, "UNSUPPORTED", "method not allowed"));
    }
    if (auto parts = splitAt("/blobs/")) {
        auto [name, digest] = *parts;
        if (auto v = validName(name); !v.ok())
            return fixed(errorFromStatus(v.error()));
        if (method == "GET" || method == "HEAD")
            return fixed(getBlob(request, name, digest));
        if (method == "DELETE")
            return fixed(deleteBlob(name, digest));
        return fixed(error(405, "UNSUPPORTED", "method not allowed"));
    }
    if (auto parts = splitAt("/referrers/")) {
        auto [name, digest] = *parts;
        if (auto v = validName(name); !v.ok())
            return fixed(errorFromStatus(v.error()));
        return fixed(method == "GET" ? referrers(request, name, digest)
                                     : error(405, "UNSUPPORTED", "method not allowed"));
    }
    return fixed(error(404, "NOT_FOUND", "not a registry API path"));
}

Result<storage::GcReport> RegistryApi::collectGarbage(storage::GcOptions options)
{
    options.force = true; // the store lock is this server's own
    if (!options.keepBlobsNewerThan)
        options.keepBlobsNewerThan = std::chrono::hours(1);
    options.uploadsOlderThan.reset(); // uploads in progress are never touched online
    std::unique_lock gate(m_gcGate);
    if (!m_store.exists()) { // nothing pushed yet: nothing to collect
        storage::GcReport empty;
        empty.dryRun = options.dryRun;
        return empty;
    }
    storage::GarbageCollector collector(m_root);
    return collector.run(options);
}

HttpResponse RegistryApi::adminGarbageCollect(const HttpRequest &request)
{
    // Admin: with htpasswd every request is authenticated already (begin());
    // without it, only a client on this machine may collect.
    if (!m_options.htpasswd && !request.fromLoopback)
        return error(403, "DENIED",
                     "garbage collection without authentication is allowed from this machine "
                     "only; configure auth.htpasswd to collect remotely");
    auto flag = [&request](const char *name) {
        const auto v = request.queryValue(name);
        return v && (*v == "true" || *v == "1" || v->empty());
    };
    storage::GcOptions options;
    options.dryRun = flag("dry-run");
    options.deleteUntagged = flag("delete-untagged");
    options.pruneEmptyRepositories = flag("prune-empty-repos");
    if (options.deleteUntagged && !m_options.deleteEnabled && !options.dryRun)
        return error(405, "UNSUPPORTED",
                     "deletes are disabled on this registry (storage.delete.enabled)");
    auto report = collectGarbage(options);
    if (!report.ok())
        return error(500, "UNKNOWN", report.error().message);
    HttpResponse r;
    r.status = 200;
    r.body = report->toJson();
    r.addHeader("Content-Type", "application/json");
    return r;
}

HttpResponse RegistryApi::adminRemoveRepository(const HttpRequest &request, const std::string &name)
{
    if (!m_options.htpasswd && !request.fromLoopback)
        return error(403, "DENIED",
                     "removing repositories without authentication is allowed from this machine "
                     "only; configure auth.htpasswd to do it remotely");
    if (!m_options.deleteEnabled)
        return error(405, "UNSUPPORTED",
                     "deletes are disabled on this registry (storage.delete.enabled)");
    // Exclusive: no push can start into the repository while it goes.
    std::unique_lock gate(m_gcGate);
    const Status removed = storage::removeEmptyRepository(m_root, name);
    if (removed.ok())
        return empty(204);
    const std::string &code = removed.error().code;
    if (code == "NOT_EMPTY")
        return error(409, "DENIED", removed.error().message);
    if (code == "NAME_UNKNOWN")
        return error(404, "NAME_UNKNOWN", removed.error().message);
    if (code == "NAME_INVALID")
        return error(400, "NAME_INVALID", removed.error().message);
    return error(500, "UNKNOWN", removed.error().message);
}

HttpResponse RegistryApi::ping() const
{
    return jsonResponse(200, nlohmann::json::object());
}

HttpResponse RegistryApi::catalog(const HttpRequest &request) const
{
    std::vector<std::string> repositories = m_store.repositories();
    HttpResponse response;
    paginate(request, repositories, "/v2/_catalog", response, componentLess);
    HttpResponse out = jsonResponse(200, {{"repositories", repositories}});
    for (auto &h : response.headers)
        out.headers.push_back(h);
    return out;
}

HttpResponse RegistryApi::tagsList(const HttpRequest &request, const std::string &name) const
{
    if (!repositoryExists(name))
        return error(404, "NAME_UNKNOWN", "repository name not known to registry");
    std::vector<std::string> tags;
    for (const auto &t : m_store.tags(name))
        tags.push_back(t.tag);
    std::sort(tags.begin(), tags.end());
    HttpResponse response;
    paginate(request, tags, "/v2/" + name + "/tags/list", response, std::less<>());
    HttpResponse out = jsonResponse(200, {{"name", name}, {"tags", tags}});
    for (auto &h : response.headers)
        out.headers.push_back(h);
    return out;
}

HttpResponse RegistryApi::getManifest(const HttpRequest &, const std::string &name,
                                      const std::string &reference) const
{
    std::optional<oci::Digest> digest;
    if (reference.find(':') != std::string::npos) {
        auto parsed = oci::Digest::parse(reference);
        if (!parsed.ok())
            return errorFromStatus(parsed.error());
        auto link = m_store.layout().revisionLinkPath(name, *parsed);
        std::error_code ec;
        if (!link.ok() || !fs::exists(*link, ec))
            return error(404, "MANIFEST_UNKNOWN", "manifest unknown");
        digest = *parsed;
    } else {
        // No manifest can be known by a name that is no valid tag: 404, as
        // distribution answers and the conformance suite expects.
        if (auto v = oci::validateTag(reference); !v.ok())
            return error(404, "MANIFEST_UNKNOWN", "manifest unknown: " + v.error().message);
        auto current = m_store.layout().tagCurrentLinkPath(name, reference);
        auto target =
            current.ok() ? storage::readLink(*current) : Result<oci::Digest>(current.error());
        if (!target.ok())
            return error(404, "MANIFEST_UNKNOWN", "manifest unknown");
        digest = *target;
    }
    auto bytes = m_store.readBlob(*digest, m_options.maxManifestBytes);
    if (!bytes.ok())
        return error(404, "MANIFEST_UNKNOWN", "manifest unknown");
    auto parsed = oci::parseManifest(*bytes);
    HttpResponse r;
    r.status = 200;
    r.addHeader("Content-Type", parsed.ok() ? std::string(parsed->mediaType())
                                            : std::string(oci::media_type::OciManifest));
    r.addHeader("Docker-Content-Digest", digest->toString());
    r.addHeader("ETag", "\"" + digest->toString() + "\"");
    r.body = std::move(bytes.value());
    return r;
}

HttpResponse RegistryApi::putManifest(const HttpRequest &request, const std::string &name,
                                      const std::string &reference, const std::string &body)
{
    const std::string contentType = request.header("content-type").value_or("");
    auto parsed = oci::parseManifest(body, contentType);
    if (!parsed.ok())
        return error(400, "MANIFEST_INVALID", parsed.error().message);
    const oci::Digest digest = oci::Digest::sha256Of(body);
    std::optional<std::string_view> tag;
    if (reference.find(':') != std::string::npos) {
        auto asked = oci::Digest::parse(reference);
        if (!asked.ok())
            return errorFromStatus(asked.error());
        if (*asked != digest)
            return error(400, "DIGEST_INVALID",
                         "manifest content does not match the digest in the URL");
    } else {
        if (auto v = oci::validateTag(reference); !v.ok())
            return errorFromStatus(v.error());
        tag = reference;
    }
    std::shared_lock gate(m_gcGate);
    // Everything the manifest references must be there.
    for (const oci::Descriptor &d : parsed->references()) {
        if (!d.urls.empty())
            continue; // foreign layer, stored elsewhere
        if (parsed->isIndex()) {
            auto link = m_store.layout().revisionLinkPath(name, d.digest);
            std::error_code ec;
            if (!link.ok() || !fs::exists(*link, ec))
                return error(400, "MANIFEST_BLOB_UNKNOWN",
                             "index references unknown manifest " + d.digest.toString());
        } else if (!m_store.blobSize(d.digest)) {
            return error(400, "MANIFEST_BLOB_UNKNOWN",
                         "manifest references unknown blob " + d.digest.toString());
        } else if (!blobLinked(name, d.digest)) {
            (void)m_writer.mountBlob(name, d.digest);
        }
    }
    if (auto s = m_writer.putManifest(name, body, digest, tag); !s.ok())
        return errorFromStatus(s.error());
    HttpResponse r = empty(201);
    r.addHeader("Location", "/v2/" + name + "/manifests/" + digest.toString());
    r.addHeader("Docker-Content-Digest", digest.toString());
    if (const auto subject = parsed->subject())
        r.addHeader("OCI-Subject", subject->digest.toString());
    return r;
}

HttpResponse RegistryApi::deleteManifest(const std::string &name, const std::string &reference)
{
    if (!m_options.deleteEnabled)
        return error(405, "UNSUPPORTED",
                     "deletes are disabled on this registry (storage.delete.enabled)");
    std::shared_lock gate(m_gcGate);
    if (reference.find(':') == std::string::npos) {
        if (auto v = oci::validateTag(reference); !v.ok())
            return errorFromStatus(v.error());
        if (auto s = m_writer.deleteTag(name, reference); !s.ok())
            return errorFromStatus(s.error());
        return empty(202);
    }
    auto digest = oci::Digest::parse(reference);
    if (!digest.ok())
        return errorFromStatus(digest.error());
    if (auto s = m_writer.deleteManifest(name, *digest); !s.ok())
        return errorFromStatus(s.error());
    return empty(202);
}

HttpResponse RegistryApi::getBlob(const HttpRequest &request, const std::string &name,
                                  const std::string &digestText) const
{
    auto digest = oci::Digest::parse(digestText);
    if (!digest.ok())
        return errorFromStatus(digest.error());
    // A HEAD is how a pushing client learns it can skip an upload; the
    // manifest referencing the blob follows. Under the GC gate, an old blob's
    // time is refreshed so an online collection keeps it until then (and a
    // collection already running finishes first: then the answer is 404).
    std::shared_lock gate(m_gcGate, std::defer_lock);
    if (request.method == "HEAD")
        gate.lock();
    if (!blobLinked(name, *digest))
        return error(404, "BLOB_UNKNOWN", "blob unknown to registry");
    const fs::path path = m_store.layout().blobDataPath(*digest);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    struct stat st
    {
    };
    if (fd < 0 || ::fstat(fd, &st) != 0) {
        if (fd >= 0)
            ::close(fd);
        return error(404, "BLOB_UNKNOWN", "blob unknown to registry");
    }
    if (gate.owns_lock() && st.st_mtime < std::time(nullptr) - 1800)
        ::futimens(fd, nullptr); // needs no write access to the data: owner's right
    HttpResponse r;
    r.status = 200;
    r.fileFd = fd;
    r.fileOffset = 0;
    r.fileLength = static_cast<std::uint64_t>(st.st_size);
    r.addHeader("Content-Type", "application/octet-stream");
    r.addHeader("Docker-Content-Digest", digest->toString());
    r.addHeader("ETag", "\"" + digest->toString() + "\"");
    r.addHeader("Accept-Ranges", "bytes");
    if (const auto range = request.header("range");
        range && range->starts_with("bytes=") && request.method == "GET") {
        // One range, "bytes=a-b" or "bytes=a-".
        const std::string spec = range->substr(6);
        const auto dash = spec.find('-');
        std::uint64_t first = 0;
        std::uint64_t last = r.fileLength ? r.fileLength - 1 : 0;
        const bool okFirst =
            dash != std::string::npos && dash > 0 &&
            std::from_chars(spec.data(), spec.data() + dash, first).ec == std::errc();
        const bool okLast =
            dash != std::string::npos &&
            (dash + 1 == spec.size() ||
             std::from_chars(spec.data() + dash + 1, spec.data() + spec.size(), last).ec ==
                 std::errc());
        if (!okFirst || !okLast || first > last || first >= r.fileLength) {
            HttpResponse bad = error(416, "BLOB_UNKNOWN", "requested range not satisfiable");
            bad.addHeader("Content-Range", "bytes */" + std::to_string(st.st_size));
            return bad;
        }
        last = std::min<std::uint64_t>(last, r.fileLength - 1);
        r.status = 206;
        r.fileOffset = first;
        r.fileLength = last - first + 1;
        r.addHeader("Content-Range", "bytes " + std::to_string(first) + "-" + std::to_string(last) +
                                         "/" + std::to_string(st.st_size));
    }
    return r;
}

HttpResponse RegistryApi::deleteBlob(const std::string &name, const std::string &digestText)
{
    if (!m_options.deleteEnabled)
        return error(405, "UNSUPPORTED",
                     "deletes are disabled on this registry (storage.delete.enabled)");
    auto digest = oci::Digest::parse(digestText);
    if (!digest.ok())
        return errorFromStatus(digest.error());
    std::shared_lock gate(m_gcGate);
    if (auto s = m_writer.deleteLayerLink(name, *digest); !s.ok())
        return errorFromStatus(s.error());
    return empty(202);
}

std::unique_ptr<RegistryApi::Exchange> RegistryApi::startUpload(const HttpRequest &request,
                                                                const std::string &name)
{
    if (const auto mount = request.queryValue("mount")) {
        auto digest = oci::Digest::parse(*mount);
        if (!digest.ok())
            return std::make_unique<FixedExchange>(errorFromStatus(digest.error()));
        const auto from = request.queryValue("from");
        std::shared_lock gate(m_gcGate);
        const bool available =
            m_store.blobSize(*digest) &&
            (!from || (oci::validateRepositoryName(*from).ok() && blobLinked(*from, *digest)));
        if (available && m_writer.mountBlob(name, *digest).ok()) {
            HttpResponse r = empty(201);
            r.addHeader("Location", "/v2/" + name + "/blobs/" + digest->toString());
            r.addHeader("Docker-Content-Digest", digest->toString());
            return std::make_unique<FixedExchange>(std::move(r));
        }
        // Not mountable: start an ordinary upload, as the spec says.
    }
    // Shared with other writers, exclusive with a repository's removal: an
    // upload starting now is either seen by it (and the removal refused) or
    // starts after it, in a fresh folder.
    auto uuid = [&] {
        std::shared_lock gate(m_gcGate);
        return m_writer.startUpload(name);
    }();
    if (!uuid.ok())
        return std::make_unique<FixedExchange>(errorFromStatus(uuid.error()));
    if (const auto digest = request.queryValue("digest"))
        return std::make_unique<UploadExchange>(*this, UploadExchange::Kind::Monolithic, name,
                                                *uuid, digest, std::nullopt);
    HttpResponse r = empty(202);
    r.addHeader("Location", "/v2/" + name + "/blobs/uploads/" + *uuid);
    r.addHeader("Range", "0-0");
    r.addHeader("Docker-Upload-UUID", *uuid);
    return std::make_unique<FixedExchange>(std::move(r));
}

HttpResponse RegistryApi::uploadStatus(const std::string &name, const std::string &uuid)
{
    auto path = m_writer.uploadDataPath(name, uuid);
    if (!path.ok())
        return errorFromStatus(path.error());
    std::error_code ec;
    const auto size = fs::file_size(*path, ec);
    HttpResponse r = empty(204);
    r.addHeader("Location", "/v2/" + name + "/blobs/uploads/" + uuid);
    r.addHeader("Range", "0-" + std::to_string(size ? size - 1 : 0));
    r.addHeader("Docker-Upload-UUID", uuid);
    return r;
}

std::size_t RegistryApi::uploadsInMemory() const
{
    std::lock_guard lock(m_uploadsMutex);
    return m_uploads.size();
}

void RegistryApi::pruneIdleUploads(std::chrono::steady_clock::time_point now)
{
    // At most one sweep per idle period: cheap however many uploads run.
    if (now - m_lastUploadPrune < m_options.uploadStateIdle)
        return;
    m_lastUploadPrune = now;
    std::erase_if(m_uploads, [&](const auto &entry) {
        return !entry.second.busy && now - entry.second.lastUsed >= m_options.uploadStateIdle;
    });
}

HttpResponse RegistryApi::cancelUpload(const std::string &name, const std::string &uuid)
{
    if (auto s = m_writer.cancelUpload(name, uuid); !s.ok())
        return errorFromStatus(s.error());
    std::lock_guard lock(m_uploadsMutex);
    m_uploads.erase(uuid);
    return empty(204);
}

HttpResponse RegistryApi::referrers(const HttpRequest &request, const std::string &name,
                                    const std::string &digestText) const
{
    auto subject = oci::Digest::parse(digestText);
    if (!subject.ok())
        return errorFromStatus(subject.error());
    const auto artifactType = request.queryValue("artifactType");
    nlohmann::json manifests = nlohmann::json::array();
    for (const oci::Digest &r : m_store.revisions(name)) {
        auto bytes = m_store.readBlob(r, m_options.maxManifestBytes);
        if (!bytes.ok())
            continue;
        auto parsed = oci::parseManifest(*bytes);
        if (!parsed.ok() || !parsed->subject() || parsed->subject()->digest != *subject)
            continue;
        std::string type;
        std::map<std::string, std::string> annotations;
        if (const auto *image = parsed->image()) {
            type = image->artifactType.empty() ? image->config.mediaType : image->artifactType;
            annotations = image->annotations;
        } else if (const auto *index = parsed->index()) {
            type = index->artifactType;
            annotations = index->annotations;
        }
        if (artifactType && type != *artifactType)
            continue;
        nlohmann::json d{{"mediaType", std::string(parsed->mediaType())},
                         {"digest", r.toString()},
                         {"size", bytes->size()},
                         {"artifactType", type}};
        if (!annotations.empty())
            d["annotations"] = annotations;
        manifests.push_back(d);
    }
    HttpResponse out = jsonResponse(200,
                                    {{"schemaVersion", 2},
                                     {"mediaType", std::string(oci::media_type::OciIndex)},
                                     {"manifests", manifests}},
                                    std::string(oci::media_type::OciIndex));
    if (artifactType)
        out.addHeader("OCI-Filters-Applied", "artifactType");
    return out;
}

} // namespace berth::server

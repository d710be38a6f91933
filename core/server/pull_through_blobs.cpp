// PullThrough's blobs: streamed to their clients while they are fetched
// (BlobFill, MirrorBlobExchange), HEADs asked upstream.
#include "server/pull_through.h"

#include "server/blob_endpoints.h"
#include "server/blob_fill.h"
#include "server/fixed_exchange.h"
#include "server/mirror_blob_exchange.h"
#include "server/registry_context.h"

#include "oci/digest.h"
#include "oci/digest_hasher.h"

#include <charconv>
#include <cstdio>
#include <fcntl.h>
#include <shared_mutex>
#include <unistd.h>

namespace berth::server {

namespace {

// Fills waiting or running, in all; past that: 503, Retry-After. Their
// clients wait suspended, holding no thread.
constexpr std::size_t kMaxFills = 256;

std::optional<std::uint64_t> decimal(const std::string &text)
{
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

// The length a HEAD announces; there is no body to read.
class NoBody final : public BodyStream
{
public:
    Chunk read(std::uint64_t, char *, std::size_t, const std::function<bool()> &,
               std::function<void()>, const void *) override
    {
        return {Chunk::Kind::Failed, 0};
    }
    void forget(const void *) override {}
};

} // namespace

std::unique_ptr<ApiExchange> PullThrough::blob(const HttpRequest &request, const MirroredName &name,
                                               const oci::Digest &digest)
{
    const bool stored = m_context.store.blobSize(digest).has_value();
    if (stored && m_context.blobLinked(name.local, digest))
        return nullptr;
    // Pulled before for another repository: linked here, not fetched again —
    // but a HEAD (a push checking what to upload) links nothing into a
    // repository the mirror has not pulled (it would appear in the catalog
    // with nothing in it): the stored size answers it, upstream or not.
    if (stored && request.method == "HEAD" && !m_context.repositoryExists(name.local))
        return std::make_unique<FixedExchange>(blobHead(digest, m_context.store.blobSize(digest)));
    if (stored) {
        std::shared_lock gate(m_context.gcGate);
        if (m_context.writer.mountBlob(name.local, digest).ok())
            return nullptr;
    }
    if (request.method == "HEAD")
        return std::make_unique<FixedExchange>(headBlob(name, digest));
    const std::string key = name.local + "@" + digest.toString();
    std::shared_ptr<BlobFill> fill;
    {
        const std::lock_guard lock(m_mutex);
        if (const auto it = m_blobFills.find(key); it != m_blobFills.end())
            fill = it->second; // on its way: this client reads the same fill
        else if (m_context.store.blobSize(digest) && m_context.blobLinked(name.local, digest))
            return nullptr; // stored since we looked (a fill is stored, then let go)
        else if (upstreamResting())
            return std::make_unique<FixedExchange>(upstreamRestingRefusal().response());
        else if (m_blobFills.size() >= kMaxFills)
            return std::make_unique<FixedExchange>(tooBusy().response());
        if (!fill) {
            fill = std::make_shared<BlobFill>();
            m_blobFills.emplace(key, fill);
            m_fillers->post([this, name, digest, key, fill] {
                fillBlob(name, digest, *fill);
                const std::lock_guard done(m_mutex);
                m_blobFills.erase(key);
            });
        }
    }
    return std::make_unique<MirrorBlobExchange>(std::move(fill), request, digest);
}

HttpResponse PullThrough::headBlob(const MirroredName &name, const oci::Digest &digest)
{
    std::optional<std::uint64_t> length;
    {
        const std::lock_guard lock(m_mutex);
        if (const auto it = m_blobFills.find(name.local + "@" + digest.toString());
            it != m_blobFills.end())
            length = it->second->length(); // known once the upstream answered
        if (!length && upstreamResting())
            return upstreamRestingRefusal().response();
        if (!length && !takeBusy())
            return tooBusy().response();
    }
    if (!length) {
        // A HEAD upstream: asking whether a blob exists costs no download.
        const BusySlot slot(*this);
        upstream::UpstreamRequest ask;
        ask.method = "HEAD";
        ask.path = "/v2/" + name.upstream + "/blobs/" + digest.toString();
        ask.scope = "repository:" + name.upstream + ":pull";
        const auto response = m_client.fetch(ask, {});
        if (!response.ok()) {
            upstreamFailed(response.error());
            return unreachable(response.error())->response();
        }
        if (response->status != 200)
            return refusalFor(*response, "BLOB_UNKNOWN", "blob " + digest.toString())->response();
        length = decimal(response->header("content-length"));
    }
    return blobHead(digest, length);
}

HttpResponse PullThrough::blobHead(const oci::Digest &digest, std::optional<std::uint64_t> length)
{
    HttpResponse r;
    r.status = 200;
    BlobEndpoints::addBlobHeaders(r, digest, length.has_value());
    r.stream = std::make_shared<NoBody>();
    r.streamLengthKnown = length.has_value();
    r.fileLength = length.value_or(0);
    return r;
}

void PullThrough::fillBlob(const MirroredName &name, const oci::Digest &digest, BlobFill &fill)
{
    Outcome outcome = MirrorRefusal{503, "UNAVAILABLE", "the mirror is shutting down", {}};
    try {
        if (!m_closing)
            outcome = fetchBlob(name, digest, fill);
    } catch (const std::exception &e) {
        outcome = MirrorRefusal{500, "UNKNOWN", std::string("the fill failed: ") + e.what(), {}};
    }
    // Settled either way: readers and requests waiting on it never hang.
    // (fetchBlob settles it as verified itself, before the blob is stored.)
    if (outcome)
        fill.failed(*outcome);
}

PullThrough::Outcome PullThrough::fetchBlob(const MirroredName &name, const oci::Digest &digest,
                                            BlobFill &fill)
{
    auto uuid = m_context.writer.startUpload(name.local);
    if (!uuid.ok())
        return MirrorRefusal{500, "UNKNOWN", "cannot store: " + uuid.error().message, {}};
    // Whatever happens below, an upload session that did not become the
    // blob is removed.
    struct Session
    {
        RegistryContext &context;
        const std::string &name;
        const std::string &uuid;
        bool committed = false;
        ~Session()
        {
            if (!committed)
                (void)context.writer.cancelUpload(name, uuid);
        }
    } session{m_context, name.local, *uuid};
    auto path = m_context.writer.uploadDataPath(name.local, *uuid);
    const int fd = path.ok() ? ::open(path->c_str(), O_RDWR | O_TRUNC | O_CLOEXEC) : -1;
    if (fd < 0)
        return MirrorRefusal{500, "UNKNOWN", "cannot write the blob into the store", {}};
    fill.begin(fd);
    oci::DigestHasher hasher(digest.algorithm());
    upstream::UpstreamRequest request;
    request.path = "/v2/" + name.upstream + "/blobs/" + digest.toString();
    request.scope = "repository:" + name.upstream + ":pull";
    bool diskFailed = false;
    const auto response = m_client.fetch(
        request,
        [&](std::string_view chunk) {
            hasher.update(chunk);
            diskFailed = !fill.append(chunk);
            return !diskFailed;
        },
        [&fill](const upstream::UpstreamResponse &head) {
            if (head.status == 200)
                fill.arriving(decimal(head.header("content-length")));
        });
    if (diskFailed)
        return MirrorRefusal{500, "UNKNOWN", "the mirror could not write the blob to its disk", {}};
    if (!response.ok()) {
        upstreamFailed(response.error());
        return unreachable(response.error());
    }
    if (response->status != 200)
        return refusalFor(*response, "BLOB_UNKNOWN", "blob " + digest.toString());
    const std::uint64_t length = hasher.bytesHashed();
    const oci::Digest actual = hasher.finish();
    if (actual != digest)
        return MirrorRefusal{502,
                             "DIGEST_INVALID",
                             "the upstream sent bytes that do not match " + digest.toString() +
                                 "; nothing was stored",
                             {}};
    // Right: the clients may have the last byte now, while it is stored.
    fill.verified();
    std::shared_lock gate(m_context.gcGate);
    auto committed = m_context.writer.commitUpload(
        name.local, *uuid, digest, storage::RegistryWriter::StreamedHash{actual, length});
    if (!committed.ok()) {
        std::fprintf(stderr, "berth-registry: mirror: storing %s failed: %s\n",
                     digest.toString().c_str(), committed.error().message.c_str());
        return std::nullopt; // served all the same; fetched again next time
    }
    session.committed = true;
    gate.unlock();
    if (m_stored)
        m_stored(length);
    return std::nullopt;
}

} // namespace berth::server

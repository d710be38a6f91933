#include "server/pull_through.h"

#include "server/blob_fill.h"
#include "server/registry_context.h"
#include "server/upstream_list.h"

#include "oci/digest.h"
#include "oci/digest_hasher.h"
#include "oci/media_types.h"
#include "oci/name_rules.h"
#include "oci/parsed_manifest.h"
#include "protocol/registry_error_body.h"
#include "storage/file_io.h"
#include "storage/mirror_mark.h"

#include <cstdio>
#include <shared_mutex>

namespace berth::server {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxRemembered = 1024;
// Half of the request workers at most wait for the upstream.
constexpr int kMaxBusy = 4;
// Blobs filled at once; more wait in line (pull_through_blobs.cpp).
constexpr std::size_t kFillThreads = 16;
// After the upstream failed to answer, cached content is served without
// asking it again for this long (a mirror offline must stay quick).
constexpr std::chrono::seconds kUpstreamBackoff{30};

bool isDigestReference(const std::string &reference)
{
    return reference.find(':') != std::string::npos;
}

} // namespace

PullThrough::PullThrough(RegistryContext &context, MirrorUpstream options, std::atomic<int> &busy,
                         StoredBytes stored)
    : m_context(context)
    , m_options(std::move(options))
    , m_client(m_options.upstream)
    , m_busy(busy)
    , m_stored(std::move(stored))
    , m_fillers(std::make_unique<WorkerPool>(kFillThreads))
{
}

PullThrough::~PullThrough()
{
    abandon();
    m_fillers.reset(); // joins: each fill ends at once, failed
}

void PullThrough::abandon()
{
    m_closing = true;
    m_client.abort();
}

bool PullThrough::takeBusy()
{
    // Waiting for an upstream holds a request worker: past the cap (for all
    // upstreams together) the client is told to come back, so cached reads,
    // logins and writes keep their workers.
    int busy = m_busy.load();
    while (busy < kMaxBusy) {
        if (m_busy.compare_exchange_weak(busy, busy + 1))
            return true;
    }
    return false;
}

void PullThrough::releaseBusy()
{
    --m_busy;
}

MirrorRefusal PullThrough::upstreamRestingRefusal() const
{
    return {502,
            "UNAVAILABLE",
            "the mirror's upstream " + m_options.upstream.url +
                " cannot be reached (it failed moments ago)",
            {}};
}

MirrorRefusal PullThrough::tooBusy()
{
    return {503, "TOOMANYREQUESTS", "the mirror is busy fetching from its upstream; retry shortly",
            "1"};
}

std::optional<HttpResponse> PullThrough::answer(const Outcome &outcome)
{
    if (!outcome)
        return std::nullopt;
    return outcome->response();
}

template <class Fill> PullThrough::Outcome PullThrough::once(const std::string &key, Fill fill)
{
    {
        const std::lock_guard lock(m_mutex);
        if (!takeBusy())
            return tooBusy();
    }
    const BusySlot slot(*this); // given back after `lock` below is released
    std::unique_lock lock(m_mutex);
    if (m_filling.count(key)) {
        // Someone is fetching it: its outcome is ours.
        m_filled.wait(lock, [&] { return !m_filling.count(key); });
        const auto it = m_lastOutcome.find(key);
        return it == m_lastOutcome.end() ? Outcome{} : it->second;
    }
    m_filling.insert(key);
    struct Done
    {
        PullThrough &self;
        std::unique_lock<std::mutex> &lock;
        const std::string &key;
        Outcome outcome = MirrorRefusal{500, "UNKNOWN", "the fill failed", {}};
        ~Done()
        {
            // Also when fill() throws: the key is free again and waiters wake.
            if (!lock.owns_lock())
                lock.lock();
            self.m_filling.erase(key);
            if (self.m_lastOutcome.size() >= kMaxRemembered)
                self.m_lastOutcome.clear();
            self.m_lastOutcome[key] = outcome;
            self.m_filled.notify_all();
        }
    } done{*this, lock, key};
    lock.unlock();
    done.outcome = fill();
    return done.outcome;
}

bool PullThrough::upstreamResting() const
{
    return std::chrono::steady_clock::now().time_since_epoch().count() < m_upstreamDownUntil;
}

void PullThrough::upstreamFailed(const Error &error)
{
    if (error.code != "UPSTREAM_UNREACHABLE")
        return; // it answered (a refusal, a bad token answer): not down
    m_upstreamDownUntil =
        (std::chrono::steady_clock::now() + kUpstreamBackoff).time_since_epoch().count();
}

PullThrough::Outcome PullThrough::unreachable(const Error &error) const
{
    std::fprintf(stderr, "berth-registry: mirror: %s: %s\n", m_options.upstream.url.c_str(),
                 error.message.c_str());
    if (error.code == "UPSTREAM_UNAUTHORIZED")
        return MirrorRefusal{502,
                             "UNAUTHORIZED",
                             "the mirror's login at its upstream was refused: " + error.message,
                             {}};
    return MirrorRefusal{502,
                         "UNAVAILABLE",
                         "the mirror's upstream " + m_options.upstream.url +
                             " cannot be reached: " + error.message,
                         {}};
}

PullThrough::Outcome PullThrough::refusalFor(const upstream::UpstreamResponse &response,
                                             const char *unknownCode, const std::string &what) const
{
    const auto reason = protocol::RegistryErrorBody::parse(response.errorBody);
    const std::string because =
        reason.message.empty() ? std::string() : " (upstream: " + reason.message + ")";
    if (response.status == 404)
        return MirrorRefusal{404, unknownCode, what + " unknown to the upstream" + because, {}};
    if (response.status == 429)
        return MirrorRefusal{429, "TOOMANYREQUESTS", "the upstream limits pulls" + because,
                             response.header("retry-after")};
    if (response.status == 403)
        return MirrorRefusal{403, "DENIED", "the upstream denies " + what + because, {}};
    return MirrorRefusal{502,
                         "UNAVAILABLE",
                         "the upstream answered HTTP " + std::to_string(response.status) + " for " +
                             what + because,
                         {}};
}
std::optional<HttpResponse> PullThrough::ensureManifest(const MirroredName &name,
                                                        const std::string &reference)
{
    const storage::Layout &layout = m_context.store.layout();
    std::error_code ec;
    if (isDigestReference(reference)) {
        auto digest = oci::Digest::parse(reference);
        if (!digest.ok())
            return std::nullopt; // the store's own answer names the fault
        auto link = layout.revisionLinkPath(name.local, *digest);
        if (link.ok() && fs::exists(*link, ec) && m_context.store.blobSize(*digest))
            return std::nullopt; // content addressed: cached is current
        return answer(once("manifest " + name.local + "@" + reference,
                           [&] { return fillManifest(name, reference, false); }));
    }
    if (!oci::validateTag(reference).ok())
        return std::nullopt;
    auto current = layout.tagCurrentLinkPath(name.local, reference);
    const bool cached = current.ok() && fs::exists(*current, ec);
    const std::string key = name.local + ":" + reference;
    if (cached && upstreamResting())
        return std::nullopt; // it failed a moment ago: the cached tag, at once
    if (cached) {
        const std::lock_guard lock(m_mutex);
        const auto it = m_resolved.find(key);
        if (it != m_resolved.end() && m_options.ttl.count() > 0 &&
            std::chrono::steady_clock::now() - it->second < m_options.ttl)
            return std::nullopt; // asked recently enough
    }
    return answer(once("tag " + key, [&]() -> Outcome {
        // Stale: a HEAD tells whether the cached digest is still the tag's.
        if (cached) {
            if (auto digest = storage::readLink(*current);
                digest.ok() && stillCurrent(name, reference, *digest))
                return std::nullopt;
        }
        return fillManifest(name, reference, cached);
    }));
}

bool PullThrough::stillCurrent(const MirroredName &name, const std::string &tag,
                               const oci::Digest &cached)
{
    // A HEAD (which Docker Hub does not count as a pull) tells whether the
    // tag still points where the cache has it.
    upstream::UpstreamRequest request;
    request.method = "HEAD";
    request.path = "/v2/" + name.upstream + "/manifests/" + tag;
    request.scope = "repository:" + name.upstream + ":pull";
    request.headers = {{"Accept", std::string(oci::media_type::manifestAcceptHeader())}};
    const auto response = m_client.fetch(request, {});
    if (!response.ok() || response->status != 200 ||
        response->header("docker-content-digest") != cached.toString())
        return false; // moved, or no answer: the GET decides (and falls back to the cache)
    const std::lock_guard lock(m_mutex);
    m_resolved[name.local + ":" + tag] = std::chrono::steady_clock::now();
    return true;
}

PullThrough::Outcome PullThrough::fillManifest(const MirroredName &name,
                                               const std::string &reference, bool cached)
{
    upstream::UpstreamRequest request;
    request.path = "/v2/" + name.upstream + "/manifests/" + reference;
    request.scope = "repository:" + name.upstream + ":pull";
    request.headers = {{"Accept", std::string(oci::media_type::manifestAcceptHeader())}};
    std::string body;
    bool tooBig = false;
    const std::size_t limit = m_context.options.maxManifestBytes;
    auto response = m_client.fetch(request, [&](std::string_view chunk) {
        if (body.size() + chunk.size() > limit) {
            tooBig = true;
            return false;
        }
        body.append(chunk);
        return true;
    });
    if (tooBig)
        return MirrorRefusal{502,
                             "MANIFEST_INVALID",
                             "the upstream's manifest is larger than " + std::to_string(limit) +
                                 " bytes",
                             {}};
    const bool upstreamDown = !response.ok() || response->status >= 500;
    if (!response.ok())
        upstreamFailed(response.error());
    if (upstreamDown && cached) {
        // Offline (or failing): the cached tag is what the mirror has.
        if (!response.ok())
            std::fprintf(stderr, "berth-registry: mirror: serving cached %s:%s: %s\n",
                         name.local.c_str(), reference.c_str(), response.error().message.c_str());
        return std::nullopt;
    }
    if (!response.ok())
        return unreachable(response.error());
    if (response->status != 200)
        return refusalFor(*response, "MANIFEST_UNKNOWN",
                          "manifest " + name.upstream + ":" + reference);
    std::optional<oci::Digest> askedDigest;
    if (isDigestReference(reference)) {
        auto parsedDigest = oci::Digest::parse(reference);
        if (parsedDigest.ok())
            askedDigest = *parsedDigest;
    }
    oci::DigestHasher bodyHasher(askedDigest ? askedDigest->algorithm()
                                             : oci::DigestAlgorithm::Sha256);
    bodyHasher.update(body);
    const oci::Digest digest = bodyHasher.finish();
    const std::string announced = response->header("docker-content-digest");
    const bool asked = isDigestReference(reference);
    if ((asked && digest.toString() != reference) ||
        (!announced.empty() && !asked && announced != digest.toString()))
        return MirrorRefusal{502,
                             "DIGEST_INVALID",
                             "the upstream's manifest for " + name.upstream + ":" + reference +
                                 " does not match its digest; nothing was stored",
                             {}};
    auto parsed = oci::parseManifest(body, response->header("content-type"));
    if (!parsed.ok())
        return MirrorRefusal{502,
                             "MANIFEST_INVALID",
                             "the upstream's manifest is invalid: " + parsed.error().message,
                             {}};
    {
        std::shared_lock gate(m_context.gcGate);
        const std::optional<std::string_view> tag =
            asked ? std::nullopt : std::optional<std::string_view>(reference);
        // A manifest already here (pushed before the name came under this
        // upstream) keeps its standing: only what the mirror brought in is
        // ever evicted.
        const auto link = m_context.store.layout().revisionLinkPath(name.local, digest);
        std::error_code ec;
        const bool had = link.ok() && fs::exists(*link, ec);
        if (auto stored = m_context.writer.putManifest(name.local, body, digest, tag); !stored.ok())
            return MirrorRefusal{
                500, "UNKNOWN", "storing the manifest failed: " + stored.error().message, {}};
        if (!had)
            storage::MirrorMark(m_context.store.layout()).mark(name.local, digest);
    }
    if (!asked) {
        const std::lock_guard lock(m_mutex);
        m_resolved[name.local + ":" + reference] = std::chrono::steady_clock::now();
    }
    return std::nullopt;
}

std::optional<std::vector<std::string>> PullThrough::upstreamTags(const std::string &upstreamName)
{
    return upstreamList("/v2/" + upstreamName + "/tags/list", "tags",
                        "repository:" + upstreamName + ":pull",
                        [](const std::string &tag) { return oci::validateTag(tag).ok(); });
}

std::optional<std::vector<std::string>> PullThrough::upstreamRepositories()
{
    return upstreamList(
        "/v2/_catalog", "repositories", "registry:catalog:*",
        [](const std::string &repository) { return oci::validateRepositoryName(repository).ok(); });
}

std::optional<std::vector<std::string>>
PullThrough::upstreamList(const std::string &path, const char *field, const std::string &scope,
                          const std::function<bool(const std::string &)> &valid)
{
    if (upstreamResting() || !takeBusy())
        return std::nullopt;
    const BusySlot slot(*this);
    auto list = fetchUpstreamList(m_client, path, field, scope, valid);
    if (list.ok())
        return *std::move(list);
    upstreamFailed(list.error()); // the next lists answer from the store at once
    return std::nullopt;
}

} // namespace berth::server

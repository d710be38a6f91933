#include "relay/blob_relay.h"

#include "oci/digest.h"
#include "oci/digest_hasher.h"
#include "protocol/text.h"
#include "upstream/curl_url.h"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>

namespace berth::relay {

namespace {

using Clock = std::chrono::steady_clock;
using upstream::originOf;
using upstream::shownUrl;

constexpr std::size_t kRing = 1 << 20; // held between the two sockets
constexpr long kChunk = 256L * 1024;   // what curl hands over per callback
constexpr std::size_t kMaxAnswerBody = 64 * 1024;
constexpr int kPollMs = 100; // cancel and stall are looked at this often

std::int64_t millisecondsSince(Clock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// The contents of libcurl's default CA bundle (empty when it has none),
// read once per process.
const std::string &systemBundle()
{
    static const std::string pem = [] {
        std::string bytes;
        CURL *curl = curl_easy_init();
        char *path = nullptr;
        if (curl && curl_easy_getinfo(curl, CURLINFO_CAINFO, &path) == CURLE_OK && path) {
            std::ifstream in(path, std::ios::binary);
            bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
            if (!bytes.empty() && bytes.back() != '\n')
                bytes += '\n';
        }
        curl_easy_cleanup(curl);
        return bytes;
    }();
    return pem;
}

bool isRedirect(long status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// One easy handle and what it heard.
struct Side
{
    CURL *curl = nullptr;
    curl_slist *headers = nullptr;
    std::string url;
    RelayAnswer answer;
    bool paused = false;
    Clock::time_point started;
    std::array<char, CURL_ERROR_SIZE> error{};

    // Why a transfer that ended with `code` failed: curl's words for it.
    std::string failure(CURLcode code) const
    {
        return error[0] ? std::string(error.data()) : std::string(curl_easy_strerror(code));
    }

    void reset()
    {
        if (curl)
            curl_easy_cleanup(curl);
        curl_slist_free_all(headers);
        curl = nullptr;
        headers = nullptr;
        answer = {};
        paused = false;
        error.fill('\0');
    }
};

class Relay
{
public:
    Relay(const RelayRequest &request, const std::atomic<bool> &cancelled,
          const RelayProgress &progress)
        : m_request(request)
        , m_cancelled(cancelled)
        , m_progress(progress)
        , m_ring(kRing)
        , m_hasher(oci::DigestAlgorithm::Sha256)
        , m_sourceOrigin(originOf(request.source.url))
    {
    }

    ~Relay()
    {
        detach(m_source);
        detach(m_target);
        if (m_multi)
            curl_multi_cleanup(m_multi);
    }

    Relay(const Relay &) = delete;
    Relay &operator=(const Relay &) = delete;

    RelayResult run();

private:
    static std::size_t onHeader(char *data, std::size_t size, std::size_t count, void *side);
    static std::size_t onSourceBody(char *data, std::size_t size, std::size_t count, void *self);
    static std::size_t onTargetRead(char *data, std::size_t size, std::size_t count, void *self);
    static std::size_t onTargetBody(char *data, std::size_t size, std::size_t count, void *side);

    bool open(Side &side, const RelayEnd &end, const std::string &url, bool sendLogin);
    bool startSource(const std::string &url);
    bool startTarget();
    void detach(Side &side);
    void onSourceDone(CURLcode code);
    void onTargetDone(CURLcode code);
    std::size_t take(const char *data, std::size_t length);
    std::size_t give(char *data, std::size_t length);
    void wakeWaitingSide();
    void record(const Side &side, bool atTarget, const char *method, std::int64_t bytes,
                CURLcode code);
    void fail(RelayFailure kind, std::string message, RelayAnswer answer = {});
    RelayError failure();

    const RelayRequest &m_request;
    const std::atomic<bool> &m_cancelled;
    const RelayProgress &m_progress;
    CURLM *m_multi = nullptr;
    Side m_source;
    Side m_target;
    std::vector<char> m_ring;
    std::size_t m_head = 0; // next byte for the target
    std::size_t m_held = 0;
    std::int64_t m_received = 0; // from the source, hashed
    std::int64_t m_sent = 0;     // to the target
    std::int64_t m_reported = -1;
    bool m_lengthChecked = false;
    bool m_sourceComplete = false; // every byte in, size and digest right
    bool m_targetTook = false;     // the target answered 2xx to the whole body
    int m_redirects = 0;
    oci::DigestHasher m_hasher;
    std::string m_sourceOrigin;
    Clock::time_point m_lastMove = Clock::now();
    std::optional<RelayError> m_failure;
    std::vector<RelayExchange> m_exchanges;
};

std::size_t Relay::onHeader(char *data, std::size_t size, std::size_t count, void *side)
{
    auto *s = static_cast<Side *>(side);
    const std::size_t length = size * count;
    std::string line(data, length);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n'))
        line.pop_back();
    if (line.rfind("HTTP/", 0) == 0) { // a new answer (after a 100, or a redirect)
        s->answer.headers.clear();
        return length;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos)
        return length;
    s->answer.headers.emplace_back(protocol::asciiLower(line.substr(0, colon)),
                                   protocol::trimmed(line.substr(colon + 1)));
    return length;
}

std::size_t Relay::onSourceBody(char *data, std::size_t size, std::size_t count, void *self)
{
    return static_cast<Relay *>(self)->take(data, size * count);
}

std::size_t Relay::onTargetRead(char *data, std::size_t size, std::size_t count, void *self)
{
    return static_cast<Relay *>(self)->give(data, size * count);
}

std::size_t Relay::onTargetBody(char *data, std::size_t size, std::size_t count, void *side)
{
    auto *s = static_cast<Side *>(side);
    const std::size_t length = size * count;
    const std::size_t room = kMaxAnswerBody - std::min(kMaxAnswerBody, s->answer.body.size());
    s->answer.body.append(data, std::min(room, length));
    return length;
}

// The source's body: an error answer is kept for its words, a blob goes
// into the ring (hashed) while it has room; a full ring pauses the source.
std::size_t Relay::take(const char *data, std::size_t length)
{
    long status = 0;
    curl_easy_getinfo(m_source.curl, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status >= 300) {
        const std::size_t room =
            kMaxAnswerBody - std::min(kMaxAnswerBody, m_source.answer.body.size());
        m_source.answer.body.append(data, std::min(room, length));
        return length;
    }
    if (!m_lengthChecked) {
        m_lengthChecked = true;
        curl_off_t announced = -1;
        curl_easy_getinfo(m_source.curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
        if (announced >= 0 && announced != m_request.size) {
            fail(RelayFailure::WrongSize, shownUrl(m_source.url) + " announces " +
                                              std::to_string(announced) + " bytes, not " +
                                              std::to_string(m_request.size));
            return 0; // ends the transfer
        }
    }
    if (m_received + static_cast<std::int64_t>(length) > m_request.size) {
        fail(RelayFailure::WrongSize, shownUrl(m_source.url) + " sent more than " +
                                          std::to_string(m_request.size) + " bytes");
        return 0;
    }
    if (m_ring.size() - m_held < length) {
        m_source.paused = true;
        return CURL_WRITEFUNC_PAUSE; // handed over again once unpaused
    }
    m_hasher.update(data, length);
    std::size_t copied = 0;
    while (copied < length) {
        const std::size_t tail = (m_head + m_held) % m_ring.size();
        const std::size_t n = std::min(length - copied, m_ring.size() - tail);
        std::memcpy(m_ring.data() + tail, data + copied, n);
        m_held += n;
        copied += n;
    }
    m_received += static_cast<std::int64_t>(length);
    m_lastMove = Clock::now();
    return length;
}

// The target's body: what the ring holds; the end only once the source's
// bytes were all checked. An empty ring pauses the upload.
std::size_t Relay::give(char *data, std::size_t length)
{
    if (m_held == 0) {
        if (m_sourceComplete)
            return 0; // the end of the body
        m_target.paused = true;
        return CURL_READFUNC_PAUSE;
    }
    // Never the last byte before the digest is known: a target given the
    // whole body completes the upload whatever the bytes were.
    std::size_t allowed = m_held;
    if (!m_sourceComplete && m_sent + static_cast<std::int64_t>(m_held) >= m_request.size)
        allowed = m_held - 1;
    if (allowed == 0) {
        m_target.paused = true;
        return CURL_READFUNC_PAUSE;
    }
    const std::size_t n = std::min({length, allowed, m_ring.size() - m_head});
    std::memcpy(data, m_ring.data() + m_head, n);
    m_head = (m_head + n) % m_ring.size();
    m_held -= n;
    m_sent += static_cast<std::int64_t>(n);
    m_lastMove = Clock::now();
    return n;
}

bool Relay::open(Side &side, const RelayEnd &end, const std::string &url, bool sendLogin)
{
    side.reset();
    side.curl = curl_easy_init();
    side.url = url;
    side.answer.url = url;
    if (!side.curl) {
        fail(RelayFailure::Network, "libcurl could not make a handle");
        return false;
    }
    CURL *c = side.curl;
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROXY, ""); // none from the environment
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, m_request.userAgent.c_str());
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(m_request.stallTimeout.count()));
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, side.error.data());
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &Relay::onHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &side);
    if (!end.verifyTls) {
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
    } else if (!end.caPem.empty()) {
        // A CA blob replaces curl's CA bundle file: the bundle goes first in
        // it, so the system's CAs stay trusted beside the extra ones.
        const std::string trusted = systemBundle() + end.caPem;
        curl_blob blob{const_cast<char *>(trusted.data()), trusted.size(), CURL_BLOB_COPY};
        curl_easy_setopt(c, CURLOPT_CAINFO_BLOB, &blob);
    }
    if (sendLogin && !end.authorization.empty())
        side.headers =
            curl_slist_append(side.headers, ("Authorization: " + end.authorization).c_str());
    side.started = Clock::now();
    return true;
}

bool Relay::startSource(const std::string &url)
{
    // The login goes to the origin it was given for, never along a redirect
    // to another (a blob store's presigned URL needs none).
    if (!open(m_source, m_request.source, url, originOf(url) == m_sourceOrigin))
        return false;
    CURL *c = m_source.curl;
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, m_source.headers);
    curl_easy_setopt(c, CURLOPT_BUFFERSIZE, kChunk);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Relay::onSourceBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, this);
    m_lengthChecked = false;
    m_lastMove = Clock::now(); // a redirect starts the wait afresh
    return curl_multi_add_handle(m_multi, c) == CURLM_OK;
}

bool Relay::startTarget()
{
    if (!open(m_target, m_request.target, m_request.target.url, true))
        return false;
    m_target.headers =
        curl_slist_append(m_target.headers, "Content-Type: application/octet-stream");
    m_target.headers = curl_slist_append(m_target.headers, "Expect:"); // no 100-continue wait
    CURL *c = m_target.curl;
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L); // PUT
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(m_request.size));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, m_target.headers);
    curl_easy_setopt(c, CURLOPT_UPLOAD_BUFFERSIZE, kChunk);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, &Relay::onTargetRead);
    curl_easy_setopt(c, CURLOPT_READDATA, this);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Relay::onTargetBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &m_target);
    return curl_multi_add_handle(m_multi, c) == CURLM_OK;
}

void Relay::detach(Side &side)
{
    if (side.curl && m_multi)
        curl_multi_remove_handle(m_multi, side.curl);
    side.reset();
}

void Relay::record(const Side &side, bool atTarget, const char *method, std::int64_t bytes,
                   CURLcode code)
{
    RelayExchange e;
    e.atTarget = atTarget;
    e.method = method;
    e.url = side.url;
    curl_easy_getinfo(side.curl, CURLINFO_RESPONSE_CODE, &e.status);
    e.bytes = bytes;
    e.milliseconds = millisecondsSince(side.started);
    if (code != CURLE_OK)
        e.error = side.failure(code);
    m_exchanges.push_back(std::move(e));
}

void Relay::fail(RelayFailure kind, std::string message, RelayAnswer answer)
{
    if (m_failure)
        return; // the first cause is the one told
    RelayError error;
    error.kind = kind;
    error.message = std::move(message);
    error.answer = std::move(answer);
    m_failure = std::move(error);
}

RelayError Relay::failure()
{
    RelayError error = std::move(*m_failure);
    error.received = m_received;
    error.exchanges = std::move(m_exchanges);
    return error;
}

void Relay::onSourceDone(CURLcode code)
{
    long status = 0;
    curl_easy_getinfo(m_source.curl, CURLINFO_RESPONSE_CODE, &status);
    record(m_source, false, "GET", m_received, code);
    if (m_failure)
        return; // a callback stopped it and said why
    if (code != CURLE_OK) {
        fail(RelayFailure::Network, shownUrl(m_source.url) + ": " + m_source.failure(code));
        return;
    }
    m_source.answer.status = status;
    if (isRedirect(status)) {
        char *location = nullptr;
        curl_easy_getinfo(m_source.curl, CURLINFO_REDIRECT_URL, &location);
        const std::string next = location ? location : "";
        const std::string from = m_source.url;
        if (next.empty()) {
            fail(RelayFailure::SourceAnswer, shownUrl(from) + " redirects nowhere",
                 m_source.answer);
        } else if (++m_redirects > m_request.maxRedirects) {
            fail(RelayFailure::Redirect, shownUrl(from) + ": more than " +
                                             std::to_string(m_request.maxRedirects) + " redirects");
        } else if (from.rfind("https:", 0) == 0 && next.rfind("https:", 0) != 0) {
            fail(RelayFailure::Redirect,
                 shownUrl(from) + " redirects from HTTPS to " + shownUrl(next));
        } else {
            detach(m_source);
            if (!startSource(next))
                fail(RelayFailure::Network, "could not follow the redirect to " + shownUrl(next));
        }
        return;
    }
    if (status < 200 || status >= 300) {
        fail(RelayFailure::SourceAnswer,
             shownUrl(m_source.url) + " answered " + std::to_string(status), m_source.answer);
        return;
    }
    if (m_received != m_request.size) {
        fail(RelayFailure::ShortBody, shownUrl(m_source.url) + " ended after " +
                                          std::to_string(m_received) + " of " +
                                          std::to_string(m_request.size) + " bytes");
        return;
    }
    if (m_hasher.finish().toString() != m_request.digest) {
        fail(RelayFailure::DigestMismatch,
             shownUrl(m_source.url) + ": the bytes do not match " + m_request.digest);
        return;
    }
    m_sourceComplete = true;
}

void Relay::onTargetDone(CURLcode code)
{
    long status = 0;
    curl_easy_getinfo(m_target.curl, CURLINFO_RESPONSE_CODE, &status);
    record(m_target, true, "PUT", m_sent, code);
    if (m_failure)
        return;
    if (code != CURLE_OK) {
        fail(RelayFailure::Network, shownUrl(m_target.url) + ": " + m_target.failure(code));
        return;
    }
    m_target.answer.status = status;
    if (status >= 200 && status < 300 && m_sourceComplete && m_sent == m_request.size) {
        m_targetTook = true;
        return;
    }
    fail(RelayFailure::TargetAnswer,
         shownUrl(m_target.url) + " answered " + std::to_string(status) + " after " +
             std::to_string(m_sent) + " of " + std::to_string(m_request.size) + " bytes",
         m_target.answer);
}

// Called between transfers, never from inside a callback.
void Relay::wakeWaitingSide()
{
    if (m_source.paused && m_source.curl &&
        m_ring.size() - m_held >= static_cast<std::size_t>(kChunk)) {
        m_source.paused = false;
        curl_easy_pause(m_source.curl, CURLPAUSE_CONT); // may take a chunk at once
    }
    const bool lastByteFree =
        m_sourceComplete || m_sent + static_cast<std::int64_t>(m_held) < m_request.size;
    if (m_target.paused && m_target.curl &&
        (m_sourceComplete || (m_held > 0 && (lastByteFree || m_held > 1)))) {
        m_target.paused = false;
        curl_easy_pause(m_target.curl, CURLPAUSE_CONT);
    }
}

RelayResult Relay::run()
{
    upstream::initCurlOnce();
    m_multi = curl_multi_init();
    if (!m_multi || !startTarget() || !startSource(m_request.source.url)) {
        fail(RelayFailure::Network, "libcurl could not start the transfers");
        return failure();
    }
    for (;;) {
        int running = 0;
        const CURLMcode performed = curl_multi_perform(m_multi, &running);
        if (performed != CURLM_OK)
            fail(RelayFailure::Network, curl_multi_strerror(performed));
        int queued = 0;
        while (CURLMsg *message = curl_multi_info_read(m_multi, &queued)) {
            if (message->msg != CURLMSG_DONE)
                continue;
            if (message->easy_handle == m_source.curl)
                onSourceDone(message->data.result);
            else if (message->easy_handle == m_target.curl)
                onTargetDone(message->data.result);
        }
        if (m_failure)
            return failure();
        if (m_targetTook) {
            RelayDone done;
            done.bytes = m_sent;
            done.answer = m_target.answer;
            done.exchanges = std::move(m_exchanges);
            if (m_progress)
                m_progress(m_sent);
            return done;
        }
        if (m_cancelled.load()) {
            fail(RelayFailure::Cancelled, "stopped");
            return failure();
        }
        if (millisecondsSince(m_lastMove) > m_request.stallTimeout.count()) {
            fail(RelayFailure::Network, "nothing moved between " + shownUrl(m_source.url) +
                                            " and " + shownUrl(m_target.url) + " for " +
                                            std::to_string(m_request.stallTimeout.count() / 1000) +
                                            " s");
            return failure();
        }
        wakeWaitingSide();
        if (m_progress && m_sent != m_reported) {
            m_reported = m_sent;
            m_progress(m_sent);
        }
        curl_multi_poll(m_multi, nullptr, 0, kPollMs, nullptr);
    }
}

} // namespace

RelayResult relayBlob(const RelayRequest &request, const std::atomic<bool> &cancelled,
                      const RelayProgress &progress)
{
    Relay relay(request, cancelled, progress);
    return relay.run();
}

} // namespace berth::relay

#include "upstream/upstream_client.h"

#include "upstream/curl_url.h"

#include "protocol/auth_challenge.h"
#include "protocol/text.h"
#include "protocol/token_response.h"

#include <curl/curl.h>

#include <openssl/evp.h>

namespace berth::upstream {

namespace {

constexpr std::size_t kMaxErrorBody = 64 * 1024;
constexpr std::size_t kMaxTokenAnswer = 1024 * 1024;
constexpr int kMaxRedirects = 5;
constexpr std::size_t kMaxTokens = 1024;
constexpr long kReceiveBuffer = 512L * 1024;

std::string base64(const std::string &bytes)
{
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                                  reinterpret_cast<const unsigned char *>(bytes.data()),
                                  static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string escaped(const std::string &text)
{
    char *e = curl_easy_escape(nullptr, text.c_str(), static_cast<int>(text.size()));
    std::string out = e ? e : "";
    curl_free(e);
    return out;
}

} // namespace

std::string UpstreamResponse::header(const std::string &lowerName) const
{
    const auto it = headers.find(lowerName);
    return it == headers.end() ? std::string() : it->second;
}

struct UpstreamClient::Handle
{
    CURL *curl = curl_easy_init();
    ~Handle() { curl_easy_cleanup(curl); }
};

// One exchange's state, for libcurl's callbacks.
struct Exchange
{
    UpstreamResponse response;
    const BodySink *sink = nullptr;
    const HeadSink *head = nullptr;
    const std::atomic<bool> *stop = nullptr;
    CURL *curl = nullptr;
    bool aborted = false;
    bool statusKnown = false;
};

extern "C" {
static size_t onHeader(char *data, size_t size, size_t count, void *user)
{
    auto *x = static_cast<Exchange *>(user);
    const std::string_view line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) {
        x->response.headers.clear(); // a new answer (after 100 Continue, say)
        return size * count;
    }
    if (line == "\r\n" || line == "\n") {
        // The head is complete: a 2xx goes to the head sink before its body.
        long status = 0;
        curl_easy_getinfo(x->curl, CURLINFO_RESPONSE_CODE, &status);
        if (status >= 200 && status < 300 && x->head && *x->head) {
            x->response.status = status;
            (*x->head)(x->response);
        }
        return size * count;
    }
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
            value.remove_prefix(1);
        while (!value.empty() &&
               (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
            value.remove_suffix(1);
        x->response.headers[protocol::asciiLower(std::string(line.substr(0, colon)))] =
            std::string(value);
    }
    return size * count;
}

static size_t onBody(char *data, size_t size, size_t count, void *user)
{
    auto *x = static_cast<Exchange *>(user);
    const std::size_t n = size * count;
    if (!x->statusKnown) {
        curl_easy_getinfo(x->curl, CURLINFO_RESPONSE_CODE, &x->response.status);
        x->statusKnown = true;
    }
    const long status = x->response.status;
    if (status >= 200 && status < 300 && x->sink && *x->sink) {
        if (!(*x->sink)(std::string_view(data, n))) {
            x->aborted = true;
            return 0; // libcurl stops: CURLE_WRITE_ERROR
        }
        return n;
    }
    std::string &body = x->response.errorBody;
    body.append(data, std::min(n, kMaxErrorBody - std::min(kMaxErrorBody, body.size())));
    return n;
}

// Also while connecting or waiting for an answer: abort() ends it.
static int onProgress(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    const auto *x = static_cast<const Exchange *>(user);
    return x->stop->load() ? 1 : 0;
}
}

UpstreamClient::UpstreamClient(UpstreamSettings settings)
    : m_settings(std::move(settings))
{
    initCurlOnce();
    while (!m_settings.url.empty() && m_settings.url.back() == '/')
        m_settings.url.pop_back();
}

UpstreamClient::~UpstreamClient() = default;

std::unique_ptr<UpstreamClient::Handle> UpstreamClient::takeHandle()
{
    {
        const std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            auto handle = std::move(m_idle.back());
            m_idle.pop_back();
            return handle;
        }
    }
    return std::make_unique<Handle>();
}

void UpstreamClient::giveBack(std::unique_ptr<Handle> handle)
{
    const std::lock_guard lock(m_mutex);
    if (m_idle.size() < 16)
        m_idle.push_back(std::move(handle));
}

std::string UpstreamClient::basicAuthorization() const
{
    return "Basic " + base64(m_settings.username + ":" + m_settings.password);
}

Result<UpstreamResponse> UpstreamClient::perform(Handle &handle, const std::string &url,
                                                 const UpstreamRequest &request,
                                                 const std::string &authorization,
                                                 const Sinks &sinks)
{
    CURL *curl = handle.curl;
    curl_easy_reset(curl);
    Exchange x;
    x.sink = &sinks.body;
    x.head = &sinks.head;
    x.stop = &m_aborted;
    x.curl = curl;
    curl_slist *headers = nullptr;
    for (const auto &[name, value] : request.headers)
        headers = curl_slist_append(headers, (name + ": " + value).c_str());
    if (!authorization.empty())
        headers = curl_slist_append(headers, ("Authorization: " + authorization).c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    if (request.method == "HEAD")
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L); // by hand: Authorization stays home
    curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!m_settings.caFile.empty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, m_settings.caFile.c_str());
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT,
                     static_cast<long>(m_settings.connectTimeout.count()));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME,
                     static_cast<long>(m_settings.stallTimeout.count()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    // Blobs: fewer, larger calls of the sink (libcurl's default is 16 KiB).
    curl_easy_setopt(curl, CURLOPT_BUFFERSIZE, kReceiveBuffer);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "berth-registry-mirror");
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &x);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &x);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &x);
    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    if (x.aborted || m_aborted)
        return makeError("UPSTREAM_ABORTED", "stopped reading " + shownUrl(url));
    if (code != CURLE_OK)
        return makeError("UPSTREAM_UNREACHABLE", shownUrl(url) + ": " + curl_easy_strerror(code));
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &x.response.status);
    return std::move(x.response);
}

Result<std::string> UpstreamClient::bearerToken(Handle &handle, const std::string &wwwAuthenticate,
                                                const std::string &scope)
{
    const protocol::AuthChallenge *bearer = nullptr;
    const auto challenges = protocol::AuthChallenge::parse(wwwAuthenticate);
    for (const auto &c : challenges) {
        if (c.isBearer() && !c.param("realm").empty())
            bearer = &c;
    }
    if (!bearer)
        return makeError("UPSTREAM_PROTOCOL", "the upstream's 401 names no token realm");
    std::string url = bearer->param("realm");
    // The login goes to the token server the upstream names, but never in
    // clear text when the upstream itself is HTTPS.
    if (!m_settings.username.empty() && m_settings.url.rfind("https://", 0) == 0 &&
        url.rfind("https://", 0) != 0)
        return makeError("UPSTREAM_PROTOCOL",
                         "the upstream names a token server that is not HTTPS; the login is "
                         "not sent there");
    url += url.find('?') == std::string::npos ? "?" : "&";
    url += "service=" + escaped(bearer->param("service"));
    const std::string wanted = scope.empty() ? bearer->param("scope") : scope;
    if (!wanted.empty())
        url += "&scope=" + escaped(wanted);
    std::string answer;
    const BodySink collect = [&answer](std::string_view chunk) {
        if (answer.size() + chunk.size() > kMaxTokenAnswer)
            return false;
        answer.append(chunk);
        return true;
    };
    UpstreamRequest tokenRequest;
    tokenRequest.path = url;
    const auto response =
        perform(handle, url, tokenRequest,
                m_settings.username.empty() ? std::string() : basicAuthorization(), {collect, {}});
    if (!response.ok())
        return response.error();
    if (response->status == 401 || response->status == 403)
        return makeError("UPSTREAM_UNAUTHORIZED",
                         "the upstream's token server refused " +
                             (m_settings.username.empty() ? std::string("anonymous access")
                                                          : "the login of " + m_settings.username) +
                             " (HTTP " + std::to_string(response->status) + ")");
    if (response->status < 200 || response->status >= 300)
        return makeError("UPSTREAM_PROTOCOL", "the upstream's token server answered HTTP " +
                                                  std::to_string(response->status));
    const auto token = protocol::TokenResponse::parse(answer);
    if (!token.ok())
        return makeError("UPSTREAM_PROTOCOL",
                         "the upstream's token server: " + token.error().message);
    const std::lock_guard lock(m_mutex);
    // Bounded: scopes name repositories clients chose.
    const auto now = std::chrono::steady_clock::now();
    std::erase_if(m_tokens, [now](const auto &entry) { return entry.second.expires <= now; });
    if (m_tokens.size() >= kMaxTokens)
        m_tokens.clear();
    // Renewed a little before it runs out.
    m_tokens[scope] = {token->token, std::chrono::steady_clock::now() + token->expiresIn -
                                         std::chrono::seconds(5)};
    return "Bearer " + token->token;
}

Result<UpstreamResponse> UpstreamClient::fetch(const UpstreamRequest &request, const BodySink &sink,
                                               const HeadSink &head)
{
    std::unique_ptr<Handle> handle = takeHandle();
    const std::string home = originOf(m_settings.url);
    std::string url = m_settings.url + request.path;
    std::string authorization;
    {
        const std::lock_guard lock(m_mutex);
        if (const auto it = m_tokens.find(request.scope);
            it != m_tokens.end() && it->second.expires > std::chrono::steady_clock::now())
            authorization = "Bearer " + it->second.value;
        else if (m_basic)
            authorization = basicAuthorization();
    }
    bool challenged = false;
    for (int redirects = 0;; ++redirects) {
        const bool sameHost = originOf(url) == home;
        auto response =
            perform(*handle, url, request, sameHost ? authorization : std::string(), {sink, head});
        if (!response.ok()) {
            giveBack(std::move(handle));
            return response;
        }
        if (response->status == 401 && sameHost && !challenged) {
            // Once: the challenge says how to log in.
            challenged = true;
            const std::string challenge = response->header("www-authenticate");
            if (protocol::asciiLower(challenge).rfind("basic", 0) == 0 &&
                !m_settings.username.empty()) {
                const std::lock_guard lock(m_mutex);
                m_basic = true;
                authorization = basicAuthorization();
                continue;
            }
            auto token = bearerToken(*handle, challenge, request.scope);
            if (!token.ok()) {
                giveBack(std::move(handle));
                return token.error();
            }
            authorization = token.value();
            continue;
        }
        if (response->status == 401) {
            giveBack(std::move(handle));
            return makeError("UPSTREAM_UNAUTHORIZED",
                             m_settings.username.empty()
                                 ? "the upstream needs a login (proxy.username, proxy.password)"
                                 : "the upstream refused the login of " + m_settings.username);
        }
        const bool redirect = response->status == 301 || response->status == 302 ||
                              response->status == 303 || response->status == 307 ||
                              response->status == 308;
        if (!redirect) {
            giveBack(std::move(handle));
            return response;
        }
        const std::string location = response->header("location");
        const std::string next = location.empty() ? std::string() : resolvedUrl(url, location);
        if (next.empty() || redirects >= kMaxRedirects) {
            giveBack(std::move(handle));
            return makeError("UPSTREAM_PROTOCOL",
                             "a redirect from " + shownUrl(url) +
                                 (next.empty() ? " with no usable Location"
                                               : " after " + std::to_string(kMaxRedirects)));
        }
        url = next;
    }
}

} // namespace berth::upstream

#include "upstream/curl_url.h"

#include "protocol/text.h"

#include <curl/curl.h>

#include <mutex>

namespace berth::upstream {

void initCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string originOf(const std::string &url)
{
    CURLU *u = curl_url();
    std::string origin;
    if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
        char *scheme = nullptr;
        char *host = nullptr;
        char *port = nullptr;
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
        curl_url_get(u, CURLUPART_HOST, &host, 0);
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
        if (scheme && host)
            origin =
                protocol::asciiLower(std::string(scheme) + "://" + host + ":" + (port ? port : ""));
        curl_free(scheme);
        curl_free(host);
        curl_free(port);
    }
    curl_url_cleanup(u);
    return origin;
}

std::string resolvedUrl(const std::string &base, const std::string &reference)
{
    CURLU *u = curl_url();
    std::string out;
    char *full = nullptr;
    if (curl_url_set(u, CURLUPART_URL, base.c_str(), 0) == CURLUE_OK &&
        curl_url_set(u, CURLUPART_URL, reference.c_str(), 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_URL, &full, 0) == CURLUE_OK)
        out = full;
    curl_free(full);
    curl_url_cleanup(u);
    return out;
}

std::string shownUrl(const std::string &url)
{
    const std::size_t query = url.find('?');
    return query == std::string::npos ? url : url.substr(0, query) + "?…";
}

} // namespace berth::upstream

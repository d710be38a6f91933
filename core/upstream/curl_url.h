#pragma once

#include <string>

// libcurl helpers shared by the parts that speak HTTP with it (the mirror's
// upstream client, the client's blob relay). Qt-free.
namespace berth::upstream {

// curl_global_init, once per process, before the first handle.
void initCurlOnce();

// "scheme://host:port" of a URL, lower-cased, the port always written
// (the scheme's default when the URL has none); empty when it has none.
// Two URLs of one origin may share a login; others may not.
std::string originOf(const std::string &url);

// `reference` (a Location header) resolved against `base`; empty when
// either is no URL.
std::string resolvedUrl(const std::string &base, const std::string &reference);

// A URL as it may appear in an error or a log: without its query
// (presigned signatures live there).
std::string shownUrl(const std::string &url);

} // namespace berth::upstream

#pragma once

#include "upstream/upstream_client.h"

#include <functional>
#include <string>
#include <vector>

namespace berth::server {

// A list an upstream registry pages out — "/v2/<name>/tags/list" (field
// "tags") or "/v2/_catalog" (field "repositories") — fetched whole: every
// page its Link headers lead to on its own origin, at most 50 pages and
// 16 MiB in all. Entries `valid` refuses are dropped (an upstream's words
// are not trusted). An error when it cannot be had in full: the fetch's
// own (UPSTREAM_UNREACHABLE, …), or UPSTREAM_PROTOCOL for any status but
// 200, a body that is not such a list, too much, or a Link elsewhere.
Result<std::vector<std::string>>
fetchUpstreamList(upstream::UpstreamClient &client, const std::string &path, const char *field,
                  const std::string &scope, const std::function<bool(const std::string &)> &valid);

} // namespace berth::server

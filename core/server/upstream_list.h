#pragma once

#include "upstream/upstream_client.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace berth::server {

// One page of such a list: the entries of `field` that `valid` accepts.
// Only the top level and the list's entries are read: deeper nesting is
// dropped while parsing (no recursion on hostile depth). UPSTREAM_PROTOCOL
// when the body is not such a list.
Result<std::vector<std::string>>
parseUpstreamListPage(std::string_view body, const char *field,
                      const std::function<bool(const std::string &)> &valid);

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

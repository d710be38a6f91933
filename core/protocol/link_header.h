#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace berth::protocol {

// RFC 8288 Link header, as registries use it for pagination:
//   Link: </v2/_catalog?last=b&n=100>; rel="next"
// The target of rel="next" as written (relative or absolute; the caller
// resolves it against the request URL and keeps it on the same origin);
// nullopt when there is none, it is empty, or the header is malformed or
// over 16 KiB.
std::optional<std::string> nextLinkTarget(std::string_view header);

} // namespace berth::protocol

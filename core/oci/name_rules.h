#pragma once

#include "oci/result.h"

#include <string_view>

namespace berth::oci {

// Repository names per the distribution spec:
//   [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*
// at most 255 characters. Error code NAME_INVALID.
Status validateRepositoryName(std::string_view name);

// Tags: [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}. Error code TAG_INVALID.
Status validateTag(std::string_view tag);

// Printable, bounded rendering of untrusted text for error messages.
std::string quoteForMessage(std::string_view text, std::size_t limit = 80);

} // namespace berth::oci

#pragma once

#include "oci/result.h"

#include <chrono>
#include <string>
#include <string_view>

namespace berth::oci {

// RFC 3339 date-time: "2024-01-02T03:04:05Z", fractional seconds and
// "+hh:mm"/"-hh:mm" offsets allowed. Error code TIMESTAMP_INVALID.
Result<std::chrono::sys_seconds> parseRfc3339(std::string_view text);

// "2024-01-02T03:04:05Z"
std::string formatRfc3339(std::chrono::sys_seconds time);

} // namespace berth::oci

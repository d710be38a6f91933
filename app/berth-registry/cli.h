#pragma once

// What berth-registry's commands share: the usage text, option values,
// failing in words.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace berth::registry_cli {

void printUsage(std::FILE *out);
// "90s", "30m", "24h", "7d"; nullopt for anything else.
std::optional<std::chrono::seconds> parseDuration(std::string_view text);
// Says `message` on stderr; returns `code` (1 failure, 2 usage error).
int fail(const std::string &message, int code = 1);
std::string humanBytes(std::uintmax_t bytes);
// 2 (usage error, said on stderr) when `arg` is an option that takes a
// value and none follows it; 0 otherwise.
int missingValue(std::string_view arg, int i, int argc,
                 std::initializer_list<std::string_view> takingValue);

} // namespace berth::registry_cli

#pragma once

#include "oci/history_entry.h"
#include "oci/result.h"

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace berth::oci {

// The parts of an OCI / Docker image config Berth shows.
struct ImageConfig
{
    std::string architecture;
    std::string os;
    std::string variant;
    std::optional<std::chrono::sys_seconds> created;
    std::string createdText;
    std::vector<std::string> env;
    std::vector<std::string> cmd;
    std::vector<std::string> entrypoint;
    std::string workingDir;
    std::string user;
    std::map<std::string, std::string> labels;
    std::vector<std::string> exposedPorts;
    std::vector<std::string> volumes;
    std::vector<std::string> diffIds;
    std::vector<HistoryEntry> history;
};

// Lenient about missing optional fields (configs in the wild omit most),
// strict about wrong JSON types; null arrays and maps are empty.
Result<ImageConfig> parseImageConfig(std::string_view bytes);

// For each of `layerCount` layers, the index of the history entry that
// created it (the i-th entry without empty_layer), if there is one.
std::vector<std::optional<std::size_t>> layerHistoryIndex(const ImageConfig &config,
                                                          std::size_t layerCount);

} // namespace berth::oci

#pragma once

#include "oci/result.h"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace berth::server {

// registry:2's config.yml (the subset Berth uses) with the REGISTRY_*
// environment overrides applied, as distribution does.
struct RegistryConfig
{
    std::filesystem::path rootDirectory;
    bool deleteEnabled = false;
    std::string httpAddr = "127.0.0.1:5000";
    std::string htpasswdRealm;
    std::filesystem::path htpasswdPath; // non-empty: auth.htpasswd
    std::vector<std::string> warnings;  // unknown keys, ignored

    // Parses YAML text; `getenv` is injectable for tests.
    static Result<RegistryConfig> parse(const std::string &yaml,
                                        const std::function<const char *(const char *)> &getenv);
    static Result<RegistryConfig> load(const std::filesystem::path &file);

    // A data directory argument: a directory is the root itself; a file is a
    // config.yml whose storage.filesystem.rootdirectory names the root.
    static Result<std::filesystem::path> resolveRoot(const std::filesystem::path &rootOrConfig);
};

} // namespace berth::server

#pragma once

#include "oci/result.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace berth::server {

enum class LogLevel
{
    Error,
    Warn,
    Info,
    Debug
};

// registry:2's config.yml (the keys Berth serves with) with the REGISTRY_*
// environment overrides applied, as distribution does. Every key of
// distribution's schema is known: the ones berth-registry has no use for are
// warned about, unknown ones too; a bad value is refused with its key named.
struct RegistryConfig
{
    std::filesystem::path rootDirectory;
    bool deleteEnabled = false;
    std::string httpAddr = "127.0.0.1:5000";
    std::filesystem::path tlsCertificate; // both set: serve HTTPS
    std::filesystem::path tlsKey;
    std::vector<std::pair<std::string, std::string>> headers; // http.headers, in order
    std::chrono::seconds drainTimeout{10};                    // http.draintimeout
    std::string htpasswdRealm;
    std::filesystem::path htpasswdPath; // non-empty: auth.htpasswd
    LogLevel logLevel = LogLevel::Info;
    bool accessLog = true; // log.accesslog.disabled: false
    // storage.maintenance.uploadpurging: uploads started (and last written)
    // longer than `age` ago are removed every `interval`, the first time
    // a minute (or `interval`, if shorter) after start. distribution's
    // defaults.
    struct UploadPurging
    {
        bool enabled = true;
        std::chrono::seconds age{std::chrono::hours(168)};
        std::chrono::milliseconds interval{std::chrono::hours(24)};
        bool dryRun = false;
    };
    UploadPurging uploadPurging;
    // One registry mirrored: `remoteUrl` with its login; a tag pulled again
    // after `ttl` is asked of it again (0: every pull; distribution's
    // default is 168h).
    struct Upstream
    {
        std::string prefix;    // repositories under it go to this upstream
        std::string remoteUrl; // "https://registry-1.docker.io"
        std::string username;
        std::string password;
        std::filesystem::path caFile; // trusted instead of the system's CAs
        std::chrono::seconds ttl{std::chrono::hours(168)};
    };
    // proxy: a pull-through cache (registry:2's mirror). registry:2's form
    // (remoteurl, username, password, ttl, plus Berth's cafile) mirrors
    // everything from one upstream, the root. Berth's `upstreams:` list
    // adds upstreams by repository prefix; `local:` names prefixes under
    // the root that are local repositories. A repository no upstream
    // claims is local: it takes pushes like any registry's.
    struct Proxy : Upstream
    {
        std::vector<Upstream> prefixed;        // proxy.upstreams
        std::vector<std::string> local;        // proxy.local
        std::optional<std::uintmax_t> maxSize; // proxy.maxsize, bytes

        bool enabled() const { return !remoteUrl.empty() || !prefixed.empty(); }
    };
    Proxy proxy;
    std::vector<std::string> warnings; // unsupported or unknown keys, ignored

    bool tlsEnabled() const { return !tlsCertificate.empty(); }

    // Parses YAML text; `getenv` is injectable for tests.
    static Result<RegistryConfig> parse(const std::string &yaml,
                                        const std::function<const char *(const char *)> &getenv);
    static Result<RegistryConfig> load(const std::filesystem::path &file);

    // A data directory argument: a directory is the root itself; a file is a
    // config.yml whose storage.filesystem.rootdirectory names the root.
    static Result<std::filesystem::path> resolveRoot(const std::filesystem::path &rootOrConfig);

    // One upstream field ("remoteurl", "username", "password", "ttl",
    // "cafile", "prefix") from config.yml or REGISTRY_PROXY_*; a bad value
    // is refused naming `key` (as the user wrote it), never showing the
    // password.
    static Status setProxyKey(Upstream &upstream, const std::string &field,
                              const std::string &value, const std::string &key);

    // A size: a whole number of bytes, or with a unit: "50GiB", "200GB",
    // "512MiB" (B, kB/KB, MB, GB, TB powers of 1000; KiB, MiB, GiB, TiB
    // of 1024; case-insensitive). Zero, fractions and overflow are refused.
    static Result<std::uintmax_t> parseByteSize(const std::string &key, const std::string &text);
    // "error", "warn", "info", "debug" (distribution's names).
    static Result<LogLevel> parseLogLevel(const std::string &text);
    // Go durations as distribution writes them: "10s", "1m30s", "500ms", "2h".
    static Result<std::chrono::milliseconds> parseDuration(const std::string &key,
                                                           const std::string &text);
};

} // namespace berth::server

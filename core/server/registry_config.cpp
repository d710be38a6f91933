#include "server/registry_config.h"
#include "server/registry_config_proxy.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>

namespace berth::server {

namespace fs = std::filesystem;

using config_detail::invalid;
using config_detail::shown;

namespace {

Result<bool> parseBool(const std::string &key, const std::string &value)
{
    if (value == "true" || value == "True" || value == "TRUE" || value == "1")
        return true;
    if (value == "false" || value == "False" || value == "FALSE" || value == "0")
        return false;
    return invalid(key, "expected true or false, got " + shown(value));
}

// Keys of distribution's configuration that berth-registry accepts but does
// not act on: warned about, never fatal (a registry:2 config.yml must load).
const std::set<std::string, std::less<>> &ignoredKeys()
{
    static const std::set<std::string, std::less<>> keys = {"log.formatter",
                                                            "log.fields",
                                                            "log.hooks",
                                                            "loglevel",
                                                            "storage.filesystem.maxthreads",
                                                            "storage.cache",
                                                            "storage.maintenance.readonly",
                                                            "storage.redirect",
                                                            "http.net",
                                                            "http.prefix",
                                                            "http.host",
                                                            "http.secret",
                                                            "http.relativeurls",
                                                            "http.debug",
                                                            "http.http2",
                                                            "http.tls.minimumversion",
                                                            "http.tls.cipher",
                                                            "notifications",
                                                            "redis",
                                                            "health",
                                                            "validation",
                                                            "compatibility",
                                                            "reporting",
                                                            "middleware",
                                                            "catalog",
                                                            "policy"};
    return keys;
}

// Sections whose children are walked key by key.
const std::set<std::string, std::less<>> &sections()
{
    static const std::set<std::string, std::less<>> keys = {"log",
                                                            "log.accesslog",
                                                            "storage",
                                                            "storage.filesystem",
                                                            "storage.delete",
                                                            "storage.maintenance",
                                                            "storage.maintenance.uploadpurging",
                                                            "http",
                                                            "http.tls",
                                                            "auth",
                                                            "auth.htpasswd",
                                                            "proxy"};
    return keys;
}

// Leaves berth-registry reads.
const std::set<std::string, std::less<>> &usedKeys()
{
    static const std::set<std::string, std::less<>> keys = {
        "version",
        "log.level",
        "log.accesslog.disabled",
        "storage.filesystem.rootdirectory",
        "storage.delete.enabled",
        "storage.maintenance.uploadpurging.enabled",
        "storage.maintenance.uploadpurging.age",
        "storage.maintenance.uploadpurging.interval",
        "storage.maintenance.uploadpurging.dryrun",
        "http.addr",
        "http.headers",
        "http.draintimeout",
        "http.tls.certificate",
        "http.tls.key",
        "auth.htpasswd.realm",
        "auth.htpasswd.path",
        "proxy.remoteurl",
        "proxy.username",
        "proxy.password",
        "proxy.ttl",
        "proxy.cafile",
        "proxy.upstreams",
        "proxy.local",
        "proxy.maxsize"};
    return keys;
}

class Reader
{
public:
    explicit Reader(RegistryConfig &config)
        : m_config(config)
    {
    }

    Status walk(const YAML::Node &node, const std::string &prefix)
    {
        for (const auto &item : node) {
            if (!item.first.IsScalar())
                return invalid(prefix.empty() ? "config.yml" : prefix, "keys must be plain names");
            const std::string name = item.first.as<std::string>();
            const std::string key = prefix.empty() ? name : prefix + "." + name;
            const YAML::Node &value = item.second;
            if (sections().count(key)) {
                if (value.IsNull())
                    continue;
                if (!value.IsMap())
                    return invalid(key, "expected a mapping");
                if (auto s = walk(value, key); !s.ok())
                    return s;
                continue;
            }
            if (usedKeys().count(key)) {
                if (auto s = read(key, value); !s.ok())
                    return s;
                continue;
            }
            if (ignoredKeys().count(key)) {
                m_config.warnings.push_back(key + " is not used by berth-registry (ignored)");
                continue;
            }
            if (prefix == "storage" && key != "storage.filesystem") {
                // Another storage driver (s3, azure, gcs, inmemory, …).
                return invalid(key, "berth-registry stores on the filesystem only "
                                    "(storage.filesystem.rootdirectory)");
            }
            if (prefix == "auth") {
                return invalid(key, "berth-registry supports auth.htpasswd only");
            }
            if (key == "http.tls.clientcas" || key == "http.tls.letsencrypt") {
                return invalid(key, "not supported by berth-registry; give http.tls.certificate "
                                    "and http.tls.key");
            }
            m_config.warnings.push_back("unknown key " + key + " (ignored)");
        }
        return Ok{};
    }

private:
    static Result<std::string> scalar(const std::string &key, const YAML::Node &value)
    {
        if (!value.IsScalar())
            return invalid(key, "expected a single value");
        return value.as<std::string>();
    }

    Status read(const std::string &key, const YAML::Node &value)
    {
        if (key == "http.headers")
            return readHeaders(value);
        if (key == "proxy.upstreams")
            return config_detail::readUpstreams(m_config.proxy, value);
        if (key == "proxy.local")
            return config_detail::readLocalPrefixes(m_config.proxy, value);
        if (value.IsNull())
            return Ok{};
        auto text = scalar(key, value);
        if (!text.ok())
            return text.error();
        const std::string &v = *text;
        if (key == "version") {
            if (v != "0.1")
                return invalid(key, "expected 0.1 (registry:2's format), got " + shown(v));
        } else if (key == "log.level") {
            auto level = RegistryConfig::parseLogLevel(v);
            if (!level.ok())
                return level.error();
            m_config.logLevel = *level;
        } else if (key == "log.accesslog.disabled") {
            auto b = parseBool(key, v);
            if (!b.ok())
                return b.error();
            m_config.accessLog = !*b;
        } else if (key == "storage.filesystem.rootdirectory") {
            if (v.empty())
                return invalid(key, "expected a path");
            m_config.rootDirectory = v;
        } else if (key == "storage.delete.enabled") {
            auto b = parseBool(key, v);
            if (!b.ok())
                return b.error();
            m_config.deleteEnabled = *b;
        } else if (key.starts_with("storage.maintenance.uploadpurging.")) {
            return readUploadPurging(key, v);
        } else if (key == "http.addr") {
            m_config.httpAddr = v;
        } else if (key == "http.draintimeout") {
            auto d = RegistryConfig::parseDuration(key, v);
            if (!d.ok())
                return d.error();
            m_config.drainTimeout = std::chrono::ceil<std::chrono::seconds>(*d);
        } else if (key == "http.tls.certificate") {
            m_config.tlsCertificate = v;
        } else if (key == "http.tls.key") {
            m_config.tlsKey = v;
        } else if (key == "auth.htpasswd.realm") {
            m_config.htpasswdRealm = v;
        } else if (key == "auth.htpasswd.path") {
            m_config.htpasswdPath = v;
        } else if (key.starts_with("proxy.")) {
            return readProxy(key, v);
        }
        return Ok{};
    }

    Status readProxy(const std::string &key, const std::string &v)
    {
        if (key == "proxy.maxsize") {
            auto size = RegistryConfig::parseByteSize(key, v);
            if (!size.ok())
                return size.error();
            m_config.proxy.maxSize = *size;
            return Ok{};
        }
        return RegistryConfig::setProxyKey(m_config.proxy, key.substr(6), v, key);
    }

    Status readUploadPurging(const std::string &key, const std::string &v)
    {
        RegistryConfig::UploadPurging &p = m_config.uploadPurging;
        if (key.ends_with(".enabled") || key.ends_with(".dryrun")) {
            auto b = parseBool(key, v);
            if (!b.ok())
                return b.error();
            (key.ends_with(".enabled") ? p.enabled : p.dryRun) = *b;
            return Ok{};
        }
        auto d = RegistryConfig::parseDuration(key, v);
        if (!d.ok())
            return d.error();
        if (*d < std::chrono::seconds(1))
            return invalid(key, "must be at least 1s");
        if (key.ends_with(".age"))
            p.age = std::chrono::ceil<std::chrono::seconds>(*d);
        else
            p.interval = *d;
        return Ok{};
    }

    Status readHeaders(const YAML::Node &value)
    {
        // http.headers: {Name: [value, …]} — as distribution.
        if (value.IsNull())
            return Ok{};
        if (!value.IsMap())
            return invalid("http.headers", "expected a mapping of header names to lists");
        for (const auto &item : value) {
            const std::string name = item.first.as<std::string>();
            const std::string key = "http.headers." + name;
            const bool tokenOk =
                !name.empty() && name.size() <= 128 &&
                std::all_of(name.begin(), name.end(), [](unsigned char c) {
                    return std::isalnum(c) ||
                           std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) !=
                               std::string_view::npos;
                });
            if (!tokenOk)
                return invalid(key, "not a valid header name");
            std::vector<std::string> values;
            if (item.second.IsSequence()) {
                for (const auto &v : item.second) {
                    if (!v.IsScalar())
                        return invalid(key, "expected a list of strings");
                    values.push_back(v.as<std::string>());
                }
            } else if (item.second.IsScalar()) {
                values.push_back(item.second.as<std::string>());
            } else {
                return invalid(key, "expected a list of strings");
            }
            for (const std::string &v : values) {
                if (v.find_first_of("\r\n") != std::string::npos ||
                    v.find('\0') != std::string::npos)
                    return invalid(key, "a header value cannot hold a line break");
                m_config.headers.emplace_back(name, v);
            }
        }
        return Ok{};
    }

    RegistryConfig &m_config;
};

} // namespace

Result<LogLevel> RegistryConfig::parseLogLevel(const std::string &text)
{
    if (text == "error" || text == "fatal" || text == "panic")
        return LogLevel::Error;
    if (text == "warn" || text == "warning")
        return LogLevel::Warn;
    if (text == "info")
        return LogLevel::Info;
    if (text == "debug" || text == "trace")
        return LogLevel::Debug;
    return invalid("log.level", "expected error, warn, info or debug, got " + shown(text));
}

Result<std::chrono::milliseconds> RegistryConfig::parseDuration(const std::string &key,
                                                                const std::string &text)
{
    using namespace std::chrono;
    if (text.empty() || text.size() > 32)
        return invalid(key, "expected a duration like 30s or 1m30s, got " + shown(text));
    milliseconds total{0};
    std::string_view rest = text;
    while (!rest.empty()) {
        long long value = 0;
        const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
        if (ec != std::errc() || end == rest.data() || value < 0 || value > 1'000'000)
            return invalid(key, "expected a duration like 30s or 1m30s, got " + shown(text));
        rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
        if (rest.starts_with("ms")) {
            total += milliseconds(value);
            rest.remove_prefix(2);
        } else if (rest.starts_with("s")) {
            total += seconds(value);
            rest.remove_prefix(1);
        } else if (rest.starts_with("m")) {
            total += minutes(value);
            rest.remove_prefix(1);
        } else if (rest.starts_with("h")) {
            total += hours(value);
            rest.remove_prefix(1);
        } else {
            return invalid(key, "expected a duration like 30s or 1m30s, got " + shown(text));
        }
    }
    return total;
}

Result<RegistryConfig>
RegistryConfig::parse(const std::string &yaml,
                      const std::function<const char *(const char *)> &getenv)
{
    RegistryConfig config;
    try {
        const YAML::Node root = YAML::Load(yaml);
        if (root && !root.IsNull() && !root.IsMap())
            return makeError("CONFIG_INVALID", "config.yml must be a mapping");
        if (root && root.IsMap()) {
            Reader reader(config);
            if (auto s = reader.walk(root, ""); !s.ok())
                return s.error();
        }
    } catch (const YAML::Exception &e) {
        return makeError("CONFIG_INVALID", std::string("config.yml: ") + e.what());
    }

    auto env = [&getenv](const char *name) -> const char * {
        const char *v = getenv(name);
        return v && *v ? v : nullptr;
    };
    if (const char *v = env("REGISTRY_LOG_LEVEL")) {
        auto level = parseLogLevel(v);
        if (!level.ok())
            return makeError("CONFIG_INVALID", "REGISTRY_LOG_LEVEL: " + level.error().message);
        config.logLevel = *level;
    }
    if (const char *v = env("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY"))
        config.rootDirectory = v;
    if (const char *v = env("REGISTRY_STORAGE_DELETE_ENABLED")) {
        auto value = parseBool("REGISTRY_STORAGE_DELETE_ENABLED", v);
        if (!value.ok())
            return value.error();
        config.deleteEnabled = *value;
    }
    if (const char *v = env("REGISTRY_HTTP_ADDR"))
        config.httpAddr = v;
    if (const char *v = env("REGISTRY_HTTP_TLS_CERTIFICATE"))
        config.tlsCertificate = v;
    if (const char *v = env("REGISTRY_HTTP_TLS_KEY"))
        config.tlsKey = v;
    if (const char *v = env("REGISTRY_HTTP_DRAINTIMEOUT")) {
        auto d = parseDuration("REGISTRY_HTTP_DRAINTIMEOUT", v);
        if (!d.ok())
            return d.error();
        config.drainTimeout = std::chrono::ceil<std::chrono::seconds>(*d);
    }
    for (const char *field : {"remoteurl", "username", "password", "ttl", "cafile"}) {
        std::string variable = std::string("REGISTRY_PROXY_") + field;
        for (char &c : variable)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (const char *v = env(variable.c_str())) {
            if (auto s = setProxyKey(config.proxy, field, v, variable); !s.ok())
                return s.error();
        }
    }
    // proxy.upstreams[n].password from the environment (Berth's app passes
    // passwords from the keychain this way, never in config.yml).
    for (std::size_t n = 0; n < config.proxy.prefixed.size(); ++n) {
        const std::string variable = "REGISTRY_PROXY_UPSTREAMS_" + std::to_string(n) + "_PASSWORD";
        if (const char *v = env(variable.c_str()))
            config.proxy.prefixed[n].password = v;
    }
    if (const char *v = env("REGISTRY_PROXY_MAXSIZE")) {
        auto size = parseByteSize("REGISTRY_PROXY_MAXSIZE", v);
        if (!size.ok())
            return size.error();
        config.proxy.maxSize = *size;
    }
    if (const char *v = env("REGISTRY_AUTH")) {
        if (std::string_view(v) != "htpasswd")
            return invalid("REGISTRY_AUTH",
                           "berth-registry supports htpasswd only, got " + shown(v));
        if (const char *realm = env("REGISTRY_AUTH_HTPASSWD_REALM"))
            config.htpasswdRealm = realm;
        if (const char *path = env("REGISTRY_AUTH_HTPASSWD_PATH"))
            config.htpasswdPath = path;
        if (config.htpasswdPath.empty())
            return makeError("CONFIG_INVALID",
                             "REGISTRY_AUTH=htpasswd needs REGISTRY_AUTH_HTPASSWD_PATH");
    }
    if (config.tlsCertificate.empty() != config.tlsKey.empty())
        return invalid(config.tlsCertificate.empty() ? "http.tls.certificate" : "http.tls.key",
                       "TLS needs both http.tls.certificate and http.tls.key");
    if (auto s = config_detail::checkProxy(config.proxy); !s.ok())
        return s.error();
    return config;
}

Result<RegistryConfig> RegistryConfig::load(const fs::path &file)
{
    std::ifstream in(file);
    if (!in)
        return makeError("IO", "cannot read " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    if (text.str().size() > 1024 * 1024)
        return makeError("CONFIG_INVALID", file.string() + " is larger than 1 MiB");
    return parse(text.str(), [](const char *name) { return std::getenv(name); });
}

Result<fs::path> RegistryConfig::resolveRoot(const fs::path &rootOrConfig)
{
    std::error_code ec;
    if (fs::is_directory(rootOrConfig, ec))
        return rootOrConfig;
    if (!fs::is_regular_file(rootOrConfig, ec))
        return makeError("NOT_FOUND",
                         rootOrConfig.string() + " is neither a data directory nor a config.yml");
    auto config = load(rootOrConfig);
    if (!config.ok())
        return config.error();
    if (config->rootDirectory.empty())
        return makeError("CONFIG_INVALID",
                         rootOrConfig.string() + " names no storage.filesystem.rootdirectory");
    return config->rootDirectory;
}

} // namespace berth::server

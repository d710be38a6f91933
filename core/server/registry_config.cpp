#include "server/registry_config.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>

namespace berth::server {

namespace fs = std::filesystem;

namespace {

Result<bool> parseBool(const std::string &key, const std::string &value)
{
    if (value == "true" || value == "True" || value == "TRUE" || value == "1")
        return true;
    if (value == "false" || value == "False" || value == "FALSE" || value == "0")
        return false;
    return makeError("CONFIG_INVALID",
                     key + ": expected true or false, got '" + value.substr(0, 40) + "'");
}

} // namespace

Result<RegistryConfig>
RegistryConfig::parse(const std::string &yaml,
                      const std::function<const char *(const char *)> &getenv)
{
    RegistryConfig config;
    try {
        const YAML::Node root = YAML::Load(yaml);
        if (root && !root.IsNull() && !root.IsMap())
            return makeError("CONFIG_INVALID", "config.yml must be a mapping");
        // Nested lookup that never throws on a missing level.
        auto at = [&root](std::initializer_list<const char *> keys) -> YAML::Node {
            YAML::Node node = YAML::Clone(root);
            for (const char *key : keys) {
                if (!node || !node.IsMap())
                    return YAML::Node(YAML::NodeType::Undefined);
                node = node[key];
            }
            return node;
        };
        if (const YAML::Node fsNode = at({"storage", "filesystem", "rootdirectory"});
            fsNode.IsDefined() && !fsNode.IsNull()) {
            if (!fsNode.IsScalar())
                return makeError("CONFIG_INVALID",
                                 "storage.filesystem.rootdirectory: expected a path");
            config.rootDirectory = fsNode.as<std::string>();
        }
        if (const YAML::Node del = at({"storage", "delete", "enabled"});
            del.IsDefined() && !del.IsNull()) {
            if (!del.IsScalar())
                return makeError("CONFIG_INVALID",
                                 "storage.delete.enabled: expected true or false");
            auto value = parseBool("storage.delete.enabled", del.as<std::string>());
            if (!value.ok())
                return value.error();
            config.deleteEnabled = *value;
        }
        if (const YAML::Node addr = at({"http", "addr"}); addr.IsDefined() && addr.IsScalar())
            config.httpAddr = addr.as<std::string>();
        if (const YAML::Node realm = at({"auth", "htpasswd", "realm"});
            realm.IsDefined() && realm.IsScalar())
            config.htpasswdRealm = realm.as<std::string>();
        if (const YAML::Node path = at({"auth", "htpasswd", "path"});
            path.IsDefined() && path.IsScalar())
            config.htpasswdPath = path.as<std::string>();
    } catch (const YAML::Exception &e) {
        return makeError("CONFIG_INVALID", std::string("config.yml: ") + e.what());
    }
    if (const char *v = getenv("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY"); v && *v)
        config.rootDirectory = v;
    if (const char *v = getenv("REGISTRY_STORAGE_DELETE_ENABLED"); v && *v) {
        auto value = parseBool("REGISTRY_STORAGE_DELETE_ENABLED", v);
        if (!value.ok())
            return value.error();
        config.deleteEnabled = *value;
    }
    if (const char *v = getenv("REGISTRY_HTTP_ADDR"); v && *v)
        config.httpAddr = v;
    if (const char *v = getenv("REGISTRY_AUTH"); v && std::string_view(v) == "htpasswd") {
        if (const char *realm = getenv("REGISTRY_AUTH_HTPASSWD_REALM"); realm && *realm)
            config.htpasswdRealm = realm;
        if (const char *path = getenv("REGISTRY_AUTH_HTPASSWD_PATH"); path && *path)
            config.htpasswdPath = path;
        if (config.htpasswdPath.empty())
            return makeError("CONFIG_INVALID",
                             "REGISTRY_AUTH=htpasswd needs REGISTRY_AUTH_HTPASSWD_PATH");
    }
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

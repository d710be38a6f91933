#include "cli.h"

#include <algorithm>
#include <charconv>

namespace berth::registry_cli {

void printUsage(std::FILE *out)
{
    std::fputs("Usage: berth-registry <command> [options]\n"
               "\n"
               "Commands:\n"
               "  serve [config.yml] [--addr HOST:PORT] [--root DIR] [--delete-enabled]\n"
               "        [--log-level error|warn|info|debug] [--port-file FILE]\n"
               "        [--allow-insecure-auth] [--header-timeout SECONDS]\n"
               "                                 run the registry (OCI distribution-spec 1.1)\n"
               "                                 in the foreground; default 127.0.0.1:5000\n"
               "                                 (HOST is IPv4; empty or localhost means\n"
               "                                 127.0.0.1), data in\n"
               "                                 $XDG_DATA_HOME/berth/registry or\n"
               "                                 ~/.local/share/berth/registry; options\n"
               "                                 override config.yml and REGISTRY_*;\n"
               "                                 --header-timeout 1-3600, default 20;\n"
               "                                 SIGTERM/SIGINT drain, SIGUSR1 or\n"
               "                                 POST /berth/v1/garbage-collect collects online\n"
               "  inspect ROOT|config.yml [--json] [--verify]\n"
               "                                 usage per repository, orphan blobs, untagged\n"
               "                                 manifests, stale uploads, dangling links;\n"
               "                                 --verify re-hashes every blob\n"
               "  garbage-collect ROOT|config.yml [--dry-run|-d] [--delete-untagged|-m]\n"
               "                 [--uploads-older-than DURATION] [--prune-empty-repos]\n"
               "                 [--json] [--force]\n"
               "                                 remove blobs no manifest references; with -m\n"
               "                                 also untagged manifests, but never the\n"
               "                                 platforms of a tagged multi-arch index nor\n"
               "                                 referrers of kept images; without --dry-run\n"
               "                                 it deletes;\n"
               "                                 --force skips the lock a running serve holds\n"
               "  rm-repo ROOT|config.yml NAME [--dry-run|-d]\n"
               "                                 remove one repository (then garbage-collect)\n"
               "  version, --version             show the version\n"
               "  help, -h, --help               show this help\n"
               "\n"
               "ROOT is a registry:2 data directory (holding docker/registry/v2); a config.yml\n"
               "names it in storage.filesystem.rootdirectory\n"
               "(REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY overrides).\n"
               "DURATION: a number and one unit, s, m, h or d: 90s, 30m, 24h, 7d.\n"
               "\n"
               "Exit status: 0 ok, 1 failure, 2 usage error (for serve also a bad\n"
               "configuration), 3 inspect found dangling links or corrupt blobs.\n"
               "See berth-registry(1).\n",
               out);
}

std::optional<std::chrono::seconds> parseDuration(std::string_view text)
{
    if (text.size() < 2)
        return std::nullopt;
    long long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, value);
    if (ec != std::errc() || end != text.data() + text.size() - 1 || value < 0 ||
        value > 100LL * 365 * 24 * 3600)
        return std::nullopt;
    switch (text.back()) {
    case 's':
        return std::chrono::seconds(value);
    case 'm':
        return std::chrono::seconds(value * 60);
    case 'h':
        return std::chrono::seconds(value * 3600);
    case 'd':
        return std::chrono::seconds(value * 86400);
    default:
        return std::nullopt;
    }
}

int fail(const std::string &message, int code)
{
    std::fprintf(stderr, "berth-registry: %s\n", message.c_str());
    return code;
}

std::string humanBytes(std::uintmax_t bytes)
{
    const char *units[] = {"B", "kB", "MB", "GB", "TB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1000 && unit < 4) {
        value /= 1000;
        ++unit;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    return buf;
}

int missingValue(std::string_view arg, int i, int argc,
                 std::initializer_list<std::string_view> takingValue)
{
    if (i + 1 < argc || std::find(takingValue.begin(), takingValue.end(), arg) == takingValue.end())
        return 0;
    return fail("option '" + std::string(arg) + "' needs a value", 2);
}

} // namespace berth::registry_cli

// berth-registry: the built-in registry (serve) and offline tools for
// registry:2 data directories (inspect, garbage-collect, rm-repo).
// Argument handling and printing only; the work is in core/storage and core/server.
#include "berth_version.h"

#include "server/http_server.h"
#include "server/mirror.h"
#include "server/registry_api.h"
#include "server/registry_config.h"
#include "server/upload_purger.h"
#include "storage/garbage_collector.h"
#include "storage/inspector.h"
#include "storage/store_lock.h"

#include "oci/name_rules.h"

#include <algorithm>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace fs = std::filesystem;

namespace {

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

int fail(const std::string &message, int code = 1)
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

int inspect(const fs::path &root, bool json, bool verify)
{
    berth::storage::Inspector inspector(root);
    auto report = inspector.run({verify});
    if (!report.ok())
        return fail(report.error().message);
    if (json) {
        std::printf("%s\n", report->toJson().c_str());
        return report->corruptBlobs.empty() && report->danglingLinks.empty() ? 0 : 3;
    }
    std::printf("%zu blobs, %s; %zu repositories\n", report->blobCount,
                humanBytes(report->blobBytes).c_str(), report->repositories.size());
    std::printf("\nTop repositories by exclusive size (freed if removed):\n");
    std::size_t shown = 0;
    for (const auto &r : report->repositories) {
        if (shown++ == 20)
            break;
        std::printf("  %-40s %10s exclusive %10s shared  %zu tags, %zu manifests (%zu untagged, "
                    "%zu platforms of tagged indexes)\n",
                    r.name.c_str(), humanBytes(r.exclusiveBytes).c_str(),
                    humanBytes(r.sharedBytes).c_str(), r.tags, r.manifests, r.untaggedManifests,
                    r.indexChildren);
    }
    std::printf("\nOrphan blobs (garbage-collect frees them): %zu, %s\n",
                report->orphanBlobs.size(), humanBytes(report->orphanBytes).c_str());
    std::printf("Untagged manifests: %zu\n", report->untagged.size());
    std::printf("Uploads in progress or abandoned: %zu\n", report->uploads.size());
    for (const auto &p : report->danglingLinks)
        std::printf("dangling: %s: %s\n", p.path.c_str(), p.message.c_str());
    for (const auto &b : report->corruptBlobs)
        std::printf("corrupt: %s (content does not match its digest)\n",
                    b.digest.toString().c_str());
    for (const auto &p : report->problems)
        std::printf("problem: %s: %s\n", p.path.c_str(), p.message.c_str());
    return report->corruptBlobs.empty() && report->danglingLinks.empty() ? 0 : 3;
}

int rmRepo(const fs::path &root, const std::string &name, bool dryRun)
{
    if (auto valid = berth::oci::validateRepositoryName(name); !valid.ok())
        return fail(valid.error().message, 2);
    berth::storage::RegistryStore store(root);
    auto dir = store.layout().repositoryDir(name);
    std::error_code ec;
    if (!dir.ok() || !fs::is_directory(*dir / "_manifests", ec))
        return fail("no repository '" + name + "' in " + root.string());
    auto lock =
        berth::storage::StoreLock::tryAcquire(root, berth::storage::StoreLock::Mode::Exclusive);
    if (!lock.ok())
        return fail(lock.error().message + "; stop the registry first");
    berth::storage::Inspector inspector(root);
    auto before = inspector.run({});
    std::uintmax_t exclusive = 0;
    if (before.ok()) {
        for (const auto &r : before->repositories) {
            if (r.name == name)
                exclusive = r.exclusiveBytes;
        }
    }
    if (!dryRun) {
        for (const char *part : {"_manifests", "_layers", "_uploads"})
            fs::remove_all(*dir / part, ec);
        fs::remove(*dir, ec); // kept when nested repositories live below
    }
    std::printf("%s %s; a following garbage-collect frees %s (%ju bytes)\n",
                dryRun ? "would remove" : "removed", name.c_str(), humanBytes(exclusive).c_str(),
                exclusive);
    return 0;
}

fs::path defaultRoot()
{
    if (const char *xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return fs::path(xdg) / "berth" / "registry";
    const char *home = std::getenv("HOME");
    return fs::path(home ? home : ".") / ".local" / "share" / "berth" / "registry";
}

std::optional<std::string> readPem(const fs::path &path, std::string &error)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot read " + path.string();
        return std::nullopt;
    }
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.size() > 1024 * 1024 || text.find("-----BEGIN ") == std::string::npos) {
        error = path.string() + " is not a PEM file";
        return std::nullopt;
    }
    return text;
}

bool isLoopback(const std::string &host)
{
    return host.rfind("127.", 0) == 0;
}

// 2 (usage error, said on stderr) when `arg` is an option that takes a
// value and none follows it; 0 otherwise.
int missingValue(std::string_view arg, int i, int argc,
                 std::initializer_list<std::string_view> takingValue)
{
    if (i + 1 < argc || std::find(takingValue.begin(), takingValue.end(), arg) == takingValue.end())
        return 0;
    return fail("option '" + std::string(arg) + "' needs a value", 2);
}

// What `serve` was told on its command line.
struct ServeArgs
{
    std::optional<fs::path> configFile;
    std::optional<std::string> addr;
    std::optional<fs::path> root;
    std::optional<fs::path> portFile;
    std::optional<berth::server::LogLevel> logLevel;
    bool deleteEnabled = false;
    bool insecureAuth = false;
    unsigned headerTimeout = 20;
};

// The arguments, or the exit code to end with (help printed, or an error).
std::variant<ServeArgs, int> parseServeArgs(int argc, char **argv)
{
    ServeArgs args;
    for (int i = 2; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "-h" || a == "--help") {
            printUsage(stdout);
            return 0;
        }
        if (const int rc = missingValue(
                a, i, argc, {"--addr", "--root", "--port-file", "--log-level", "--header-timeout"}))
            return rc;
        if (a == "--addr")
            args.addr = argv[++i];
        else if (a == "--root")
            args.root = argv[++i];
        else if (a == "--port-file")
            args.portFile = argv[++i];
        else if (a == "--log-level") {
            auto level = berth::server::RegistryConfig::parseLogLevel(argv[++i]);
            if (!level.ok())
                return fail("--log-level: " + level.error().message, 2);
            args.logLevel = *level;
        } else if (a == "--delete-enabled")
            args.deleteEnabled = true;
        else if (a == "--allow-insecure-auth")
            args.insecureAuth = true;
        else if (a == "--header-timeout") {
            unsigned seconds = 0;
            const std::string_view v = argv[++i];
            if (std::from_chars(v.data(), v.data() + v.size(), seconds).ec != std::errc() ||
                seconds == 0 || seconds > 3600)
                return fail("--header-timeout: '" + std::string(v) +
                                "' is not a number of seconds (1-3600)",
                            2);
            args.headerTimeout = seconds;
        } else if (!a.empty() && a.front() != '-' && !args.configFile)
            args.configFile = a;
        else
            return fail("serve: unknown option '" + std::string(a) + "'", 2);
    }
    return args;
}

// Everything `serve` runs with, from config.yml, REGISTRY_* and the options.
struct ServeSetup
{
    berth::server::RegistryConfig config;
    std::string host;
    berth::server::HttpServer::Options http;
    berth::server::RegistryApi::Options api;
};

std::variant<ServeSetup, int> configure(const ServeArgs &args)
{
    auto config = args.configFile ? berth::server::RegistryConfig::load(*args.configFile)
                                  : berth::server::RegistryConfig::parse(
                                        "", [](const char *n) { return std::getenv(n); });
    if (!config.ok())
        return fail(config.error().message, 2);
    ServeSetup setup{std::move(config.value()), {}, {}, {}};
    berth::server::RegistryConfig &c = setup.config;
    if (args.logLevel)
        c.logLevel = *args.logLevel;
    if (c.logLevel >= berth::server::LogLevel::Warn) {
        for (const auto &w : c.warnings)
            std::fprintf(stderr, "berth-registry: warning: %s\n", w.c_str());
    }
    if (args.root)
        c.rootDirectory = *args.root;
    if (c.rootDirectory.empty())
        c.rootDirectory = defaultRoot();
    if (args.addr)
        c.httpAddr = *args.addr;
    if (args.deleteEnabled)
        c.deleteEnabled = true;
    const auto colon = c.httpAddr.rfind(':');
    setup.host = colon == std::string::npos ? "" : c.httpAddr.substr(0, colon);
    if (setup.host.empty() || setup.host == "localhost")
        setup.host = "127.0.0.1";
    unsigned port = 0;
    const std::string portText =
        colon == std::string::npos ? c.httpAddr : c.httpAddr.substr(colon + 1);
    if (std::from_chars(portText.data(), portText.data() + portText.size(), port).ec !=
            std::errc() ||
        port > 65535)
        return fail("http.addr: '" + c.httpAddr + "' has no valid port", 2);
    if (c.tlsEnabled()) {
        std::string error;
        auto cert = readPem(c.tlsCertificate, error);
        if (!cert)
            return fail("http.tls.certificate: " + error, 2);
        auto key = readPem(c.tlsKey, error);
        if (!key)
            return fail("http.tls.key: " + error, 2);
        setup.http.tlsCertificatePem = std::move(*cert);
        setup.http.tlsKeyPem = std::move(*key);
    }
    if (!c.htpasswdPath.empty() && !c.tlsEnabled() && !isLoopback(setup.host) && !args.insecureAuth)
        return fail("auth.htpasswd without TLS on " + setup.host +
                        " would send passwords in clear text: set http.tls.certificate and "
                        "http.tls.key, listen on 127.0.0.1 behind a TLS proxy, or pass "
                        "--allow-insecure-auth",
                    2);
    setup.api.deleteEnabled = c.deleteEnabled;
    setup.api.uploadPurgeAge = c.uploadPurging.age;
    if (c.proxy.enabled())
        setup.api.mirror = berth::server::Mirror::optionsOf(c.proxy);
    if (!c.htpasswdPath.empty()) {
        auto users = berth::auth::Htpasswd::load(c.htpasswdPath);
        if (!users.ok())
            return fail(users.error().message, 2);
        setup.api.htpasswd =
            std::make_shared<const berth::auth::Htpasswd>(std::move(users.value()));
        setup.api.realm = c.htpasswdRealm.empty() ? "berth-registry" : c.htpasswdRealm;
    }
    setup.http.address = setup.host;
    setup.http.port = static_cast<std::uint16_t>(port);
    setup.http.extraHeaders = c.headers;
    setup.http.drainTimeout = c.drainTimeout;
    setup.http.headerTimeoutSeconds = args.headerTimeout;
    if (c.accessLog && c.logLevel >= berth::server::LogLevel::Info) {
        // One line per request: method, path, status, bytes in and out, duration.
        setup.http.accessLog = [](const berth::server::AccessLogEntry &e) {
            static std::mutex logMutex;
            std::lock_guard guard(logMutex);
            std::fprintf(stderr, "%s %s %d in=%llu out=%llu %.1fms\n", e.method.c_str(),
                         e.path.c_str(), e.status, static_cast<unsigned long long>(e.bytesIn),
                         static_cast<unsigned long long>(e.bytesOut), e.durationMs);
        };
    }
    return setup;
}

void logPurge(const berth::Result<berth::storage::GcReport> &report, berth::server::LogLevel level)
{
    using berth::server::LogLevel;
    if (!report.ok()) {
        if (level >= LogLevel::Warn)
            std::fprintf(stderr, "berth-registry: upload purge failed: %s\n",
                         report.error().message.c_str());
        return;
    }
    if (!report->uploadsToDelete.empty() && level >= LogLevel::Info)
        std::fprintf(stderr, "berth-registry: upload purge: %zu stale uploads (%ju bytes) %s\n",
                     report->uploadsToDelete.size(), report->bytesToReclaim,
                     report->dryRun ? "found (dry run)" : "removed");
}

// Serves until SIGTERM or SIGINT (drain, then stop); SIGUSR1 collects
// garbage online, as `garbage-collect` without -m would (blobs only).
int serveUntilSignalled(berth::server::RegistryApi &api, berth::server::HttpServer &server,
                        const sigset_t &signals, const berth::server::RegistryConfig &config)
{
    using berth::server::LogLevel;
    int received = 0;
    while (sigwait(&signals, &received) == 0 && received == SIGUSR1) {
        berth::storage::GcOptions gcOptions;
        gcOptions.dryRun = false;
        auto report = api.collectGarbage(gcOptions);
        if (!report.ok())
            std::fprintf(stderr, "berth-registry: garbage collection failed: %s\n",
                         report.error().message.c_str());
        else if (config.logLevel >= LogLevel::Info)
            std::fprintf(stderr,
                         "berth-registry: garbage collection (SIGUSR1): %zu blobs marked, %zu "
                         "deleted, %ju bytes reclaimed, %zu recent kept\n",
                         report->blobsMarked, report->blobsToDelete.size(), report->bytesToReclaim,
                         report->recentBlobsKept);
    }
    if (config.logLevel >= LogLevel::Info)
        std::fprintf(stderr,
                     "berth-registry: signal %d, finishing requests in flight (up to %llds)\n",
                     received, static_cast<long long>(config.drainTimeout.count()));
    const std::size_t unfinished = server.stop();
    if (unfinished > 0 && config.logLevel >= LogLevel::Warn)
        std::fprintf(stderr, "berth-registry: %zu requests did not finish in time and were cut\n",
                     unfinished);
    return 0;
}

int serve(int argc, char **argv)
{
    auto parsed = parseServeArgs(argc, argv);
    if (const int *rc = std::get_if<int>(&parsed))
        return *rc;
    auto configured = configure(std::get<ServeArgs>(parsed));
    if (const int *rc = std::get_if<int>(&configured))
        return *rc;
    ServeSetup &setup = std::get<ServeSetup>(configured);
    const berth::server::RegistryConfig &config = setup.config;

    std::error_code ec;
    fs::create_directories(config.rootDirectory, ec);
    auto lock = berth::storage::StoreLock::tryAcquire(config.rootDirectory,
                                                      berth::storage::StoreLock::Mode::Shared);
    if (!lock.ok())
        return fail(lock.error().message);

    // Signals are taken by sigwait(), not by a handler.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGUSR1); // online garbage collection
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    berth::server::RegistryApi api(config.rootDirectory, setup.api);
    berth::server::HttpServer server(api, setup.http);
    if (auto s = server.start(); !s.ok())
        return fail(s.error().message);
    if (config.logLevel >= berth::server::LogLevel::Info)
        std::fprintf(stderr, "berth-registry %s: serving %s on %s://%s:%u (deletes %s%s%s%s)\n",
                     BERTH_VERSION_STRING, config.rootDirectory.c_str(),
                     config.tlsEnabled() ? "https" : "http", setup.host.c_str(), server.port(),
                     config.deleteEnabled ? "enabled" : "disabled",
                     setup.api.htpasswd ? ", htpasswd auth" : "",
                     setup.api.mirror ? ", pull-through cache of " : "",
                     setup.api.mirror ? berth::server::Mirror::describe(*setup.api.mirror).c_str()
                                      : "");
    if (const auto &portFile = std::get<ServeArgs>(parsed).portFile)
        std::ofstream(*portFile) << server.port() << "\n";
    std::unique_ptr<berth::server::UploadPurger> purger;
    if (config.uploadPurging.enabled)
        purger = std::make_unique<berth::server::UploadPurger>(
            api, config.uploadPurging.interval, config.uploadPurging.dryRun,
            [&config](const berth::Result<berth::storage::GcReport> &report) {
                logPurge(report, config.logLevel);
            });
    return serveUntilSignalled(api, server, signals, config);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        printUsage(stderr);
        return 2;
    }
    const std::string_view command = argv[1];
    if (command == "--version" || command == "version") {
        std::printf("berth-registry %s\n", BERTH_VERSION_STRING);
        return 0;
    }
    if (command == "-h" || command == "--help" || command == "help") {
        printUsage(stdout);
        return 0;
    }
    if (command == "serve")
        return serve(argc, argv);
    if (command != "inspect" && command != "garbage-collect" && command != "rm-repo") {
        std::fprintf(stderr, "berth-registry: unknown command '%s'\n\n", argv[1]);
        printUsage(stderr);
        return 2;
    }

    std::vector<std::string> positional;
    bool json = false, verify = false, dryRun = false, deleteUntagged = false, prune = false,
         force = false;
    std::optional<std::chrono::seconds> uploadsOlderThan;
    for (int i = 2; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "-h" || a == "--help") {
            printUsage(stdout);
            return 0;
        }
        if (const int rc = missingValue(a, i, argc, {"--uploads-older-than"}))
            return rc;
        if (a == "--json")
            json = true;
        else if (a == "--verify" && command == "inspect")
            verify = true;
        else if ((a == "--dry-run" || a == "-d") && command != "inspect")
            dryRun = true;
        else if ((a == "--delete-untagged" || a == "-m") && command == "garbage-collect")
            deleteUntagged = true;
        else if (a == "--prune-empty-repos" && command == "garbage-collect")
            prune = true;
        else if (a == "--force" && command == "garbage-collect")
            force = true;
        else if (a == "--uploads-older-than" && command == "garbage-collect" && i + 1 < argc) {
            uploadsOlderThan = parseDuration(argv[++i]);
            if (!uploadsOlderThan)
                return fail(std::string("--uploads-older-than: '") + argv[i] +
                                "' is not a duration like 24h or 7d",
                            2);
        } else if (!a.empty() && a.front() == '-')
            return fail("unknown option '" + std::string(a) + "' for " + std::string(command), 2);
        else
            positional.emplace_back(a);
    }
    const std::size_t wanted = command == "rm-repo" ? 2 : 1;
    if (positional.size() != wanted) {
        printUsage(stderr);
        return 2;
    }
    auto root = berth::server::RegistryConfig::resolveRoot(positional[0]);
    if (!root.ok())
        return fail(root.error().message);

    if (command == "inspect")
        return inspect(*root, json, verify);
    if (command == "rm-repo")
        return rmRepo(*root, positional[1], dryRun);

    berth::storage::GcOptions options;
    options.dryRun = dryRun;
    options.deleteUntagged = deleteUntagged;
    options.uploadsOlderThan = uploadsOlderThan;
    options.pruneEmptyRepositories = prune;
    options.force = force;
    berth::storage::GarbageCollector collector(*root);
    auto report = collector.run(options);
    if (!report.ok())
        return fail(report.error().message);
    std::fputs(json ? (report->toJson() + "\n").c_str() : report->toText().c_str(), stdout);
    return 0;
}

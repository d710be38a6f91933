#include "serve_command.h"

#include "cli.h"

#include "berth_version.h"

#include "server/http_server.h"
#include "server/listen_address.h"
#include "server/mirror.h"
#include "server/registry_api.h"
#include "server/registry_config.h"
#include "server/upload_purger.h"
#include "storage/store_lock.h"

#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <pthread.h>

namespace berth::registry_cli {

namespace fs = std::filesystem;

namespace {

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

void logCacheReport(const berth::server::CacheReport &r, berth::server::LogLevel level)
{
    using berth::server::LogLevel;
    if (r.error && level >= LogLevel::Warn)
        std::fprintf(stderr, "berth-registry: cache bound: eviction failed: %s\n",
                     r.error->message.c_str());
    if (level < (r.stillOver ? LogLevel::Warn : LogLevel::Info))
        return;
    std::fprintf(stderr,
                 "berth-registry: cache bound: %s of %s, %zu least recently pulled manifests "
                 "evicted, %s reclaimed; now %s%s\n",
                 humanBytes(r.bytesBefore).c_str(), humanBytes(r.bound).c_str(), r.manifestsEvicted,
                 humanBytes(r.bytesReclaimed).c_str(), humanBytes(r.bytesAfter).c_str(),
                 r.stillOver ? ", still over: the rest is local or pulled within the hour" : "");
}

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
    const auto listen = berth::server::ListenAddress::parse(c.httpAddr);
    if (!listen.ok())
        return fail(listen.error().message, 2);
    setup.host = listen->host;
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
    if (!c.htpasswdPath.empty() && !c.tlsEnabled() && !listen->isLoopback() && !args.insecureAuth)
        return fail("auth.htpasswd without TLS on " + setup.host +
                        " would send passwords in clear text: set http.tls.certificate and "
                        "http.tls.key, listen on 127.0.0.1 behind a TLS proxy, or pass "
                        "--allow-insecure-auth",
                    2);
    setup.api.deleteEnabled = c.deleteEnabled;
    setup.api.uploadPurgeAge = c.uploadPurging.age;
    if (c.proxy.enabled()) {
        setup.api.mirror = berth::server::Mirror::optionsOf(c.proxy);
        setup.api.mirror->cacheReport = [level = c.logLevel](const berth::server::CacheReport &r) {
            logCacheReport(r, level);
        };
    }
    if (!c.htpasswdPath.empty()) {
        auto users = berth::auth::Htpasswd::load(c.htpasswdPath);
        if (!users.ok())
            return fail(users.error().message, 2);
        setup.api.htpasswd =
            std::make_shared<const berth::auth::Htpasswd>(std::move(users.value()));
        setup.api.realm = c.htpasswdRealm.empty() ? "berth-registry" : c.htpasswdRealm;
    }
    setup.http.address = setup.host;
    setup.http.port = listen->port;
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

} // namespace

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
    const std::string listening =
        berth::server::ListenAddress{setup.host, server.port()}.hostPort();
    if (config.logLevel >= berth::server::LogLevel::Info)
        std::fprintf(stderr, "berth-registry %s: serving %s on %s://%s (deletes %s%s%s%s)\n",
                     BERTH_VERSION_STRING, config.rootDirectory.c_str(),
                     config.tlsEnabled() ? "https" : "http", listening.c_str(),
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

} // namespace berth::registry_cli

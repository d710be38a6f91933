// berth-registry: the built-in registry (serve) and offline tools for
// registry:2 data directories (inspect, garbage-collect, rm-repo).
// Argument handling and printing only; the work is in core/storage and core/server.
#include "berth_version.h"
#include "cli.h"
#include "serve_command.h"
#include "store_commands.h"

#include <cstdio>
#include <string_view>

using berth::registry_cli::printUsage;

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
        return berth::registry_cli::serve(argc, argv);
    if (command != "inspect" && command != "garbage-collect" && command != "rm-repo") {
        std::fprintf(stderr, "berth-registry: unknown command '%s'\n\n", argv[1]);
        printUsage(stderr);
        return 2;
    }

    return berth::registry_cli::runStoreCommand(argc, argv);
}

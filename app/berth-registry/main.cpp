// berth-registry: the built-in registry (serve) and offline tools for
// registry:2 data directories (inspect, garbage-collect, rm-repo).
#include "berth_version.h"

#include <cstdio>
#include <cstring>
#include <string_view>

namespace {

void printUsage(std::FILE *out)
{
    std::fputs("Usage: berth-registry <command> [options]\n"
               "\n"
               "Commands:\n"
               "  serve [config.yml]            run the registry (OCI distribution-spec 1.1)\n"
               "  inspect ROOT|config.yml       summarise a registry:2 data directory\n"
               "  garbage-collect ROOT|config.yml\n"
               "                                remove blobs no manifest references\n"
               "  rm-repo ROOT|config.yml NAME  remove one repository\n"
               "\n"
               "Options:\n"
               "  -h, --help                    show this help\n"
               "  --version                     show the version\n",
               out);
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
    if (command == "serve" || command == "inspect" || command == "garbage-collect" ||
        command == "rm-repo") {
        std::fprintf(stderr, "berth-registry: '%s' is not implemented in this build yet\n",
                     argv[1]);
        return 3;
    }
    std::fprintf(stderr, "berth-registry: unknown command '%s'\n\n", argv[1]);
    printUsage(stderr);
    return 2;
}

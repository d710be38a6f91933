#pragma once

// berth-registry's offline commands on a registry:2 data directory:
// inspect, garbage-collect, rm-repo.
namespace berth::registry_cli {

// argv[1] is one of them; the exit code.
int runStoreCommand(int argc, char **argv);

} // namespace berth::registry_cli

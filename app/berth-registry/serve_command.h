#pragma once

// berth-registry serve: the registry in the foreground until a signal.
namespace berth::registry_cli {

int serve(int argc, char **argv);

} // namespace berth::registry_cli

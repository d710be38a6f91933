#include "crash_fs_state.h"

#include <cerrno>

namespace berth::test {

void crashNow(CrashFsState &s)
{
    s.crashed = true;
    s.tree.crash(s.model, s.random);
    s.tree.save(s.stateDir);
    s.syncsReleased.notify_all(); // held syncs fail now
}

bool syncHeld(const CrashFsState &s, Ino ino)
{
    Ino held = 0;
    return !s.holdPath.empty() && s.tree.resolve(s.holdPath, held) == 0 && held == ino;
}

int beforeChange(CrashFsState &s)
{
    if (s.crashed)
        return -EIO;
    ++s.changes;
    if (s.crashAt && s.changes >= s.crashAt) {
        crashNow(s);
        return -EIO;
    }
    return 0;
}

std::string statusText(const CrashFsState &s)
{
    return "changes " + std::to_string(s.changes) + "\npending " +
           std::to_string(s.tree.pending()) + "\ncrashed " + (s.crashed ? "1" : "0") + "\nheld " +
           std::to_string(s.held) + "\nheld-opens " + std::to_string(s.heldOpens) + "\n";
}

int control(CrashFsState &s, std::string_view command)
{
    while (!command.empty() && (command.back() == '\n' || command.back() == ' '))
        command.remove_suffix(1);
    if (command == "crash") {
        if (!s.crashed)
            crashNow(s);
        return 0;
    }
    if (command == "sync") {
        s.tree.syncAll();
        return 0;
    }
    constexpr std::string_view kHold = "hold-syncs ";
    if (command.substr(0, kHold.size()) == kHold) {
        s.holdPath = std::string(command.substr(kHold.size()));
        s.heldOpens = 0;
        s.syncsReleased.notify_all(); // syncs of the path held before go on
        return 0;
    }
    if (command == "release-syncs") {
        s.holdPath.clear();
        s.syncsReleased.notify_all();
        return 0;
    }
    constexpr std::string_view kAfter = "crash-after ";
    if (command.substr(0, kAfter.size()) == kAfter) {
        const std::uint64_t n = std::stoull(std::string(command.substr(kAfter.size())));
        s.crashAt = n ? s.changes + n : 0;
        return 0;
    }
    return -EINVAL;
}

} // namespace berth::test

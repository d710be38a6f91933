#pragma once

// berth-crash-fs's state (crash_fs.cpp is its FUSE glue): the tree, the
// crash model, the counters and the control file's commands. Every call
// holds `mutex`; a held sync waits on `syncsReleased`.

#include "crash_tree.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <string_view>

namespace berth::test {

struct CrashFsState
{
    std::mutex mutex;
    CrashTree tree;
    std::string stateDir;
    CrashModel model = CrashModel::DropAll;
    std::mt19937_64 random;
    std::uint64_t changes = 0; // changes and syncs asked for so far
    std::uint64_t crashAt = 0; // the change that crashes (0: none)
    bool crashed = false;
    // Syncs of it wait (empty: none). Each held sync keeps one of
    // libfuse's worker threads (10 at most) until it goes on.
    std::string holdPath;
    int held = 0;      // syncs waiting now
    int heldOpens = 0; // opens of holdPath since it was set
    std::condition_variable syncsReleased;
};

// The power goes: what the model keeps is saved, held syncs fail.
void crashNow(CrashFsState &s);
// Whether a sync of `ino` waits.
bool syncHeld(const CrashFsState &s, Ino ino);
// Before a change or a sync: counted, and the power may go now (-EIO).
int beforeChange(CrashFsState &s);
// What reading the control file gives.
std::string statusText(const CrashFsState &s);
// A command written to the control file; 0 or -errno.
int control(CrashFsState &s, std::string_view command);

} // namespace berth::test

#pragma once

#include <string>

namespace berth::storage {

// Something wrong found in a store, reported per item; the scan goes on.
struct Problem
{
    std::string path;    // relative to the store root
    std::string message; // what is wrong, in words
    // What a write stopped by a crash leaves: a blob or link folder whose
    // file never arrived. Harmless — nothing refers to it — and reported
    // apart (InspectReport::leftovers).
    bool interrupted = false;
};

} // namespace berth::storage

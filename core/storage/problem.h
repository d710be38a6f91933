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
    // A manifest's config or layer that is not in the store (path:
    // "repository@manifest digest"). In a mirror's cache that is a layer
    // not pulled yet, not damage: the mirror fetches it when asked.
    bool missingReference = false;
};

} // namespace berth::storage

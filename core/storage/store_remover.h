#pragma once

#include "storage/layout.h"
#include "storage/problem.h"

#include <filesystem>
#include <set>
#include <system_error>
#include <vector>

namespace berth::storage {

// Removes folders inside the store only: a symlinked folder on the way (a
// hostile or hand-made store) must not lead a removal elsewhere. The store's
// own real path is resolved once, not once per removal. What it cannot
// remove is reported as a problem.
class StoreRemover
{
public:
    StoreRemover(const Layout &layout, std::vector<Problem> &problems);

    void remove(const std::filesystem::path &path);
    // The removals so far made durable (their folders synced): what refers
    // to a blob must be gone for good before the blob goes. False (and a
    // problem) when a folder could not be synced.
    bool syncRemovals();

private:
    const Layout &m_layout;
    std::vector<Problem> &m_problems;
    std::error_code m_v2Error;
    std::filesystem::path m_v2;
    std::set<std::filesystem::path> m_removedFrom; // folders to sync
};

} // namespace berth::storage

#include "storage/store_remover.h"

#include "storage/durable_directory.h"

namespace berth::storage {

namespace fs = std::filesystem;

StoreRemover::StoreRemover(const Layout &layout, std::vector<Problem> &problems)
    : m_layout(layout)
    , m_problems(problems)
    , m_v2(fs::canonical(layout.v2(), m_v2Error))
{
}

void StoreRemover::remove(const fs::path &path)
{
    std::error_code ec;
    const fs::path parent = fs::canonical(path.parent_path(), ec);
    if (ec == std::errc::no_such_file_or_directory)
        return; // already gone
    const fs::path inside = parent.lexically_relative(m_v2);
    if (ec || m_v2Error || inside.empty() || *inside.begin() == "..") {
        m_problems.push_back(
            {m_layout.relative(path), "not removed: it resolves outside the store"});
        return;
    }
    forgetDurable(path);
    if (fs::remove_all(path, ec) > 0)
        m_removedFrom.insert(path.parent_path());
    if (ec)
        m_problems.push_back({m_layout.relative(path), "cannot remove: " + ec.message()});
}

bool StoreRemover::syncRemovals()
{
    bool all = true;
    for (const fs::path &dir : m_removedFrom) {
        std::error_code ec;
        if (auto s = syncDirectory(dir); !s.ok() && fs::exists(dir, ec)) {
            m_problems.push_back({m_layout.relative(dir), s.error().message});
            all = false;
        }
    }
    m_removedFrom.clear();
    return all;
}

} // namespace berth::storage

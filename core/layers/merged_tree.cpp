#include "layers/merged_tree.h"

#include "layers/entry_path.h"

#include <algorithm>
#include <unordered_map>

namespace berth::layers {

namespace {

bool sameEntry(const FileEntry &a, const FileEntry &b)
{
    // Folders are listed again whenever something inside them changes;
    // only what a person would call a change counts (not the mtime).
    if (a.type == EntryType::Directory && b.type == EntryType::Directory)
        return a.mode == b.mode && a.uid == b.uid && a.gid == b.gid;
    return a.type == b.type && a.size == b.size && a.mode == b.mode && a.uid == b.uid &&
           a.gid == b.gid && a.linkTarget == b.linkTarget && a.content == b.content;
}

} // namespace

class MergedTree::Builder
{
public:
    explicit Builder(MergedTree &tree)
        : m_tree(tree)
    {
    }

    void apply(const LayerIndex &layer, int number);
    void finish();

private:
    using State = std::map<std::string, MergedEntry, std::less<>>;

    // Removes `path` (unless keepSelf) and all under it; the bytes removed.
    std::int64_t removeTree(const std::string &path, bool keepSelf, int by);
    // An opaque folder: each entry inside it goes (recorded one by one).
    void removeChildren(const std::string &folder, int by);
    void supersede(const MergedEntry &old, int by);
    void addParents(const std::string &path, int number);
    void write(const FileEntry &entry, int number);

    MergedTree &m_tree;
    State m_state;
    std::vector<LayerChange> *m_changes = nullptr;
};

void MergedTree::Builder::supersede(const MergedEntry &old, int by)
{
    if (old.entry.type == EntryType::File && old.entry.size > 0)
        m_tree.m_superseded.push_back({old.entry.path, old.entry.size, old.layer, by});
}

std::int64_t MergedTree::Builder::removeTree(const std::string &path, bool keepSelf, int by)
{
    std::int64_t bytes = 0;
    const auto drop = [this, &bytes, by](State::iterator it) {
        if (it->second.entry.type == EntryType::File)
            bytes += it->second.entry.size;
        supersede(it->second, by);
        return m_state.erase(it);
    };
    if (!keepSelf && !path.empty())
        if (const auto self = m_state.find(path); self != m_state.end())
            drop(self);
    // What is under it sorts from "path/" on, without a gap: "path.so" and
    // "path-x" sort between "path" and "path/", so they are never in the way.
    const std::string prefix = path.empty() ? std::string() : path + "/";
    for (auto it = m_state.lower_bound(prefix);
         it != m_state.end() && it->first.starts_with(prefix);)
        it = drop(it);
    return bytes;
}

void MergedTree::Builder::removeChildren(const std::string &folder, int by)
{
    std::vector<std::string> children;
    const std::string prefix = folder.empty() ? std::string() : folder + "/";
    for (auto it = m_state.lower_bound(prefix);
         it != m_state.end() && it->first.starts_with(prefix); ++it)
        if (parentOf(it->first) == folder)
            children.push_back(it->first);
    for (const std::string &child : children) {
        const EntryType type = m_state.find(child)->second.entry.type;
        const std::int64_t bytes = removeTree(child, false, by);
        m_changes->push_back({child, ChangeKind::Removed, type, bytes});
    }
}

void MergedTree::Builder::addParents(const std::string &path, int number)
{
    for (std::string_view parent = parentOf(path); !parent.empty(); parent = parentOf(parent)) {
        if (m_state.find(parent) != m_state.end())
            return; // and so are its parents
        MergedEntry folder;
        folder.entry.path = std::string(parent);
        folder.entry.type = EntryType::Directory;
        folder.entry.mode = 0755;
        folder.layer = number;
        folder.implicit = true;
        m_state.emplace(folder.entry.path, std::move(folder));
    }
}

void MergedTree::Builder::write(const FileEntry &entry, int number)
{
    MergedEntry merged{entry, number, false};
    if (entry.type == EntryType::Hardlink) {
        // One inode: the link is its target as it is now (a later rewrite of
        // the target makes a new file; the link keeps this one).
        const auto target = m_state.find(entry.linkTarget);
        if (target != m_state.end()) {
            const FileEntry &shared = target->second.entry;
            merged.entry.size = shared.size;
            merged.entry.mode = shared.mode;
            merged.entry.uid = shared.uid;
            merged.entry.gid = shared.gid;
            merged.entry.mtime = shared.mtime;
            merged.entry.content = shared.content;
        } else {
            merged.entry.size = 0;
        }
    }
    const auto old = m_state.find(entry.path);
    LayerChange change{entry.path, ChangeKind::Added, entry.type,
                       entry.type == EntryType::File ? entry.size : 0};
    if (old != m_state.end()) {
        change.kind = ChangeKind::Modified;
        const bool same = sameEntry(old->second.entry, merged.entry);
        if (old->second.entry.type == EntryType::Directory && entry.type != EntryType::Directory)
            removeTree(entry.path, true, number); // a folder replaced: its contents go
        supersede(old->second, number);
        if (old->second.layer == number && !old->second.implicit) {
            old->second = std::move(merged); // the same tar lists it twice: the last wins
            return;
        }
        old->second = std::move(merged);
        if (same)
            return; // written again unchanged: no change, but its bytes count twice
    } else {
        addParents(entry.path, number);
        m_state.emplace(entry.path, std::move(merged));
    }
    m_changes->push_back(std::move(change));
}

void MergedTree::Builder::apply(const LayerIndex &layer, int number)
{
    m_tree.m_changes.emplace_back();
    m_changes = &m_tree.m_changes.back();
    // Whiteouts first: they hide what is below, never what this layer adds.
    for (const FileEntry &entry : layer.entries) {
        if (!entry.isWhiteout())
            continue;
        const bool opaque = entry.type == EntryType::OpaqueWhiteout;
        const auto at = m_state.find(entry.path);
        if (!opaque && at == m_state.end())
            continue;
        if (opaque) {
            removeChildren(entry.path, number);
            continue;
        }
        const EntryType type = at->second.entry.type;
        const std::int64_t bytes = removeTree(entry.path, false, number);
        m_changes->push_back({entry.path, ChangeKind::Removed, type, bytes});
    }
    for (const FileEntry &entry : layer.entries)
        if (!entry.isWhiteout())
            write(entry, number);
}

void MergedTree::Builder::finish()
{
    auto &entries = m_tree.m_entries;
    entries.reserve(m_state.size());
    for (auto &[path, entry] : m_state)
        entries.push_back(std::move(entry));
    m_state.clear();
    std::unordered_map<std::string_view, int> indexOf;
    indexOf.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i)
        indexOf.emplace(entries[i].entry.path, static_cast<int>(i));
    m_tree.m_parent.assign(entries.size(), -1);
    m_tree.m_children.assign(entries.size() + 1, {}); // the root's last
    m_tree.m_bytes.assign(entries.size() + 1, 0);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string_view parent = parentOf(entries[i].entry.path);
        const auto found = parent.empty() ? indexOf.end() : indexOf.find(parent);
        const int p = found == indexOf.end() ? -1 : found->second;
        m_tree.m_parent[i] = p;
        m_tree.m_children[p < 0 ? entries.size() : static_cast<std::size_t>(p)].push_back(
            static_cast<int>(i));
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].entry.type != EntryType::File)
            continue;
        const std::int64_t size = entries[i].entry.size;
        m_tree.m_bytes[i] += size;
        for (int p = m_tree.m_parent[i]; p >= 0; p = m_tree.m_parent[static_cast<std::size_t>(p)])
            m_tree.m_bytes[static_cast<std::size_t>(p)] += size;
        m_tree.m_bytes[entries.size()] += size;
    }
}

MergedTree MergedTree::build(const std::vector<const LayerIndex *> &layers)
{
    MergedTree tree;
    Builder builder(tree);
    for (std::size_t i = 0; i < layers.size(); ++i)
        builder.apply(*layers[i], static_cast<int>(i));
    builder.finish();
    return tree;
}

const MergedEntry *MergedTree::find(std::string_view path) const
{
    const auto it = std::lower_bound(
        m_entries.begin(), m_entries.end(), path,
        [](const MergedEntry &entry, std::string_view p) { return entry.entry.path < p; });
    return it != m_entries.end() && it->entry.path == path ? &*it : nullptr;
}

const MergedEntry *MergedTree::resolve(std::string_view path) const
{
    // Components still to walk, the first at the back.
    std::vector<std::string> todo;
    const auto push = [&todo](std::string_view p) {
        std::vector<std::string> parts;
        std::size_t at = 0;
        while (at <= p.size()) {
            auto end = p.find('/', at);
            if (end == std::string_view::npos)
                end = p.size();
            if (end > at)
                parts.emplace_back(p.substr(at, end - at));
            at = end + 1;
        }
        todo.insert(todo.end(), parts.rbegin(), parts.rend());
    };
    push(path);
    std::string done; // resolved so far, plain
    int links = 0;
    const MergedEntry *at = nullptr;
    while (!todo.empty()) {
        const std::string part = std::move(todo.back());
        todo.pop_back();
        if (part == ".")
            continue;
        if (part == "..") {
            done = std::string(parentOf(done));
            at = done.empty() ? nullptr : find(done);
            continue;
        }
        const std::string next = done.empty() ? part : done + "/" + part;
        at = find(next);
        if (!at)
            return nullptr;
        if (at->entry.type != EntryType::Symlink) {
            done = next;
            continue;
        }
        if (++links > 16)
            return nullptr;
        const std::string &target = at->entry.linkTarget;
        if (target.find_first_not_of('/') == std::string::npos)
            return nullptr; // "" or "/": no file a reader could open
        if (target.starts_with('/'))
            done.clear();
        push(target);
    }
    return at;
}

const std::vector<int> &MergedTree::childrenOf(int index) const
{
    return m_children[index < 0 ? m_entries.size() : static_cast<std::size_t>(index)];
}

std::int64_t MergedTree::bytesUnder(int index) const
{
    return m_bytes[index < 0 ? m_entries.size() : static_cast<std::size_t>(index)];
}

int MergedTree::indexOf(std::string_view path) const
{
    const MergedEntry *entry = find(path);
    return entry ? static_cast<int>(entry - m_entries.data()) : -1;
}

std::int64_t MergedTree::fileBytes() const
{
    return bytesUnder(-1);
}

} // namespace berth::layers

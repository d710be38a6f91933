#include "crash_tree.h"

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <fstream>
#include <iterator>
#include <set>
#include <unistd.h>

namespace berth::test {

namespace fs = std::filesystem;

namespace {

std::vector<std::string_view> components(std::string_view path)
{
    std::vector<std::string_view> out;
    while (!path.empty()) {
        const std::size_t slash = path.find('/');
        const std::string_view part = path.substr(0, slash);
        if (!part.empty())
            out.push_back(part);
        if (slash == std::string_view::npos)
            break;
        path.remove_prefix(slash + 1);
    }
    return out;
}

bool isDir(mode_t mode)
{
    return S_ISDIR(mode);
}

std::int64_t now()
{
    return static_cast<std::int64_t>(std::time(nullptr));
}

} // namespace

CrashTree::Node *CrashTree::node(Ino ino)
{
    const auto it = m_nodes.find(ino);
    return it == m_nodes.end() ? nullptr : &it->second;
}

const CrashTree::Node *CrashTree::node(Ino ino) const
{
    const auto it = m_nodes.find(ino);
    return it == m_nodes.end() ? nullptr : &it->second;
}

Ino CrashTree::add(mode_t mode)
{
    const Ino ino = m_next++;
    Node &n = m_nodes[ino];
    n.mode = mode;
    n.mtime = now();
    return ino;
}

int CrashTree::resolve(std::string_view path, Ino &ino) const
{
    Ino at = kRoot;
    for (std::string_view part : components(path)) {
        const Node *dir = node(at);
        if (!dir || !isDir(dir->mode))
            return -ENOTDIR;
        const auto it = dir->names.find(part);
        if (it == dir->names.end())
            return -ENOENT;
        at = it->second;
    }
    ino = at;
    return 0;
}

int CrashTree::parentOf(std::string_view path, Ino &parent, std::string &name) const
{
    const std::vector<std::string_view> parts = components(path);
    if (parts.empty())
        return -EBUSY; // the root has no name to change
    std::string_view rest = path.substr(0, path.rfind('/'));
    if (const int e = resolve(rest, parent))
        return e;
    if (!isDir(node(parent)->mode))
        return -ENOTDIR;
    name = std::string(parts.back());
    return name.size() > 255 ? -ENAMETOOLONG : 0;
}

void CrashTree::setName(Ino dir, const std::string &name, Ino target, std::uint64_t group)
{
    Node &d = *node(dir);
    if (const auto it = d.names.find(name); it != d.names.end()) {
        --node(it->second)->links;
        d.names.erase(it);
    }
    if (target) {
        d.names.emplace(name, target);
        ++node(target)->links;
    }
    d.mtime = now();
    d.log.push_back({Change::Name, group, 0, name, {}, target});
}

int CrashTree::stat(Ino ino, struct stat &st) const
{
    const Node *n = node(ino);
    if (!n)
        return -ENOENT;
    st = {};
    st.st_ino = ino;
    st.st_mode = n->mode;
    st.st_nlink = isDir(n->mode) ? 2 : static_cast<nlink_t>(std::max(n->links, 0));
    st.st_uid = ::getuid();
    st.st_gid = ::getgid();
    st.st_size = static_cast<off_t>(n->data.size());
    st.st_blksize = 4096;
    st.st_blocks = static_cast<blkcnt_t>((n->data.size() + 511) / 512);
    st.st_mtim.tv_sec = st.st_ctim.tv_sec = st.st_atim.tv_sec = n->mtime;
    return 0;
}

int CrashTree::list(Ino dir, std::vector<std::pair<std::string, Ino>> &entries) const
{
    const Node *d = node(dir);
    if (!d || !isDir(d->mode))
        return -ENOTDIR;
    entries.assign(d->names.begin(), d->names.end());
    return 0;
}

int CrashTree::readlink(std::string_view path, std::string &target) const
{
    Ino ino = 0;
    if (const int e = resolve(path, ino))
        return e;
    const Node *n = node(ino);
    if (!S_ISLNK(n->mode))
        return -EINVAL;
    target = n->data;
    return 0;
}

int CrashTree::mkdir(std::string_view path, mode_t mode)
{
    Ino parent = 0;
    std::string name;
    if (const int e = freeName(path, parent, name))
        return e;
    setName(parent, name, add(S_IFDIR | (mode & 07777)), ++m_groups);
    return 0;
}

int CrashTree::create(std::string_view path, mode_t mode, Ino &ino)
{
    Ino parent = 0;
    std::string name;
    if (const int e = freeName(path, parent, name))
        return e;
    ino = add(S_IFREG | (mode & 07777));
    setName(parent, name, ino, ++m_groups);
    return 0;
}

int CrashTree::symlink(std::string_view target, std::string_view path)
{
    Ino parent = 0;
    std::string name;
    if (const int e = freeName(path, parent, name))
        return e;
    const Ino ino = add(S_IFLNK | 0777);
    // A symlink's target is part of its inode: durable with its name.
    node(ino)->data = node(ino)->durableData = std::string(target);
    setName(parent, name, ino, ++m_groups);
    return 0;
}

int CrashTree::link(std::string_view from, std::string_view to)
{
    Ino ino = 0;
    if (const int e = resolve(from, ino))
        return e;
    if (isDir(node(ino)->mode))
        return -EPERM;
    Ino parent = 0;
    std::string name;
    if (const int e = freeName(to, parent, name))
        return e;
    setName(parent, name, ino, ++m_groups);
    return 0;
}

int CrashTree::locate(std::string_view path, Ino &parent, std::string &name, Ino &ino) const
{
    if (const int e = parentOf(path, parent, name))
        return e;
    return resolve(path, ino);
}

int CrashTree::freeName(std::string_view path, Ino &parent, std::string &name) const
{
    if (const int e = parentOf(path, parent, name))
        return e;
    return node(parent)->names.count(name) ? -EEXIST : 0;
}

int CrashTree::unlink(std::string_view path)
{
    Ino parent = 0;
    std::string name;
    Ino ino = 0;
    if (const int e = locate(path, parent, name, ino))
        return e;
    if (isDir(node(ino)->mode))
        return -EISDIR;
    setName(parent, name, 0, ++m_groups);
    return 0;
}

int CrashTree::rmdir(std::string_view path)
{
    Ino parent = 0;
    std::string name;
    Ino ino = 0;
    if (const int e = locate(path, parent, name, ino))
        return e;
    const Node &n = *node(ino);
    if (!isDir(n.mode))
        return -ENOTDIR;
    if (!n.names.empty())
        return -ENOTEMPTY;
    setName(parent, name, 0, ++m_groups);
    return 0;
}

int CrashTree::rename(std::string_view from, std::string_view to, unsigned flags)
{
    constexpr unsigned kNoReplace = 1; // RENAME_NOREPLACE
    if (flags & ~kNoReplace)
        return -EINVAL; // RENAME_EXCHANGE and whiteouts: not modelled
    Ino fromParent = 0;
    Ino toParent = 0;
    std::string fromName;
    std::string toName;
    Ino ino = 0;
    if (const int e = parentOf(from, fromParent, fromName))
        return e;
    if (const int e = resolve(from, ino))
        return e;
    if (const int e = parentOf(to, toParent, toName))
        return e;
    const Node &moved = *node(ino);
    Ino existing = 0;
    if (resolve(to, existing) == 0) {
        if (flags & kNoReplace)
            return -EEXIST;
        if (existing == ino)
            return 0;
        const Node &old = *node(existing);
        if (isDir(moved.mode) && !isDir(old.mode))
            return -ENOTDIR;
        if (!isDir(moved.mode) && isDir(old.mode))
            return -EISDIR;
        if (isDir(old.mode) && !old.names.empty())
            return -ENOTEMPTY;
    }
    // Not into itself: no folder on the way to the new name is the one moved.
    Ino at = kRoot;
    for (std::string_view part : components(to)) {
        if (at == ino)
            return -EINVAL;
        const auto it = node(at)->names.find(part);
        if (it == node(at)->names.end())
            break;
        at = it->second;
    }
    const std::uint64_t group = ++m_groups;
    if (fromParent == toParent) {
        // One change: a crash keeps the old name or the new, never both.
        Node &d = *node(fromParent);
        if (const auto it = d.names.find(toName); it != d.names.end()) {
            --node(it->second)->links;
            d.names.erase(it);
        }
        d.names.erase(fromName);
        d.names.emplace(toName, ino);
        d.mtime = now();
        d.log.push_back({Change::Move, group, 0, fromName, toName, 0});
        return 0;
    }
    setName(toParent, toName, ino, group);
    setName(fromParent, fromName, 0, group);
    return 0;
}

int CrashTree::chmod(Ino ino, mode_t mode)
{
    Node *n = node(ino);
    if (!n)
        return -ENOENT;
    // Attributes are not modelled as pending: a mode is durable at once.
    n->mode = (n->mode & S_IFMT) | (mode & 07777);
    return 0;
}

int CrashTree::touch(Ino ino, std::int64_t mtime)
{
    Node *n = node(ino);
    if (!n)
        return -ENOENT;
    n->mtime = mtime;
    return 0;
}

int CrashTree::read(Ino ino, char *buffer, std::size_t size, std::int64_t offset) const
{
    const Node *n = node(ino);
    if (!n)
        return -EBADF;
    if (!S_ISREG(n->mode))
        return -EISDIR;
    if (offset < 0)
        return -EINVAL;
    if (static_cast<std::uint64_t>(offset) >= n->data.size())
        return 0;
    const std::size_t count = std::min(size, n->data.size() - static_cast<std::size_t>(offset));
    std::copy_n(n->data.data() + offset, count, buffer);
    return static_cast<int>(count);
}

int CrashTree::write(Ino ino, const char *data, std::size_t size, std::int64_t offset)
{
    Node *n = node(ino);
    if (!n)
        return -EBADF;
    if (!S_ISREG(n->mode))
        return -EISDIR;
    if (offset < 0)
        return -EINVAL;
    Change c{Change::Write, ++m_groups, offset, std::string(data, size), {}, 0};
    apply(*n, c, n->data, n->names);
    n->log.push_back(std::move(c));
    n->mtime = now();
    return static_cast<int>(size);
}

int CrashTree::truncate(Ino ino, std::int64_t size)
{
    Node *n = node(ino);
    if (!n)
        return -ENOENT;
    if (!S_ISREG(n->mode))
        return -EISDIR;
    if (size < 0)
        return -EINVAL;
    Change c{Change::Truncate, ++m_groups, size, {}, {}, 0};
    apply(*n, c, n->data, n->names);
    n->log.push_back(std::move(c));
    n->mtime = now();
    return 0;
}

void CrashTree::apply(Node &, const Change &c, std::string &data,
                      std::map<std::string, Ino, std::less<>> &names)
{
    switch (c.kind) {
    case Change::Write: {
        const auto end = static_cast<std::size_t>(c.offset) + c.data.size();
        if (data.size() < end)
            data.resize(end, '\0');
        std::copy(c.data.begin(), c.data.end(), data.begin() + c.offset);
        break;
    }
    case Change::Truncate:
        data.resize(static_cast<std::size_t>(c.offset), '\0');
        break;
    case Change::Name:
        if (c.target)
            names[c.data] = c.target;
        else
            names.erase(c.data);
        break;
    case Change::Move:
        if (const auto it = names.find(c.data); it != names.end()) {
            const Ino moved = it->second;
            names.erase(it);
            names[c.other] = moved;
        }
        break;
    }
}

int CrashTree::sync(Ino ino)
{
    Node *n = node(ino);
    if (!n)
        return -EBADF;
    n->durableData = n->data;
    n->durableNames = n->names;
    n->log.clear();
    return 0;
}

void CrashTree::syncAll()
{
    for (auto &[ino, n] : m_nodes)
        sync(ino);
}

std::size_t CrashTree::pending() const
{
    std::size_t count = 0;
    for (const auto &[ino, n] : m_nodes)
        count += n.log.size();
    return count;
}

void CrashTree::crash(CrashModel model, std::mt19937_64 &random)
{
    // Groups decided in the order they were made: the same history and
    // seed give the same crash.
    std::set<std::uint64_t> groups;
    for (const auto &[ino, n] : m_nodes)
        for (const Change &c : n.log)
            groups.insert(c.group);
    std::set<std::uint64_t> kept;
    if (model == CrashModel::Subset) {
        for (std::uint64_t g : groups)
            if (random() & 1U)
                kept.insert(g);
    }
    for (auto &[ino, n] : m_nodes) {
        for (const Change &c : n.log)
            if (kept.count(c.group))
                apply(n, c, n.durableData, n.durableNames);
        n.log.clear();
        n.data = n.durableData;
        n.names = n.durableNames;
    }
    forget();
}

void CrashTree::forget()
{
    std::set<Ino> reached = {kRoot};
    std::vector<Ino> todo = {kRoot};
    for (auto &[ino, n] : m_nodes)
        n.links = 0;
    while (!todo.empty()) {
        const Ino at = todo.back();
        todo.pop_back();
        for (const auto &[name, child] : node(at)->names) {
            ++node(child)->links;
            if (reached.insert(child).second && isDir(node(child)->mode))
                todo.push_back(child);
        }
    }
    std::erase_if(m_nodes, [&reached](const auto &entry) { return !reached.count(entry.first); });
}

CrashTree CrashTree::load(const fs::path &folder)
{
    CrashTree tree;
    Node &root = tree.m_nodes[kRoot];
    root.mode = S_IFDIR | 0755;
    root.links = 1;
    std::map<std::pair<dev_t, ino_t>, Ino> seen; // hard links stay one inode
    std::vector<std::pair<fs::path, Ino>> todo = {{folder, kRoot}};
    while (!todo.empty()) {
        const auto [dir, at] = todo.back();
        todo.pop_back();
        for (const fs::directory_entry &entry : fs::directory_iterator(dir)) {
            struct stat st = {};
            if (::lstat(entry.path().c_str(), &st) != 0)
                continue;
            const auto key = std::make_pair(st.st_dev, st.st_ino);
            Ino ino = 0;
            if (const auto it = seen.find(key); it != seen.end() && !S_ISDIR(st.st_mode)) {
                ino = it->second;
            } else {
                ino = tree.add(st.st_mode);
                seen[key] = ino;
                Node &n = *tree.node(ino);
                n.mtime = st.st_mtim.tv_sec;
                if (S_ISREG(st.st_mode)) {
                    std::ifstream in(entry.path(), std::ios::binary);
                    n.data.assign(std::istreambuf_iterator<char>(in), {});
                } else if (S_ISLNK(st.st_mode)) {
                    n.data = fs::read_symlink(entry.path()).string();
                } else if (S_ISDIR(st.st_mode)) {
                    todo.emplace_back(entry.path(), ino);
                }
                n.durableData = n.data;
            }
            Node &parent = *tree.node(at);
            parent.names.emplace(entry.path().filename().string(), ino);
            ++tree.node(ino)->links;
        }
    }
    for (auto &[ino, n] : tree.m_nodes)
        n.durableNames = n.names;
    return tree;
}

void CrashTree::save(const fs::path &folder) const
{
    for (const fs::directory_entry &entry : fs::directory_iterator(folder)) {
        fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add);
        fs::remove_all(entry.path());
    }
    std::map<Ino, fs::path> written; // a second name of a file: a hard link
    std::vector<std::pair<fs::path, mode_t>> folders;
    std::vector<std::pair<fs::path, Ino>> todo = {{folder, kRoot}};
    std::set<Ino> walked = {kRoot};
    while (!todo.empty()) {
        const auto [dir, at] = todo.back();
        todo.pop_back();
        for (const auto &[name, ino] : node(at)->durableNames) {
            const Node &n = *node(ino);
            const fs::path path = dir / name;
            if (isDir(n.mode)) {
                if (!walked.insert(ino).second)
                    continue; // a folder reached twice (a torn move): kept once
                fs::create_directory(path);
                folders.emplace_back(path, n.mode);
                todo.emplace_back(path, ino);
            } else if (S_ISLNK(n.mode)) {
                fs::create_symlink(n.durableData, path);
            } else if (const auto it = written.find(ino); it != written.end()) {
                fs::create_hard_link(it->second, path);
            } else {
                std::ofstream(path, std::ios::binary) << n.durableData;
                fs::permissions(path, static_cast<fs::perms>(n.mode & 07777));
                written.emplace(ino, path);
            }
        }
    }
    for (const auto &[path, mode] : folders)
        fs::permissions(path, static_cast<fs::perms>(mode & 07777));
}

} // namespace berth::test

#pragma once

// The filesystem berth-crash-fs serves, in memory: every file and folder
// as it is now, and as it would be found after a power cut — what was
// made durable by fsync of that file or that folder. Test support only.

#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace berth::test {

using Ino = std::uint64_t;

// What a crash keeps of the changes not yet made durable.
enum class CrashModel : std::uint8_t
{
    DropAll, // none: only what fsync made durable survives
    Subset,  // each change (a write, a truncate, a name added or removed —
             // a rename's two halves together) kept or lost at random,
             // in the order they were made
};

class CrashTree
{
public:
    // Everything under `folder`, as durable.
    static CrashTree load(const std::filesystem::path &folder);
    // The durable state written to `folder` (emptied first).
    void save(const std::filesystem::path &folder) const;

    static constexpr Ino kRoot = 1;

    // Path operations ("/a/b"); 0 or -errno, as FUSE wants them.
    int resolve(std::string_view path, Ino &ino) const;
    int stat(Ino ino, struct stat &st) const;
    int list(Ino dir, std::vector<std::pair<std::string, Ino>> &entries) const;
    int readlink(std::string_view path, std::string &target) const;
    int mkdir(std::string_view path, mode_t mode);
    int create(std::string_view path, mode_t mode, Ino &ino);
    int symlink(std::string_view target, std::string_view path);
    int link(std::string_view from, std::string_view to);
    int unlink(std::string_view path);
    int rmdir(std::string_view path);
    int rename(std::string_view from, std::string_view to, unsigned flags);
    int chmod(Ino ino, mode_t mode);
    int touch(Ino ino, std::int64_t mtime); // a new modification time

    // Open-file operations.
    int read(Ino ino, char *buffer, std::size_t size, std::int64_t offset) const;
    int write(Ino ino, const char *data, std::size_t size, std::int64_t offset);
    int truncate(Ino ino, std::int64_t size);
    // A file's contents or a folder's names become durable.
    int sync(Ino ino);
    void syncAll();

    // The power goes: what survives becomes the whole state.
    void crash(CrashModel model, std::mt19937_64 &random);
    // Changes made and not yet durable, over all files and folders.
    std::size_t pending() const;

private:
    struct Change
    {
        enum Kind : std::uint8_t
        {
            Write,    // data at offset
            Truncate, // to offset
            Name,     // name → target (0: removed)
            Move,     // same-folder rename: name → other
        };
        Kind kind;
        std::uint64_t group; // a crash keeps or loses a group whole
        std::int64_t offset = 0;
        std::string data;  // Write: bytes; Name/Move: the name
        std::string other; // Move: the new name
        Ino target = 0;    // Name: the inode named (0: none)
    };
    struct Node
    {
        mode_t mode = 0; // type and permission bits
        std::int64_t mtime = 0;
        std::string data; // file contents, or a symlink's target
        std::string durableData;
        std::map<std::string, Ino, std::less<>> names; // folders
        std::map<std::string, Ino, std::less<>> durableNames;
        std::vector<Change> log; // not yet durable, oldest first
        int links = 0;           // names now
    };

    Node *node(Ino ino);
    const Node *node(Ino ino) const;
    int parentOf(std::string_view path, Ino &parent, std::string &name) const;
    // parentOf, for a name not yet taken (EEXIST otherwise).
    int freeName(std::string_view path, Ino &parent, std::string &name) const;
    // parentOf, and what the name is now.
    int locate(std::string_view path, Ino &parent, std::string &name, Ino &ino) const;
    Ino add(mode_t mode);
    void setName(Ino dir, const std::string &name, Ino target, std::uint64_t group);
    static void apply(Node &n, const Change &c, std::string &data,
                      std::map<std::string, Ino, std::less<>> &names);
    void forget(); // nodes no durable name reaches

    std::unordered_map<Ino, Node> m_nodes;
    Ino m_next = kRoot + 1;
    std::uint64_t m_groups = 0;
};

} // namespace berth::test

#include "layers/file_entry.h"

namespace berth::layers {

const char *entryTypeName(EntryType type)
{
    switch (type) {
    case EntryType::File:
        return "file";
    case EntryType::Directory:
        return "dir";
    case EntryType::Symlink:
        return "symlink";
    case EntryType::Hardlink:
        return "hardlink";
    case EntryType::CharDevice:
        return "char";
    case EntryType::BlockDevice:
        return "block";
    case EntryType::Fifo:
        return "fifo";
    case EntryType::Whiteout:
        return "whiteout";
    case EntryType::OpaqueWhiteout:
        return "opaque";
    }
    return "unknown";
}

std::string modeString(EntryType type, std::uint32_t mode)
{
    std::string out(10, '-');
    switch (type) {
    case EntryType::Directory:
        out[0] = 'd';
        break;
    case EntryType::Symlink:
        out[0] = 'l';
        break;
    case EntryType::CharDevice:
        out[0] = 'c';
        break;
    case EntryType::BlockDevice:
        out[0] = 'b';
        break;
    case EntryType::Fifo:
        out[0] = 'p';
        break;
    case EntryType::Whiteout:
    case EntryType::OpaqueWhiteout:
        out[0] = 'w';
        break;
    case EntryType::File:
    case EntryType::Hardlink:
        break;
    }
    const char *letters = "rwxrwxrwx";
    for (int i = 0; i < 9; ++i)
        if (mode & (1U << (8 - i)))
            out[static_cast<std::size_t>(1 + i)] = letters[i];
    if (mode & 04000U)
        out[3] = (mode & 0100U) ? 's' : 'S';
    if (mode & 02000U)
        out[6] = (mode & 010U) ? 's' : 'S';
    if (mode & 01000U)
        out[9] = (mode & 01U) ? 't' : 'T';
    return out;
}

} // namespace berth::layers

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

} // namespace berth::layers

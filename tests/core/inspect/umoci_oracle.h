#pragma once

// umoci, the oracle for unpacked images: it unpacks any layout into a
// rootfs, which is walked with lstat into the form Berth's merged tree is
// compared in (support/umoci_image.h builds layouts from tars made here).

#include "support/umoci_image.h"

#include <QString>
#include <QStringList>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace berth::test::oracle {

inline bool umoci(const QStringList &arguments, QString &output)
{
    return runTool(QStringLiteral("umoci"), arguments, output);
}

// "type mode uid:gid size -> link" per path, as lstat sees the rootfs
// (ownership only when unpacked as root; hard links are the files they share).
// `special`: setuid, setgid and sticky bits shown (a saved copy drops them).
inline std::map<std::string, std::string> walkRootfs(const std::filesystem::path &rootfs,
                                                     bool owners, bool contents = false,
                                                     bool special = true)
{
    std::map<std::string, std::string> out;
    for (auto it = std::filesystem::recursive_directory_iterator(rootfs);
         it != std::filesystem::recursive_directory_iterator(); ++it) {
        struct stat st
        {
        };
        if (::lstat(it->path().c_str(), &st) != 0)
            continue;
        std::string line;
        if (S_ISDIR(st.st_mode))
            line = "dir";
        else if (S_ISLNK(st.st_mode))
            line = "symlink";
        else if (S_ISCHR(st.st_mode))
            line = "char";
        else if (S_ISBLK(st.st_mode))
            line = "block";
        else if (S_ISFIFO(st.st_mode))
            line = "fifo";
        else
            line = "file";
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o",
                      static_cast<unsigned>(st.st_mode & (special ? 07777 : 0777)));
        line += std::string(" ") + mode;
        if (owners)
            line += " " + std::to_string(st.st_uid) + ":" + std::to_string(st.st_gid);
        line += " " + std::to_string(line.starts_with("file") ? st.st_size : 0);
        if (S_ISLNK(st.st_mode))
            line += " -> " + std::filesystem::read_symlink(it->path()).string();
        if (contents && S_ISREG(st.st_mode)) {
            std::ifstream in(it->path(), std::ios::binary);
            const std::string bytes((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
            line += " #" + std::to_string(std::hash<std::string>{}(bytes));
        }
        out[it->path().lexically_relative(rootfs).string()] = line; // no symlink followed
    }
    return out;
}

} // namespace berth::test::oracle

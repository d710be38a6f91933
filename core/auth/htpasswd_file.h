#pragma once

#include "oci/result.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace berth::auth {

// Editing an htpasswd file the way `htpasswd -B` does: users with bcrypt
// hashes, one per line, in the order they were added. A file the registry
// would not serve from (another hash kind, a malformed line) is refused on
// load. Everything else someone wrote stays as it was: comments and blank
// lines, and every line of users not edited. A user listed twice counts by
// their last line (as when serving); changing or removing that user leaves
// one line or none. Passwords are only hashed, never kept.
class HtpasswdFile
{
public:
    // A missing file is an empty one.
    static Result<HtpasswdFile> load(const std::filesystem::path &path);

    std::vector<std::string> users() const;
    bool contains(std::string_view user) const;
    // Adds the user or replaces their password (bcrypt, $2b$, 2^cost rounds).
    Status setUser(std::string_view user, std::string_view password, int cost = 10);
    bool removeUser(std::string_view user);
    // Atomically, readable by its owner only.
    Status save(const std::filesystem::path &path) const;
    std::string text() const;

    // A name htpasswd and Basic auth can carry: 1-255 bytes, no ':', no
    // control characters.
    static Status checkUserName(std::string_view user);

private:
    struct Line
    {
        std::string text; // as written, without the newline
        std::string user; // empty: a comment or blank line
    };
    std::vector<Line> m_lines;
};

} // namespace berth::auth

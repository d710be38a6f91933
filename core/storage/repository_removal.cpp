#include "storage/repository_removal.h"

#include "storage/registry_store.h"
#include "storage/registry_writer.h"

#include "oci/name_rules.h"

namespace berth::storage {

Status removeEmptyRepository(const std::filesystem::path &root, const std::string &name)
{
    if (auto valid = oci::validateRepositoryName(name); !valid.ok())
        return valid.error();
    RegistryStore store(root);
    auto dir = store.layout().repositoryDir(name);
    if (!dir.ok())
        return dir.error();
    std::error_code ec;
    if (!std::filesystem::is_directory(std::filesystem::symlink_status(*dir / "_manifests", ec)) &&
        !std::filesystem::is_directory(std::filesystem::symlink_status(*dir / "_layers", ec)))
        return makeError("NAME_UNKNOWN", "no repository " + name);
    std::vector<Problem> problems;
    const auto tags = store.tags(name, &problems);
    if (!tags.empty())
        return makeError("NOT_EMPTY", "repository " + name + " still has " +
                                          std::to_string(tags.size()) +
                                          " tag(s); delete them first");
    if (const auto uploads = store.uploads(name, &problems); !uploads.empty())
        return makeError("NOT_EMPTY", "repository " + name + " has " +
                                          std::to_string(uploads.size()) +
                                          " upload(s) in progress");
    if (!problems.empty())
        // Unreadable tags could be tags: never remove on doubt.
        return makeError("IO", "cannot be sure " + name + " is empty: " + problems.front().message);
    return RegistryWriter(root).removeRepository(name);
}

} // namespace berth::storage

#pragma once

#include "server/registry_api_options.h"

#include "storage/registry_store.h"
#include "storage/registry_writer.h"

#include <filesystem>
#include <shared_mutex>
#include <string>

namespace berth::oci {
class Digest;
}

namespace berth::server {

// What every endpoint of one registry shares: its store (read), its writer,
// its options, and the gate that online garbage collection takes
// exclusively while writes that touch what it reads hold it shared.
struct RegistryContext
{
    RegistryContext(const std::filesystem::path &root, RegistryApiOptions options);

    // A folder with _manifests or _layers (as distribution 2.8 counts).
    bool repositoryExists(const std::string &name) const;
    // The blob is linked into `name` (as a layer or as a manifest revision).
    bool blobLinked(const std::string &name, const oci::Digest &digest) const;

    std::filesystem::path root;
    RegistryApiOptions options;
    storage::RegistryStore store;
    storage::RegistryWriter writer;
    mutable std::shared_mutex gcGate;
};

} // namespace berth::server

// The storage layout reader, inspector and garbage collector over trees
// generated from the input: malformed links, symlinks out of the root, odd
// names, corrupt blobs. Whatever the tree, nothing outside the root is
// touched, and a collection leaves nothing for a second one to collect.
#include "storage/garbage_collector.h"
#include "storage/inspector.h"
#include "storage/layout.h"

#include "oci/digest.h"

#include "fuzz_input.h"
#include "scratch_directory.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

// A path component: no '/', no NUL, never empty, "." or "..".
std::string component(berth::fuzz::FuzzInput &in)
{
    std::string c = in.text(12);
    for (char &ch : c) {
        if (ch == '/' || ch == '\0')
            ch = '_';
    }
    if (c.empty() || c == "." || c == "..")
        c = "r";
    return c;
}

fs::path base()
{
    static const fs::path root = berth::fuzz::makeScratchDirectory("store");
    return root;
}

// The generator itself must not write through a symlink it made earlier:
// only the code under test is checked for staying inside the root.
bool resolvesInsideRoot(const fs::path &path)
{
    std::error_code ec;
    const fs::path resolved = fs::weakly_canonical(path, ec);
    const fs::path inside = resolved.lexically_relative(fs::weakly_canonical(base() / "root"));
    return !ec && !inside.empty() && *inside.begin() != "..";
}

void write(const fs::path &file, const std::string &bytes)
{
    if (!resolvesInsideRoot(file))
        return;
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

std::size_t countFiles(const fs::path &dir)
{
    std::size_t n = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
         it.increment(ec))
        ++n;
    return n;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const fs::path root = base() / "root";
    const fs::path outside = base() / "outside";
    std::error_code ec;
    fs::remove_all(root, ec);
    fs::remove_all(outside, ec);
    fs::create_directories(outside / "repo" / "_manifests" / "revisions", ec);
    write(outside / "keep", "precious");
    const std::size_t outsideFiles = countFiles(outside);

    berth::storage::Layout layout(root);
    const fs::path repos = layout.repositoriesDir();
    fs::create_directories(repos, ec);
    fs::create_directories(layout.blobsDir(), ec);
    std::vector<berth::oci::Digest> blobs{berth::oci::Digest::sha256Of("")};

    berth::fuzz::FuzzInput in(data, size);
    for (int ops = 0; !in.empty() && ops < 40; ++ops) {
        const std::uint8_t op = in.byte() % 10;
        std::string repo = component(in); // one statement per read: a fixed order
        if (in.byte() % 3 == 0)
            repo += "/" + component(in);
        const std::string content = in.text(200);
        const berth::oci::Digest some = blobs[in.byte() % blobs.size()];
        switch (op) {
        case 0: { // a good blob
            const auto d = berth::oci::Digest::sha256Of(content);
            write(layout.blobDataPath(d), content);
            blobs.push_back(d);
            break;
        }
        case 1: // a corrupt blob: content that is not its digest's
            write(layout.blobDataPath(berth::oci::Digest::sha256Of(content + "x")), content);
            break;
        case 2: // a manifest blob referencing known blobs, maybe with a subject
        {
            std::string json = R"({"schemaVersion":2,"mediaType":")";
            json += in.byte() % 2 ? "application/vnd.oci.image.index.v1+json\",\"manifests\":["
                                  : "application/vnd.oci.image.manifest.v1+json\",\"config\":"
                                    "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                                    "\"digest\":\"" +
                                        some.toString() + "\",\"size\":1},\"layers\":[";
            const int n = in.byte() % 4;
            for (int i = 0; i < n; ++i) {
                json += std::string(i ? "," : "") +
                        R"({"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" +
                        blobs[in.byte() % blobs.size()].toString() + R"(","size":1})";
            }
            json += "]";
            if (in.byte() % 4 == 0)
                json +=
                    R"(,"subject":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
                    some.toString() + R"(","size":1})";
            json += "}";
            const auto d = berth::oci::Digest::sha256Of(json);
            write(layout.blobDataPath(d), json);
            blobs.push_back(d);
            write(repos / repo / "_manifests" / "revisions" / "sha256" / d.hex() / "link",
                  d.toString());
            if (in.byte() % 2)
                write(repos / repo / "_manifests" / "tags" / component(in) / "current" / "link",
                      d.toString());
            break;
        }
        case 3: // a tag link with arbitrary content
            write(repos / repo / "_manifests" / "tags" / component(in) / "current" / "link",
                  in.byte() % 2 ? some.toString() + content : content);
            break;
        case 4: // a revision link, maybe to a missing or non-manifest blob
            write(repos / repo / "_manifests" / "revisions" / "sha256" / some.hex() / "link",
                  in.byte() % 3 ? some.toString() : content);
            break;
        case 5: // a _layers link
            write(repos / repo / "_layers" / "sha256" / some.hex() / "link", some.toString());
            break;
        case 6: { // a symlink pointing out of the root, somewhere in the tree
            const fs::path at =
                in.byte() % 2 ? repos / repo / "_manifests" : repos / repo / component(in);
            if (!resolvesInsideRoot(at.parent_path()))
                break; // the folder is itself a symlink made earlier
            fs::create_directories(at.parent_path(), ec);
            fs::create_symlink(in.byte() % 2 ? outside / "repo" / "_manifests" : outside, at, ec);
            break;
        }
        case 7: // an upload
            write(repos / repo / "_uploads" / component(in) / "startedat", content);
            break;
        case 8: { // an unknown algorithm or a stray file
            const std::string algorithm = component(in);
            const std::string hex = component(in);
            write(repos / repo / "_manifests" / "revisions" / algorithm / hex / "link", content);
            break;
        }
        default: // a file where a folder is expected
            write(repos / repo / "_manifests" / "tags", content);
            break;
        }
    }

    berth::storage::Inspector inspector(root);
    (void)inspector.run({true});
    berth::storage::GarbageCollector gc(root);
    berth::storage::GcOptions options;
    options.deleteUntagged = true;
    options.dryRun = true;
    (void)gc.run(options);
    options.dryRun = false;
    options.pruneEmptyRepositories = true;
    options.uploadsOlderThan = std::chrono::seconds(0);
    if (gc.run(options).ok()) {
        options.dryRun = true;
        auto again = gc.run(options);
        if (again.ok() && !again->blobsToDelete.empty())
            std::abort(); // a collection must leave nothing for the next one
    }
    if (countFiles(outside) != outsideFiles)
        std::abort(); // something outside the root was touched
    return 0;
}

// Writes a synthetic registry:2 store for the storage benchmarks: REPOS
// repositories, MANIFESTS manifests spread over them (one tag each, some
// untagged), BLOBS blobs in all (shared base layers, own layers, orphans).
//
//   berth-bench-make-store ROOT [REPOS=2000] [MANIFESTS=10000] [BLOBS=50000]
#include "oci/digest.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using berth::oci::Digest;

namespace {

fs::path g_v2;

void writeFile(const fs::path &path, const std::string &bytes)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

Digest blob(const std::string &bytes)
{
    const Digest d = Digest::sha256Of(bytes);
    writeFile(g_v2 / "blobs" / "sha256" / d.hex().substr(0, 2) / d.hex() / "data", bytes);
    return d;
}

void link(const fs::path &path, const Digest &d)
{
    writeFile(path, d.toString());
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s ROOT [REPOS] [MANIFESTS] [BLOBS]\n", argv[0]);
        return 2;
    }
    g_v2 = fs::path(argv[1]) / "docker" / "registry" / "v2";
    const int repos = argc > 2 ? std::atoi(argv[2]) : 2000;
    const int manifests = argc > 3 ? std::atoi(argv[3]) : 10000;
    const int blobs = argc > 4 ? std::atoi(argv[4]) : 50000;
    // Per manifest: 1 config + own layers; 20 shared base layers; the rest orphans.
    const int base = 20;
    const int ownPerManifest = std::max(1, (blobs - base) / manifests - 2);
    std::vector<Digest> baseLayers;
    for (int i = 0; i < base; ++i)
        baseLayers.push_back(blob("base layer " + std::to_string(i) + std::string(2000, 'b')));
    int written = base;
    for (int m = 0; m < manifests; ++m) {
        const std::string repo =
            "team" + std::to_string(m % 50) + "/app" + std::to_string(m % repos);
        const fs::path repoDir = g_v2 / "repositories" / repo;
        const Digest config =
            blob("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":" + std::to_string(m) + "}");
        link(repoDir / "_layers" / "sha256" / config.hex() / "link", config);
        std::string json =
            R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
            config.toString() + R"(","size":10},"layers":[)";
        const Digest &shared = baseLayers[static_cast<std::size_t>(m % base)];
        json += R"({"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" +
                shared.toString() + R"(","size":2000})";
        link(repoDir / "_layers" / "sha256" / shared.hex() / "link", shared);
        for (int l = 0; l < ownPerManifest; ++l) {
            const Digest layer = blob("layer " + std::to_string(m) + "/" + std::to_string(l));
            json += R"(,{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" +
                    layer.toString() + R"(","size":20})";
            link(repoDir / "_layers" / "sha256" / layer.hex() / "link", layer);
        }
        json += "]}";
        const Digest manifest = blob(json);
        written += 2 + ownPerManifest;
        link(repoDir / "_manifests" / "revisions" / "sha256" / manifest.hex() / "link", manifest);
        if (m / repos != 1) { // the second manifest of each repository is untagged
            const std::string tag = "v" + std::to_string(m);
            link(repoDir / "_manifests" / "tags" / tag / "current" / "link", manifest);
            link(repoDir / "_manifests" / "tags" / tag / "index" / "sha256" / manifest.hex() /
                     "link",
                 manifest);
        }
    }
    for (; written < blobs; ++written)
        blob("orphan " + std::to_string(written));
    std::printf("%d repositories, %d manifests, %d blobs under %s\n", repos, manifests, written,
                argv[1]);
    return 0;
}

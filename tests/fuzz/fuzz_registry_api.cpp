// The registry API in-process (no sockets): request routing and the upload
// state machine. An input is a sequence of requests against a fresh store;
// afterwards every blob stored must match its digest and no link may dangle.
#include "server/registry_api.h"

#include "storage/inspector.h"

#include "oci/digest.h"

#include "fuzz_input.h"
#include "scratch_directory.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <unistd.h>

namespace fs = std::filesystem;
using berth::server::HttpRequest;
using berth::server::RegistryApi;

namespace {

fs::path tempRoot()
{
    static const fs::path root = berth::fuzz::makeScratchDirectory("api");
    return root;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const fs::path root = tempRoot() / "store";
    std::error_code ec;
    fs::remove_all(root, ec);
    fs::create_directories(root, ec);
    RegistryApi::Options options;
    options.deleteEnabled = true;
    RegistryApi api(root, options);

    static constexpr const char *kMethods[] = {"GET", "HEAD", "PUT", "POST", "PATCH", "DELETE"};
    static constexpr const char *kTypes[] = {
        "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json", "application/octet-stream", ""};
    berth::fuzz::FuzzInput in(data, size);
    std::string lastLocation = "/v2/a/blobs/uploads/x";
    std::string lastDigest = berth::oci::Digest::sha256Of("").toString();
    for (int requests = 0; !in.empty() && requests < 16; ++requests) {
        HttpRequest request;
        request.method = kMethods[in.byte() % std::size(kMethods)];
        const std::uint8_t kind = in.byte();
        std::string name = in.text(24);
        if (in.byte() % 2)
            name = "a"; // a name that works, often
        std::string ref = in.text(80);
        const std::uint8_t refKind = in.byte() % 4;
        const std::string body = in.text(255) + in.text(255);
        if (refKind == 1)
            ref = berth::oci::Digest::sha256Of(body).toString();
        else if (refKind == 2)
            ref = lastDigest;
        switch (kind % 10) {
        case 0:
            request.path = "/v2/";
            break;
        case 1:
            request.path = "/v2/_catalog";
            request.query.emplace("n", ref);
            request.query.emplace("last", name);
            break;
        case 2:
            request.path = "/v2/" + name + "/tags/list";
            request.query.emplace("n", ref);
            break;
        case 3:
            request.path = "/v2/" + name + "/manifests/" + ref;
            break;
        case 4:
            request.path = "/v2/" + name + "/blobs/" + ref;
            break;
        case 5:
            request.path = "/v2/" + name + "/blobs/uploads/";
            if (refKind == 1)
                request.query.emplace("digest", ref);
            else if (refKind == 2)
                request.query.emplace("mount", ref);
            break;
        case 6:
            request.path = refKind == 3 ? "/v2/" + name + "/blobs/uploads/" + ref : lastLocation;
            if (request.method == "PUT")
                request.query.emplace("digest", ref);
            break;
        case 7:
            request.path = "/v2/" + name + "/referrers/" + ref;
            request.query.emplace("artifactType", name);
            break;
        case 8:
            request.path = "/berth/v1/garbage-collect";
            request.fromLoopback = true;
            if (refKind == 0)
                request.query.emplace("dry-run", "true");
            if (refKind == 1)
                request.query.emplace("delete-untagged", "true");
            break;
        default:
            request.path = name + ref; // anything at all
            break;
        }
        const std::uint8_t headers = in.byte();
        request.headers["content-type"] = kTypes[headers % std::size(kTypes)];
        if (headers & 0x10)
            request.headers["content-range"] =
                "0-" + std::to_string(body.size() ? body.size() - 1 : 0);
        if (headers & 0x20)
            request.headers["range"] = "bytes=" + ref;
        if (headers & 0x40)
            request.headers["content-range"] = ref;

        auto exchange = api.begin(request);
        for (std::size_t off = 0; off < body.size(); off += 100) {
            if (!exchange->onBody(body.data() + off, std::min<std::size_t>(100, body.size() - off)))
                break;
        }
        auto response = exchange->finish();
        if (response.status < 100 || response.status > 599)
            std::abort();
        for (const auto &[k, v] : response.headers) {
            if (k == "Location" && v.find("/blobs/uploads/") != std::string::npos)
                lastLocation = v.substr(0, v.find('?'));
            if (k == "Docker-Content-Digest")
                lastDigest = v;
        }
    }

    // Nothing bad stored.
    berth::storage::Inspector inspector(root);
    const auto report = inspector.run({true});
    if (!report.ok()) {
        // Only a store nothing was ever written to may be uninspectable;
        // any other failure hides what the invariant is there to catch.
        if (report.error().code != "NOT_FOUND")
            std::abort();
        return 0;
    }
    if (!report->corruptBlobs.empty())
        std::abort();
    return 0;
}

#pragma once

// The registry API in-process (no sockets): requests fed to RegistryApi as
// the HTTP layer would, bodies in small chunks, answers read back whole.
#include "server/registry_api.h"

#include "oci/digest.h"

#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <unistd.h>

namespace berth::test {

inline server::RegistryApi::Options options(bool deleteEnabled)
{
    server::RegistryApi::Options o;
    o.deleteEnabled = deleteEnabled;
    return o;
}

struct Reply
{
    int status = 0;
    std::map<std::string, std::string> headers;
    std::string body;
    std::string code() const
    {
        const auto at = body.find("\"code\":\"");
        return at == std::string::npos ? std::string()
                                       : body.substr(at + 8, body.find('"', at + 8) - at - 8);
    }
};

class ApiTest : public ::testing::Test
{
protected:
    explicit ApiTest(server::RegistryApi::Options o = options(true))
        : api(dir.path(), std::move(o))
    {
    }

    Reply call(const std::string &method, const std::string &target, const std::string &body = {},
               std::map<std::string, std::string> headers = {})
    {
        server::HttpRequest request;
        request.method = method;
        const auto q = target.find('?');
        request.path = target.substr(0, q);
        if (q != std::string::npos) {
            std::string query = target.substr(q + 1);
            std::size_t pos = 0;
            while (pos <= query.size()) {
                const auto amp = query.find('&', pos);
                const std::string pair =
                    query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
                const auto eq = pair.find('=');
                request.query.emplace(pair.substr(0, eq),
                                      eq == std::string::npos ? "" : pair.substr(eq + 1));
                if (amp == std::string::npos)
                    break;
                pos = amp + 1;
            }
        }
        request.headers = std::move(headers);
        auto exchange = api.begin(request);
        // Feed the body in small chunks, as the HTTP layer does.
        for (std::size_t off = 0; off < body.size(); off += 7) {
            if (!exchange->onBody(body.data() + off, std::min<std::size_t>(7, body.size() - off)))
                break;
        }
        server::HttpResponse r = exchange->finish();
        Reply out;
        out.status = r.status;
        for (auto &[k, v] : r.headers)
            out.headers[k] = v;
        out.body = r.body;
        if (r.fileFd >= 0) {
            out.body.resize(r.fileLength);
            ::pread(r.fileFd, out.body.data(), r.fileLength, static_cast<off_t>(r.fileOffset));
        } // the response closes its descriptor
        return out;
    }

    std::string pushBlob(const std::string &repo, const std::string &content)
    {
        const std::string digest = oci::Digest::sha256Of(content).toString();
        const Reply r = call("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + digest, content);
        EXPECT_EQ(r.status, 201) << r.body;
        return digest;
    }

    std::string imageManifest(const std::string &config, const std::string &layer,
                              const std::string &extra = {})
    {
        return R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
               config +
               R"(","size":2},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" +
               layer + R"(","size":5}])" + extra + "}";
    }

    TempDir dir;
    server::RegistryApi api;
};

} // namespace berth::test

#pragma once

// Writes registry:2 layouts directly, for tests: good content and every kind
// of damage a store can have.

#include "storage/file_io.h"
#include "storage/layout.h"

#include "oci/digest.h"

#include <filesystem>
#include <string>
#include <vector>

namespace berth::test {

class StoreWriter
{
public:
    explicit StoreWriter(std::filesystem::path root)
        : m_layout(std::move(root))
    {
    }
    const storage::Layout &layout() const { return m_layout; }

    oci::Digest blob(const std::string &bytes)
    {
        const oci::Digest d = oci::Digest::sha256Of(bytes);
        (void)storage::writeFileAtomically(m_layout.blobDataPath(d), bytes);
        return d;
    }
    void layerLink(const std::string &repo, const oci::Digest &d)
    {
        (void)storage::writeLink(*m_layout.layerLinkPath(repo, d), d);
    }
    void revision(const std::string &repo, const oci::Digest &d)
    {
        (void)storage::writeLink(*m_layout.revisionLinkPath(repo, d), d);
    }
    void tag(const std::string &repo, const std::string &tag, const oci::Digest &d)
    {
        (void)storage::writeLink(*m_layout.tagIndexLinkPath(repo, tag, d), d);
        (void)storage::writeLink(*m_layout.tagCurrentLinkPath(repo, tag), d);
    }

    // An OCI image: config + layers as blobs, linked into `repo`; returns the manifest digest.
    oci::Digest image(const std::string &repo, const std::vector<oci::Digest> &layers,
                      const std::string &configText, const std::string &subject = {})
    {
        const oci::Digest config = blob(configText);
        layerLink(repo, config);
        std::string json =
            R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
            config.toString() + R"(","size":)" + std::to_string(configText.size()) +
            R"(},"layers":[)";
        for (std::size_t i = 0; i < layers.size(); ++i) {
            json +=
                (i ? "," : "") +
                std::string(
                    R"({"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")") +
                layers[i].toString() + R"(","size":)" + std::to_string(sizeOf(layers[i])) + "}";
            layerLink(repo, layers[i]);
        }
        json += "]";
        if (!subject.empty())
            json +=
                R"(,"subject":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
                subject + R"(","size":1})";
        json += "}";
        const oci::Digest manifest = blob(json);
        revision(repo, manifest);
        return manifest;
    }

    oci::Digest index(const std::string &repo, const std::vector<oci::Digest> &children)
    {
        std::string json =
            R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[)";
        for (std::size_t i = 0; i < children.size(); ++i) {
            json += (i ? "," : "") +
                    std::string(
                        R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")") +
                    children[i].toString() + R"(","size":)" + std::to_string(sizeOf(children[i])) +
                    R"(,"platform":{"architecture":"arch)" + std::to_string(i) +
                    R"(","os":"linux"}})";
        }
        json += "]}";
        const oci::Digest d = blob(json);
        revision(repo, d);
        return d;
    }

    std::uintmax_t sizeOf(const oci::Digest &d) const
    {
        std::error_code ec;
        return std::filesystem::file_size(m_layout.blobDataPath(d), ec);
    }

private:
    storage::Layout m_layout;
};

} // namespace berth::test

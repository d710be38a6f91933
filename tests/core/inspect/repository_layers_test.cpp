// A repository's layers from its tags' descriptions: heaviest first, each
// once, with the tags and platforms that use it and the command that made
// it.
#include "inspect/repository_layers.h"

#include "oci/image_config.h"
#include "oci/parsed_manifest.h"

#include <gtest/gtest.h>

namespace berth::inspect {
namespace {

std::string digestOf(char c)
{
    return "sha256:" + std::string(64, c);
}

std::shared_ptr<const client::CachedManifest>
manifest(const std::vector<std::pair<char, qint64>> &layers)
{
    std::string json =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
        R"("config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
        digestOf('c') + R"(","size":2},"layers":[)";
    for (std::size_t i = 0; i < layers.size(); ++i)
        json += std::string(i ? "," : "") +
                R"({"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" +
                digestOf(layers[i].first) + R"(","size":)" + std::to_string(layers[i].second) + "}";
    json += "]}";
    auto parsed = oci::parseManifest(json);
    EXPECT_TRUE(parsed.ok()) << parsed.error().message;
    return std::make_shared<client::CachedManifest>(
        client::CachedManifest{oci::Digest::emptySha256(),
                               QByteArray::fromStdString(json),
                               {},
                               std::make_shared<const oci::ParsedManifest>(parsed.value())});
}

std::shared_ptr<const client::CachedConfig> config(const std::vector<std::string> &history)
{
    std::string json =
        R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers"},"history":[)";
    for (std::size_t i = 0; i < history.size(); ++i)
        json += std::string(i ? "," : "") + R"({"created_by":")" + history[i] + R"("})";
    json += "]}";
    auto parsed = oci::parseImageConfig(json);
    EXPECT_TRUE(parsed.ok()) << parsed.error().message;
    return std::make_shared<client::CachedConfig>(
        client::CachedConfig{oci::Digest::emptySha256(), QByteArray::fromStdString(json),
                             std::make_shared<const oci::ImageConfig>(parsed.value())});
}

client::ImageDescription single(const QString &tag,
                                const std::vector<std::pair<char, qint64>> &layers,
                                const std::vector<std::string> &history = {})
{
    client::ImageDescription d;
    d.reference = tag;
    d.manifest = manifest(layers);
    if (!history.empty())
        d.config = config(history);
    return d;
}

TEST(RepositoryLayers, HeaviestFirstEachOnceWithItsTags)
{
    const RepositoryLayers r = RepositoryLayers::of(
        {single(QStringLiteral("1.0"), {{'a', 500}, {'b', 100}}, {"FROM base", "RUN make"}),
         single(QStringLiteral("1.1"), {{'a', 500}, {'d', 900}})});
    ASSERT_EQ(r.layers.size(), 3U);
    EXPECT_EQ(r.layers[0].digest.toString(), digestOf('d'));
    EXPECT_EQ(r.layers[0].tags, QStringList{QStringLiteral("1.1")});
    EXPECT_EQ(r.layers[1].digest.toString(), digestOf('a'));
    EXPECT_EQ(r.layers[1].tags, (QStringList{QStringLiteral("1.0"), QStringLiteral("1.1")}));
    EXPECT_EQ(r.layers[1].createdBy, QStringLiteral("FROM base"));
    EXPECT_EQ(r.layers[2].createdBy, QStringLiteral("RUN make"));
    EXPECT_EQ(r.totalBytes, 1500);
    EXPECT_EQ(r.oneTagBytes, 1000) << "b (1.0 only) and d (1.1 only)";
    EXPECT_EQ(r.sumOverTags, 2000);
    EXPECT_EQ(r.images, 2);
}

TEST(RepositoryLayers, AnIndexCountsEachPlatformAsAnImageOfItsTag)
{
    client::ImageDescription index;
    index.reference = QStringLiteral("2.0");
    const std::string json =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]})";
    auto parsed = oci::parseManifest(json);
    ASSERT_TRUE(parsed.ok());
    index.manifest = std::make_shared<client::CachedManifest>(
        client::CachedManifest{oci::Digest::emptySha256(),
                               QByteArray::fromStdString(json),
                               {},
                               std::make_shared<const oci::ParsedManifest>(parsed.value())});
    for (const char *arch : {"amd64", "arm64"}) {
        client::PlatformImage p;
        p.descriptor.platform = oci::Platform{arch, "linux", {}, {}, {}};
        p.manifest = manifest({{'e', 300}, {arch[1] == 'm' ? 'f' : '9', 50}});
        index.platforms.append(p);
    }
    const RepositoryLayers r = RepositoryLayers::of({index});
    ASSERT_EQ(r.layers.size(), 3U);
    EXPECT_EQ(r.layers[0].images,
              (QStringList{QStringLiteral("2.0 linux/amd64"), QStringLiteral("2.0 linux/arm64")}));
    EXPECT_EQ(r.layers[0].tags, QStringList{QStringLiteral("2.0")});
    EXPECT_EQ(r.oneTagBytes, 400) << "one tag, however many platforms";
    EXPECT_EQ(r.images, 2);
}

} // namespace
} // namespace berth::inspect

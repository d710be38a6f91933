#include "inspect/repository_layers.h"

#include "oci/image_config.h"

#include <algorithm>
#include <unordered_map>

namespace berth::inspect {

namespace {

class Tally
{
public:
    explicit Tally(RepositoryLayers &out)
        : m_out(out)
    {
    }

    // One image (a single image, or one platform of an index) of `tag`.
    void add(const QString &tag, const QString &image, const client::CachedManifest *manifest,
             const client::CachedConfig *config)
    {
        const oci::ImageManifest *m =
            manifest && manifest->parsed ? manifest->parsed->image() : nullptr;
        if (!m)
            return;
        ++m_out.images;
        std::vector<std::optional<std::size_t>> history;
        if (config && config->config)
            history = oci::layerHistoryIndex(*config->config, m->layers.size());
        for (std::size_t i = 0; i < m->layers.size(); ++i) {
            const oci::Descriptor &d = m->layers[i];
            auto [it, fresh] = m_index.try_emplace(d.digest.toString(), m_out.layers.size());
            if (fresh)
                m_out.layers.push_back(LayerUse{d.digest, std::max<qint64>(d.size, 0), {}, {}, {}});
            LayerUse &use = m_out.layers[it->second];
            if (!use.tags.contains(tag))
                use.tags.append(tag);
            if (!use.images.contains(image))
                use.images.append(image);
            if (use.createdBy.isEmpty() && i < history.size() && history[i])
                use.createdBy =
                    QString::fromStdString(config->config->history[*history[i]].createdBy);
            m_out.sumOverTags += use.size;
        }
    }

private:
    RepositoryLayers &m_out;
    std::unordered_map<std::string, std::size_t> m_index; // digest → layers[]
};

} // namespace

RepositoryLayers RepositoryLayers::of(const QList<client::ImageDescription> &tags)
{
    RepositoryLayers out;
    Tally tally(out);
    for (const client::ImageDescription &d : tags) {
        if (!d.isIndex()) {
            tally.add(d.reference, d.reference, d.manifest.get(), d.config.get());
            continue;
        }
        for (const client::PlatformImage &p : d.platforms) {
            const QString platform = p.descriptor.platform
                                         ? QString::fromStdString(p.descriptor.platform->toString())
                                         : QString::fromStdString(p.descriptor.digest.toString());
            tally.add(d.reference, d.reference + QLatin1Char(' ') + platform, p.manifest.get(),
                      p.config.get());
        }
    }
    std::stable_sort(out.layers.begin(), out.layers.end(),
                     [](const LayerUse &a, const LayerUse &b) { return a.size > b.size; });
    for (LayerUse &use : out.layers) {
        use.tags.sort(); // not in the order the descriptions arrived
        use.images.sort();
        out.totalBytes += use.size;
        if (use.tags.size() == 1)
            out.oneTagBytes += use.size;
    }
    return out;
}

} // namespace berth::inspect

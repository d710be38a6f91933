#include "client/image_narrowing.h"

#include "client/referrers_job.h"

#include "oci/index_subset.h"
#include "oci/parsed_manifest.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

namespace berth::client {

namespace {

// The words are CopyJob's (lupdate and the runtime agree on the context).
class Text
{
    Q_DECLARE_TR_FUNCTIONS(berth::client::CopyJob)
};

QString text(const oci::Digest &digest)
{
    return QString::fromStdString(digest.toString());
}

// Referrers of what stays (a referrer of the source's index refers to an
// index that is not copied), and referrers of those, until none is added.
QList<ReferrerManifest> referrersOf(QList<oci::Digest> stays, QList<ReferrerManifest> left)
{
    QList<ReferrerManifest> referrers;
    for (bool added = true; added;) {
        added = false;
        for (auto it = left.begin(); it != left.end();) {
            const auto subject = it->manifest->parsed->subject();
            const QString tag = it->tag;
            const bool refersToOne =
                (subject && stays.contains(subject->digest)) ||
                std::any_of(stays.begin(), stays.end(), [&tag](const oci::Digest &d) {
                    return !tag.isEmpty() && tag.startsWith(Referrers::fallbackTag(d));
                });
            if (!refersToOne) {
                ++it;
                continue;
            }
            stays << it->manifest->digest;
            referrers << *it;
            it = left.erase(it);
            added = true;
        }
    }
    return referrers;
}

} // namespace

ClientResult<NarrowedImage> narrowToPlatforms(const ImageGraph &graph, const QStringList &platforms,
                                              const QString &name)
{
    const auto &top = graph.manifests.first();
    const oci::ImageIndex *index = top->parsed->index();
    std::vector<oci::Platform> wanted;
    for (const QString &platform : platforms)
        wanted.push_back(*oci::parsePlatform(platform.toStdString()));
    const std::vector<oci::Descriptor> kept =
        index ? oci::manifestsFor(*index, wanted) : std::vector<oci::Descriptor>();
    std::vector<oci::Digest> keptDigests;
    NarrowedImage narrowed;
    for (const oci::Descriptor &d : kept) {
        keptDigests.push_back(d.digest);
        if (!d.isAttestation())
            narrowed.platforms << QString::fromStdString(d.platform->toString());
    }
    if (narrowed.platforms.isEmpty()) {
        QStringList has;
        for (const oci::Descriptor &d : index ? index->manifests : std::vector<oci::Descriptor>()) {
            if (d.platform && !d.isAttestation())
                has << QString::fromStdString(d.platform->toString());
        }
        return ClientError{
            ClientErrorKind::InvalidArgument,
            Text::tr("%1 has no %2 image (it has %3).")
                .arg(name, platforms.join(QStringLiteral(", ")), has.join(QStringLiteral(", "))),
            0,
            {},
            {}};
    }
    const auto keeps = [&keptDigests](const oci::Digest &digest) {
        return std::find(keptDigests.begin(), keptDigests.end(), digest) != keptDigests.end();
    };

    // What stays: one platform's image itself (an index's attestations
    // cannot go with it), or a new index listing only the platforms.
    ImageGraph &out = narrowed.graph;
    if (narrowed.platforms.size() == 1) {
        const auto image = std::find_if(
            kept.begin(), kept.end(), [](const oci::Descriptor &d) { return !d.isAttestation(); });
        for (const auto &m : graph.manifests) {
            if (m->digest == image->digest)
                out.manifests << m;
        }
    } else {
        const auto bytes = oci::indexSubset(
            std::string_view(top->bytes.constData(), static_cast<std::size_t>(top->bytes.size())),
            keptDigests);
        auto parsed = bytes.ok() ? oci::parseManifest(*bytes, top->mediaType.toStdString())
                                 : berth::Result<oci::ParsedManifest>(bytes.error());
        if (!parsed.ok())
            return ClientError{
                ClientErrorKind::InvalidResponse,
                Text::tr("The index of %1 could not be narrowed to its platforms.").arg(name),
                0,
                {},
                QString::fromStdString(parsed.error().message)};
        out.manifests << std::make_shared<const CachedManifest>(CachedManifest{
            oci::Digest::sha256Of(*bytes), QByteArray::fromStdString(*bytes), top->mediaType,
            std::make_shared<const oci::ParsedManifest>(std::move(*parsed))});
        for (const auto &m : graph.manifests) {
            if (m != top && keeps(m->digest))
                out.manifests << m;
        }
    }

    QList<oci::Digest> stays;
    for (const auto &m : std::as_const(out.manifests))
        stays << m->digest;
    out.referrers = referrersOf(stays, graph.referrers);
    out.referrerImages = static_cast<int>(
        std::count_if(out.referrers.begin(), out.referrers.end(),
                      [](const ReferrerManifest &r) { return !r.manifest->parsed->isIndex(); }));
    QSet<QString> named;
    const auto nameBlobsOf = [&named](const oci::ParsedManifest &m) {
        for (const oci::Descriptor &d : m.references())
            named.insert(text(d.digest));
    };
    for (const auto &m : std::as_const(out.manifests))
        nameBlobsOf(*m->parsed);
    for (const ReferrerManifest &r : std::as_const(out.referrers))
        nameBlobsOf(*r.manifest->parsed);
    for (const oci::Descriptor &b : graph.blobs) {
        if (named.contains(text(b.digest)))
            out.blobs << b;
    }
    return narrowed;
}

} // namespace berth::client

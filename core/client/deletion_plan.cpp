#include "client/deletion_plan.h"

#include <QCoreApplication>

#include <QHash>

#include <algorithm>
#include <map>
#include <set>

namespace berth::client {

namespace {

// The translation context of this file's messages.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(berth::client::DeletionPlan)
};

} // namespace

QString RetentionRule::problem() const
{
    if (!keepNewest && matching.isEmpty() && !olderThanDays)
        return Text::tr("Set at least one condition.");
    if (keepNewest && *keepNewest < 0)
        return Text::tr("The number of tags to keep cannot be negative.");
    if (olderThanDays && *olderThanDays < 0)
        return Text::tr("The age in days cannot be negative.");
    if (!matching.isEmpty()) {
        const QRegularExpression re(matching);
        if (!re.isValid())
            return Text::tr("The pattern is not a valid regular expression: %1")
                .arg(re.errorString());
    }
    return {};
}

QSet<QString> RetentionRule::select(const QList<TagFacts> &tags, std::chrono::sys_seconds now,
                                    QStringList *unknownDates) const
{
    QSet<QString> out;
    if (!problem().isEmpty())
        return out;
    const QRegularExpression re(QRegularExpression::anchoredPattern(matching));
    // Rank by creation date, newest first; ties by name so the result is
    // stable. Only tags the pattern matches compete for the kept places.
    QList<const TagFacts *> ranked;
    for (const TagFacts &t : tags) {
        if (matching.isEmpty() || re.match(t.tag).hasMatch())
            ranked.append(&t);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const TagFacts *a, const TagFacts *b) {
        if (a->created != b->created)
            return a->created > b->created; // nullopt sorts last
        return a->tag < b->tag;
    });
    // Not an optional: gcc 12 at -O2 takes its value for maybe uninitialized.
    const bool byAge = olderThanDays.has_value();
    const auto cutoff = now - std::chrono::days(olderThanDays.value_or(0));
    int rank = 0;
    for (const TagFacts *t : ranked) {
        const bool dated = t->created.has_value();
        if ((keepNewest || byAge) && !dated) {
            if (unknownDates)
                unknownDates->append(t->tag);
            continue;
        }
        const bool inNewest = keepNewest && rank < *keepNewest;
        ++rank;
        if (inNewest)
            continue;
        if (byAge && *t->created >= cutoff)
            continue;
        out.insert(t->tag);
    }
    return out;
}

DeletionPlan DeletionPlan::make(const QString &repository, const QList<TagFacts> &tags,
                                const QSet<QString> &selected)
{
    DeletionPlan plan;
    plan.repository = repository;
    // Group by digest, in the order the tags came.
    std::map<oci::Digest, QList<const TagFacts *>> byDigest;
    QList<oci::Digest> order;
    for (const TagFacts &t : tags) {
        plan.snapshot.append({t.tag, t.digest});
        if (!t.children.isEmpty())
            plan.indexChildren[t.digest] = t.children;
        auto &group = byDigest[t.digest];
        if (group.isEmpty())
            order.append(t.digest);
        group.append(&t);
    }
    const auto whollySelected = [&](const oci::Digest &digest) {
        const QList<const TagFacts *> &group = byDigest[digest];
        return std::all_of(group.begin(), group.end(),
                           [&](const TagFacts *t) { return selected.contains(t->tag); });
    };
    // Which images stay, and the kept indexes that list each child. An index
    // that stays keeps its children, which may themselves be indexes: repeat
    // until nothing more is kept.
    std::set<oci::Digest> staying;
    for (const oci::Digest &digest : order) {
        if (!whollySelected(digest))
            staying.insert(digest);
    }
    std::map<oci::Digest, QStringList> keptBy;
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto &[index, children] : plan.indexChildren) {
            if (!staying.count(index))
                continue;
            for (const oci::Digest &child : children) {
                QStringList &by = keptBy[child];
                for (const TagFacts *t : byDigest[index]) {
                    if (!by.contains(t->tag))
                        by.append(t->tag);
                }
                if (byDigest.count(child) && staying.insert(child).second)
                    grew = true;
            }
        }
    }
    for (const oci::Digest &digest : order) {
        const QList<const TagFacts *> &group = byDigest[digest];
        QStringList chosen;
        QStringList others;
        for (const TagFacts *t : group)
            (selected.contains(t->tag) ? chosen : others).append(t->tag);
        plan.kept += others;
        if (chosen.isEmpty())
            continue;
        if (!staying.count(digest)) {
            plan.images.append({digest, chosen, group.first()->size, group.first()->platforms});
            continue;
        }
        const auto by = keptBy.find(digest);
        for (const QString &tag : chosen)
            plan.tagsOnly.append(
                {tag, digest, others, by == keptBy.end() ? QStringList() : by->second});
    }
    // An index goes before the images it lists: if deleting it fails, they
    // are still needed and stay.
    QList<ImageDeletion> pending = plan.images;
    plan.images.clear();
    while (!pending.isEmpty()) {
        const auto listedByPending = [&](const ImageDeletion &image) {
            return std::any_of(pending.begin(), pending.end(), [&](const ImageDeletion &other) {
                const auto it = plan.indexChildren.find(other.digest);
                return it != plan.indexChildren.end() && it->second.contains(image.digest);
            });
        };
        const auto before = pending.size();
        for (auto it = pending.begin(); it != pending.end();) {
            if (listedByPending(*it)) {
                ++it;
                continue;
            }
            plan.images.append(*it);
            it = pending.erase(it);
        }
        if (pending.size() == before) { // a cycle: not content-addressable, keep the order
            plan.images += pending;
            break;
        }
    }
    return plan;
}

int DeletionPlan::deletedTagCount() const
{
    int n = static_cast<int>(tagsOnly.size());
    for (const ImageDeletion &i : images)
        n += static_cast<int>(i.tags.size());
    return n;
}

QStringList DeletionPlan::describe() const
{
    QStringList out;
    for (const ImageDeletion &i : images) {
        QString line =
            Text::tr("Delete image %1 with tag(s) %2", nullptr, static_cast<int>(i.tags.size()))
                .arg(QString::fromStdString(i.digest.shortString()),
                     i.tags.join(QStringLiteral(", ")));
        if (i.platforms > 0)
            line += Text::tr(" (multi-arch: its %n platform manifest(s) become untagged)", nullptr,
                             i.platforms);
        out.append(line);
    }
    for (const TagDeletion &t : tagsOnly) {
        const QString image = QString::fromStdString(t.digest.shortString());
        const QString siblings = t.keptSiblings.join(QStringLiteral(", "));
        const QString indexes = t.keptBy.join(QStringLiteral(", "));
        if (!siblings.isEmpty() && !indexes.isEmpty())
            out.append(Text::tr("Remove tag %1 only (image %2 stays for %3 and is listed by "
                                "multi-arch %4)")
                           .arg(t.tag, image, siblings, indexes));
        else if (!siblings.isEmpty())
            out.append(
                Text::tr("Remove tag %1 only (image %2 stays for %3)").arg(t.tag, image, siblings));
        else if (!indexes.isEmpty())
            out.append(Text::tr("Remove tag %1 only (image %2 stays, listed by multi-arch %3)")
                           .arg(t.tag, image, indexes));
        else
            out.append(Text::tr("Remove tag %1 only (image %2 stays)").arg(t.tag, image));
    }
    return out;
}

} // namespace berth::client

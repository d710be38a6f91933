#include "deletion_plan.h"

#include <QHash>

#include <algorithm>
#include <map>

namespace berth::client {

QString RetentionRule::problem() const
{
    if (!keepNewest && matching.isEmpty() && !olderThanDays)
        return QStringLiteral("Set at least one condition.");
    if (keepNewest && *keepNewest < 0)
        return QStringLiteral("The number of tags to keep cannot be negative.");
    if (olderThanDays && *olderThanDays < 0)
        return QStringLiteral("The age in days cannot be negative.");
    if (!matching.isEmpty()) {
        const QRegularExpression re(matching);
        if (!re.isValid())
            return QStringLiteral("The pattern is not a valid regular expression: %1")
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
    const auto cutoff =
        olderThanDays ? std::optional(now - std::chrono::days(*olderThanDays)) : std::nullopt;
    int rank = 0;
    for (const TagFacts *t : ranked) {
        const bool dated = t->created.has_value();
        if ((keepNewest || cutoff) && !dated) {
            if (unknownDates)
                unknownDates->append(t->tag);
            continue;
        }
        const bool inNewest = keepNewest && rank < *keepNewest;
        ++rank;
        if (inNewest)
            continue;
        if (cutoff && *t->created >= *cutoff)
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
        auto &group = byDigest[t.digest];
        if (group.isEmpty())
            order.append(t.digest);
        group.append(&t);
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
        if (others.isEmpty()) {
            plan.images.append({digest, chosen, group.first()->size, group.first()->platforms});
            continue;
        }
        for (const QString &tag : chosen)
            plan.tagsOnly.append({tag, digest, others});
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
        QString line = QStringLiteral("Delete image %1 with tag%2 %3")
                           .arg(QString::fromStdString(i.digest.shortString()),
                                i.tags.size() == 1 ? QString() : QStringLiteral("s"),
                                i.tags.join(QStringLiteral(", ")));
        if (i.platforms > 0)
            line += QStringLiteral(" (multi-arch: its %1 platform manifests become untagged)")
                        .arg(i.platforms);
        out.append(line);
    }
    for (const TagDeletion &t : tagsOnly)
        out.append(QStringLiteral("Remove tag %1 only (image %2 stays for %3)")
                       .arg(t.tag, QString::fromStdString(t.digest.shortString()),
                            t.keptSiblings.join(QStringLiteral(", "))));
    return out;
}

} // namespace berth::client

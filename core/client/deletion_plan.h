#pragma once

#include "oci/digest.h"

#include <QList>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>

#include <chrono>
#include <map>
#include <optional>

namespace berth::client {

// What the planner needs to know of one tag.
struct TagFacts
{
    QString tag;
    oci::Digest digest;
    std::optional<std::chrono::sys_seconds> created; // newest platform for an index
    qint64 size = -1;
    int platforms = 0; // child manifests of a multi-arch index; 0 for an image
    // An index's child manifests (platforms and attestations), which stay
    // needed while the index stays.
    QList<oci::Digest> children = {};
};

// A retention rule as registries' cleanup policies phrase it. A tag is
// deleted when it matches every condition that is set: its name matches
// `matching` (all names when empty), it was created more than `olderThanDays`
// days ago, and it is not one of the `keepNewest` newest tags. Tags with an
// unknown creation date are never deleted by age or by rank: they are kept
// and listed as such.
struct RetentionRule
{
    std::optional<int> keepNewest;
    QString matching; // regular expression, whole tag
    std::optional<int> olderThanDays;

    // Empty when the rule is usable, else why not (bad regex, no condition).
    QString problem() const;
    // The tags the rule deletes, and those kept only because their date is
    // unknown.
    QSet<QString> select(const QList<TagFacts> &tags, std::chrono::sys_seconds now,
                         QStringList *unknownDates = nullptr) const;
};

// The exact effect of deleting a set of tags, aware of shared digests:
// when every tag of an image is selected, the image (manifest) itself is
// deleted; when some of its tags stay, only the selected tags go and the
// image stays for the others. An image that a kept multi-arch index lists
// (say `v1-amd64`, a platform of `v1`) is never deleted: its selected tags
// go, the image stays for the index.
struct DeletionPlan
{
    struct ImageDeletion
    {
        oci::Digest digest;
        QStringList tags; // all of its tags, every one selected
        qint64 size = -1;
        int platforms = 0; // an index: its platform manifests become untagged
    };
    struct TagDeletion
    {
        QString tag;
        oci::Digest digest;
        QStringList keptSiblings; // tags of the same image that stay
        QStringList keptBy;       // tags of kept indexes that list the image
    };

    QString repository;
    QList<ImageDeletion> images;
    QList<TagDeletion> tagsOnly;
    QStringList kept; // tags not selected
    // Every tag the plan looked at, with the digest it pointed at then.
    QList<QPair<QString, oci::Digest>> snapshot;
    // The child manifests of every index in the snapshot.
    std::map<oci::Digest, QList<oci::Digest>> indexChildren;

    static DeletionPlan make(const QString &repository, const QList<TagFacts> &tags,
                             const QSet<QString> &selected);
    int deletedTagCount() const;
    bool isEmpty() const { return images.isEmpty() && tagsOnly.isEmpty(); }
    // Plain text, one line per deletion: what the confirmation shows.
    QStringList describe() const;
};

} // namespace berth::client

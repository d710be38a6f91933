#pragma once

#include "client/client_error.h"

#include <QList>
#include <QString>

#include <chrono>
#include <optional>

namespace berth::client {

// One repository of a berth-registry's store (GET /berth/v1/cache).
struct CachedRepository
{
    QString name;
    QString mirroredFrom; // the upstream's URL; empty: a local repository
    qint64 tagCount = 0;
    qint64 bytes = 0; // every blob its manifests reference
    std::optional<std::chrono::sys_seconds> lastPulled;

    bool isLocal() const { return mirroredFrom.isEmpty(); }
};

// What a berth-registry's store holds, and its mirror's bound.
struct MirrorCache
{
    qint64 storeBytes = 0; // every blob in the store: what the bound counts
    qint64 maxSize = -1;   // proxy.maxsize; -1: unbounded
    QList<CachedRepository> repositories;

    // Strict: every field typed and in range, names valid and unique;
    // InvalidResponse naming what is wrong otherwise.
    static ClientResult<MirrorCache> parse(const QByteArray &json);
};

// A tag in the store and how much of its image is there: a mirror stores
// a manifest when it is asked for, layers only when they are pulled.
struct CachedTag
{
    QString name;
    QString digest;
    int parts = 0;   // the manifest, what it references, and theirs
    int present = 0; // of those, in the store
    std::optional<std::chrono::sys_seconds> lastPulled;

    bool complete() const { return parts > 0 && present == parts; }
};

// GET /berth/v1/cache/<name>.
struct CachedTags
{
    QString repository;
    QString mirroredFrom;
    QList<CachedTag> tags;

    bool isLocal() const { return mirroredFrom.isEmpty(); }

    // As MirrorCache::parse; the body must name `repository`.
    static ClientResult<CachedTags> parse(const QByteArray &json, const QString &repository);
};

} // namespace berth::client

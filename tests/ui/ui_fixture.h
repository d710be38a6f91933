#pragma once

// A docker-registry with a known set of repositories and tags for UI tests.

#include "support/registry_fixture.h"

#include <QTemporaryDir>

namespace berth::test {

struct UiWorld
{
    RegistryFixture registry;
    QTemporaryDir layout;
    ImageTruth older; // app/web:v1, :v1.10 (same image)
    ImageTruth newer; // app/web:v2
    ImageTruth other; // app/web:v1.9
    IndexTruth multi; // app/web:latest
    QStringList repositories{QStringLiteral("alpha"),           QStringLiteral("app/api"),
                             QStringLiteral("app/web"),         QStringLiteral("team/db/main"),
                             QStringLiteral("team/db/replica"), QStringLiteral("zeta")};

    bool start(QString &error)
    {
        if (!registry.start()) {
            error = registry.error();
            return false;
        }
        OciLayoutWriter w(layout.path(), 11);
        older = w.addImage(QStringLiteral("2023-05-01T12:00:00Z"), QStringLiteral("amd64"), {2000});
        newer = w.addImage(QStringLiteral("2025-02-01T12:00:00Z"), QStringLiteral("amd64"), {9000},
                           {older.layers[0]});
        other = w.addImage(QStringLiteral("2024-01-01T12:00:00Z"), QStringLiteral("arm64"), {100});
        multi = w.addIndex(QStringLiteral("2024-06-01T00:00:00Z"), true);
        const QString m = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
        w.tag(QStringLiteral("older"), older.manifestDigest, m);
        w.tag(QStringLiteral("newer"), newer.manifestDigest, m);
        w.tag(QStringLiteral("other"), other.manifestDigest, m);
        w.tag(QStringLiteral("multi"), multi.digest,
              QStringLiteral("application/vnd.oci.image.index.v1+json"));
        w.save();
        const struct
        {
            const char *ref;
            const char *dest;
            bool all;
        } pushes[] = {
            {"older", "app/web:v1", false},    {"older", "app/web:v1.10", false},
            {"newer", "app/web:v2", false},    {"other", "app/web:v1.9", false},
            {"multi", "app/web:latest", true},
        };
        for (const auto &p : pushes) {
            if (!registry.push(layout.path(), QString::fromLatin1(p.ref),
                               QString::fromLatin1(p.dest), p.all)) {
                error = registry.lastOutput();
                return false;
            }
        }
        for (const QString &repo : repositories) {
            if (repo == QLatin1String("app/web"))
                continue;
            if (!registry.push(layout.path(), QStringLiteral("other"),
                               repo + QStringLiteral(":x"))) {
                error = registry.lastOutput();
                return false;
            }
        }
        return true;
    }
};

} // namespace berth::test

// Writes an OCI image layout with COUNT distinct images named t0000…,
// sharing one base layer, for bench/client_bench.sh.
//
//   berth-bench-make-layout DIR COUNT
#include "support/registry_fixture.h"

#include <QCoreApplication>
#include <QDateTime>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s DIR COUNT\n", argv[0]);
        return 2;
    }
    const QString dir = QString::fromLocal8Bit(argv[1]);
    const int count = QString::fromLocal8Bit(argv[2]).toInt();
    berth::test::OciLayoutWriter layout(dir, 42);
    const auto base = layout.addImage(QStringLiteral("2024-01-01T00:00:00Z"),
                                      QStringLiteral("amd64"), {32 * 1024});
    const QDateTime start =
        QDateTime::fromString(QStringLiteral("2024-01-01T00:00:00Z"), Qt::ISODate);
    for (int i = 0; i < count; ++i) {
        const QString created = start.addSecs(3600LL * i).toString(Qt::ISODate);
        const auto image =
            layout.addImage(created, QStringLiteral("amd64"), {512 + i}, {base.layers[0]});
        layout.tag(QStringLiteral("t%1").arg(i, 4, 10, QLatin1Char('0')), image.manifestDigest,
                   QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
    }
    layout.save();
    std::printf("%d images written to %s\n", count, argv[1]);
    return 0;
}

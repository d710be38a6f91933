#include "local/report_formats.h"

#include "storage/inspector.h"

#include <QString>

namespace berth::local {

namespace {

QString csvField(const std::string &text)
{
    QString field = QString::fromStdString(text);
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) &&
        !field.contains(QLatin1Char('\n')))
        return field;
    field.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return QLatin1Char('"') + field + QLatin1Char('"');
}

} // namespace

QByteArray inspectReportJson(const storage::InspectReport &report)
{
    return QByteArray::fromStdString(report.toJson());
}

QByteArray inspectUsageCsv(const storage::InspectReport &report)
{
    QString out = QStringLiteral("repository,tags,manifests,untagged_manifests,referenced_bytes,"
                                 "exclusive_bytes,shared_bytes\n");
    for (const auto &r : report.repositories) {
        out += csvField(r.name) + QLatin1Char(',') + QString::number(r.tags) + QLatin1Char(',') +
               QString::number(r.manifests) + QLatin1Char(',') +
               QString::number(r.untaggedManifests) + QLatin1Char(',') +
               QString::number(r.referencedBytes) + QLatin1Char(',') +
               QString::number(r.exclusiveBytes) + QLatin1Char(',') +
               QString::number(r.sharedBytes) + QLatin1Char('\n');
    }
    return out.toUtf8();
}

} // namespace berth::local

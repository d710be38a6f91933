#include "waste_command.h"

#include "cli_output.h"

#include "layers/waste_report.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth::cli {

namespace {

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

QString percent(double share)
{
    return QString::number(share * 100.0, 'f', 1) + QLatin1Char('%');
}

QJsonObject reportJson(const inspect::ImageFiles &files, const layers::WasteReport &report)
{
    QJsonArray paths;
    for (const layers::WastedPath &p : report.paths)
        paths.append(QJsonObject{{QStringLiteral("path"), text(p.path)},
                                 {QStringLiteral("wastedBytes"), static_cast<qint64>(p.bytes)},
                                 {QStringLiteral("versions"), p.versions},
                                 {QStringLiteral("removed"), p.removed}});
    QJsonArray duplicates;
    for (const layers::DuplicateFiles &d : report.duplicates) {
        QJsonArray where;
        for (const std::string &p : d.paths)
            where.append(text(p));
        duplicates.append(
            QJsonObject{{QStringLiteral("paths"), where},
                        {QStringLiteral("size"), static_cast<qint64>(d.size)},
                        {QStringLiteral("wastedBytes"), static_cast<qint64>(d.bytes())}});
    }
    QJsonArray layers;
    for (std::size_t i = 0; i < files.layers.size(); ++i)
        layers.append(QJsonObject{
            {QStringLiteral("digest"), text(files.layers[i].digest.toString())},
            {QStringLiteral("size"), static_cast<qint64>(files.layers[i].size)},
            {QStringLiteral("fileBytes"), static_cast<qint64>(files.indexes[i]->fileBytes())},
            {QStringLiteral("entries"), static_cast<qint64>(files.indexes[i]->entries.size())}});
    return {{QStringLiteral("manifest"), text(files.manifest.toString())},
            {QStringLiteral("layerBytes"), static_cast<qint64>(report.layerBytes)},
            {QStringLiteral("visibleBytes"), static_cast<qint64>(report.visibleBytes)},
            {QStringLiteral("wastedBytes"), static_cast<qint64>(report.wastedBytes)},
            {QStringLiteral("efficiency"), report.efficiency},
            {QStringLiteral("wasted"), paths},
            {QStringLiteral("duplicates"), duplicates},
            {QStringLiteral("layers"), layers}};
}

} // namespace

WasteCommand::WasteCommand(WasteArguments arguments, QSettings &settings,
                           credentials::SecretStore &secrets, QObject *parent)
    : ImageFilesCommand(arguments.image, arguments.platform, {arguments.insecure, arguments.caFile},
                        arguments.quiet, settings, secrets, parent)
    , m_arguments(std::move(arguments))
{
}

void WasteCommand::show(const inspect::ImageFiles &files)
{
    layers::WasteReport report = *files.waste;
    const auto top = static_cast<std::size_t>(m_arguments.top);
    if (report.paths.size() > top)
        report.paths.resize(top);
    if (report.duplicates.size() > top)
        report.duplicates.resize(top);
    if (m_arguments.json) {
        printTo(stdout, QString::fromUtf8(QJsonDocument(reportJson(files, report)).toJson()));
        succeed();
        return;
    }
    QString out =
        tr("%1: %2, %3 of files, %4 of them seen by no container; efficiency %5.\n")
            .arg(title(files), counted(static_cast<qint64>(files.layers.size()), "layer", "layers"),
                 bytes(report.layerBytes), bytes(report.wastedBytes), percent(report.efficiency));
    if (!report.paths.empty()) {
        out += tr("\nWasted (overwritten or deleted by a later layer):\n");
        for (const layers::WastedPath &p : report.paths)
            out += QStringLiteral("  %1  %2  %3%4\n")
                       .arg(bytes(p.bytes), 10)
                       .arg(counted(p.versions, "version", "versions"), -11)
                       .arg(text(p.path), p.removed ? tr(" (deleted)") : QString());
    }
    if (!report.duplicates.empty()) {
        out += tr("\nThe same contents at several paths:\n");
        for (const layers::DuplicateFiles &d : report.duplicates) {
            QStringList where;
            for (const std::string &p : d.paths)
                where << text(p);
            out += QStringLiteral("  %1  %2\n")
                       .arg(bytes(d.bytes()), 10)
                       .arg(where.join(QStringLiteral(", ")));
        }
    }
    out += tr("\nLayers (compressed size, files):\n");
    for (std::size_t i = 0; i < files.layers.size(); ++i)
        out += QStringLiteral("  %1  %2  %3  %4\n")
                   .arg(i + 1, 3)
                   .arg(bytes(files.layers[i].size), 10)
                   .arg(bytes(files.indexes[i]->fileBytes()), 10)
                   .arg(text(files.layers[i].digest.shortString()));
    printTo(stdout, out);
    succeed();
}

} // namespace berth::cli

#include "diff_command.h"

#include "cli_output.h"

#include "client/registry_session.h"
#include "inspect/image_files_job.h"
#include "inspect/layer_cache_location.h"

#include "layers/image_diff.h"
#include "oci/config_diff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth::cli {

namespace {

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

const char *kindName(layers::DiffKind kind)
{
    switch (kind) {
    case layers::DiffKind::Added:
        return "added";
    case layers::DiffKind::Removed:
        return "removed";
    case layers::DiffKind::Changed:
        return "changed";
    }
    return "";
}

// "size 1.0 kB → 1.1 kB, contents, mode 0644 → 0600".
QString whatChanged(const layers::FileDiff &d)
{
    QStringList parts;
    const auto mode = [](std::uint32_t m) {
        return QString::number(m, 8).rightJustified(4, QLatin1Char('0'));
    };
    if (d.type)
        parts << QStringLiteral("type %1 → %2")
                     .arg(QString::fromLatin1(layers::entryTypeName(d.left->type)),
                          QString::fromLatin1(layers::entryTypeName(d.right->type)));
    if (d.size)
        parts << QStringLiteral("size %1 → %2").arg(bytes(d.left->size), bytes(d.right->size));
    if (d.contents && !d.size)
        parts << QStringLiteral("contents");
    if (d.link)
        parts << QStringLiteral("link %1 → %2")
                     .arg(text(d.left->linkTarget), text(d.right->linkTarget));
    if (d.mode)
        parts << QStringLiteral("mode %1 → %2").arg(mode(d.left->mode), mode(d.right->mode));
    if (d.owner)
        parts << QStringLiteral("owner %1:%2 → %3:%4")
                     .arg(d.left->uid)
                     .arg(d.left->gid)
                     .arg(d.right->uid)
                     .arg(d.right->gid);
    return parts.join(QStringLiteral(", "));
}

QJsonObject diffJson(const std::vector<oci::ConfigChange> &config, const layers::ImageDiff &d)
{
    QJsonArray settings;
    for (const oci::ConfigChange &c : config)
        settings.append(QJsonObject{{QStringLiteral("field"), text(c.field)},
                                    {QStringLiteral("left"), text(c.left)},
                                    {QStringLiteral("right"), text(c.right)}});
    const auto digests = [](const std::vector<oci::Digest> &list) {
        QJsonArray out;
        for (const oci::Digest &digest : list)
            out.append(text(digest.toString()));
        return out;
    };
    QJsonArray files;
    for (const layers::FileDiff &f : d.files) {
        QJsonObject o{{QStringLiteral("path"), text(f.path)},
                      {QStringLiteral("change"), QString::fromLatin1(kindName(f.kind))}};
        if (f.kind == layers::DiffKind::Changed)
            o.insert(QStringLiteral("what"), whatChanged(f));
        const layers::FileEntry &e = f.right ? *f.right : *f.left;
        o.insert(QStringLiteral("type"), QString::fromLatin1(layers::entryTypeName(e.type)));
        if (f.left)
            o.insert(QStringLiteral("sizeBefore"), static_cast<qint64>(f.left->size));
        if (f.right)
            o.insert(QStringLiteral("sizeAfter"), static_cast<qint64>(f.right->size));
        files.append(o);
    }
    return {{QStringLiteral("config"), settings},
            {QStringLiteral("sharedLayers"), digests(d.sharedLayers)},
            {QStringLiteral("onlyLeftLayers"), digests(d.onlyLeft)},
            {QStringLiteral("onlyRightLayers"), digests(d.onlyRight)},
            {QStringLiteral("files"), files}};
}

} // namespace

DiffCommand::DiffCommand(DiffArguments arguments, QSettings &settings,
                         credentials::SecretStore &secrets, QObject *parent)
    : CliCommandRun(settings, secrets, {arguments.insecure, arguments.caFile}, arguments.quiet,
                    parent)
    , m_arguments(std::move(arguments))
{
}

DiffCommand::~DiffCommand() = default;

void DiffCommand::start()
{
    const QString texts[2] = {m_arguments.left, m_arguments.right};
    for (int side = 0; side < 2; ++side) {
        const auto named = image(texts[side]);
        if (!named)
            return;
        m_images[side] = *named;
        if (m_images[side].reference.isEmpty())
            m_images[side].reference = QStringLiteral("latest");
    }
    if (!m_arguments.platform.isEmpty() &&
        !oci::parsePlatform(m_arguments.platform.toStdString())) {
        fail(kUsage, tr("%1 is no platform (os/arch or os/arch/variant, like linux/arm64/v8).")
                         .arg(m_arguments.platform));
        return;
    }
    if (!caFileReadable())
        return;
    for (int side = 0; side < 2; ++side)
        resolve(m_images[side], [this, side](const ResolvedRegistry &registry) {
            m_resolved[side] = registry;
            onResolved();
        });
}

void DiffCommand::onResolved()
{
    if (isDone() || !m_resolved[0] || !m_resolved[1])
        return;
    std::optional<oci::Platform> platform;
    if (!m_arguments.platform.isEmpty())
        platform = oci::parsePlatform(m_arguments.platform.toStdString());
    for (int side = 0; side < 2; ++side) {
        m_sessions[side] = std::make_unique<client::RegistrySession>(
            m_resolved[side]->endpoint, client::fixedLogin(m_resolved[side]->credentials));
        m_jobs[side] = new inspect::ImageFilesJob(m_sessions[side].get(), m_images[side].repository,
                                                  m_images[side].reference, platform,
                                                  inspect::sharedLayerCache());
        connect(m_jobs[side], &inspect::ImageFilesJob::progress, this,
                [this, side](qint64 done, qint64 total, int, int) {
                    m_progress[side] = {done, total};
                    showProgress();
                });
        connect(m_jobs[side], &inspect::ImageFilesJob::finished, this,
                [this, side](const client::ClientResult<inspect::ImageFiles> &result) {
                    onFiles(side, result);
                });
    }
}

void DiffCommand::showProgress()
{
    drawProgress(tr("reading layers: %1 of %2")
                     .arg(bytes(m_progress[0].first + m_progress[1].first),
                          bytes(m_progress[0].second + m_progress[1].second)));
}

void DiffCommand::onFiles(int side, const client::ClientResult<inspect::ImageFiles> &result)
{
    if (isDone())
        return;
    if (!result.ok()) {
        clearProgress();
        if (m_jobs[1 - side])
            m_jobs[1 - side]->cancel();
        failWith(result.error(), tr("Stopped."));
        return;
    }
    m_files[side] = result.value();
    if (m_files[0] && m_files[1]) {
        clearProgress();
        show();
    }
}

void DiffCommand::show()
{
    const inspect::ImageFiles &a = *m_files[0];
    const inspect::ImageFiles &b = *m_files[1];
    const layers::ImageDiff d =
        layers::ImageDiff::of(a.layerDigests(), *a.tree, b.layerDigests(), *b.tree);
    const std::vector<oci::ConfigChange> config = a.config && b.config
                                                      ? oci::diffConfigs(*a.config, *b.config)
                                                      : std::vector<oci::ConfigChange>();
    if (m_arguments.json) {
        printTo(stdout, QString::fromUtf8(QJsonDocument(diffJson(config, d)).toJson()));
        succeed();
        return;
    }
    QString out = tr("--- %1 (%2)\n+++ %3 (%4)\n")
                      .arg(m_images[0].shown(), text(a.manifest.shortString()), m_images[1].shown(),
                           text(b.manifest.shortString()));
    if (a.manifest == b.manifest) {
        printTo(stdout, out + tr("The same image.\n"));
        succeed();
        return;
    }
    if (!config.empty()) {
        out += tr("\nConfig:\n");
        for (const oci::ConfigChange &c : config)
            out += QStringLiteral("  %1: %2 → %3\n")
                       .arg(text(c.field), c.left.empty() ? tr("(none)") : text(c.left),
                            c.right.empty() ? tr("(none)") : text(c.right));
    }
    out += tr("\nLayers: %1 shared, %2 only in the first, %3 only in the second.\n")
               .arg(d.sharedLayers.size())
               .arg(d.onlyLeft.size())
               .arg(d.onlyRight.size());
    out += tr("\nFiles: %1 entries differ (%2 of files only in the first, %3 only in the "
              "second):\n")
               .arg(d.files.size())
               .arg(bytes(d.removedBytes), bytes(d.addedBytes));
    for (const layers::FileDiff &f : d.files) {
        const char mark = f.kind == layers::DiffKind::Added     ? '+'
                          : f.kind == layers::DiffKind::Removed ? '-'
                                                                : '~';
        out += QLatin1Char(mark) + QStringLiteral(" /") + text(f.path);
        if (f.kind == layers::DiffKind::Changed)
            out += QStringLiteral("  (%1)").arg(whatChanged(f));
        out += QLatin1Char('\n');
    }
    printTo(stdout, out);
    succeed();
}

void DiffCommand::cancel()
{
    m_interrupted = true;
    bool running = false;
    for (auto &job : m_jobs)
        if (job) {
            running = true;
            job->cancel();
        }
    if (!running)
        fail(kInterrupted, tr("Stopped."));
}

} // namespace berth::cli

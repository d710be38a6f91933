#include "power_loss_campaign.h"

#include "campaign_step.h"
#include "curl_request.h"
#include "store_findings.h"
#include "support/crash_fs_mount.h"

#include <QDir>
#include <QProcess>
#include <QUrl>

#include <chrono>
#include <filesystem>
#include <memory>
#include <vector>

namespace berth::test {

namespace {

constexpr int kMaxFindings = 20;
const QString kManifestType = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
const QString kIndexType = QStringLiteral("application/vnd.oci.image.index.v1+json");
} // namespace

QString CampaignReport::summary() const
{
    return QStringLiteral("%1 crash rounds, %2 pushes acknowledged, %3 of them lost; %4 rounds "
                          "with store problems; %5 leftover folders seen (harmless); %6 blobs "
                          "deleted by online GC; open uploads after the cut: %7 finished, %8 "
                          "unknown")
        .arg(rounds)
        .arg(acknowledged)
        .arg(lost)
        .arg(storeProblems)
        .arg(leftovers)
        .arg(collected)
        .arg(uploadsResumed)
        .arg(uploadsDiscarded);
}

PowerLossCampaign::PowerLossCampaign(CampaignOptions options)
    : m_options(options)
    , m_state(m_work.path() + QStringLiteral("/state"))
    , m_mountPoint(m_work.path() + QStringLiteral("/mnt"))
    , m_random(options.seed)
{
    QDir().mkpath(m_state);
    QDir().mkpath(m_mountPoint);
    RegistryFixture::Options engine;
    engine.rootDirectory = m_mountPoint + QStringLiteral("/store");
    if (m_options.engine == CampaignOptions::Engine::Berth)
        engine.berthRegistry = QStringLiteral(BERTH_REGISTRY_BINARY);
    m_engine = std::make_unique<RegistryFixture>(engine);
}

PowerLossCampaign::~PowerLossCampaign() = default;

QString PowerLossCampaign::describe(const Round &round) const
{
    return QStringLiteral("round %1 (%2 model%3, crash %4)")
        .arg(round.index)
        .arg(round.subset ? QStringLiteral("subset") : QStringLiteral("drop"),
             round.offlineGc ? QStringLiteral(", offline GC") : QString(),
             round.crashAfter ? QStringLiteral("before change %1 of ~%2")
                                    .arg(round.crashAfter)
                                    .arg(m_changesPerRound[round.offlineGc ? 1 : 0])
                              : QStringLiteral("after the workload"));
}

void PowerLossCampaign::finding(CampaignReport &report, const QString &text)
{
    if (report.findings.size() < kMaxFindings)
        report.findings << text;
}

PowerLossCampaign::Round PowerLossCampaign::plan(int index)
{
    Round round;
    round.index = index;
    round.seed = m_random();
    round.subset = index % 2 == 1;
    round.offlineGc = m_options.engine == CampaignOptions::Engine::Berth &&
                      index % m_options.offlineGcEvery == m_options.offlineGcEvery - 1;
    // The first round of each kind runs whole, to count its changes.
    const std::uint64_t changes = m_changesPerRound[round.offlineGc ? 1 : 0];
    if (changes > 0)
        round.crashAfter = 1 + m_random() % (changes * 6 / 5 + 1);
    round.layout = m_work.path() + QStringLiteral("/layout-%1").arg(index);
    OciLayoutWriter layout(round.layout, static_cast<quint32>(round.seed));
    const ImageTruth single = layout.addImage(QStringLiteral("2026-01-01T00:00:00Z"),
                                              QStringLiteral("amd64"), {20000, 3000});
    const IndexTruth multi = layout.addIndex(QStringLiteral("2026-01-01T00:00:00Z"), false);
    layout.tag(QStringLiteral("single"), single.manifestDigest, kManifestType);
    layout.tag(QStringLiteral("multi"), multi.digest, kIndexType);
    layout.save();
    round.single = single.manifestDigest;
    round.multi = multi.digest;
    return round;
}

// Between rounds the power is off: time passes. Every file of the store
// is made two hours old, past the online GC's one-hour guard for pushes in
// flight, so that what the next round deletes is collected.
void PowerLossCampaign::ageStore() const
{
    namespace fs = std::filesystem;
    const fs::path store = QString(m_state + QStringLiteral("/store")).toStdString();
    std::error_code ec;
    const auto past = fs::file_time_type::clock::now() - std::chrono::hours(2);
    for (auto it = fs::recursive_directory_iterator(store, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec))
            fs::last_write_time(it->path(), past, ec);
    }
}

bool PowerLossCampaign::startEngine()
{
    if (m_engine->start())
        return true;
    m_error =
        QStringLiteral("the registry did not start on the recovered store: ") + m_engine->error();
    return false;
}

void PowerLossCampaign::runWorkload(const Round &round, CampaignReport &report)
{
    const bool berth = m_options.engine == CampaignOptions::Engine::Berth;
    const QString r = QString::number(round.index);
    const QString base = QStringLiteral("http://") + m_engine->hostPort();
    std::vector<Step> steps;
    const auto push = [&](const QString &ref, const QString &repoAndTag, bool all,
                          const QString &digest) {
        steps.push_back(Step{QStringLiteral("skopeo"),
                             m_engine->pushArguments(round.layout, ref, repoAndTag, all),
                             digest.isEmpty() ? QString() : repoAndTag,
                             digest,
                             {},
                             false,
                             false,
                             nullptr});
    };
    push(QStringLiteral("single"), QStringLiteral("team/app:r") + r, false, round.single);
    push(QStringLiteral("multi"), QStringLiteral("team/multi:r") + r, true, round.multi);
    // A tag move: once acknowledged, the tag must name this round's image.
    m_expected.remove(QStringLiteral("team/app:latest")); // unknown until answered
    push(QStringLiteral("single"), QStringLiteral("team/app:latest"), false, round.single);
    addRemovals(steps, round.index, berth, base, m_expected);
    addUploads(steps, base);

    for (Step &step : steps) {
        step.process = std::make_unique<QProcess>();
        step.process->setProcessChannelMode(QProcess::MergedChannels);
        step.process->start(step.program, step.args);
    }
    m_lastAcknowledged.clear();
    for (Step &step : steps) {
        // Bounded: a client that hangs is killed, and counts as not answered.
        if (!step.process->waitForFinished(120000))
            step.process->kill();
        step.process->waitForFinished(5000);
        for (const QString &ref : step.forgotten)
            m_expected.remove(ref);
        const bool ok =
            step.process->exitStatus() == QProcess::NormalExit && step.process->exitCode() == 0;
        const QByteArray output = step.process->readAll();
        if (step.collects && ok)
            report.collected += blobsCollected(output);
        if (step.leavesUpload) {
            const qsizetype at = output.lastIndexOf("open-upload http");
            const QUrl location(QString::fromUtf8(output.mid(at + 12).trimmed()));
            m_openUpload = at < 0 ? QString()
                                  : location.path(QUrl::FullyEncoded) +
                                        (location.hasQuery()
                                             ? QLatin1Char('?') + location.query(QUrl::FullyEncoded)
                                             : QString());
        }
        if (!step.pushed.isEmpty() && ok) {
            m_expected.insert(step.pushed, step.digest);
            m_lastAcknowledged << step.pushed;
            ++report.acknowledged;
        }
    }
}

std::unique_ptr<CrashFsMount> PowerLossCampaign::mount(const Round &round)
{
    auto fs = std::make_unique<CrashFsMount>(
        BERTH_CRASH_FS_BINARY, m_state.toStdString(), m_mountPoint.toStdString(),
        round.subset ? CrashFsMount::Model::Subset : CrashFsMount::Model::Drop, round.seed);
    if (!fs->mounted()) {
        m_error = QStringLiteral("berth-crash-fs did not mount (/dev/fuse, fusermount3)");
        return nullptr;
    }
    return fs;
}

// The registry stopped (SIGTERM: it drains), then what an administrator
// runs: garbage-collect with untagged manifests, on the same store.
void PowerLossCampaign::collectOffline()
{
    m_engine->stop();
    QProcess gc;
    gc.setProcessChannelMode(QProcess::MergedChannels);
    gc.start(QStringLiteral(BERTH_REGISTRY_BINARY),
             {QStringLiteral("garbage-collect"), m_mountPoint + QStringLiteral("/store"),
              QStringLiteral("--delete-untagged")});
    if (!gc.waitForFinished(120000))
        gc.kill();
    gc.waitForFinished(5000);
}

// The manifest digest `ref` resolves to now (empty when it does not).
QString PowerLossCampaign::digestOf(const QString &ref) const
{
    const CurlAnswer answer =
        curlRequest({QStringLiteral("-I"), QStringLiteral("-H"),
                     QStringLiteral("Accept: %1, %2").arg(kManifestType, kIndexType),
                     QStringLiteral("http://%1/v2/%2/manifests/%3")
                         .arg(m_engine->hostPort(), ref.section(QLatin1Char(':'), 0, 0),
                              ref.section(QLatin1Char(':'), 1))});
    return answer.code == 200 ? answer.header("docker-content-digest") : QString();
}

void PowerLossCampaign::verifyAcknowledged(const QStringList &refs, const QString &where,
                                           CampaignReport &report)
{
    for (const QString &ref : refs) {
        if (!m_expected.contains(ref))
            continue; // deleted since
        const QString digest = digestOf(ref);
        if (digest == m_expected.value(ref) &&
            m_engine->pull(ref, ref.startsWith(QLatin1String("team/multi:"))))
            continue;
        ++report.lost;
        finding(report, QStringLiteral("%1: acknowledged push %2 (%3) %4")
                            .arg(where, ref, m_expected.value(ref),
                                 digest != m_expected.value(ref)
                                     ? QStringLiteral("resolves to %1").arg(digest)
                                     : QStringLiteral("does not pull: ") +
                                           m_engine->lastOutput().trimmed().right(300)));
        m_expected.remove(ref); // counted once
    }
}

// The upload the round before left open, through the restarted registry:
// it must either be unknown (404: the cut took it, the client starts
// again) or stand at a length it can be finished from, and then finish
// into a blob of exactly the bytes sent. Never an error, never a blob of
// other bytes.
void PowerLossCampaign::checkOpenUpload(const QString &where, CampaignReport &report)
{
    if (m_openUpload.isEmpty())
        return;
    const QString url = QStringLiteral("http://") + m_engine->hostPort() + m_openUpload;
    m_openUpload.clear();
    const QByteArray &sent = kPartialUpload;
    const CurlAnswer status = curlRequest({url});
    if (status.code == 404) {
        ++report.uploadsDiscarded;
        return;
    }
    // "0-0" is an empty upload or one of one byte (registry:2's answer
    // too): a chunk from 0 is then answered 416 if it was one byte.
    qint64 offset = status.header("range").section(QLatin1Char('-'), 1).toLongLong();
    offset = offset > 0 ? offset + 1 : 0;
    const auto sendRest = [&url, &sent](qint64 from) {
        return curlRequest(
            {QStringLiteral("-X"), QStringLiteral("PATCH"), QStringLiteral("-H"),
             QStringLiteral("Content-Type: application/octet-stream"), QStringLiteral("-H"),
             QStringLiteral("Content-Range: %1-%2").arg(from).arg(sent.size() - 1),
             QStringLiteral("--data-binary"), QString::fromLatin1(sent.mid(from)), url});
    };
    CurlAnswer patch;
    if (status.code == 204 && offset < sent.size()) {
        patch = sendRest(offset);
        if (patch.code == 416 && offset == 0)
            patch = sendRest(offset = 1);
    }
    const QString digest = sha256(sent);
    const bool whole = patch.code == 202 || (status.code == 204 && offset == sent.size());
    const CurlAnswer close =
        whole ? curlRequest({QStringLiteral("-X"), QStringLiteral("PUT"),
                             url +
                                 (url.contains(QLatin1Char('?')) ? QStringLiteral("&digest=")
                                                                 : QStringLiteral("?digest=")) +
                                 digest})
              : CurlAnswer{};
    const CurlAnswer blob = curlRequest({QStringLiteral("http://") + m_engine->hostPort() +
                                         QStringLiteral("/v2/team/app/blobs/") + digest});
    if (close.code == 201 && blob.code == 200 && blob.body == sent) {
        ++report.uploadsResumed;
        return;
    }
    finding(report, QStringLiteral("%1: the open upload answered %2 (Range %3), its chunk %4, "
                                   "its close %5, its blob %6")
                        .arg(where)
                        .arg(status.code)
                        .arg(status.header("range"))
                        .arg(patch.code)
                        .arg(close.code)
                        .arg(blob.code));
}

void PowerLossCampaign::checkStore(const Round &round, CampaignReport &report)
{
    const QString store = m_state + QStringLiteral("/store");
    if (!QFileInfo::exists(store + QStringLiteral("/docker/registry/v2")))
        return; // nothing survived at all
    int leftovers = 0;
    const QStringList problems = storeFindings(store, &leftovers);
    report.leftovers += leftovers;
    if (problems.isEmpty())
        return;
    ++report.storeProblems;
    finding(report, QStringLiteral("after %1: %2 problems, first: %3")
                        .arg(describe(round))
                        .arg(problems.size())
                        .arg(problems.first()));
}

void PowerLossCampaign::checkWithDistribution(const Round &round, CampaignReport &report)
{
    const QString store = m_state + QStringLiteral("/store");
    if (!QFileInfo::exists(store) || m_lastAcknowledged.isEmpty())
        return;
    RegistryFixture::Options options;
    options.rootDirectory = store;
    RegistryFixture distribution(options);
    if (!distribution.start()) {
        finding(report, QStringLiteral("after %1: docker-registry did not start: %2")
                            .arg(describe(round), distribution.error()));
        return;
    }
    for (const QString &ref : m_lastAcknowledged) {
        if (m_expected.contains(ref) &&
            !distribution.pull(ref, ref.startsWith(QLatin1String("team/multi:"))))
            finding(report,
                    QStringLiteral("after %1: docker-registry cannot serve %2: %3")
                        .arg(describe(round), ref, distribution.lastOutput().trimmed().right(300)));
    }
}

bool PowerLossCampaign::run(CampaignReport &report)
{
    Round previous;
    for (int index = 0; index <= m_options.rounds; ++index) {
        const bool last = index == m_options.rounds;
        const Round round = last ? Round{} : plan(index);
        ageStore();
        std::unique_ptr<CrashFsMount> fs = mount(round);
        if (!fs || !startEngine())
            return false;
        // What the round before acknowledged, through a restarted registry.
        if (index > 0) {
            const QString where = QStringLiteral("after ") + describe(previous);
            verifyAcknowledged(m_lastAcknowledged, where, report);
            if (index % m_options.generation == 0 || last)
                verifyAcknowledged(m_expected.keys(), where, report);
            checkOpenUpload(where, report);
        }
        if (last) {
            m_engine->kill();
            break;
        }
        if (index > 0 && index % m_options.generation == 0) {
            // A new generation: an empty store again.
            m_engine->kill();
            fs.reset();
            QDir(m_state).removeRecursively();
            QDir().mkpath(m_state);
            m_expected.clear();
            fs = mount(round);
            if (!fs || !startEngine())
                return false;
        }
        const std::int64_t before = fs->status("changes");
        if (round.crashAfter)
            fs->crashAfter(round.crashAfter);
        runWorkload(round, report);
        if (round.offlineGc)
            collectOffline();
        // A round the power did not cut short counts its changes: the
        // range of crash points follows the store as it grows.
        std::uint64_t &changes = m_changesPerRound[round.offlineGc ? 1 : 0];
        if (fs->status("crashed") == 0)
            changes = std::max(changes, static_cast<std::uint64_t>(fs->status("changes") - before));
        fs->crash(); // the power goes (if it has not yet), and everything with it
        m_engine->kill();
        fs->unmount();
        ++report.rounds;
        checkStore(round, report);
        if ((index + 1) % m_options.generation == 0)
            checkWithDistribution(round, report);
        previous = round;
        QDir(round.layout).removeRecursively();
    }
    return true;
}

} // namespace berth::test

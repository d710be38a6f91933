#pragma once

// A power-loss campaign against a registry whose store lives on
// berth-crash-fs: round after round, concurrent real pushes (skopeo,
// single and multi-arch), a tag move, manifest and tag deletes, online GC
// and cancelled or abandoned uploads run while the power goes at a
// seeded point; after each crash the surviving store is checked.

#include "support/registry_fixture.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <cstdint>
#include <random>

namespace berth::test {

class CrashFsMount;

struct CampaignOptions
{
    enum class Engine
    {
        Berth,        // berth-registry serve (BERTH_REGISTRY_BINARY)
        Distribution, // Debian's docker-registry 2.8.2
    };
    Engine engine = Engine::Berth;
    int rounds = 200;
    std::uint64_t seed = 1;
    // Every this many rounds docker-registry serves the recovered store,
    // every acknowledged push still expected is pulled in full, and the
    // next rounds start on an empty store (a round's cost stays bounded).
    int generation = 25;
    // Every this many rounds the registry is stopped after the workload
    // and an offline garbage-collect -m runs (berth-registry only): the
    // power may go while it deletes.
    int offlineGcEvery = 4;
};

struct CampaignReport
{
    int rounds = 0;
    int acknowledged = 0;  // pushes answered with success
    int lost = 0;          // of those, found missing or broken later
    int storeProblems = 0; // rounds whose inspect --verify found problems
    int leftovers = 0;     // folders a cut write left empty, summed over rounds
    int collected = 0;     // blobs the online GC answered it deleted
    // The upload a round left open, after the cut and a restart: finished
    // from where the registry says it stands, or unknown to it (404).
    int uploadsResumed = 0;
    int uploadsDiscarded = 0;
    QStringList findings; // what went wrong, round by round (the first few)
    QString summary() const;
};

class PowerLossCampaign
{
public:
    explicit PowerLossCampaign(CampaignOptions options);
    ~PowerLossCampaign();
    PowerLossCampaign(const PowerLossCampaign &) = delete;
    PowerLossCampaign &operator=(const PowerLossCampaign &) = delete;

    // False with `error()` when the campaign could not run (no FUSE, no
    // engine); the report says what it found.
    bool run(CampaignReport &report);
    QString error() const { return m_error; }

private:
    struct Round
    {
        int index = 0;
        std::uint64_t seed = 0;
        bool subset = false;
        bool offlineGc = false;
        std::uint64_t crashAfter = 0; // 0: at the end
        QString layout;
        QString single; // manifest digest
        QString multi;  // index digest
    };

    Round plan(int index);
    void ageStore() const;
    bool startEngine();
    std::unique_ptr<CrashFsMount> mount(const Round &round);
    void runWorkload(const Round &round, CampaignReport &report);
    void collectOffline();
    QString digestOf(const QString &ref) const;
    void verifyAcknowledged(const QStringList &refs, const QString &where, CampaignReport &report);
    void checkOpenUpload(const QString &where, CampaignReport &report);
    void checkStore(const Round &round, CampaignReport &report);
    void checkWithDistribution(const Round &round, CampaignReport &report);
    void finding(CampaignReport &report, const QString &text);
    QString describe(const Round &round) const;

    CampaignOptions m_options;
    QTemporaryDir m_work;
    QString m_state;      // the "disk": what survived the last crash
    QString m_mountPoint; // berth-crash-fs over it
    std::unique_ptr<RegistryFixture> m_engine;
    std::mt19937_64 m_random;
    // Changes a round makes, measured the first time each kind runs whole
    // (index 0: without, 1: with the offline GC).
    std::uint64_t m_changesPerRound[2] = {0, 0};
    QMap<QString, QString> m_expected; // acknowledged and not deleted: ref → digest
    QStringList m_lastAcknowledged;    // of the round before
    QString m_openUpload;              // its abandoned upload's path, when it began
    QString m_error;
};

} // namespace berth::test

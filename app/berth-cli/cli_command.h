#pragma once

#include "cli_image.h"
#include "registry_login.h"

#include "credentials/registry_profile.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>

#include <functional>
#include <optional>

class QSettings;

namespace berth::credentials {
class SecretStore;
}

namespace berth::cli {

// One berth-cli command run: start() once, cancel() on Ctrl+C, and
// finished(exit status) exactly once. What every command shares lives
// here: naming images (saved registries or docker's grammar), finding a
// registry's login, the progress line on a terminal, and ending.
class CliCommandRun : public QObject
{
    Q_OBJECT

public:
    CliCommandRun(QSettings &settings, credentials::SecretStore &secrets, TlsOverride tls,
                  bool quiet, QObject *parent = nullptr);

    virtual void start() = 0;
    // Ctrl+C or TERM: stops cleanly (nothing tagged, nothing written).
    virtual void cancel() = 0;

Q_SIGNALS:
    void finished(int exitStatus);

protected:
    // The image `text` names (a saved registry's name first); a usage
    // error is said (and the run ended) when it names none.
    std::optional<CliImage> image(const QString &text);
    // False (and the run ended) when the CA file given cannot be read.
    bool caFileReadable();
    // `image`'s registry and login; a failure is said (and the run ended).
    void resolve(const CliImage &image, std::function<void(const ResolvedRegistry &)> done);
    // A line redrawn on a terminal's stderr at most ten times a second
    // (nothing when quiet or not a terminal); clearProgress() wipes it.
    void drawProgress(const QString &line);
    void clearProgress();
    // A job's failure, said with the exit status a script relies on: a
    // login refused gets where berth-cli looks for logins; a tag that
    // points elsewhere how to move it (3); a bad argument is usage (2);
    // a stop by Ctrl+C says `stopped` (130); anything else 1.
    void failWith(const client::ClientError &error, const QString &stopped);
    // ", with 2 referrers" (empty for none), for the outcome lines.
    static QString referrersText(int referrers);
    void fail(int exitStatus, const QString &message);
    void succeed();
    bool isDone() const { return m_done; }

    bool m_interrupted = false; // Ctrl+C or TERM

private:
    QSettings &m_settings;
    credentials::SecretStore &m_secrets;
    TlsOverride m_tls;
    bool m_quiet;
    std::optional<QList<credentials::RegistryProfile>> m_profiles; // read once
    bool m_progressShown = false;
    QElapsedTimer m_redrawn;
    bool m_done = false;
};

} // namespace berth::cli

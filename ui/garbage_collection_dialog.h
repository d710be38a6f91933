#pragma once

#include "ui/gc_findings.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QCheckBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace berth::client {
class RegistrySession;
}

namespace berth::ui {

class GcRun;

// Garbage collection of one registry, whatever the way (GcMethod): the same
// steps and words for each. Preview (dry run) lists what can go; Collect…
// asks first, with what the preview found, then runs with the preview's
// options. On a data directory, Berth looks for who serves it first: a
// berth-registry holding it collects online instead (no detour); another
// registry serving it, or any process with files open in it, is named in a
// warning (stop it or make it read-only, as distribution's docs say). With
// no method set up, the dialog asks for one (setupChosen() saves it).
class GarbageCollectionDialog : public QDialog
{
    Q_OBJECT

public:
    GarbageCollectionDialog(const QString &registryName, client::RegistrySession *session,
                            const GcMethod &method, QWidget *parent = nullptr);
    ~GarbageCollectionDialog() override;

    void setMethod(const GcMethod &method);
    const GcMethod &method() const { return m_method; }

    void preview();
    // Asks first (the question is a child named "confirmation").
    void collect();
    bool isRunning() const;
    // The last preview, while its options still hold; the last collection.
    const std::optional<GcFindings> &previewFindings() const { return m_preview; }
    const std::optional<GcFindings> &collectedFindings() const { return m_collected; }
    // A command's exit status in the last run (-1: none, stopped or crashed).
    int lastExitCode() const { return m_exitCode; }

    // While a run is in flight: cancels it (the dialog stays to say how it ended).
    void reject() override;

Q_SIGNALS:
    void runFinished();
    // The user set up a way to collect for this registry.
    void setupChosen(const berth::ui::GcMethod &method);

private:
    void buildSetup();
    void buildResults();
    void describeMethod();
    QString previewFirst() const;
    void lookForServers();
    void warnAbout(const QStringList &users);
    void useSetup();
    void start(bool dryRun);
    void onFinished(bool dryRun, bool untagged, const GcOutcome &outcome);
    void showFindings(const GcFindings &findings);
    QString summary(const GcFindings &findings) const;
    void updateButtons();

    QString m_registryName;
    QPointer<client::RegistrySession> m_session;
    GcMethod m_method;
    QPointer<GcRun> m_run;
    QPointer<QMessageBox> m_confirmation;
    std::optional<GcFindings> m_preview;
    bool m_previewUntagged = false;
    std::optional<GcFindings> m_collected;
    int m_exitCode = -1;
    int m_probe = 0;        // which look for servers is current
    bool m_probing = false; // Preview waits for it: the warning comes before any preview

    QLabel *m_methodLabel = nullptr;
    QLabel *m_warning = nullptr;
    QGroupBox *m_setup = nullptr;
    QLineEdit *m_setupDataDirectory = nullptr;
    QLineEdit *m_setupCommand = nullptr;
    QLineEdit *m_setupDryRunCommand = nullptr;
    QCheckBox *m_untagged = nullptr;
    QPushButton *m_previewButton = nullptr;
    QPushButton *m_collectButton = nullptr;
    QPushButton *m_closeButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QTabWidget *m_results = nullptr;
    QTableWidget *m_blobs = nullptr;
    QTableWidget *m_manifests = nullptr;
    QTableWidget *m_problems = nullptr;
    QPlainTextEdit *m_output = nullptr;
};

} // namespace berth::ui

#pragma once

#include <QDialog>
#include <QPointer>

class QFormLayout;
class QPushButton;

namespace berth::client {
class Job;
}

namespace berth::ui {

class JobProgress;

// A dialog that runs one job at a time: an introduction, a form, a
// JobProgress and Start / Stop / Close. Stop cancels the job; closing
// while it runs stops it too (and says so in the status bar); a job that
// goes away without finishing (its registry's session was dropped) is
// said to have lost its registry instead of running forever.
class JobDialog : public QDialog
{
    Q_OBJECT

public:
    // `name` prefixes the object names: "<name>Start", "<name>Cancel",
    // "<name>Progress", "<name>Status".
    JobDialog(const QString &name, const QString &startText, QWidget *parent);
    ~JobDialog() override;

Q_SIGNALS:
    void message(const QString &text); // for the status bar

public Q_SLOTS:
    void reject() override;

protected:
    void assemble(const QString &introduction, QFormLayout *form);
    // `job` runs now: the buttons and inputs follow it.
    void watch(client::Job *job);
    // Its finished() came: nothing runs any more.
    void jobEnded();
    bool isRunning() const { return m_job != nullptr; }
    JobProgress *progress() const { return m_progress; }

    virtual void start() = 0;
    virtual void setInputsEnabled(bool enabled) = 0;
    // What the status bar says when the dialog is closed while running.
    virtual QString stoppedText() const = 0;

private:
    void setRunning(bool running);

    QPointer<client::Job> m_job;
    JobProgress *m_progress;
    QPushButton *m_start;
    QPushButton *m_cancel;
};

} // namespace berth::ui

#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;

namespace berth::ui {

// What a dialog's running job shows: a bar by bytes and one line of
// words (progress, then the outcome), selectable for copying.
class JobProgress : public QWidget
{
    Q_OBJECT

public:
    // `name` prefixes the children's object names ("exportProgress", "exportStatus").
    JobProgress(const QString &name, QWidget *parent = nullptr);

    void setBytes(qint64 done, qint64 total, const QString &text);
    void setBusy(const QString &text); // a step of unknown length
    void setOutcome(bool succeeded, const QString &text);

private:
    QProgressBar *m_bar;
    QLabel *m_status;
};

} // namespace berth::ui

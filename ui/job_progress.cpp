#include "ui/job_progress.h"

#include "ui/work_done_notice.h"

#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>

#include <algorithm>

namespace berth::ui {

JobProgress::JobProgress(const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_bar(new QProgressBar(this))
    , m_status(new QLabel(this))
{
    m_bar->setObjectName(name + QStringLiteral("Progress"));
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    m_status->setObjectName(name + QStringLiteral("Status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addWidget(m_status, 1);
}

void JobProgress::setBytes(qint64 done, qint64 total, const QString &text)
{
    // In KiB: a progress bar counts in int.
    m_bar->setRange(0, static_cast<int>(std::max<qint64>(1, total / 1024)));
    m_bar->setValue(static_cast<int>(done / 1024));
    m_status->setText(text);
}

void JobProgress::setBusy(const QString &text)
{
    m_bar->setRange(0, 0);
    m_status->setText(text);
}

void JobProgress::setOutcome(bool succeeded, const QString &text)
{
    m_bar->setRange(0, 1);
    m_bar->setValue(succeeded ? 1 : 0);
    m_status->setText(text);
    if (!text.isEmpty()) // the end, said (an empty one: the dialog asks next)
        WorkDoneNotice::post(this, text);
}

} // namespace berth::ui

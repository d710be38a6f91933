#include "ui/transfer_panel.h"

#include "ui/icons.h"
#include "ui/progress_delegate.h"
#include "ui/transfer_list_model.h"
#include "ui/work_done_notice.h"

#include "client/copy_tags_job.h"
#include "transfer/copy_queue.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace berth::ui {

using transfer::CopyTaskState;

namespace {

// Ended on a registry's "no" to the login it had (none, or too weak).
bool wasRefused(const transfer::CopyTaskStatus &status)
{
    return status.state == CopyTaskState::Failed && status.error &&
           client::isLoginRefusal(status.error->kind);
}

// A later copy of the same tags between the same registries succeeded:
// the login that one got (or the rights) are there now.
bool copiedSince(const transfer::CopyQueue &queue, int row)
{
    const transfer::CopyTask &refused = queue.at(row).task;
    for (int later = row + 1; later < queue.size(); ++later) {
        const transfer::CopyTaskStatus &status = queue.at(later);
        const client::CopyTagsRequest &a = refused.request;
        const client::CopyTagsRequest &b = status.task.request;
        if (status.state == CopyTaskState::Done && status.task.sourceId == refused.sourceId &&
            status.task.targetId == refused.targetId && a.fromRepository == b.fromRepository &&
            a.toRepository == b.toRepository && a.tags == b.tags && a.everyTag == b.everyTag &&
            a.toTag == b.toTag)
            return true;
    }
    return false;
}

QToolButton *buttonFor(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setObjectName(action->objectName() + QStringLiteral("Button"));
    return button;
}

} // namespace

TransferPanel::TransferPanel(transfer::CopyQueue *queue, QWidget *parent)
    : QWidget(parent)
    , m_queue(queue)
    , m_model(new TransferListModel(queue, this))
    , m_view(new QTreeView(this))
{
    m_view->setObjectName(QStringLiteral("transferList"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setItemDelegateForColumn(TransferListModel::ProgressColumn,
                                     new ProgressDelegate(TransferListModel::ProgressRole, m_view));
    m_view->header()->setStretchLastSection(true);
    m_view->header()->resizeSection(TransferListModel::WhatColumn, 240);
    m_view->header()->resizeSection(TransferListModel::ToColumn, 200);
    m_view->header()->resizeSection(TransferListModel::ProgressColumn, 120);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->setAccessibleName(tr("Copies"));

    const auto action = [this](const char *name, const QString &icon, const QString &text) {
        auto *a = new QAction(Icons::named(icon), text, this);
        a->setObjectName(QString::fromLatin1(name));
        m_view->addAction(a);
        return a;
    };
    m_stop = action("transferStop", QStringLiteral("process-stop"), tr("&Stop"));
    m_stop->setToolTip(tr("Stop the copy chosen; what it copied stays, no tag is written "
                          "half-way"));
    m_runAgain = action("transferRunAgain", QStringLiteral("view-refresh"), tr("&Run again"));
    m_runAgain->setToolTip(tr("Copy again what the chosen row copied; what is there already is "
                              "skipped, so a stopped or failed copy resumes"));
    m_runAgainMoving = action("transferRunAgainMoving", QStringLiteral("view-refresh"),
                              tr("Run again, &moving tags"));
    m_runAgainMoving->setToolTip(
        tr("Run again; target tags that point at other images are moved to these"));
    m_logIn =
        action("transferLogIn", QStringLiteral("dialog-password"), tr("&Log in and copy again"));
    m_logIn->setToolTip(tr("A registry refused the copy without a login: log in to it (the "
                           "password goes to the keychain) and copy again"));
    m_clear = action("transferClear", QStringLiteral("edit-clear-all"), tr("&Clear finished"));
    m_clear->setToolTip(tr("Remove the copies that ended from the list"));

    auto *buttons = new QHBoxLayout;
    for (QAction *a : {m_stop, m_runAgain, m_runAgainMoving, m_logIn, m_clear})
        buttons->addWidget(buttonFor(a, this));
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);

    connect(m_stop, &QAction::triggered, queue, [this, queue] { queue->stop(currentRow()); });
    connect(m_runAgain, &QAction::triggered, queue,
            [this, queue] { queue->runAgain(currentRow(), false); });
    connect(m_runAgainMoving, &QAction::triggered, queue,
            [this, queue] { queue->runAgain(currentRow(), true); });
    connect(m_logIn, &QAction::triggered, this, [this] { Q_EMIT logInRequested(currentRow()); });
    connect(m_clear, &QAction::triggered, queue, &transfer::CopyQueue::removeFinished);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &TransferPanel::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TransferPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int, int last) {
                m_view->setCurrentIndex(m_model->index(last, 0)); // the newest copy
            });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TransferPanel::updateActions);
    connect(m_queue, &transfer::CopyQueue::finished, this, &TransferPanel::onFinished);
    updateActions();
}

int TransferPanel::currentRow() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void TransferPanel::updateActions()
{
    if (!m_queue)
        return;
    const int row = currentRow();
    const bool any = row >= 0 && row < m_queue->size();
    const bool finished = any && m_queue->at(row).isFinished();
    m_stop->setEnabled(any && !finished);
    m_runAgain->setEnabled(finished);
    m_runAgainMoving->setEnabled(finished && TransferListModel::hasTagConflict(m_queue->at(row)));
    m_logIn->setEnabled(finished && wasRefused(m_queue->at(row)) && !copiedSince(*m_queue, row));
    bool anyFinished = false;
    for (int i = 0; i < m_queue->size() && !anyFinished; ++i)
        anyFinished = m_queue->at(i).isFinished();
    m_clear->setEnabled(anyFinished);
}

void TransferPanel::onFinished(int row)
{
    updateActions();
    const transfer::CopyTaskStatus &status = m_queue->at(row);
    if (status.state == transfer::CopyTaskState::Stopped)
        return; // the user stopped it: nothing to tell
    WorkDoneNotice::post(
        this, TransferListModel::whatText(status).toHtmlEscaped() + QStringLiteral(" → ") +
                  TransferListModel::toText(status).toHtmlEscaped() + QStringLiteral("<br>") +
                  TransferListModel::statusText(status).toHtmlEscaped());
}

} // namespace berth::ui

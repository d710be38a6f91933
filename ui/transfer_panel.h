#pragma once

#include <QPointer>
#include <QWidget>

class QAction;
class QTreeView;

namespace berth::transfer {
class CopyQueue;
}

namespace berth::ui {

class TransferListModel;

// The window's copies (a dock): each with its progress, rate and time
// left, then its outcome in words. Stop, Run again (what is there is
// skipped, so a stopped or failed copy resumes), Run again moving the
// tags that point at other images, Log in and copy again (a registry
// refused the login it had, or none; until a later copy of the same tags
// succeeded), and Clear finished. A copy that ends
// while the window is in the background is said on the desktop.
class TransferPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TransferPanel(transfer::CopyQueue *queue, QWidget *parent = nullptr);

Q_SIGNALS:
    void logInRequested(int row); // of the queue

private:
    int currentRow() const;
    void updateActions();
    void onFinished(int row);

    QPointer<transfer::CopyQueue> m_queue; // the window's; it may go first
    TransferListModel *m_model;
    QTreeView *m_view;
    QAction *m_stop;
    QAction *m_runAgain;
    QAction *m_runAgainMoving;
    QAction *m_logIn;
    QAction *m_clear;
};

} // namespace berth::ui

#pragma once

#include "client/search_job.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace berth::client {
class RegistrySession;
}

namespace berth::ui {

// Search across the repositories and tags of the current registry: runs in
// the background, shows hits as they come, can be cancelled; activating a
// hit asks the window to open it.
class SearchPanel : public QWidget
{
    Q_OBJECT

public:
    explicit SearchPanel(QWidget *parent = nullptr);

    void setSession(client::RegistrySession *session);
    void search(const QString &text);
    void cancel();
    // Puts the keyboard focus in the search field, its text selected.
    void focusSearch();
    bool isSearching() const { return m_job != nullptr; }

Q_SIGNALS:
    void openRequested(const QString &repository, const QString &tag);

private:
    QPointer<client::RegistrySession> m_session;
    QPointer<client::SearchJob> m_job;
    QLineEdit *m_edit;
    QPushButton *m_stop;
    QLabel *m_status;
    QListWidget *m_results;
};

} // namespace berth::ui

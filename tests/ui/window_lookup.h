#pragma once

// Finding what the window shows the way a person (or KeePassXC's GUI tests)
// would: widgets, models and actions by object name, dialogs as they open.
// The production classes carry no test hooks.

#include "client/registry_session.h"
#include "local/local_registry.h"
#include "ui/cleanup_controller.h"
#include "ui/image_details_view.h"
#include "ui/main_window.h"
#include "ui/profile_controller.h"
#include "ui/registry_widget.h"
#include "ui/repository_model.h"
#include "ui/request_log_model.h"
#include "ui/search_panel.h"
#include "ui/tag_filter_model.h"
#include "ui/tag_model.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QList>
#include <QPointer>
#include <QTableView>

#include <gtest/gtest.h>

namespace berth::test {

// The child of `parent` named `name`; a test fails (and gets nullptr) if
// there is none.
template <class T> T *child(const QObject &parent, const char *name)
{
    T *found = parent.findChild<T *>(QLatin1String(name));
    if (!found)
        ADD_FAILURE() << "no " << name << " under " << parent.objectName().toStdString();
    return found;
}

// The one child of that type (controllers have no second instance).
template <class T> T *only(const QObject &parent)
{
    T *found = parent.findChild<T *>();
    if (!found)
        ADD_FAILURE() << "no child of the asked type under " << parent.objectName().toStdString();
    return found;
}

// Triggers the menu action `name`, as a click on it would.
inline void trigger(const QWidget &window, const char *name)
{
    if (QAction *action = child<QAction>(window, name))
        action->trigger();
}

inline ui::RegistryWidget *registryWidget(const QWidget &w)
{
    return child<ui::RegistryWidget>(w, "registry");
}
inline ui::TagModel *tagModel(const QWidget &w)
{
    return child<ui::TagModel>(w, "tagModel");
}
inline ui::TagFilterModel *tagFilterModel(const QWidget &w)
{
    return child<ui::TagFilterModel>(w, "tagFilterModel");
}
inline ui::RepositoryModel *repositoryModel(const QWidget &w)
{
    return child<ui::RepositoryModel>(w, "repositoryModel");
}
inline ui::RequestLogModel *requestLogModel(const QWidget &w)
{
    return child<ui::RequestLogModel>(w, "requestLogModel");
}
inline QTableView *tagView(const QWidget &w)
{
    return child<QTableView>(w, "tags");
}
inline ui::ImageDetailsView *detailsView(const QWidget &w)
{
    return child<ui::ImageDetailsView>(w, "details");
}
inline ui::SearchPanel *searchPanel(const QWidget &w)
{
    return child<ui::SearchPanel>(w, "searchPanel");
}
inline QString statusText(const QWidget &w)
{
    const QLabel *label = child<QLabel>(w, "statusMessage");
    return label ? label->text() : QString();
}
inline QList<credentials::RegistryProfile> profiles(const QWidget &w)
{
    return only<ui::ProfileController>(w)->profiles();
}
inline local::LocalRegistry *localRegistry(const QWidget &w)
{
    return only<local::LocalRegistry>(w);
}
inline ui::CleanupController *cleanup(const QWidget &w)
{
    return only<ui::CleanupController>(w);
}

// Every dialog shown while it lives, newest last.
class DialogWatcher : public QObject
{
public:
    DialogWatcher() { qApp->installEventFilter(this); }
    ~DialogWatcher() override { qApp->removeEventFilter(this); }
    DialogWatcher(const DialogWatcher &) = delete;
    DialogWatcher &operator=(const DialogWatcher &) = delete;

    // The newest shown dialog of type T still alive, or nullptr.
    template <class T = QDialog> T *last() const
    {
        for (auto it = m_shown.crbegin(); it != m_shown.crend(); ++it) {
            if (T *d = qobject_cast<T *>(it->data()))
                return d;
        }
        return nullptr;
    }

    // Every shown dialog of type T still alive.
    template <class T = QDialog> QList<T *> all() const
    {
        QList<T *> out;
        for (const auto &shown : m_shown) {
            if (T *d = qobject_cast<T *>(shown.data()))
                out.append(d);
        }
        return out;
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Show) {
            if (auto *dialog = qobject_cast<QDialog *>(watched);
                dialog && !m_shown.contains(dialog))
                m_shown.append(dialog);
        }
        return false;
    }

private:
    QList<QPointer<QDialog>> m_shown;
};

} // namespace berth::test

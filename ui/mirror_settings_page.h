#pragma once

#include "local/local_mirror_settings.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace berth::ui {

// The local registry as a mirror (docs/MIRROR.md): its upstreams by
// prefix, their logins (a password goes to the keychain through
// loginChosen(), never into the settings), the local prefixes and the
// cache size. Edited while the registry is stopped.
class MirrorSettingsPage : public QWidget
{
    Q_OBJECT

public:
    explicit MirrorSettingsPage(QWidget *parent = nullptr);

    void setSettings(const local::LocalMirrorSettings &settings);
    local::LocalMirrorSettings settings() const;
    void setEditable(bool editable);
    void showNote(const QString &text);

Q_SIGNALS:
    void changed();
    // Store `password` in the keychain under `secretKey`.
    void loginChosen(const QString &secretKey, const QString &password);
    // An upstream was removed, or its address or user changed: the password
    // kept under `secretKey` is no one's any more.
    void loginForgotten(const QString &secretKey);

private:
    void addOrUpdate();
    void removeSelected();
    void showSelected();
    void refreshList();

    QList<local::LocalMirrorUpstream> m_upstreams;
    QTreeWidget *m_list;
    QLineEdit *m_prefix;
    QLineEdit *m_url;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QSpinBox *m_ttl;
    QPushButton *m_add;
    QPushButton *m_remove;
    QLineEdit *m_localPrefixes;
    QSpinBox *m_maxSize;
    QLabel *m_note;
};

} // namespace berth::ui

#pragma once

#include <QDialog>

class QLineEdit;

namespace berth::ui {

// Asked when a registry browsed without a login refuses a change (a delete)
// that needs one: a username and password for it, then the change again.
// The password goes to the keychain as any registry's does.
class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    // `host`: the registry's address; `why`: what it refused, in words.
    LoginDialog(const QString &host, const QString &why, QWidget *parent = nullptr);

    QString username() const;
    QString password() const;

private:
    QLineEdit *m_username;
    QLineEdit *m_password;
};

} // namespace berth::ui

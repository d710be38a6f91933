#include "ui/login_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace berth::ui {

LoginDialog::LoginDialog(const QString &host, const QString &why, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Log in to %1").arg(host));
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    auto *intro = new QLabel(
        tr("<p>%1 refused this without a login:</p><p><i>%2</i></p>"
           "<p>Log in with an account that has the rights for it, and Berth tries again. "
           "The password is kept in the keychain.</p>")
            .arg(host.toHtmlEscaped(), why.toHtmlEscaped()),
        this);
    intro->setObjectName(QStringLiteral("loginReason"));
    intro->setWordWrap(true);
    m_username = new QLineEdit(this);
    m_username->setObjectName(QStringLiteral("usernameEdit"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout;
    form->addRow(tr("&Username:"), m_username);
    form->addRow(tr("&Password:"), m_password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *login =
        buttons->addButton(tr("Log in and try again"), QDialogButtonBox::AcceptRole);
    login->setObjectName(QStringLiteral("loginButton"));
    login->setDefault(true);
    login->setEnabled(false);
    connect(m_username, &QLineEdit::textChanged, this,
            [this, login] { login->setEnabled(!m_username->text().trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

QString LoginDialog::username() const
{
    return m_username->text().trimmed();
}

QString LoginDialog::password() const
{
    return m_password->text();
}

} // namespace berth::ui

#include "ui/local_registry_panel.h"

#include "local/background_task.h"
#include "local/mirror_snippets.h"
#include "ui/local_registry_action.h"
#include "ui/mirror_settings_page.h"
#include "ui/theme_colors.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTextCursor>
#include <QVBoxLayout>

#include <algorithm>

namespace berth::ui {

LocalRegistryPanel::LocalRegistryPanel(local::LocalRegistry *registry,
                                       local::LocalRegistryPreferences preferences, QWidget *parent)
    : QDialog(parent)
    , m_registry(registry)
    , m_preferences(preferences)
{
    setWindowTitle(tr("Local registry"));
    resize(860, 760); // the Mirror tab needs room for its list and form

    m_light = new QLabel(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_startStop = new QPushButton(this);
    m_startStop->setObjectName(QStringLiteral("startStopButton"));
    m_demo = new QPushButton(tr("Load demo images"), this);
    m_demo->setObjectName(QStringLiteral("demoButton"));
    m_demo->setToolTip(tr("A few small images made on this computer (nothing is downloaded)"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_light);
    top->addWidget(m_status, 1);
    top->addWidget(m_demo);
    top->addWidget(m_startStop);

    m_engine = new QComboBox(this);
    m_engine->addItem(tr("berth-registry (built in)"), QStringLiteral("berth"));
    const QString distribution = local::LocalRegistry::findDistribution();
    m_engine->addItem(distribution.isEmpty()
                          ? tr("distribution (not installed)")
                          : tr("distribution (%1)").arg(distribution.section(QLatin1Char('/'), -1)),
                      QStringLiteral("distribution"));
    if (distribution.isEmpty())
        qobject_cast<QStandardItemModel *>(m_engine->model())->item(1)->setEnabled(false);
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("portBox"));
    m_port->setRange(1, 65535);
    m_dataDir = new QLineEdit(this);
    m_dataDir->setObjectName(QStringLiteral("dataDirectoryEdit"));
    m_browse = new QPushButton(tr("Browse…"), this);
    auto *dataRow = new QHBoxLayout;
    dataRow->addWidget(m_dataDir, 1);
    dataRow->addWidget(m_browse);
    m_deletes = new QCheckBox(tr("Allow deletes (storage.delete.enabled)"), this);
    m_requireLogin = new QCheckBox(tr("Require a login (htpasswd, bcrypt)"), this);
    m_requireLogin->setObjectName(QStringLiteral("requireLoginBox"));
    m_tlsCert = new QLineEdit(this);
    m_tlsCert->setPlaceholderText(tr("optional: PEM certificate for HTTPS"));
    m_tlsKey = new QLineEdit(this);
    m_tlsKey->setPlaceholderText(tr("optional: PEM private key"));
    m_keepRunning = new QCheckBox(tr("Keep running when Berth quits"), this);
    m_keepRunning->setObjectName(QStringLiteral("keepRunningBox"));

    auto *form = new QFormLayout;
    form->addRow(tr("Engine:"), m_engine);
    form->addRow(tr("Port (127.0.0.1):"), m_port);
    form->addRow(tr("Data directory:"), dataRow);
    form->addRow(QString(), m_deletes);
    form->addRow(QString(), m_requireLogin);
    form->addRow(tr("TLS certificate:"), m_tlsCert);
    form->addRow(tr("TLS key:"), m_tlsKey);
    form->addRow(QString(), m_keepRunning);
    auto *settingsBox = new QGroupBox(tr("Settings (change them while stopped)"), this);
    settingsBox->setLayout(form);

    m_users = new QListWidget(this);

    m_users->setObjectName(QStringLiteral("userList"));
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("userEdit"));
    m_user->setPlaceholderText(tr("user"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("password"));
    m_addUser = new QPushButton(tr("Add / set password"), this);
    m_addUser->setObjectName(QStringLiteral("addUserButton"));
    m_removeUser = new QPushButton(tr("Remove selected"), this);
    // Once logins are required, Berth itself needs one to browse it.
    m_berthLogsIn = new QCheckBox(tr("Berth's “Local registry” entry logs in as this user"), this);
    m_berthLogsIn->setObjectName(QStringLiteral("berthLogsInBox"));
    m_berthLogsIn->setChecked(true);
    m_usersNote = new QLabel(this);
    m_usersNote->setWordWrap(true);
    auto *userRow = new QHBoxLayout;
    userRow->addWidget(m_user);
    userRow->addWidget(m_password);
    userRow->addWidget(m_addUser);
    auto *usersLayout = new QVBoxLayout;
    usersLayout->addWidget(m_users);
    usersLayout->addLayout(userRow);
    usersLayout->addWidget(m_berthLogsIn);
    usersLayout->addWidget(m_removeUser, 0, Qt::AlignLeft);
    usersLayout->addWidget(m_usersNote);
    auto *usersBox = new QGroupBox(tr("Users"), this);
    usersBox->setLayout(usersLayout);

    m_log = new QPlainTextEdit(this);

    m_log->setObjectName(QStringLiteral("logView"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(1000);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_snippets = new QPlainTextEdit(this);
    m_snippets->setObjectName(QStringLiteral("snippetsView"));
    m_snippets->setReadOnly(true);
    auto *copy = new QPushButton(tr("Copy snippets"), this);
    auto *snippetsPage = new QWidget(this);
    auto *snippetsLayout = new QVBoxLayout(snippetsPage);
    snippetsLayout->addWidget(m_snippets);
    snippetsLayout->addWidget(copy, 0, Qt::AlignRight);
    auto *tabs = new QTabWidget(this);
    m_mirror = new MirrorSettingsPage(this);
    m_mirror->setObjectName(QStringLiteral("mirrorPage"));
    tabs->addTab(m_log, tr("Log"));
    tabs->addTab(snippetsPage, tr("Snippets"));
    tabs->addTab(m_mirror, tr("Mirror"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *columns = new QHBoxLayout;
    columns->addWidget(settingsBox, 3);
    columns->addWidget(usersBox, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(columns);
    layout->addWidget(tabs, 1);
    layout->addWidget(buttons);

    // The form shows what runs, or what was saved.
    const local::LocalRegistrySettings shown =
        m_registry->state() == local::LocalRegistry::State::Running ? m_registry->settings()
                                                                    : m_preferences.load();
    m_engine->setCurrentIndex(
        shown.engine == local::LocalRegistrySettings::Engine::Distribution ? 1 : 0);
    m_port->setValue(shown.port);
    m_dataDir->setText(shown.dataDirectory);
    m_deletes->setChecked(shown.deleteEnabled);
    m_requireLogin->setChecked(!shown.htpasswdPath.isEmpty());
    m_tlsCert->setText(shown.tlsCertificate);
    m_tlsKey->setText(shown.tlsKey);
    m_keepRunning->setChecked(m_preferences.keepRunningOnQuit());
    m_mirror->setSettings(shown.mirror);
    if (!m_registry->log().isEmpty())
        appendLog(m_registry->log());

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_startStop, &QPushButton::clicked, this, &LocalRegistryPanel::startOrStop);
    connect(m_demo, &QPushButton::clicked, this, &LocalRegistryPanel::demoImagesRequested);
    connect(m_browse, &QPushButton::clicked, this, &LocalRegistryPanel::browseDataDirectory);
    connect(m_addUser, &QPushButton::clicked, this,
            [this] { editUsers(local::UsersEdit::SetUser); });
    connect(m_removeUser, &QPushButton::clicked, this,
            [this] { editUsers(local::UsersEdit::RemoveUser); });
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_snippets->toPlainText()); });
    connect(m_keepRunning, &QCheckBox::toggled, this, &LocalRegistryPanel::saveSettings);
    connect(m_requireLogin, &QCheckBox::toggled, this, &LocalRegistryPanel::updateState);
    connect(m_port, &QSpinBox::valueChanged, this, &LocalRegistryPanel::updateSnippets);
    connect(m_mirror, &MirrorSettingsPage::changed, this, [this] {
        saveSettings();
        updateSnippets();
    });
    connect(m_mirror, &MirrorSettingsPage::loginChosen, this,
            &LocalRegistryPanel::mirrorLoginChosen);
    connect(m_mirror, &MirrorSettingsPage::loginForgotten, this,
            &LocalRegistryPanel::mirrorLoginForgotten);
    connect(m_registry, &local::LocalRegistry::stateChanged, this,
            &LocalRegistryPanel::updateState);
    connect(m_registry, &local::LocalRegistry::logAppended, this,
            [this](const QStringList &lines) { appendLog(lines); });
    updateState();
    editUsers(local::UsersEdit::List);
}

local::LocalRegistrySettings LocalRegistryPanel::formSettings() const
{
    local::LocalRegistrySettings s;
    s.engine = m_engine->currentData().toString() == QLatin1String("distribution")
                   ? local::LocalRegistrySettings::Engine::Distribution
                   : local::LocalRegistrySettings::Engine::Berth;
    s.port = static_cast<quint16>(m_port->value());
    s.dataDirectory = m_dataDir->text().trimmed();
    s.deleteEnabled = m_deletes->isChecked();
    if (m_requireLogin->isChecked())
        s.htpasswdPath = m_preferences.htpasswdPath();
    s.tlsCertificate = m_tlsCert->text().trimmed();
    s.tlsKey = m_tlsKey->text().trimmed();
    s.mirror = m_mirror->settings();
    return s;
}

void LocalRegistryPanel::saveSettings()
{
    m_preferences.save(formSettings(), m_keepRunning->isChecked());
}

void LocalRegistryPanel::startOrStop()
{
    using State = local::LocalRegistry::State;
    const State state = m_registry->state();
    if (m_registry->stoppable()) {
        m_registry->stop();
        return;
    }
    if (state == State::Stopping)
        return;
    const local::LocalRegistrySettings s = formSettings();
    if ((s.tlsCertificate.isEmpty()) != (s.tlsKey.isEmpty())) {
        m_status->setText(tr("HTTPS needs both the certificate and the key."));
        return;
    }
    saveSettings();
    Q_EMIT startRequested(s); // the controller reads the mirror's passwords first
}

void LocalRegistryPanel::showProblem(const QString &text)
{
    m_status->setText(text);
}

void LocalRegistryPanel::showMirrorNote(const QString &text)
{
    m_mirror->showNote(text);
}

void LocalRegistryPanel::updateState()
{
    using State = local::LocalRegistry::State;
    const State state = m_registry->state();
    const QColor colour = ThemeColors::color(LocalRegistryAction::lightRole(state), palette());
    m_light->setText(
        QStringLiteral("<span style=\"color:%1; font-size:20px\">●</span>").arg(colour.name()));
    m_status->setText(m_registry->statusText());
    const bool idle = state != State::Stopping && !m_registry->stoppable();
    m_startStop->setText(idle ? tr("Start") : tr("Stop"));
    m_startStop->setEnabled(state != State::Stopping);
    m_demo->setEnabled(state == State::Running);
    for (QWidget *w : {static_cast<QWidget *>(m_engine), static_cast<QWidget *>(m_port),
                       static_cast<QWidget *>(m_dataDir), static_cast<QWidget *>(m_browse),
                       static_cast<QWidget *>(m_deletes), static_cast<QWidget *>(m_requireLogin),
                       static_cast<QWidget *>(m_tlsCert), static_cast<QWidget *>(m_tlsKey)})
        w->setEnabled(idle);
    m_mirror->setEditable(idle);
    const bool users = m_requireLogin->isChecked();
    for (QWidget *w : {static_cast<QWidget *>(m_users), static_cast<QWidget *>(m_user),
                       static_cast<QWidget *>(m_password), static_cast<QWidget *>(m_addUser),
                       static_cast<QWidget *>(m_berthLogsIn), static_cast<QWidget *>(m_removeUser)})
        w->setEnabled(users && !m_usersJob);
    if (!users)
        m_usersNote->setText(tr("Anyone who can reach the port can push and delete. Turn on "
                                "“Require a login” to add users."));
    else if (state == State::Running)
        m_usersNote->setText(tr("Changes to users apply when the registry next starts."));
    else
        m_usersNote->clear();
    updateSnippets();
}

void LocalRegistryPanel::updateSnippets()
{
    const local::LocalRegistrySettings s = formSettings();
    const QString host = QStringLiteral("127.0.0.1:%1").arg(s.port);
    const bool tls = !s.tlsCertificate.isEmpty() && !s.tlsKey.isEmpty();
    QString text;
    if (!s.htpasswdPath.isEmpty())
        text += tr("# Log in (Docker, Podman)\ndocker login %1\n\n").arg(host);
    if (!tls)
        text += tr("# Docker trusts plain HTTP on 127.0.0.0/8 already. From another address,\n"
                   "# /etc/docker/daemon.json needs (then restart dockerd):\n"
                   "{ \"insecure-registries\": [\"%1\"] }\n\n")
                    .arg(host);
    // With an upstream for every repository, only local prefixes take pushes.
    const bool rootMirrored = std::any_of(s.mirror.upstreams.cbegin(), s.mirror.upstreams.cend(),
                                          [](const auto &u) { return u.prefix.isEmpty(); });
    const QString pushed = !rootMirrored ? QStringLiteral("alpine")
                           : s.mirror.localPrefixes.isEmpty()
                               ? QString()
                               : s.mirror.localPrefixes.first() + QStringLiteral("/alpine");
    if (pushed.isEmpty())
        text += tr("# Every repository here mirrors an upstream, so pushes are refused: add a\n"
                   "# local prefix in the Mirror tab (e.g. team) to push to team/….\n");
    else
        text +=
            tr("# Push an image\ndocker tag alpine:latest %1/%3:latest\n"
               "docker push %1/%3:latest\n\n"
               "# Or without Docker\nskopeo copy%2 docker://docker.io/library/alpine:latest "
               "docker://%1/%3:latest\n")
                .arg(host, tls ? QString() : QStringLiteral(" --dest-tls-verify=false"), pushed);
    if (s.mirror.enabled())
        text += tr("\n# Pull through the mirror\n") + local::mirrorSnippets(s.mirror, host, tls);
    m_snippets->setPlainText(text);
}

void LocalRegistryPanel::editUsers(local::UsersEdit edit)
{
    if (m_usersJob)
        return; // one edit at a time
    QString user;
    QString password;
    if (edit == local::UsersEdit::SetUser) {
        user = m_user->text().trimmed();
        password = m_password->text();
        if (user.isEmpty() || password.isEmpty()) {
            m_usersNote->setText(tr("Type a user name and a password first."));
            return;
        }
    } else if (edit == local::UsersEdit::RemoveUser) {
        if (!m_users->currentItem())
            return;
        user = m_users->currentItem()->text();
    }
    const bool berthLogsIn = edit == local::UsersEdit::SetUser && m_berthLogsIn->isChecked();
    m_usersJob = local::editHtpasswd(
        this, m_preferences.htpasswdPath(), edit, user, password,
        [this, edit, user, password, berthLogsIn](const QString &error, const QStringList &users) {
            m_usersJob = nullptr;
            m_users->clear();
            m_users->addItems(users);
            updateState();
            if (!error.isEmpty())
                m_usersNote->setText(tr("Users not changed: %1").arg(error));
            else if (edit == local::UsersEdit::SetUser)
                m_usersNote->setText(
                    tr("Saved %1 (bcrypt hash in %2).").arg(user, m_preferences.htpasswdPath()) +
                    (berthLogsIn ? tr(" Berth logs in as %1 (password in the keychain).").arg(user)
                                 : QString()));
            if (error.isEmpty() && berthLogsIn)
                Q_EMIT berthLoginChosen(user, password);
            else if (edit == local::UsersEdit::RemoveUser)
                m_usersNote->setText(tr("Removed %1.").arg(user));
            if (edit != local::UsersEdit::List &&
                m_registry->state() == local::LocalRegistry::State::Running)
                m_usersNote->setText(m_usersNote->text() +
                                     tr(" Applies when the registry next starts."));
        });
    m_password->clear();
    updateState();
}

void LocalRegistryPanel::browseDataDirectory()
{
    auto *dialog = new QFileDialog(this, tr("Data directory"), m_dataDir->text());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &dir) {
        m_dataDir->setText(dir);
        updateSnippets();
    });
    dialog->open();
}

void LocalRegistryPanel::appendLog(const QStringList &lines)
{
    m_log->appendPlainText(lines.join(u'\n'));
    showLogEnd();
}

void LocalRegistryPanel::showLogEnd()
{
    // Lines start with what matters (time, level, message): the view keeps
    // the last line's start in sight, not the end of the longest line (the
    // cursor at the end of a long line would scroll sideways).
    QTextCursor cursor = m_log->textCursor();
    cursor.movePosition(QTextCursor::End);
    cursor.movePosition(QTextCursor::StartOfBlock);
    m_log->setTextCursor(cursor);
    m_log->verticalScrollBar()->setValue(m_log->verticalScrollBar()->maximum());
    m_log->horizontalScrollBar()->setValue(0);
}

void LocalRegistryPanel::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    showLogEnd(); // laid out now: the first look at the log is its end, from the left
}

} // namespace berth::ui

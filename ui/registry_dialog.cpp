#include "ui/registry_dialog.h"

#include "client/ping_job.h"
#include "client/registry_session.h"
#include "ui/theme_colors.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace berth::ui {

RegistryDialog::RegistryDialog(const credentials::RegistryProfile &profile, Secret secret,
                               QWidget *parent)
    : QDialog(parent)
    , m_profile(profile)
{
    setWindowTitle(profile.id.isEmpty() ? tr("Add registry") : tr("Edit registry"));
    auto *form = new QFormLayout;
    m_name = new QLineEdit(profile.name, this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("Production"));
    m_url = new QLineEdit(profile.url, this);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(tr("registry.example.com or localhost:5000"));
    m_url->setToolTip(tr("Without a scheme, localhost and 127.x use plain HTTP (as docker does); "
                         "everything else HTTPS."));
    m_tls = new QComboBox(this);
    m_tls->setObjectName(QStringLiteral("tlsBox"));
    m_tls->addItem(tr("Verify certificates (recommended)"), int(client::TlsMode::Verify));
    m_tls->addItem(tr("Verify with a custom CA file"), int(client::TlsMode::CustomCa));
    m_tls->addItem(tr("Insecure: do not verify certificates"), int(client::TlsMode::Insecure));
    m_tls->setCurrentIndex(m_tls->findData(int(profile.tlsMode)));
    m_tls->setPlaceholderText(tr("Not used: plain HTTP"));
    m_tlsChoice = int(profile.tlsMode);
    m_caFile = new QLineEdit(profile.caFile, this);
    m_caFile->setObjectName(QStringLiteral("caFileEdit"));
    m_caFile->setPlaceholderText(tr("PEM file of the CA that signed the registry's certificate"));
    m_browseCa = new QPushButton(tr("Browse…"), this);
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile);
    caRow->addWidget(m_browseCa);
    m_tlsWarning = new QLabel(this);
    m_tlsWarning->setWordWrap(true);
    m_tlsWarning->setStyleSheet(
        QStringLiteral("color: %1;")
            .arg(ThemeColors::color(ThemeColors::Role::Error, palette()).name()));
    m_username = new QLineEdit(profile.username, this);
    m_username->setObjectName(QStringLiteral("usernameEdit"));
    m_username->setToolTip(tr("<p>For an OAuth2 identity token (what docker login keeps for "
                              "registries such as Azure Container Registry), enter "
                              "<b>&lt;token&gt;</b> here and the token as the password.</p>"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(
        secret == Secret::InKeychain       ? tr("(stored in the keychain — type to replace)")
        : secret == Secret::ForThisSession ? tr("(remembered until Berth quits — type to replace)")
                                           : tr("password or access token"));
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Address"), m_url);
    form->addRow(tr("TLS"), m_tls);
    form->addRow(tr("CA file"), caRow);
    form->addRow(QString(), m_tlsWarning);
    form->addRow(tr("Username"), m_username);
    form->addRow(tr("Password"), m_password);
    // Garbage collection: how Berth reclaims space after deletes here. Out
    // of the way until asked for (or already set).
    m_dataDirectory = new QLineEdit(profile.dataDirectory, this);
    m_dataDirectory->setObjectName(QStringLiteral("dataDirectoryEdit"));
    m_dataDirectory->setPlaceholderText(tr("if its registry:2 data is on this machine"));
    m_gcCommand = new QLineEdit(profile.gcCommand, this);
    m_gcCommand->setObjectName(QStringLiteral("gcCommandEdit"));
    m_gcCommand->setPlaceholderText(tr("e.g. docker exec registry registry garbage-collect …"));
    m_gcCommand->setToolTip(tr("e.g. docker exec registry registry garbage-collect "
                               "/etc/docker/registry/config.yml --delete-untagged"));
    m_gcDryRunCommand = new QLineEdit(profile.gcDryRunCommand, this);
    m_gcDryRunCommand->setObjectName(QStringLiteral("gcDryRunCommandEdit"));
    m_gcDryRunCommand->setPlaceholderText(tr("optional: the same with --dry-run"));
    m_gcSettings = new QGroupBox(tr("Garbage collection"), this);
    m_gcSettings->setObjectName(QStringLiteral("gcSettings"));
    auto *gcForm = new QFormLayout(m_gcSettings);
    gcForm->addRow(tr("Data directory"), m_dataDirectory);
    gcForm->addRow(tr("Command"), m_gcCommand);
    gcForm->addRow(tr("Dry-run command"), m_gcDryRunCommand);
    auto *showGc = new QPushButton(tr("Garbage collection settings…"), this);
    showGc->setObjectName(QStringLiteral("showGcSettings"));
    showGc->setCheckable(true);
    const bool gcSet = !profile.dataDirectory.isEmpty() || !profile.gcCommand.isEmpty() ||
                       !profile.gcDryRunCommand.isEmpty();
    showGc->setChecked(gcSet);
    m_gcSettings->setVisible(gcSet);
    connect(showGc, &QPushButton::toggled, this, [this](bool on) {
        m_gcSettings->setVisible(on);
        // Taller or shorter, never narrower than the user made it.
        resize(std::max(width(), sizeHint().width()), sizeHint().height());
    });

    m_test = new QPushButton(tr("Test connection"), this);

    m_test->setObjectName(QStringLiteral("testButton"));
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("testResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(showGc, 0, Qt::AlignLeft);
    layout->addWidget(m_gcSettings);
    layout->addWidget(m_test, 0, Qt::AlignLeft);
    layout->addWidget(m_result);
    layout->addWidget(m_buttons);

    connect(m_tls, &QComboBox::currentIndexChanged, this, &RegistryDialog::updateTlsWarning);
    connect(m_url, &QLineEdit::textChanged, this, &RegistryDialog::updateTlsWarning);
    // What was said of the address before it changed is said of no address.
    connect(m_url, &QLineEdit::textChanged, this, [this] { showResult(QString(), false); });
    connect(m_password, &QLineEdit::textEdited, this, [this] { m_passwordChanged = true; });
    connect(m_browseCa, &QPushButton::clicked, this, [this] {
        auto *chooser = new QFileDialog(this, tr("CA certificate"), QString(),
                                        tr("Certificates (*.crt *.pem);;All files (*)"));
        chooser->setAttribute(Qt::WA_DeleteOnClose);
        chooser->setFileMode(QFileDialog::ExistingFile);
        connect(chooser, &QFileDialog::fileSelected, m_caFile, &QLineEdit::setText);
        connect(chooser, &QFileDialog::fileSelected, this, &RegistryDialog::useCustomCa);
        chooser->open();
    });
    // A CA file typed or picked means "verify with it".
    connect(m_caFile, &QLineEdit::textEdited, this, &RegistryDialog::useCustomCa);
    connect(m_test, &QPushButton::clicked, this, &RegistryDialog::testConnection);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RegistryDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &RegistryDialog::reject);
    updateTlsWarning();
    resize(520, sizeHint().height());
}

RegistryDialog::~RegistryDialog() = default;

credentials::RegistryProfile RegistryDialog::profile() const
{
    credentials::RegistryProfile p = m_profile;
    p.name = m_name->text().trimmed();
    p.url = m_url->text().trimmed();
    p.tlsMode = static_cast<client::TlsMode>(m_tlsChoice);
    p.caFile = m_caFile->text().trimmed();
    p.username = m_username->text().trimmed();
    p.dataDirectory = m_dataDirectory->text().trimmed();
    p.gcCommand = m_gcCommand->text().trimmed();
    p.gcDryRunCommand = m_gcDryRunCommand->text().trimmed();
    if (p.name.isEmpty())
        p.name = p.url;
    return p;
}

QString RegistryDialog::password() const
{
    return m_password->text();
}

void RegistryDialog::useCustomCa(const QString &file)
{
    if (!file.trimmed().isEmpty())
        m_tls->setCurrentIndex(m_tls->findData(int(client::TlsMode::CustomCa)));
}

void RegistryDialog::updateTlsWarning()
{
    if (m_tls->currentIndex() >= 0)
        m_tlsChoice = m_tls->currentData().toInt();
    const auto mode = static_cast<client::TlsMode>(m_tlsChoice);
    const auto endpoint = client::RegistryEndpoint::fromUserInput(m_url->text());
    // Plain HTTP (localhost and 127.x without a scheme, or http://): no TLS
    // to verify, so the box reads "Not used" instead of "Verify"; the choice
    // comes back with an https address.
    const bool plain = endpoint.ok() && endpoint->isPlainHttp();
    {
        const QSignalBlocker quiet(m_tls);
        m_tls->setCurrentIndex(plain ? -1 : m_tls->findData(m_tlsChoice));
    }
    m_tls->setEnabled(!plain);
    m_caFile->setEnabled(!plain);
    m_browseCa->setEnabled(!plain);
    m_tls->setToolTip(plain ? tr("Plain HTTP: no certificates to verify.") : QString());
    if (mode == client::TlsMode::Insecure)
        m_tlsWarning->setText(
            tr("Certificates will not be checked: anyone on the network path can read and change "
               "what Berth sees and sends, including your password."));
    else if (endpoint.ok() && endpoint->isPlainHttp() && !endpoint->isLoopback())
        m_tlsWarning->setText(
            tr("Plain HTTP to another machine: your password and images travel unencrypted."));
    else
        m_tlsWarning->clear();
    m_tlsWarning->setVisible(!m_tlsWarning->text().isEmpty()); // no empty gap in the form
}

void RegistryDialog::accept()
{
    const auto endpoint = profile().endpoint();
    if (!endpoint.ok()) {
        showResult(endpoint.error().message, true);
        m_url->setFocus();
        return;
    }
    if (profile().tlsMode == client::TlsMode::CustomCa && profile().caFile.isEmpty()) {
        showResult(tr("Choose the CA file, or another TLS mode."), true);
        return;
    }
    QDialog::accept();
}

void RegistryDialog::testConnection()
{
    if (m_testSession)
        m_testSession->deleteLater(); // aborts a test still running
    const auto endpoint = profile().endpoint();
    if (!endpoint.ok()) {
        showResult(endpoint.error().message, true);
        return;
    }
    std::optional<client::Credentials> creds;
    if (!m_username->text().trimmed().isEmpty() && !m_password->text().isEmpty())
        creds = client::Credentials{m_username->text().trimmed(), m_password->text()};
    m_testSession = new client::RegistrySession(
        endpoint.value(), [creds] { return creds; }, this);
    connect(m_testSession, &client::RegistrySession::requestLogged, this,
            &RegistryDialog::requestLogged);
    showResult(tr("Connecting to %1…").arg(endpoint->hostPort()), false);
    m_test->setEnabled(false);
    auto *job = m_testSession->ping();
    connect(job, &client::PingJob::finished, this,
            [this, endpoint](const client::ClientResult<client::PingInfo> &r) {
                m_test->setEnabled(true);
                if (!r.ok()) {
                    showResult(QStringLiteral("✗ ") + r.error().message, true);
                    return;
                }
                QString auth = r->authScheme == QLatin1String("none") ? tr("no login needed")
                               : r->loggedIn
                                   ? tr("%1 login accepted").arg(r->authScheme)
                                   : tr("%1 login (anonymous access allowed)").arg(r->authScheme);
                showResult(
                    tr("✓ %1 answers: API %2, %3, %4 ms%5")
                        .arg(endpoint->hostPort(),
                             r->apiVersion.isEmpty() ? tr("(no version header)") : r->apiVersion,
                             auth)
                        .arg(r->latencyMs)
                        .arg(endpoint->isPlainHttp() ? tr(", plain HTTP")
                                                     : tr(", TLS: %1").arg(r->tlsSummary)),
                    false);
            });
}

void RegistryDialog::showResult(const QString &text, bool failed)
{
    m_result->setText(text);
    m_result->setStyleSheet(
        failed ? QStringLiteral("color: %1;")
                     .arg(ThemeColors::color(ThemeColors::Role::Error, palette()).name())
               : QString());
}

} // namespace berth::ui

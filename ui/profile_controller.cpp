#include "ui/profile_controller.h"

#include "client/registry_session.h"
#include "credentials/docker_config_importer.h"
#include "credentials/secret_store.h"
#include "ui/docker_import_dialog.h"
#include "ui/login_dialog.h"
#include "ui/registry_dialog.h"

#include <QMessageBox>
#include <QPushButton>

#include <QSettings>
#include <algorithm>
#include <functional>

namespace berth::ui {

namespace {

const QString kCurrentKey = QStringLiteral("window/registry");

} // namespace

ProfileController::ProfileController(QSettings &settings, credentials::SecretStore &secrets,
                                     QWidget *dialogParent)
    : QObject(dialogParent)
    , m_settings(settings)
    , m_store(settings)
    , m_secrets(secrets)
    , m_dialogParent(dialogParent)
{
}

const credentials::RegistryProfile *ProfileController::find(const QString &id) const
{
    for (const credentials::RegistryProfile &p : m_profiles) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

std::optional<credentials::RegistryProfile> ProfileController::current() const
{
    for (const credentials::RegistryProfile &p : m_profiles) {
        if (p.id == m_currentId)
            return p;
    }
    return std::nullopt;
}

void ProfileController::load(const QString &wanted)
{
    const QString id = wanted.isEmpty() ? m_settings.value(kCurrentKey).toString() : wanted;
    m_profiles = m_store.load();
    QString selectId = m_profiles.isEmpty() ? QString() : m_profiles.first().id;
    for (const credentials::RegistryProfile &p : m_profiles) {
        if (p.id == id)
            selectId = id;
    }
    m_currentId.clear();
    Q_EMIT profilesChanged(m_profiles, selectId);
    if (selectId.isEmpty())
        Q_EMIT deactivated();
    else
        select(selectId);
}

void ProfileController::select(const QString &id)
{
    for (const credentials::RegistryProfile &p : m_profiles) {
        if (p.id == id) {
            activate(p);
            return;
        }
    }
}

void ProfileController::activate(const credentials::RegistryProfile &profile)
{
    m_currentId = profile.id;
    m_settings.setValue(kCurrentKey, profile.id);
    if (profile.username.isEmpty()) {
        Q_EMIT activated(profile, std::nullopt);
        return;
    }
    // Nothing acts on the previous registry while the keychain answers.
    Q_EMIT deactivated();
    Q_EMIT message(tr("Reading the login for %1 from the keychain…").arg(profile.name));
    auto *job = m_secrets.read(profile.secretKey());
    connect(job, &credentials::SecretJob::finished, this,
            [this, id = profile.id](const credentials::SecretResult &secret) {
                const auto now = current(); // as it is now (it may have been edited)
                if (!now || now->id != id)
                    return; // the user moved on
                std::optional<client::Credentials> creds;
                if (secret.ok())
                    creds = client::Credentials{now->username, secret.value()};
                else if (secret.error().kind != credentials::SecretError::Kind::NotFound)
                    Q_EMIT message(secret.error().message);
                Q_EMIT activated(*now, creds);
            });
}

void ProfileController::logInToWrite(const QString &why, std::function<void()> retry)
{
    const auto profile = current();
    if (!profile)
        return;
    // The retry acts on the registry shown: only while it still is.
    logInToWriteTo(profile->id, why, [this, id = profile->id, retry = std::move(retry)] {
        if (m_currentId == id)
            retry();
    });
}

void ProfileController::logInToWriteTo(const QString &id, const QString &why,
                                       std::function<void()> retry)
{
    const credentials::RegistryProfile *saved = find(id);
    if (!saved || !saved->username.isEmpty())
        return; // a login that was refused: the error said so
    const auto endpoint = saved->endpoint();
    auto *dialog =
        new LoginDialog(endpoint.ok() ? endpoint->hostPort() : saved->url, why, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, id, retry = std::move(retry)] {
        const auto it =
            std::find_if(m_profiles.begin(), m_profiles.end(),
                         [&id](const credentials::RegistryProfile &p) { return p.id == id; });
        if (it == m_profiles.end())
            return; // removed meanwhile
        it->username = dialog->username();
        const credentials::RegistryProfile loggedIn = *it;
        save();
        const client::Credentials login{loggedIn.username, dialog->password()};
        storeSecret(loggedIn, login.secret, [this, loggedIn, login, retry] {
            Q_EMIT profilesChanged(m_profiles, m_currentId);
            if (m_currentId == loggedIn.id)
                Q_EMIT activated(loggedIn, login); // a session logged in, synchronously
            retry();
        });
    });
    dialog->open();
}

void ProfileController::openSession(const QString &id, QObject *context, client::SessionOpened done)
{
    const credentials::RegistryProfile *saved = find(id);
    if (!saved) {
        done(nullptr, tr("That registry is no longer saved."));
        return;
    }
    const credentials::RegistryProfile &profile = *saved; // the lambda keeps a copy
    const auto endpoint = profile.endpoint();
    if (!endpoint.ok()) {
        done(nullptr, endpoint.error().message);
        return;
    }
    client::RegistryEndpoint tuned = endpoint.value();
    tuned.maxConcurrency = m_requestsAtOnce;
    auto open = [endpoint = tuned, context](std::optional<client::Credentials> creds) {
        return new client::RegistrySession(endpoint, client::fixedLogin(std::move(creds)), context);
    };
    if (profile.username.isEmpty()) {
        done(open(std::nullopt), {});
        return;
    }
    auto *job = m_secrets.read(profile.secretKey());
    connect(job, &credentials::SecretJob::finished, context,
            [profile, open, done](const credentials::SecretResult &secret) {
                if (!secret.ok()) {
                    done(nullptr, tr("The keychain did not give the password of %1: %2")
                                      .arg(profile.name, secret.error().message));
                    return;
                }
                done(open(client::Credentials{profile.username, secret.value()}), {});
            });
}

void ProfileController::save()
{
    m_store.save(m_profiles);
}

// Dialogs are opened window-modal with open(), never exec(): no nested
// event loop, and the window keeps painting while a dialog is up.
void ProfileController::add()
{
    auto *dialog = new RegistryDialog(credentials::RegistryProfile{}, RegistryDialog::Secret::None,
                                      m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RegistryDialog::requestLogged, this, &ProfileController::requestLogged);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        credentials::RegistryProfile profile = dialog->profile();
        profile.id = credentials::ProfileStore::newId();
        m_profiles.append(profile);
        save();
        storeSecretThenSelect(profile, dialog->password(), !dialog->password().isEmpty());
    });
    dialog->open();
}

void ProfileController::edit()
{
    const auto profile = current();
    if (!profile)
        return;
    if (profile->username.isEmpty()) {
        openEditor(*profile, RegistryDialog::Secret::None);
        return;
    }
    // Says "stored" only for a password the keychain gives back.
    auto *job = m_secrets.read(profile->secretKey());
    connect(job, &credentials::SecretJob::finished, this,
            [this, profile = *profile](const credentials::SecretResult &r) {
                using Secret = RegistryDialog::Secret;
                openEditor(profile, !r.ok() ? Secret::None
                                    : m_secrets.isRememberedForSession(profile.secretKey())
                                        ? Secret::ForThisSession
                                        : Secret::InKeychain);
            });
}

void ProfileController::openEditor(const credentials::RegistryProfile &profile,
                                   RegistryDialog::Secret secret)
{
    auto *dialog = new RegistryDialog(profile, secret, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RegistryDialog::requestLogged, this, &ProfileController::requestLogged);
    connect(dialog, &QDialog::accepted, this, [this, dialog, before = profile] {
        const credentials::RegistryProfile edited = dialog->profile();
        for (credentials::RegistryProfile &p : m_profiles) {
            if (p.id == edited.id)
                p = edited;
        }
        save();
        const bool sameConnection = before.url == edited.url && before.tlsMode == edited.tlsMode &&
                                    before.caFile == edited.caFile &&
                                    before.username == edited.username;
        if (sameConnection && !dialog->passwordChanged()) {
            // A new name or GC settings: what is shown stays as it is (the
            // tree, the selection, the request log).
            Q_EMIT profilesChanged(m_profiles, edited.id);
            Q_EMIT updated(edited);
            return;
        }
        storeSecretThenSelect(edited, dialog->password(), dialog->passwordChanged());
    });
    dialog->open();
}

void ProfileController::storeSecretThenSelect(const credentials::RegistryProfile &profile,
                                              const QString &password, bool changed)
{
    if (!changed || profile.username.isEmpty()) {
        load(profile.id);
        return;
    }
    storeSecret(profile, password, [this, id = profile.id] { load(id); });
}

// The one place a secret is written (an empty one: removed). A secret
// counts as stored only once the keychain gives it back; when it will not
// keep it, the user is told and may have it remembered until Berth quits.
void ProfileController::storeSecret(const credentials::RegistryProfile &profile,
                                    const QString &secret, std::function<void()> then)
{
    if (secret.isEmpty()) {
        auto *job = m_secrets.remove(profile.secretKey());
        connect(job, &credentials::SecretJob::finished, this,
                [then = std::move(then)](const credentials::SecretResult &) { then(); });
        return;
    }
    auto *job = m_secrets.write(profile.secretKey(), secret);
    connect(job, &credentials::SecretJob::finished, this,
            [this, profile, secret, then = std::move(then)](const credentials::SecretResult &r) {
                if (!r.ok()) {
                    secretNotStored(profile, secret, r.error().message, then);
                    return;
                }
                verifyStored(profile, secret, then);
            });
}

void ProfileController::verifyStored(const credentials::RegistryProfile &profile,
                                     const QString &secret, std::function<void()> then)
{
    auto *job = m_secrets.read(profile.secretKey());
    connect(job, &credentials::SecretJob::finished, this,
            [this, profile, secret, then = std::move(then)](const credentials::SecretResult &r) {
                if (r.ok() && r.value() == secret) {
                    then();
                    return;
                }
                secretNotStored(
                    profile, secret,
                    r.ok() ? tr("the keychain gave back something else") : r.error().message, then);
            });
}

void ProfileController::secretNotStored(const credentials::RegistryProfile &profile,
                                        const QString &secret, const QString &reason,
                                        std::function<void()> then)
{
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("Password not stored"),
                        tr("The keychain did not store the password of “%1”.").arg(profile.name),
                        QMessageBox::NoButton, m_dialogParent);
    box->setObjectName(QStringLiteral("secretNotStored"));
    box->setInformativeText(
        tr("The keychain may be locked, or have no login keyring yet.\n\nBerth can remember "
           "the password until it quits; you will be asked to type it again next time. "
           "Otherwise this registry is used without a login."));
    box->setDetailedText(reason); // the keychain's own words, for whoever needs them
    QPushButton *remember =
        box->addButton(tr("Remember until Berth quits"), QMessageBox::AcceptRole);
    remember->setObjectName(QStringLiteral("rememberForSession"));
    box->addButton(tr("Do not remember"), QMessageBox::RejectRole)
        ->setObjectName(QStringLiteral("doNotRemember"));
    box->setDefaultButton(remember);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(
        box, &QMessageBox::finished, this,
        [this, box, remember, profile, secret, then = std::move(then)](int) {
            if (box->clickedButton() == remember) {
                m_secrets.rememberForSession(profile.secretKey(), secret);
                Q_EMIT message(
                    tr("The password of %1 is remembered until Berth quits.").arg(profile.name));
            } else {
                Q_EMIT message(tr("The password of %1 was not stored.").arg(profile.name));
            }
            then();
        });
    box->open();
}

void ProfileController::remove()
{
    const auto profile = current();
    if (!profile)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove registry"),
                                tr("Remove “%1” from Berth? Its stored login is deleted from the "
                                   "keychain; the registry itself is not touched.")
                                    .arg(profile->name),
                                QMessageBox::Yes | QMessageBox::No, m_dialogParent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this,
            [this, id = profile->id, key = profile->secretKey()](int result) {
                if (result != QMessageBox::Yes)
                    return;
                m_profiles.removeIf(
                    [&id](const credentials::RegistryProfile &p) { return p.id == id; });
                save();
                m_secrets.remove(key);
                load(QString());
            });
    box->open();
}

void ProfileController::importFromDocker()
{
    auto *dialog =
        new DockerImportDialog(credentials::DockerConfigImporter::defaultPath(), m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { importNext(dialog->selected()); });
    dialog->open();
}

void ProfileController::importNext(QList<QPair<credentials::RegistryProfile, QString>> imports)
{
    if (imports.isEmpty())
        return;
    // Named copies, not a structured binding: lambdas capture them.
    const credentials::RegistryProfile profile = imports.first().first;
    const QString secret = imports.takeFirst().second;
    m_profiles.append(profile);
    save();
    storeSecret(profile, secret, [this, imports, id = profile.id] {
        if (imports.isEmpty())
            load(id);
        else
            importNext(imports);
    });
}

void ProfileController::setBuiltInLogin(const QString &user, const QString &password)
{
    for (credentials::RegistryProfile &p : m_profiles) {
        if (!p.builtIn)
            continue;
        p.username = user;
        save();
        const credentials::RegistryProfile profile = p;
        storeSecret(profile, password, [this, profile] {
            if (profile.id == m_currentId)
                activate(profile); // with the login from now on
        });
        return;
    }
}

void ProfileController::setGcSettings(const QString &id, const QString &dataDirectory,
                                      const QString &command, const QString &dryRunCommand)
{
    for (credentials::RegistryProfile &p : m_profiles) {
        if (p.id != id)
            continue;
        p.dataDirectory = dataDirectory;
        p.gcCommand = command;
        p.gcDryRunCommand = dryRunCommand;
        save();
        Q_EMIT updated(p); // the connection is the same: the view stays
        return;
    }
}

void ProfileController::followBuiltInRegistry(const QString &url)
{
    for (credentials::RegistryProfile &p : m_profiles) {
        if (!p.builtIn)
            continue;
        if (p.url != url) {
            p.url = url;
            save();
        }
        if (p.id == m_currentId)
            activate(p); // reconnect: it listens now
        return;
    }
}

} // namespace berth::ui

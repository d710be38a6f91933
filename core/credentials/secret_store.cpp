#include "credentials/secret_store.h"

#include <qt6keychain/keychain.h>

#include <QMetaObject>

namespace berth::credentials {

namespace {

SecretError toError(QKeychain::Job *job)
{
    SecretError error;
    switch (job->error()) {
    case QKeychain::EntryNotFound:
        error.kind = SecretError::Kind::NotFound;
        error.message = SecretStore::tr("No password is stored for this registry.");
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        error.kind = SecretError::Kind::NoKeychain;
        error.message =
            SecretStore::tr(
                "No keychain is available (%1). Berth can keep the password for this session only.")
                .arg(job->errorString());
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        error.kind = SecretError::Kind::Denied;
        error.message = SecretStore::tr("The keychain refused access: %1").arg(job->errorString());
        break;
    default:
        error.kind = SecretError::Kind::Other;
        error.message = SecretStore::tr("Keychain error: %1").arg(job->errorString());
        // Secret Service not running shows up as a D-Bus error.
        if (job->errorString().contains(QLatin1String("org.freedesktop"), Qt::CaseInsensitive) ||
            job->errorString().contains(QLatin1String("D-Bus"), Qt::CaseInsensitive) ||
            job->errorString().contains(QLatin1String("Could not connect"), Qt::CaseInsensitive))
            error.kind = SecretError::Kind::NoKeychain;
        break;
    }
    return error;
}

} // namespace

SecretStore::SecretStore(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{
}

SecretJob *SecretStore::finishedLater(const SecretResult &result)
{
    auto *job = new SecretJob(this);
    QMetaObject::invokeMethod(
        job, [job, result] { job->finish(result); }, Qt::QueuedConnection);
    return job;
}

void SecretStore::rememberForSession(const QString &key, const QString &secret)
{
    m_memory.insert(key, secret);
}

SecretJob *SecretStore::read(const QString &key)
{
    if (const auto it = m_memory.constFind(key); it != m_memory.constEnd())
        return finishedLater(*it);
    if (m_sessionOnly)
        return finishedLater(
            SecretError{SecretError::Kind::NotFound,
                        SecretStore::tr("No password is stored for this registry.")});
    auto *job = new SecretJob(this);
    auto *kc = new QKeychain::ReadPasswordJob(m_service, job);
    kc->setAutoDelete(false);
    kc->setInsecureFallback(false);
    kc->setKey(key);
    connect(kc, &QKeychain::Job::finished, job, [job, kc](QKeychain::Job *) {
        if (kc->error() == QKeychain::NoError)
            job->finish(kc->textData());
        else
            job->finish(toError(kc));
    });
    kc->start();
    return job;
}

SecretJob *SecretStore::write(const QString &key, const QString &secret)
{
    m_memory.remove(key); // a new secret: the keychain is asked again
    if (m_sessionOnly) {
        m_memory.insert(key, secret);
        return finishedLater(QString());
    }
    auto *job = new SecretJob(this);
    auto *kc = new QKeychain::WritePasswordJob(m_service, job);
    kc->setAutoDelete(false);
    kc->setInsecureFallback(false);
    kc->setKey(key);
    kc->setTextData(secret);
    connect(kc, &QKeychain::Job::finished, job, [job, kc](QKeychain::Job *) {
        if (kc->error() == QKeychain::NoError)
            job->finish(QString());
        else
            job->finish(toError(kc));
    });
    kc->start();
    return job;
}

SecretJob *SecretStore::remove(const QString &key)
{
    m_memory.remove(key);
    if (m_sessionOnly)
        return finishedLater(QString());
    auto *job = new SecretJob(this);
    auto *kc = new QKeychain::DeletePasswordJob(m_service, job);
    kc->setAutoDelete(false);
    kc->setInsecureFallback(false);
    kc->setKey(key);
    connect(kc, &QKeychain::Job::finished, job, [job, kc](QKeychain::Job *) {
        if (kc->error() == QKeychain::NoError || kc->error() == QKeychain::EntryNotFound)
            job->finish(QString());
        else
            job->finish(toError(kc));
    });
    kc->start();
    return job;
}

} // namespace berth::credentials

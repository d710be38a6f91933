#include "credentials/secret_job.h"

namespace berth::credentials {

SecretJob::SecretJob(QObject *parent)
    : QObject(parent)
{
}

void SecretJob::finish(const SecretResult &result)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(result);
    deleteLater();
}

} // namespace berth::credentials

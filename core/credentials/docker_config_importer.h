#pragma once

#include "client/client_error.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class QProcess;

namespace berth::credentials {

// One login found in a docker config.json.
struct DockerLogin
{
    QString registry; // as written in config.json ("https://index.docker.io/v1/", "localhost:5000")
    QString username;
    QString secret; // password or identity token; empty when the helper failed
    QString source; // "config.json", "credsStore: desktop", "credHelpers: ecr-login"
    QString error;  // why the secret could not be read

    // The registry's address as Berth takes it: "registry-1.docker.io" for
    // Docker Hub's keys, "host:port" otherwise ("http://host:port" when the
    // key says http).
    QString address() const;
};

// Reads logins from ~/.docker/config.json: inline `auths` entries (base64
// "user:password", or username/password, or identitytoken) and those kept by
// credential helpers (`docker-credential-<name> get`, run asynchronously,
// one at a time, with a time limit). Emits finished() once with everything
// found; nothing is stored — the caller previews and imports.
class DockerConfigImporter : public QObject
{
    Q_OBJECT

public:
    explicit DockerConfigImporter(QObject *parent = nullptr);
    ~DockerConfigImporter() override;

    // Default path: $DOCKER_CONFIG/config.json, else ~/.docker/config.json.
    static QString defaultPath();
    // Parses config.json (bounded, hostile-input safe) into logins; entries
    // that need a helper have an empty secret and `source` naming the helper.
    static client::ClientResult<QList<DockerLogin>> parse(const QByteArray &json);

    // `onlyAddress` ("host:port", as DockerLogin::address() without a
    // scheme): keep that registry's logins only, and run only its helper.
    void start(const QString &path = defaultPath(), const QString &onlyAddress = {});
    void cancel();

Q_SIGNALS:
    void
    finished(const berth::client::ClientResult<QList<berth::credentials::DockerLogin>> &logins);

private:
    void runNextHelper();
    void finish(const client::ClientResult<QList<DockerLogin>> &result);

    QList<DockerLogin> m_logins;
    int m_next = 0;
    QPointer<QProcess> m_process;
    bool m_done = false;
};

} // namespace berth::credentials

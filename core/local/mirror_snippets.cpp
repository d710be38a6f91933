#include "local/mirror_snippets.h"

#include <QCoreApplication>
#include <QUrl>

namespace berth::local {

namespace {

// The translation context of this file's texts (lupdate reads it too).
class Text
{
    Q_DECLARE_TR_FUNCTIONS(berth::local::MirrorSnippets)
};

// The name clients give the upstream's registry: Docker Hub is "docker.io".
QString clientName(const QString &url)
{
    const QUrl parsed(url);
    QString host = parsed.host().toLower();
    if (host == QLatin1String("registry-1.docker.io") || host == QLatin1String("index.docker.io"))
        return QStringLiteral("docker.io");
    return parsed.port() > 0 ? host + QLatin1Char(':') + QString::number(parsed.port()) : host;
}

} // namespace

QString mirrorSnippets(const LocalMirrorSettings &mirror, const QString &hostPort, bool tls)
{
    if (!mirror.enabled())
        return {};
    const QString scheme = tls ? QStringLiteral("https://") : QStringLiteral("http://");
    QString text;
    for (const LocalMirrorUpstream &u : mirror.upstreams) {
        if (u.prefix.isEmpty() && clientName(u.url) == QLatin1String("docker.io"))
            text +=
                Text::tr("# Docker pulls Docker Hub images through it (its registry-mirrors serve\n"
                         "# Docker Hub only): /etc/docker/daemon.json, then restart dockerd\n") +
                QStringLiteral("{ \"registry-mirrors\": [\"%1%2\"] }\n\n").arg(scheme, hostPort);
    }
    text += Text::tr("# podman, buildah, skopeo: /etc/containers/registries.conf\n");
    for (const LocalMirrorUpstream &u : mirror.upstreams) {
        const QString name = clientName(u.url);
        const QString location =
            u.prefix.isEmpty() ? hostPort : hostPort + QLatin1Char('/') + u.prefix;
        text += QStringLiteral("[[registry]]\nprefix = \"%1\"\nlocation = \"%1\"\n").arg(name);
        if (u.url.startsWith(QLatin1String("http://")))
            text += QStringLiteral("insecure = true\n");
        text += QStringLiteral("[[registry.mirror]]\nlocation = \"%1\"\n").arg(location);
        if (!tls)
            text += QStringLiteral("insecure = true\n");
        text += QLatin1Char('\n');
    }
    for (const LocalMirrorUpstream &u : mirror.upstreams) {
        const QString name = clientName(u.url);
        text +=
            Text::tr("# containerd: /etc/containerd/certs.d/%1/hosts.toml (containerd names the\n"
                     "# upstream in each request, ?ns=%1, so the mirror needs no path here)\n")
                .arg(name) +
            QStringLiteral("server = \"%1\"\n[host.\"%2%3\"]\n  capabilities = [\"pull\", "
                           "\"resolve\"]\n")
                .arg(u.url, scheme, hostPort) +
            QLatin1Char('\n');
    }
    return text;
}

} // namespace berth::local

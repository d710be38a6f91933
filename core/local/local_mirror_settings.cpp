#include "local/local_mirror_settings.h"

#include "local/yaml_quoted.h"

#include "oci/name_rules.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

namespace berth::local {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("berth::local::LocalMirrorSettings", text);
}

bool validName(const QString &name)
{
    return oci::validateRepositoryName(name.toStdString()).ok();
}

// "host[:port]" of an http(s)://host[:port] URL, lower-cased; empty when the
// URL is not of that form (registry:2's remoteurl takes nothing more).
QString hostOf(const QString &url)
{
    // Lower-case schemes only, as berth-registry takes them.
    static const QRegularExpression form(QStringLiteral("^https?://([^/?#@\\s]+)/?$"));
    const auto match = form.match(url);
    return match.hasMatch() ? match.captured(1).toLower() : QString();
}

bool hasControl(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return true;
    }
    return false;
}

} // namespace

QString LocalMirrorUpstream::secretKey() const
{
    return QStringLiteral("mirror/%1/%2").arg(url, username);
}

QString LocalMirrorSettings::problem(bool distribution) const
{
    QSet<QString> prefixes;
    QSet<QString> hosts;
    bool root = false;
    for (const LocalMirrorUpstream &u : upstreams) {
        const QString host = hostOf(u.url);
        if (host.isEmpty())
            return tr("“%1” is not an upstream address: write https://host[:port] (or http:// "
                      "for a registry without TLS), nothing after it.")
                .arg(u.url);
        if (hosts.contains(host))
            return tr("%1 is given twice: one upstream per host.").arg(host);
        hosts.insert(host);
        if (u.prefix.isEmpty()) {
            if (root)
                return tr("Only one upstream can take every other repository (an empty prefix).");
            root = true;
        } else if (!validName(u.prefix)) {
            return tr("“%1” is not a repository prefix (lower-case letters, digits, . _ - and /).")
                .arg(u.prefix);
        } else if (prefixes.contains(u.prefix)) {
            return tr("The prefix “%1” is given twice.").arg(u.prefix);
        }
        prefixes.insert(u.prefix);
        if (hasControl(u.username) || u.username.contains(QLatin1Char(':')))
            return tr("The user name for %1 cannot contain “:” or control characters.").arg(host);
        if (u.ttlHours < 0 || u.ttlHours > 24 * 365)
            return tr("Tags are checked again after 0 to 8760 hours.");
    }
    for (const QString &local : localPrefixes) {
        if (!validName(local))
            return tr("“%1” is not a repository prefix.").arg(local);
        if (prefixes.contains(local))
            return tr("“%1” is both an upstream's prefix and local.").arg(local);
        prefixes.insert(local);
    }
    if (!localPrefixes.isEmpty() && !root)
        return tr("Local prefixes only matter with an upstream for every other repository: "
                  "without one, every repository no upstream claims is local already.");
    if (distribution && enabled() &&
        (upstreams.size() > 1 || !root || !localPrefixes.isEmpty() || maxSizeBytes > 0))
        return tr("distribution mirrors one upstream, with no prefixes, local repositories or "
                  "cache size: choose berth-registry for those.");
    return {};
}

QString LocalMirrorSettings::yaml(bool distribution) const
{
    if (!enabled())
        return {};
    QString y = QStringLiteral("proxy:\n");
    const auto fields = [distribution](const LocalMirrorUpstream &u, const QString &indent) {
        QString f = indent + QStringLiteral("remoteurl: ") + yamlQuoted(u.url) + QLatin1Char('\n');
        if (!u.username.isEmpty())
            f += indent + QStringLiteral("username: ") + yamlQuoted(u.username) + QLatin1Char('\n');
        if (!distribution) // distribution 2.8 has no ttl
            f += indent + QStringLiteral("ttl: %1h\n").arg(u.ttlHours);
        return f;
    };
    QString prefixed;
    for (const LocalMirrorUpstream &u : upstreams) {
        if (u.prefix.isEmpty())
            y += fields(u, QStringLiteral("  "));
        else
            prefixed += QStringLiteral("    - prefix: ") + yamlQuoted(u.prefix) +
                        QLatin1Char('\n') + fields(u, QStringLiteral("      "));
    }
    if (!prefixed.isEmpty())
        y += QStringLiteral("  upstreams:\n") + prefixed;
    if (!localPrefixes.isEmpty()) {
        QStringList quotedPrefixes;
        for (const QString &p : localPrefixes)
            quotedPrefixes << yamlQuoted(p);
        y += QStringLiteral("  local: [") + quotedPrefixes.join(QStringLiteral(", ")) +
             QStringLiteral("]\n");
    }
    if (maxSizeBytes > 0)
        y += QStringLiteral("  maxsize: %1\n").arg(maxSizeBytes);
    return y;
}

QStringList LocalMirrorSettings::passwordVariables() const
{
    QStringList variables;
    int prefixed = 0;
    for (const LocalMirrorUpstream &u : upstreams)
        variables << (u.prefix.isEmpty()
                          ? QStringLiteral("REGISTRY_PROXY_PASSWORD")
                          : QStringLiteral("REGISTRY_PROXY_UPSTREAMS_%1_PASSWORD").arg(prefixed++));
    return variables;
}

} // namespace berth::local

#include "client/registry_endpoint.h"

#include <QCoreApplication>

#include <QHostAddress>

namespace berth::client {

namespace {

// The translation context of this file's messages.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(berth::client::RegistryEndpoint)
};

bool hostIsLoopback(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

ClientError invalid(const QString &message)
{
    return ClientError{ClientErrorKind::InvalidArgument, message, 0, {}, {}};
}

} // namespace

ClientResult<RegistryEndpoint> RegistryEndpoint::fromUserInput(const QString &input)
{
    QString text = input.trimmed();
    const qsizetype schemeEnd = text.indexOf(QLatin1String("://"));
    const qsizetype hostStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
    while (text.size() > hostStart && text.endsWith(QLatin1Char('/')))
        text.chop(1);
    if (text.isEmpty())
        return invalid(
            Text::tr("Enter the registry's address, e.g. registry.example.com or localhost:5000."));
    if (text.size() > 2048)
        return invalid(Text::tr("The registry address is too long."));

    const bool hasScheme = schemeEnd >= 0;
    QUrl url = QUrl(hasScheme ? text : QStringLiteral("placeholder://") + text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return invalid(Text::tr("'%1' is not a valid registry address.").arg(input.left(200)));
    if (!url.userInfo().isEmpty())
        return invalid(Text::tr("Put the username in the login fields, not in the address."));
    if (!url.path().isEmpty() && url.path() != QLatin1String("/v2"))
        return invalid(Text::tr("A registry address has no path ('%1'); use host[:port].")
                           .arg(url.path().left(200)));
    if (url.hasQuery() || url.hasFragment())
        return invalid(Text::tr("A registry address has no query or fragment."));

    if (!hasScheme) {
        url.setScheme(hostIsLoopback(url.host()) ? QStringLiteral("http")
                                                 : QStringLiteral("https"));
    } else if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) {
        return invalid(Text::tr("Only http:// and https:// registries are supported."));
    }
    url.setPath(QString());

    RegistryEndpoint endpoint;
    endpoint.baseUrl = url;
    return endpoint;
}

QString RegistryEndpoint::hostPort() const
{
    // "[::1]:5000" for an IPv6 literal, as references and certs.d write it.
    return baseUrl.authority();
}

bool RegistryEndpoint::isLoopback() const
{
    return hostIsLoopback(baseUrl.host());
}

} // namespace berth::client

#include "cli_image.h"

#include "oci/name_rules.h"
#include "oci/reference.h"

namespace berth::cli {

namespace {

client::ClientError invalid(const QString &message)
{
    return {client::ClientErrorKind::InvalidArgument, message, 0, {}, {}};
}

} // namespace

QString CliImage::shown() const
{
    QString text = registry + QLatin1Char('/') + repository;
    if (!reference.isEmpty())
        text += (reference.contains(QLatin1Char(':')) ? QLatin1Char('@') : QLatin1Char(':')) +
                reference;
    return text;
}

client::ClientResult<CliImage> parseImage(const QString &text, const QStringList &savedNames)
{
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    const bool saved = slash > 0 && savedNames.contains(text.left(slash));
    // "team/app" is Docker Hub's team/app to docker: a saved registry of that
    // name would silently take it (and its login) elsewhere.
    if (saved && oci::validateRepositoryName(text.left(slash).toStdString()).ok())
        return invalid(QStringLiteral("%1 is ambiguous: %2 is a saved registry's name and a "
                                      "Docker Hub namespace. Write docker.io/%1 for Docker Hub, "
                                      "or the saved registry's address.")
                           .arg(text, text.left(slash)));
    // A saved registry's name may hold anything but '/': the rest is read
    // in docker's grammar under a stand-in host.
    const QString docker = saved ? QStringLiteral("saved.invalid/") + text.mid(slash + 1) : text;
    // "registry.example.com:5000" alone: a registry, with no repository
    // named ("ubuntu:22.04" is Docker Hub's ubuntu, tag 22.04).
    const QString host = text.section(QLatin1Char(':'), 0, 0);
    const QString port = text.section(QLatin1Char(':'), 1);
    bool numeric = false;
    port.toUInt(&numeric);
    if (!text.contains(QLatin1Char('/')) && numeric &&
        (host.contains(QLatin1Char('.')) || host == QLatin1String("localhost")))
        return invalid(
            QStringLiteral("%1 names a registry but no repository: write %1/repository:tag")
                .arg(text));
    const auto parsed = oci::Reference::parse(docker.toStdString());
    if (!parsed.ok()) {
        const QString first = text.left(slash);
        const bool looksSaved = slash > 0 && !first.contains(QLatin1Char('.')) &&
                                !first.contains(QLatin1Char(':')) && first != first.toLower();
        return invalid(looksSaved
                           ? QStringLiteral("%1: no saved registry is called %2.").arg(text, first)
                           : QStringLiteral("%1 is not a valid image reference: %2")
                                 .arg(text, QString::fromStdString(parsed.error().message)));
    }
    CliImage image;
    image.saved = saved;
    image.registry = saved ? text.left(slash) : QString::fromStdString(parsed->registry());
    image.repository = QString::fromStdString(parsed->repository());
    if (parsed->digest())
        image.reference = QString::fromStdString(parsed->digest()->toString());
    else if (parsed->tag())
        image.reference = QString::fromStdString(*parsed->tag());
    return image;
}

} // namespace berth::cli

#include "cli_arguments.h"

namespace berth::cli {

QString usageText()
{
    return QStringLiteral(
        "Usage: berth-cli copy SOURCE DESTINATION [options]\n"
        "       berth-cli export SOURCE PATH [--format F] [--platform P] [options]\n"
        "\n"
        "Copies an image, digest for digest with every platform, from one registry\n"
        "to another (blobs stream through; nothing is stored here) or within one\n"
        "(layers are linked, no bytes move). The tag is written last: a copy that\n"
        "fails or is stopped tags nothing.\n"
        "\n"
        "export writes an image into an OCI image layout (--format oci: a\n"
        "directory), an OCI archive (oci-archive, the default: one tar) or a tar\n"
        "that docker load takes (docker-archive), each blob checked against its\n"
        "digest; the file appears only once it is whole. The OCI forms keep every\n"
        "platform and the image's signatures and SBOMs; a docker-archive holds one\n"
        "platform (--platform, default this machine's).\n"
        "\n"
        "  SOURCE        host[:port]/repository:tag or …@sha256:…, as docker writes\n"
        "                them, or <saved registry name>/repository:tag\n"
        "  DESTINATION   the same; without a tag the source's tag is used\n"
        "\n"
        "Logins come from Berth's saved registries (password in the OS keychain),\n"
        "else from ~/.docker/config.json and its credential helpers.\n"
        "\n"
        "Options:\n"
        "  --overwrite       move the destination tag if it points at another image\n"
        "  --ca-file FILE    trust this CA besides the system's (both registries)\n"
        "  --insecure        do not verify TLS certificates (both registries)\n"
        "  --parallel N      layers copied at once (default 4, at most 32)\n"
        "  --format F        export: oci, oci-archive (default) or docker-archive\n"
        "  --platform P      export: os/arch[/variant] of an index for docker-archive\n"
        "  --no-referrers    export: leave signatures, SBOMs, attestations out\n"
        "  -q, --quiet       print nothing on success\n"
        "  -h, --help        this text\n"
        "  -v, --version     the version\n"
        "\n"
        "Exit status: 0 done (or already there), 1 it failed, 2 bad usage, 3 the\n"
        "destination tag points at another image (see --overwrite), 130 stopped by\n"
        "Ctrl+C (nothing tagged, nothing written).\n");
}

CliCommand parseArguments(const QStringList &arguments)
{
    if (arguments.isEmpty())
        return UsageError{QStringLiteral("no command given")};
    QStringList operands;
    CopyArguments copy;
    ExportArguments exported;
    QStringList exportOnly; // options given that only export takes
    QStringList copyOnly;   // and copy
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        if (a == QLatin1String("-h") || a == QLatin1String("--help"))
            return HelpRequest{};
        if (a == QLatin1String("-v") || a == QLatin1String("--version"))
            return VersionRequest{};
        if (a == QLatin1String("--overwrite")) {
            copy.overwrite = true;
            copyOnly << a;
        } else if (a == QLatin1String("--insecure"))
            copy.insecure = true;
        else if (a == QLatin1String("-q") || a == QLatin1String("--quiet"))
            copy.quiet = true;
        else if (a == QLatin1String("--ca-file")) {
            if (i + 1 >= arguments.size())
                return UsageError{QStringLiteral("--ca-file needs a file")};
            copy.caFile = arguments[++i];
        } else if (a == QLatin1String("--parallel")) {
            bool number = false;
            const int n = i + 1 < arguments.size() ? arguments[i + 1].toInt(&number) : 0;
            if (!number || n < 1 || n > 32)
                return UsageError{QStringLiteral("--parallel needs a number from 1 to 32")};
            copy.parallel = n;
            copyOnly << a;
            ++i;
        } else if (a == QLatin1String("--format")) {
            const auto format = i + 1 < arguments.size()
                                    ? archive::parseLayoutFormat(arguments[i + 1].toStdString())
                                    : std::nullopt;
            if (!format)
                return UsageError{
                    QStringLiteral("--format needs oci, oci-archive or docker-archive")};
            exported.format = *format;
            exportOnly << a;
            ++i;
        } else if (a == QLatin1String("--platform")) {
            if (i + 1 >= arguments.size())
                return UsageError{QStringLiteral("--platform needs os/arch[/variant]")};
            exported.platform = arguments[++i];
            exportOnly << a;
        } else if (a == QLatin1String("--no-referrers")) {
            exported.referrers = false;
            exportOnly << a;
        } else if (a.startsWith(QLatin1Char('-')) && a.size() > 1)
            return UsageError{QStringLiteral("unknown option %1").arg(a)};
        else
            operands << a;
    }
    if (operands.isEmpty())
        return UsageError{QStringLiteral("no command given")};
    if (copy.insecure && !copy.caFile.isEmpty())
        return UsageError{QStringLiteral("--insecure and --ca-file exclude each other")};
    if (operands.first() == QLatin1String("export")) {
        if (operands.size() != 3)
            return UsageError{QStringLiteral("export takes a SOURCE and a PATH")};
        if (!copyOnly.isEmpty())
            return UsageError{QStringLiteral("%1 is an option of copy").arg(copyOnly.first())};
        exported.source = operands[1];
        exported.path = operands[2];
        exported.insecure = copy.insecure;
        exported.caFile = copy.caFile;
        exported.quiet = copy.quiet;
        return exported;
    }
    if (operands.first() != QLatin1String("copy"))
        return UsageError{QStringLiteral("unknown command %1 (berth-cli knows: copy, export)")
                              .arg(operands.first())};
    if (operands.size() != 3)
        return UsageError{QStringLiteral("copy takes a SOURCE and a DESTINATION")};
    if (!exportOnly.isEmpty())
        return UsageError{QStringLiteral("%1 is an option of export").arg(exportOnly.first())};
    copy.source = operands[1];
    copy.destination = operands[2];
    return copy;
}

} // namespace berth::cli

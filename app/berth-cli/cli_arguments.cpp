#include "cli_arguments.h"

#include <optional>

namespace berth::cli {

QString usageText()
{
    return QStringLiteral(
        "Usage: berth-cli copy SOURCE DESTINATION [options]\n"
        "       berth-cli copy SOURCE-REPOSITORY DESTINATION-REPOSITORY --all-tags\n"
        "                 [--tags REGEX] [options]\n"
        "       berth-cli export SOURCE PATH [--format F] [--platform P] [options]\n"
        "       berth-cli import PATH DESTINATION [--image REF] [options]\n"
        "       berth-cli files IMAGE [PATH] [--platform P] [--layer N] [--json] [options]\n"
        "       berth-cli cat IMAGE PATH [--platform P] [options]\n"
        "       berth-cli waste IMAGE [--platform P] [--top N] [--json] [options]\n"
        "       berth-cli diff IMAGE1 IMAGE2 [--platform P] [--json] [options]\n"
        "\n"
        "Copies an image, digest for digest with every platform, from one registry\n"
        "to another (blobs stream through; nothing is stored here) or within one\n"
        "(layers are linked, no bytes move). The tag is written last: a copy that\n"
        "fails or is stopped tags nothing. With --all-tags (or --tags) every tag of\n"
        "a repository is copied, one image after another; a tag that cannot be\n"
        "copied is said and the others still go.\n"
        "\n"
        "export writes an image into an OCI image layout (--format oci: a\n"
        "directory), an OCI archive (oci-archive, the default: one tar) or a tar\n"
        "that docker load takes (docker-archive), each blob checked against its\n"
        "digest; the file appears only once it is whole. The OCI forms keep every\n"
        "platform and the image's signatures and SBOMs; a docker-archive holds one\n"
        "platform (--platform, default this machine's).\n"
        "\n"
        "import pushes an image of an OCI layout, an OCI archive or a docker-archive\n"
        "(Docker 25's) into a registry digest for digest, with its referrers; the\n"
        "archive is checked whole first and every blob against its digest, and the\n"
        "tag (DESTINATION's, else the image's name in the archive) comes last.\n"
        "\n"
        "files lists an image's files as a container sees them (or, with --layer N,\n"
        "what its Nth layer holds), read from the registry without pulling it: each\n"
        "layer streams through once and its index is kept in ~/.cache/Berth/layers.\n"
        "cat writes one file of an image to stdout, once its layer matched its digest.\n"
        "diff compares two images (of any registries): config, layers and files.\n"
        "waste says which bytes of an image no container sees (files a later layer\n"
        "overwrites or deletes) and which contents are stored twice.\n"
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
        "  --all-tags        copy: every tag of the SOURCE repository\n"
        "  --tags REGEX      copy: the tags this regular expression finds (any part\n"
        "                    of the tag, case-insensitive; implies --all-tags)\n"
        "  --ca-file FILE    trust this CA besides the system's (both registries)\n"
        "  --insecure        do not verify TLS certificates (both registries)\n"
        "  --parallel N      layers copied at once (default 4, at most 32)\n"
        "  --format F        export: oci, oci-archive (default) or docker-archive\n"
        "  --platform P      export, files, cat, waste, diff: os/arch[/variant] of an\n"
        "                    index (default this machine's). copy: only these\n"
        "                    platforms (P[,P…]): one copies that platform's image, several\n"
        "                    a new index of them (another digest); default every one\n"
        "  --all-platforms   copy: every platform of an index (the default)\n"
        "  --layer N         files: the entries of layer N (1 is the bottom)\n"
        "  --top N           waste: paths and duplicates listed (default 10)\n"
        "  --json            files, waste, diff: JSON on stdout\n"
        "  --no-referrers    copy, export: leave signatures, SBOMs, attestations out\n"
        "  --image REF       import: the archive's image with this name (when it holds\n"
        "                    several)\n"
        "  -q, --quiet       print nothing on success\n"
        "  -h, --help        this text\n"
        "  -v, --version     the version\n"
        "\n"
        "Exit status: 0 done (or already there), 1 it failed, 2 bad usage, 3 the\n"
        "destination tag points at another image (see --overwrite), 130 stopped by\n"
        "Ctrl+C (nothing half-tagged or half-written; with --all-tags the tags copied\n"
        "by then stay). With --all-tags: 1 when a tag failed, 3 when the only\n"
        "failures are tags pointing at other images.\n");
}

namespace {

// Every option given, whatever the command; which ones it takes is
// checked once the command is known.
struct Given
{
    QStringList operands;
    QStringList options; // as written, for "--x is no option of y"
    bool overwrite = false;
    bool insecure = false;
    bool quiet = false;
    bool referrers = true;
    QString caFile;
    QString platform;
    QString image;
    int parallel = 4;
    int layer = 0;
    int top = 10;
    bool json = false;
    bool allTags = false;
    QString tags;
    archive::LayoutFormat format = archive::LayoutFormat::OciArchive;
};

// The option at `i` (and its value, `i` moved past it); an error when it
// is unknown or its value is missing or wrong.
std::optional<UsageError> readOption(const QStringList &arguments, qsizetype &i, Given &given)
{
    const QString &a = arguments[i];
    const auto value = [&arguments, &i]() -> std::optional<QString> {
        if (i + 1 >= arguments.size())
            return std::nullopt;
        return arguments[++i];
    };
    given.options << a;
    if (a == QLatin1String("--overwrite")) {
        given.overwrite = true;
    } else if (a == QLatin1String("--insecure")) {
        given.insecure = true;
    } else if (a == QLatin1String("-q") || a == QLatin1String("--quiet")) {
        given.quiet = true;
    } else if (a == QLatin1String("--json")) {
        given.json = true;
    } else if (a == QLatin1String("--layer") || a == QLatin1String("--top")) {
        bool number = false;
        const auto text = value();
        const int n = text ? text->toInt(&number) : 0;
        if (!number || n < 1)
            return UsageError{QStringLiteral("%1 needs a number from 1 up").arg(a)};
        (a == QLatin1String("--layer") ? given.layer : given.top) = n;
    } else if (a == QLatin1String("--all-platforms")) {
        given.platform.clear(); // every platform: what a copy does unless told otherwise
    } else if (a == QLatin1String("--all-tags")) {
        given.allTags = true;
    } else if (a == QLatin1String("--tags")) {
        const auto text = value();
        if (!text || text->isEmpty())
            return UsageError{QStringLiteral("--tags needs a regular expression")};
        given.tags = *text;
        given.allTags = true;
    } else if (a == QLatin1String("--no-referrers")) {
        given.referrers = false;
    } else if (a == QLatin1String("--ca-file")) {
        const auto file = value();
        if (!file)
            return UsageError{QStringLiteral("--ca-file needs a file")};
        given.caFile = *file;
    } else if (a == QLatin1String("--parallel")) {
        bool number = false;
        const auto text = value();
        const int n = text ? text->toInt(&number) : 0;
        if (!number || n < 1 || n > 32)
            return UsageError{QStringLiteral("--parallel needs a number from 1 to 32")};
        given.parallel = n;
    } else if (a == QLatin1String("--format")) {
        const auto text = value();
        const auto format = text ? archive::parseLayoutFormat(text->toStdString()) : std::nullopt;
        if (!format)
            return UsageError{QStringLiteral("--format needs oci, oci-archive or docker-archive")};
        given.format = *format;
    } else if (a == QLatin1String("--platform")) {
        const auto text = value();
        if (!text)
            return UsageError{QStringLiteral("--platform needs os/arch[/variant]")};
        given.platform = *text;
    } else if (a == QLatin1String("--image")) {
        const auto text = value();
        if (!text)
            return UsageError{QStringLiteral("--image needs the name of an image")};
        given.image = *text;
    } else {
        return UsageError{QStringLiteral("unknown option %1").arg(a)};
    }
    return std::nullopt;
}

// The command's own options and the common ones, nothing else.
std::optional<UsageError> onlyOptions(const Given &given, const QString &command,
                                      const QStringList &own)
{
    static const QStringList common = {QStringLiteral("--insecure"), QStringLiteral("-q"),
                                       QStringLiteral("--quiet"), QStringLiteral("--ca-file")};
    for (const QString &option : given.options) {
        if (!common.contains(option) && !own.contains(option))
            return UsageError{QStringLiteral("%1 is no option of %2").arg(option, command)};
    }
    return std::nullopt;
}

CliCommand commandFrom(const Given &given)
{
    const QString command = given.operands.value(0);
    if (command == QLatin1String("copy")) {
        if (given.operands.size() != 3)
            return UsageError{QStringLiteral("copy takes a SOURCE and a DESTINATION")};
        if (auto bad = onlyOptions(given, command,
                                   {QStringLiteral("--overwrite"), QStringLiteral("--parallel"),
                                    QStringLiteral("--no-referrers"), QStringLiteral("--all-tags"),
                                    QStringLiteral("--tags"), QStringLiteral("--platform"),
                                    QStringLiteral("--all-platforms")}))
            return *bad;
        CopyArguments copy;
        copy.source = given.operands[1];
        copy.destination = given.operands[2];
        copy.overwrite = given.overwrite;
        copy.insecure = given.insecure;
        copy.caFile = given.caFile;
        copy.quiet = given.quiet;
        copy.parallel = given.parallel;
        copy.referrers = given.referrers;
        copy.allTags = given.allTags;
        copy.tagsPattern = given.tags;
        if (!given.platform.isEmpty())
            copy.platforms = given.platform.split(QLatin1Char(','), Qt::SkipEmptyParts);
        return copy;
    }
    if (command == QLatin1String("export")) {
        if (given.operands.size() != 3)
            return UsageError{QStringLiteral("export takes a SOURCE and a PATH")};
        if (auto bad = onlyOptions(given, command,
                                   {QStringLiteral("--format"), QStringLiteral("--platform"),
                                    QStringLiteral("--no-referrers")}))
            return *bad;
        return ExportArguments{given.operands[1], given.operands[2], given.format, given.platform,
                               given.referrers,   given.insecure,    given.caFile, given.quiet};
    }
    if (command == QLatin1String("import")) {
        if (given.operands.size() != 3)
            return UsageError{QStringLiteral("import takes a PATH and a DESTINATION")};
        if (auto bad = onlyOptions(given, command,
                                   {QStringLiteral("--image"), QStringLiteral("--overwrite")}))
            return *bad;
        return ImportArguments{given.operands[1], given.operands[2], given.image, given.overwrite,
                               given.insecure,    given.caFile,      given.quiet};
    }
    if (command == QLatin1String("files")) {
        if (given.operands.size() != 2 && given.operands.size() != 3)
            return UsageError{QStringLiteral("files takes an IMAGE and maybe a PATH in it")};
        if (auto bad = onlyOptions(given, command,
                                   {QStringLiteral("--platform"), QStringLiteral("--layer"),
                                    QStringLiteral("--json")}))
            return *bad;
        return FilesArguments{
            given.operands[1], given.operands.value(2), given.platform, given.layer,
            given.json,        given.insecure,          given.caFile,   given.quiet};
    }
    if (command == QLatin1String("cat")) {
        if (given.operands.size() != 3)
            return UsageError{QStringLiteral("cat takes an IMAGE and a PATH in it")};
        if (auto bad = onlyOptions(given, command, {QStringLiteral("--platform")}))
            return *bad;
        return CatArguments{given.operands[1], given.operands[2], given.platform,
                            given.insecure,    given.caFile,      given.quiet};
    }
    if (command == QLatin1String("diff")) {
        if (given.operands.size() != 3)
            return UsageError{QStringLiteral("diff takes two IMAGEs")};
        if (auto bad = onlyOptions(given, command,
                                   {QStringLiteral("--platform"), QStringLiteral("--json")}))
            return *bad;
        return DiffArguments{given.operands[1], given.operands[2], given.platform, given.json,
                             given.insecure,    given.caFile,      given.quiet};
    }
    if (command == QLatin1String("waste")) {
        if (given.operands.size() != 2)
            return UsageError{QStringLiteral("waste takes an IMAGE")};
        if (auto bad = onlyOptions(
                given, command,
                {QStringLiteral("--platform"), QStringLiteral("--top"), QStringLiteral("--json")}))
            return *bad;
        return WasteArguments{given.operands[1], given.platform, given.top,  given.json,
                              given.insecure,    given.caFile,   given.quiet};
    }
    return UsageError{QStringLiteral("unknown command %1 (berth-cli knows: copy, export, import, "
                                     "files, cat, waste, diff)")
                          .arg(command)};
}

} // namespace

CliCommand parseArguments(const QStringList &arguments)
{
    Given given;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        if (a == QLatin1String("-h") || a == QLatin1String("--help"))
            return HelpRequest{};
        if (a == QLatin1String("-v") || a == QLatin1String("--version"))
            return VersionRequest{};
        if (a.startsWith(QLatin1Char('-')) && a.size() > 1) {
            if (auto error = readOption(arguments, i, given))
                return *error;
        } else {
            given.operands << a;
        }
    }
    if (given.operands.isEmpty())
        return UsageError{QStringLiteral("no command given")};
    if (given.insecure && !given.caFile.isEmpty())
        return UsageError{QStringLiteral("--insecure and --ca-file exclude each other")};
    return commandFrom(given);
}

} // namespace berth::cli

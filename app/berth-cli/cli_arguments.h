#pragma once

#include "archive/layout_format.h"

#include <QString>
#include <QStringList>

#include <variant>

namespace berth::cli {

// berth-cli copy SRC DST [--overwrite] [--insecure] [--ca-file FILE] [--parallel N] [--quiet]
struct CopyArguments
{
    QString source;      // "host[:port]/repo:tag", "repo@sha256:…", "<saved registry>/repo:tag"
    QString destination; // the same forms; no tag: the source's
    bool overwrite = false;
    bool insecure = false; // TLS not verified (both registries)
    QString caFile;        // trusted besides the system's (both registries)
    bool quiet = false;
    int parallel = 4; // layers at once
    bool referrers = true;
    bool allTags = false;  // SOURCE and DESTINATION are repositories: every tag…
    QString tagsPattern;   // …or those this regular expression finds (--tags)
    QStringList platforms; // of an index, only these (--platform P[,P…]); empty: all
};

// berth-cli export SOURCE PATH [--format oci|oci-archive|docker-archive]
//   [--platform OS/ARCH[/VARIANT]] [--no-referrers] [--insecure] [--ca-file FILE] [--quiet]
struct ExportArguments
{
    QString source; // as for copy
    QString path;   // a directory (oci) or a file
    archive::LayoutFormat format = archive::LayoutFormat::OciArchive;
    QString platform; // docker-archive: which platform of an index; empty: this machine's
    bool referrers = true;
    bool insecure = false;
    QString caFile;
    bool quiet = false;
};

// berth-cli import PATH DESTINATION [--image REF] [--overwrite] [--insecure]
//   [--ca-file FILE] [--quiet]
struct ImportArguments
{
    QString path;        // an OCI layout directory, an oci-archive, a docker-archive
    QString destination; // as for copy; no tag: the image's ref name
    QString image;       // which image of the archive; empty: the only one
    bool overwrite = false;
    bool insecure = false;
    QString caFile;
    bool quiet = false;
};

// berth-cli files IMAGE [PATH] [--platform P] [--layer N] [--json] [--insecure]
//   [--ca-file FILE] [--quiet]
struct FilesArguments
{
    QString image;    // as for copy's SOURCE
    QString path;     // inside the image: that entry and all under it; empty: all
    QString platform; // of an index; empty: this machine's
    int layer = 0;    // 1..n: that layer's own entries; 0: the merged filesystem
    bool json = false;
    bool insecure = false;
    QString caFile;
    bool quiet = false;
};

// berth-cli cat IMAGE PATH [--platform P] [--insecure] [--ca-file FILE]
struct CatArguments
{
    QString image;
    QString path;
    QString platform;
    bool insecure = false;
    QString caFile;
    bool quiet = false;
};

// berth-cli diff IMAGE1 IMAGE2 [--platform P] [--json] [--insecure] [--ca-file FILE]
struct DiffArguments
{
    QString left;
    QString right;
    QString platform; // of an index, for both
    bool json = false;
    bool insecure = false;
    QString caFile;
    bool quiet = false;
};

// berth-cli waste IMAGE [--platform P] [--top N] [--json] [--insecure] [--ca-file FILE]
//   [--quiet]
struct WasteArguments
{
    QString image;
    QString platform;
    int top = 10; // paths and duplicates listed
    bool json = false;
    bool insecure = false;
    QString caFile;
    bool quiet = false;
};

struct HelpRequest
{
};
struct VersionRequest
{
};
struct UsageError
{
    QString message;
};

using CliCommand =
    std::variant<CopyArguments, ExportArguments, ImportArguments, FilesArguments, CatArguments,
                 WasteArguments, DiffArguments, HelpRequest, VersionRequest, UsageError>;

// The arguments after the program name, read strictly: an unknown option,
// a missing value or a wrong number of operands is a UsageError saying so.
CliCommand parseArguments(const QStringList &arguments);
QString usageText();

} // namespace berth::cli

#pragma once

#include "client/client_error.h"

#include <QString>
#include <QStringList>

namespace berth::cli {

// An image named on the command line: the registry it is in and where in it.
struct CliImage
{
    QString registry;   // "host[:port]", or a saved registry's name
    bool saved = false; // `registry` is a saved registry's name
    QString repository; // "team/app"
    QString reference;  // a tag or a digest; empty: none given

    QString shown() const; // as the user wrote it, for messages
};

// "<saved name>/repo[:tag|@digest]" when the first component is one of
// `savedNames` — refused as ambiguous when that name could also be a
// Docker Hub namespace ("team"); otherwise docker's grammar
// ("host[:port]/repo:tag"; no registry is docker.io, whose single names
// get "library/"). Errors (InvalidArgument) name what is wrong.
client::ClientResult<CliImage> parseImage(const QString &text, const QStringList &savedNames);

} // namespace berth::cli

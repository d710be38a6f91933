#pragma once

#include <QByteArray>
#include <QString>

namespace berth::client {

// The registry's JSON error body: {"errors":[{"code":"...","message":"...","detail":...}]}
class RegistryErrorBody
{
public:
    QString code;    // first error's code, e.g. "MANIFEST_UNKNOWN"; empty when none
    QString message; // first error's message
    QString detail;  // first error's detail, compact JSON or text, bounded
    int count = 0;   // how many errors the body listed

    // protocol::RegistryErrorBody::parse, in Qt types: never fails.
    static RegistryErrorBody parse(const QByteArray &body);
    // What an error code of the OCI distribution spec (or distribution's own)
    // means, in the app's language when it is not English: registries say it
    // in English. Empty for other codes, and when no translation is loaded.
    static QString translatedMeaning(const QString &code);
};

} // namespace berth::client

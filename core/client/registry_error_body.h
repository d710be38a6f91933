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
};

} // namespace berth::client

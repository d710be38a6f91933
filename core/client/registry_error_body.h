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

    // Never fails: a body that is not a registry error yields an empty result.
    static RegistryErrorBody parse(const QByteArray &body);
};

} // namespace berth::client

#pragma once

#include <string>
#include <string_view>

namespace berth::protocol {

// A registry's JSON error body: {"errors":[{"code":"...","message":"...","detail":...}]}
struct RegistryErrorBody
{
    std::string code;    // the first error's code, e.g. "MANIFEST_UNKNOWN"; empty when none
    std::string message; // the first error's message
    std::string detail;  // the first error's detail, compact JSON or text
    int count = 0;       // how many errors the body listed

    // Never fails: a body that is not a registry error yields an empty
    // result. Fields are printable (control characters become spaces) and
    // at most 500 characters (cut at a character boundary, "…" added): they
    // end up in dialogs and logs. Bodies over 1 MiB are not read.
    static RegistryErrorBody parse(std::string_view body);
};

} // namespace berth::protocol

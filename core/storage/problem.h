#pragma once

#include <string>

namespace berth::storage {

// Something wrong found in a store, reported per item; the scan goes on.
struct Problem
{
    std::string path;    // relative to the store root
    std::string message; // what is wrong, in words
};

} // namespace berth::storage

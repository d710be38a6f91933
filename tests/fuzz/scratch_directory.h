#pragma once

// A fresh folder under /tmp for one fuzzer process (made once, reused by
// every input; the fuzzers clear what they need per input).
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace berth::fuzz {

inline std::filesystem::path makeScratchDirectory(const std::string &name)
{
    std::string pattern = "/tmp/berth-fuzz-" + name + "-XXXXXX";
    const char *made = ::mkdtemp(pattern.data());
    if (!made)
        std::abort();
    return made;
}

} // namespace berth::fuzz

// An image archive as import reads it: the input is the file (a tar, or
// anything else libarchive may take for one). Whatever it holds, the
// scan, the plan and the reading of every planned blob end in a result
// or a typed error, never a crash, a hang or a read outside the file.
#include "archive/import_plan.h"
#include "archive/layout_reader.h"

#include "scratch_directory.h"

#include <cstdint>
#include <fstream>
#include <map>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const std::filesystem::path file =
        berth::fuzz::makeScratchDirectory("archive") / "input.tar";
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
    }
    auto reader = berth::archive::LayoutReader::open(file);
    if (!reader.ok())
        return 0;
    const auto contents = (*reader)->scan();
    if (!contents.ok())
        return 0;
    const auto plan = berth::archive::planImport(*contents, "");
    if (!plan.ok())
        return 0;
    std::map<std::string, berth::oci::Digest> wanted;
    for (const auto &blob : plan->blobs)
        wanted.emplace(blob.entry, blob.digest);
    (void)(*reader)->verify(std::move(wanted), nullptr, {});
    return 0;
}

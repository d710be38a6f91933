#include "layers/waste_report.h"

#include <algorithm>
#include <map>

namespace berth::layers {

namespace {

template <class T, class Less> void keepLargest(std::vector<T> &list, std::size_t top, Less less)
{
    std::sort(list.begin(), list.end(), less);
    if (top > 0 && list.size() > top)
        list.resize(top);
}

} // namespace

WasteReport WasteReport::of(const std::vector<const LayerIndex *> &layers, const MergedTree &tree,
                            std::size_t top)
{
    WasteReport report;
    for (const LayerIndex *layer : layers)
        report.layerBytes += layer->fileBytes();
    report.visibleBytes = tree.fileBytes();
    report.wastedBytes = report.layerBytes - report.visibleBytes;
    if (report.layerBytes > 0)
        report.efficiency =
            static_cast<double>(report.visibleBytes) / static_cast<double>(report.layerBytes);

    std::map<std::string_view, WastedPath> byPath;
    for (const Superseded &old : tree.superseded()) {
        WastedPath &path = byPath[old.path];
        path.path = old.path;
        path.bytes += old.bytes;
        ++path.versions;
    }
    for (auto &[name, path] : byPath) {
        const MergedEntry *now = tree.find(name);
        path.removed = !now || now->entry.type != EntryType::File;
        if (!path.removed)
            ++path.versions;
        report.paths.push_back(std::move(path));
    }
    keepLargest(report.paths, top, [](const WastedPath &a, const WastedPath &b) {
        return a.bytes != b.bytes ? a.bytes > b.bytes : a.path < b.path;
    });

    std::map<std::pair<std::array<std::uint8_t, 16>, std::int64_t>, DuplicateFiles> byContent;
    for (const MergedEntry &entry : tree.entries())
        if (entry.entry.type == EntryType::File && entry.entry.size > 0) {
            DuplicateFiles &same = byContent[{entry.entry.content, entry.entry.size}];
            same.size = entry.entry.size;
            same.paths.push_back(entry.entry.path); // in path order already
        }
    for (auto &[key, same] : byContent)
        if (same.paths.size() > 1)
            report.duplicates.push_back(std::move(same));
    keepLargest(report.duplicates, top, [](const DuplicateFiles &a, const DuplicateFiles &b) {
        return a.bytes() != b.bytes() ? a.bytes() > b.bytes() : a.paths < b.paths;
    });
    return report;
}

} // namespace berth::layers

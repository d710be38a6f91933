#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace berth::layers {

enum class RowKind : std::uint8_t
{
    Same,    // the same line on both sides
    Changed, // a line removed beside the line that replaced it
    Removed, // a line only on the left
    Added,   // a line only on the right
};

// One row of a side-by-side view: 0-based line numbers, -1 for none.
struct DiffRow
{
    RowKind kind = RowKind::Same;
    std::int32_t left = -1;
    std::int32_t right = -1;
};

// Two texts lined up for a side-by-side view: a shortest edit script
// (Myers' O(ND) algorithm) whose runs of removed and added lines are
// paired row by row. Past `maxEdits` lines removed plus added (after the
// common start and end) no alignment is searched: the differing middles
// are paired by position and `aligned` is false.
struct LineDiff
{
    std::vector<DiffRow> rows;
    std::size_t removed = 0; // left lines shown as removed or changed
    std::size_t added = 0;   // right lines shown as added or changed
    bool aligned = true;

    static constexpr std::size_t kMaxEdits = 2000;
    static LineDiff of(const std::vector<std::string_view> &left,
                       const std::vector<std::string_view> &right,
                       std::size_t maxEdits = kMaxEdits);
};

// A text's lines without their '\n' ('\r' is kept: it is a difference);
// a last line without '\n' counts, an empty text has none.
std::vector<std::string_view> splitLines(std::string_view text);

} // namespace berth::layers

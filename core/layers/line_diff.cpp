#include "layers/line_diff.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

namespace berth::layers {

namespace {

// Lines as numbers: equal lines, equal numbers (compared once each).
struct Numbered
{
    std::vector<std::int32_t> left;
    std::vector<std::int32_t> right;
};

Numbered number(const std::vector<std::string_view> &left,
                const std::vector<std::string_view> &right)
{
    std::unordered_map<std::string_view, std::int32_t> ids;
    ids.reserve(left.size() + right.size());
    const auto id = [&ids](std::string_view line) {
        return ids.try_emplace(line, static_cast<std::int32_t>(ids.size())).first->second;
    };
    Numbered out;
    out.left.reserve(left.size());
    out.right.reserve(right.size());
    for (std::string_view line : left)
        out.left.push_back(id(line));
    for (std::string_view line : right)
        out.right.push_back(id(line));
    return out;
}

// An edit script step, in text order: a line kept, removed or added.
struct Step
{
    RowKind kind;     // Same, Removed or Added
    std::int32_t at;  // left line (Same, Removed) or right line (Added)
    std::int32_t at2; // right line for Same
};

// Myers' greedy forward search over a[0..n) and b[0..m), keeping each
// round's furthest reaching paths to walk back. nullopt past `maxEdits`.
std::optional<std::vector<Step>> shortestScript(const std::int32_t *a, std::int32_t n,
                                                const std::int32_t *b, std::int32_t m,
                                                std::size_t maxEdits)
{
    const std::int32_t limit =
        static_cast<std::int32_t>(std::min<std::size_t>(maxEdits, std::size_t(n) + m));
    std::vector<std::int32_t> v(2 * static_cast<std::size_t>(limit) + 3, 0);
    const std::int32_t offset = limit + 1;
    std::vector<std::vector<std::int32_t>> rounds; // rounds[d][k + d]
    std::int32_t found = -1;
    for (std::int32_t d = 0; d <= limit && found < 0; ++d) {
        for (std::int32_t k = -d; k <= d; k += 2) {
            const bool down = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]);
            std::int32_t x = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
            std::int32_t y = x - k;
            while (x < n && y < m && a[x] == b[y]) {
                ++x;
                ++y;
            }
            v[offset + k] = x;
            if (x >= n && y >= m)
                found = d;
        }
        rounds.emplace_back(v.begin() + offset - d, v.begin() + offset + d + 1);
    }
    if (found < 0)
        return std::nullopt;

    std::vector<Step> steps;
    std::int32_t x = n;
    std::int32_t y = m;
    for (std::int32_t d = found; d > 0; --d) {
        const std::vector<std::int32_t> &prev = rounds[static_cast<std::size_t>(d - 1)];
        const auto at = [&prev, d](std::int32_t k) {
            return prev[static_cast<std::size_t>(k + d - 1)];
        };
        const std::int32_t k = x - y;
        const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
        const std::int32_t prevK = down ? k + 1 : k - 1;
        const std::int32_t prevX = at(prevK);
        const std::int32_t prevY = prevX - prevK;
        const std::int32_t startX = down ? prevX : prevX + 1;
        while (x > startX) {
            --x;
            --y;
            steps.push_back({RowKind::Same, x, y});
        }
        if (down)
            steps.push_back({RowKind::Added, prevY, -1});
        else
            steps.push_back({RowKind::Removed, prevX, -1});
        x = prevX;
        y = prevY;
    }
    while (x > 0) {
        --x;
        --y;
        steps.push_back({RowKind::Same, x, y});
    }
    std::reverse(steps.begin(), steps.end());
    return steps;
}

// Runs of removed and added lines become rows side by side.
class RowBuilder
{
public:
    explicit RowBuilder(LineDiff &out)
        : m_out(out)
    {
    }
    void same(std::int32_t left, std::int32_t right)
    {
        flush();
        m_out.rows.push_back({RowKind::Same, left, right});
    }
    void removed(std::int32_t left) { m_removed.push_back(left); }
    void added(std::int32_t right) { m_added.push_back(right); }
    void flush()
    {
        const std::size_t n = std::max(m_removed.size(), m_added.size());
        for (std::size_t i = 0; i < n; ++i) {
            DiffRow row;
            row.left = i < m_removed.size() ? m_removed[i] : -1;
            row.right = i < m_added.size() ? m_added[i] : -1;
            row.kind = row.left < 0    ? RowKind::Added
                       : row.right < 0 ? RowKind::Removed
                                       : RowKind::Changed;
            m_out.rows.push_back(row);
        }
        m_out.removed += m_removed.size();
        m_out.added += m_added.size();
        m_removed.clear();
        m_added.clear();
    }

private:
    LineDiff &m_out;
    std::vector<std::int32_t> m_removed;
    std::vector<std::int32_t> m_added;
};

} // namespace

LineDiff LineDiff::of(const std::vector<std::string_view> &left,
                      const std::vector<std::string_view> &right, std::size_t maxEdits)
{
    const Numbered lines = number(left, right);
    const auto n = static_cast<std::int32_t>(lines.left.size());
    const auto m = static_cast<std::int32_t>(lines.right.size());
    std::int32_t head = 0;
    while (head < n && head < m && lines.left[head] == lines.right[head])
        ++head;
    std::int32_t tail = 0;
    while (tail < n - head && tail < m - head &&
           lines.left[n - 1 - tail] == lines.right[m - 1 - tail])
        ++tail;

    LineDiff out;
    RowBuilder rows(out);
    for (std::int32_t i = 0; i < head; ++i)
        rows.same(i, i);
    const auto script = shortestScript(lines.left.data() + head, n - head - tail,
                                       lines.right.data() + head, m - head - tail, maxEdits);
    if (script) {
        for (const Step &s : *script) {
            if (s.kind == RowKind::Same)
                rows.same(head + s.at, head + s.at2);
            else if (s.kind == RowKind::Removed)
                rows.removed(head + s.at);
            else
                rows.added(head + s.at);
        }
    } else {
        out.aligned = false;
        for (std::int32_t i = head; i < n - tail; ++i)
            rows.removed(i);
        for (std::int32_t j = head; j < m - tail; ++j)
            rows.added(j);
    }
    for (std::int32_t i = 0; i < tail; ++i)
        rows.same(n - tail + i, m - tail + i);
    rows.flush();
    return out;
}

std::vector<std::string_view> splitLines(std::string_view text)
{
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        if (end == std::string_view::npos) {
            lines.push_back(text);
            break;
        }
        lines.push_back(text.substr(0, end));
        text.remove_prefix(end + 1);
    }
    return lines;
}

} // namespace berth::layers

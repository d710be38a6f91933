#include "oci/timestamp.h"

#include "oci/name_rules.h"

#include <cstdio>

namespace berth::oci {

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t count, int &out)
{
    if (pos + count > s.size())
        return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

Error invalid(std::string_view text)
{
    return makeError("TIMESTAMP_INVALID", "invalid RFC 3339 time " + quoteForMessage(text));
}

} // namespace

Result<std::chrono::sys_seconds> parseRfc3339(std::string_view s)
{
    using namespace std::chrono;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (s.size() < 20 || s.size() > 64 || !digits(s, 0, 4, y) || s[4] != '-' ||
        !digits(s, 5, 2, mo) || s[7] != '-' || !digits(s, 8, 2, d) ||
        (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(s, 11, 2, h) || s[13] != ':' ||
        !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec))
        return invalid(s);
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        const std::size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
            ++pos;
        if (pos == start)
            return invalid(s);
    }
    int offsetMinutes = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh = 0, om = 0;
        if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
            return invalid(s);
        offsetMinutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return invalid(s);
    }
    if (pos != s.size() || h > 23 || mi > 59 || sec > 60)
        return invalid(s);
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)},
                              day{static_cast<unsigned>(d)}};
    if (!date.ok())
        return invalid(s);
    const sys_seconds t = sys_days{date} + hours{h} + minutes{mi} + seconds{std::min(sec, 59)} -
                          minutes{offsetMinutes};
    return t;
}

std::string formatRfc3339(std::chrono::sys_seconds time)
{
    using namespace std::chrono;
    const sys_days day = floor<days>(time);
    const year_month_day ymd{day};
    const hh_mm_ss hms{time - day};
    char buf[64]; // room for any int year and long fields: gcc -O2 checks it
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()),
                  static_cast<long>(hms.minutes().count()),
                  static_cast<long>(hms.seconds().count()));
    return buf;
}

} // namespace berth::oci

#pragma once

#include "layers/file_entry.h"

#include <QByteArray>

#include <cstdio>

namespace berth::cli {

// Lines to stdout, written in large pieces (an image can have 300,000
// entries; one write each would take longer than reading them).
class ListingOutput
{
public:
    explicit ListingOutput(FILE *stream = stdout);
    ~ListingOutput();
    ListingOutput(const ListingOutput &) = delete;
    ListingOutput &operator=(const ListingOutput &) = delete;

    // `mode uid/gid size Llayer path[ -> target]`; layer 0 is not shown.
    void entry(const layers::FileEntry &entry, int layer);
    // One JSON object per line inside one array, which endJson() closes.
    void jsonEntry(const layers::FileEntry &entry, int layer);
    void endJson();
    void line(const QByteArray &text);
    void flush();

private:
    FILE *m_stream;
    QByteArray m_buffer;
    bool m_jsonStarted = false;
};

} // namespace berth::cli

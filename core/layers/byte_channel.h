#pragma once

#include "layers/byte_source.h"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace berth::layers {

// Hands a download to a reader on a worker: the writer (the GUI thread)
// never blocks — it writes while room() allows and waits for onRoom —
// the reader blocks in read() until bytes, the end or an error come.
// Once the reader is done (closeReading), writes are dropped, so a
// download can run on to its end for its digest check.
class ByteChannel : public ByteSource
{
public:
    explicit ByteChannel(std::size_t capacity);

    // Writer side.
    std::size_t room() const;
    void write(std::string_view bytes);
    void finish();
    void fail(Error error); // read() returns it from now on (CANCELLED on a stop)
    // Called on the reader's thread, under the channel's lock, when a
    // writer that found no room may write again; set it empty before the
    // callee goes (then no call runs or will run).
    void setOnRoom(std::function<void()> onRoom);

    // Reader side.
    // The reader runs now: the writer is called (onRoom) to start writing.
    void readerStarted();
    Result<std::size_t> read(char *buffer, std::size_t max) override;
    void closeReading();

private:
    const std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::string> m_chunks;
    std::size_t m_offset = 0; // into m_chunks.front()
    std::size_t m_held = 0;
    bool m_finished = false;
    bool m_readingClosed = false;
    mutable bool m_writerWaits = false; // it found no room: tell it when there is
    std::optional<Error> m_error;
    std::function<void()> m_onRoom;
};

} // namespace berth::layers

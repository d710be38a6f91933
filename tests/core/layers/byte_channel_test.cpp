#include "layers/byte_channel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

namespace berth::layers {
namespace {

std::string readAll(ByteChannel &channel, std::optional<Error> *error = nullptr)
{
    std::string out;
    char buffer[100];
    for (;;) {
        auto n = channel.read(buffer, sizeof buffer);
        if (!n.ok()) {
            if (error)
                *error = n.error();
            return out;
        }
        if (*n == 0)
            return out;
        out.append(buffer, *n);
    }
}

TEST(ByteChannelTest, AWriterThatFoundNoRoomIsToldWhenItMayGoOn)
{
    ByteChannel channel(1000);
    std::promise<void> room;
    std::atomic<int> calls = 0;
    channel.setOnRoom([&] {
        if (calls++ == 0)
            room.set_value();
    });
    channel.write(std::string(1000, 'a'));
    EXPECT_EQ(channel.room(), 0U); // the writer waits now
    auto reader = std::async(std::launch::async, [&] { return readAll(channel); });
    room.get_future().wait(); // the reader took half of it
    EXPECT_GE(channel.room(), 500U);
    channel.write(std::string(10, 'b'));
    channel.finish();
    EXPECT_EQ(reader.get(), std::string(1000, 'a') + std::string(10, 'b'));
    EXPECT_GE(calls.load(), 1);
    channel.setOnRoom({});
}

TEST(ByteChannelTest, AFailureReachesABlockedReader)
{
    ByteChannel channel(100);
    std::optional<Error> error;
    auto reader = std::async(std::launch::async, [&] { return readAll(channel, &error); });
    channel.write("abc");
    channel.fail(makeError("CANCELLED", "stopped"));
    reader.get();
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->code, "CANCELLED");
}

TEST(ByteChannelTest, OnceTheReaderIsDoneWritesAreDropped)
{
    ByteChannel channel(10);
    channel.write(std::string(10, 'x'));
    EXPECT_EQ(channel.room(), 0U);
    bool told = false;
    channel.setOnRoom([&] { told = true; });
    channel.closeReading();
    EXPECT_TRUE(told); // the download runs on to its end
    EXPECT_EQ(channel.room(), 10U);
    channel.write(std::string(100, 'y'));
    EXPECT_EQ(channel.room(), 10U);
    channel.setOnRoom({});
}

} // namespace
} // namespace berth::layers

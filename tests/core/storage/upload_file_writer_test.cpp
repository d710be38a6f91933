// Many uploads at once share one budget of bytes received but not yet
// written: past it, partly filled blocks are written at once instead of
// each upload holding up to a block (2 MiB) until it fills.
#include "storage/upload_file_writer.h"

#include "oci/digest.h"
#include "oci/digest_hasher.h"

#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using namespace berth;
using storage::UploadFileWriter;

namespace {

// Sets the process-wide budget for one test, and restores it.
class ScopedBufferBudget
{
public:
    explicit ScopedBufferBudget(std::size_t bytes)
        : m_previous(UploadFileWriter::setBufferBudget(bytes))
    {
    }
    ~ScopedBufferBudget() { UploadFileWriter::setBufferBudget(m_previous); }
    ScopedBufferBudget(const ScopedBufferBudget &) = delete;
    ScopedBufferBudget &operator=(const ScopedBufferBudget &) = delete;

private:
    std::size_t m_previous;
};

struct Upload
{
    fs::path file;
    oci::DigestHasher hasher{oci::DigestAlgorithm::Sha256};
    std::unique_ptr<UploadFileWriter> writer;
    std::string sent;
};

std::uintmax_t onDisk(const std::vector<std::unique_ptr<Upload>> &uploads)
{
    std::uintmax_t total = 0;
    for (const auto &u : uploads)
        total += fs::file_size(u->file);
    return total;
}

} // namespace

TEST(UploadFileWriterBudget, SlowUploadsTogetherHoldNoMoreThanTheBudget)
{
    constexpr std::size_t kBudget = 1024 * 1024;
    constexpr std::size_t kChunk = 64 * 1024;
    constexpr int kUploads = 16;
    constexpr int kChunksEach = 5; // 320 KiB each, 5 MiB in all: far below a block each
    const ScopedBufferBudget budget(kBudget);
    test::TempDir dir;
    std::vector<std::unique_ptr<Upload>> uploads;
    for (int i = 0; i < kUploads; ++i) {
        auto u = std::make_unique<Upload>();
        u->file = dir.path() / ("upload-" + std::to_string(i));
        std::ofstream(u->file).close();
        auto writer = UploadFileWriter::open(u->file, 0, u->hasher);
        ASSERT_TRUE(writer.ok()) << writer.error().message;
        u->writer = std::move(writer.value());
        uploads.push_back(std::move(u));
    }
    // Round-robin, as slow clients trickle in.
    for (int c = 0; c < kChunksEach; ++c) {
        for (int i = 0; i < kUploads; ++i) {
            const std::string chunk(kChunk, static_cast<char>('a' + (i + c) % 26));
            ASSERT_TRUE(uploads[i]->writer->append(chunk.data(), chunk.size()).ok());
            uploads[i]->sent += chunk;
        }
    }
    // Without the budget every byte would still sit in memory; with it, all
    // but at most the budget reach the files while the uploads are open
    // (polled: the writing threads are asynchronous, and a block's bytes
    // are on disk a moment before the writer stops counting them).
    const std::uintmax_t sent = std::uintmax_t{kUploads} * kChunksEach * kChunk;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while ((onDisk(uploads) + kBudget < sent || UploadFileWriter::bufferedBytes() > kBudget) &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1)); // a poll, not a wait for time
    EXPECT_GE(onDisk(uploads) + kBudget, sent);
    EXPECT_LE(UploadFileWriter::bufferedBytes(), kBudget);

    for (const auto &u : uploads) {
        ASSERT_TRUE(u->writer->finish().ok());
        std::ifstream in(u->file, std::ios::binary);
        const std::string written((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
        EXPECT_TRUE(written == u->sent) << u->file;
        EXPECT_EQ(u->hasher.finish(), oci::Digest::sha256Of(u->sent));
    }
    EXPECT_EQ(UploadFileWriter::bufferedBytes(), 0u);
}

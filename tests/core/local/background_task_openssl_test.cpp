// A background worker keeps no OpenSSL state on its thread once its work
// is done. Qt's pool threads are never waited for; one still ending while
// the program exits (OpenSSL's atexit cleanup deletes its thread keys
// first) keeps its state for good — the leak LeakSanitizer once reported
// for berth-cli's blob relays, whose first curl_global_init made an error
// queue on a pool thread.
//
// Its own main(): OpenSSL's allocator is swapped for a counting one before
// OpenSSL allocates anything.

#include "local/background_task.h"

#include "support/await.h"

#include <QCoreApplication>

#include <openssl/crypto.h>
#include <openssl/err.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <mutex>
#include <unordered_set>

namespace {

// What OpenSSL allocated on a counted thread and has not freed yet.
struct CountedBlocks
{
    std::mutex mutex;
    std::unordered_set<void *> live;
};

CountedBlocks &counted()
{
    static auto *blocks = new CountedBlocks; // outlives every thread
    return *blocks;
}

thread_local bool t_counting = false;

void *countedMalloc(size_t size, const char * /*file*/, int /*line*/)
{
    void *block = std::malloc(size);
    if (block && t_counting) {
        const std::lock_guard lock(counted().mutex);
        counted().live.insert(block);
    }
    return block;
}

void *countedRealloc(void *old, size_t size, const char * /*file*/, int /*line*/)
{
    void *block = std::realloc(old, size);
    if (block) {
        const std::lock_guard lock(counted().mutex);
        if (counted().live.erase(old) > 0 || (t_counting && !old))
            counted().live.insert(block);
    }
    return block;
}

void countedFree(void *block, const char * /*file*/, int /*line*/)
{
    {
        const std::lock_guard lock(counted().mutex);
        counted().live.erase(block);
    }
    std::free(block);
}

std::size_t liveBlocks()
{
    const std::lock_guard lock(counted().mutex);
    return counted().live.size();
}

} // namespace

TEST(BackgroundTaskOpenSsl, AWorkerKeepsNoOpenSslStateOnceItsWorkIsDone)
{
    QObject owner;
    bool done = false;
    berth::local::BackgroundTask::start(
        &owner,
        [] {
            t_counting = true;
            // What OpenSSL's first use on a thread does: it makes the
            // thread's error queue (curl_global_init, through ERR_set_mark).
            ERR_set_mark();
            ERR_pop_to_mark();
            return liveBlocks();
        },
        [&done](std::size_t madeByTheWork) {
            EXPECT_GT(madeByTheWork, 0U) << "the work made no OpenSSL state to free";
            done = true;
        });
    ASSERT_TRUE(berth::test::pollUntil([&done] { return done; }));
    EXPECT_EQ(liveBlocks(), 0U);
}

int main(int argc, char **argv)
{
    if (CRYPTO_set_mem_functions(countedMalloc, countedRealloc, countedFree) != 1)
        return EXIT_FAILURE; // OpenSSL allocated before main: nothing to count
    // The program's own state (configuration, error strings), made here:
    // not the worker's.
    OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG | OPENSSL_INIT_LOAD_CRYPTO_STRINGS, nullptr);
    ERR_set_mark();
    ERR_pop_to_mark();
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

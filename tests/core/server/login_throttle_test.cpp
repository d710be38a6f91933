// Failed logins counted per address and per user in a fixed window, on a
// clock the test sets.
#include "server/login_throttle.h"

#include <gtest/gtest.h>

using berth::server::LoginThrottle;
using namespace std::chrono_literals;

namespace {

LoginThrottle::Limits limits(unsigned perAddress, unsigned perUser, std::size_t maxTracked = 100)
{
    LoginThrottle::Limits l;
    l.failuresPerAddress = perAddress;
    l.failuresPerUser = perUser;
    l.window = 60s;
    l.maxTracked = maxTracked;
    return l;
}

} // namespace

TEST(LoginThrottle, AnAddressPastItsLimitWaitsForTheWindowToEnd)
{
    LoginThrottle throttle(limits(3, 100));
    const auto t0 = LoginThrottle::Clock::time_point{} + 1000s;
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(throttle.retryAfter("10.0.0.1", "alice", t0), 0s) << i;
        throttle.recordFailure("10.0.0.1", "alice", t0);
    }
    EXPECT_EQ(throttle.retryAfter("10.0.0.1", "alice", t0), 60s);
    EXPECT_EQ(throttle.retryAfter("10.0.0.1", "bob", t0 + 500ms), 60s); // rounded up
    EXPECT_EQ(throttle.retryAfter("10.0.0.2", "alice", t0), 0s);        // another address
    EXPECT_EQ(throttle.retryAfter("10.0.0.1", "alice", t0 + 59s), 1s);
    EXPECT_EQ(throttle.retryAfter("10.0.0.1", "alice", t0 + 60s), 0s);
    // A failure after the window starts a new one.
    throttle.recordFailure("10.0.0.1", "alice", t0 + 61s);
    EXPECT_EQ(throttle.retryAfter("10.0.0.1", "alice", t0 + 61s), 0s);
}

TEST(LoginThrottle, AUserGuessedFromManyAddressesIsThrottledEverywhere)
{
    LoginThrottle throttle(limits(100, 5));
    const auto t0 = LoginThrottle::Clock::time_point{} + 1000s;
    for (int i = 0; i < 5; ++i)
        throttle.recordFailure("10.0.1." + std::to_string(i), "alice", t0);
    EXPECT_EQ(throttle.retryAfter("10.9.9.9", "alice", t0 + 10s), 50s);
    EXPECT_EQ(throttle.retryAfter("10.9.9.9", "bob", t0 + 10s), 0s);
}

TEST(LoginThrottle, MadeUpUserNamesAreNotTrackedAndTheTableStaysBounded)
{
    LoginThrottle throttle(limits(1000, 1, 10));
    const auto t0 = LoginThrottle::Clock::time_point{} + 1000s;
    throttle.recordFailure("10.0.0.1", "", t0); // not one of the users
    EXPECT_EQ(throttle.retryAfter("10.0.0.2", "", t0), 0s);
    // Ten addresses fill the table; the eleventh goes uncounted until the
    // window ends and the expired ones are dropped.
    LoginThrottle small(limits(1, 1000, 10));
    for (int i = 0; i < 10; ++i)
        small.recordFailure("10.0.2." + std::to_string(i), "", t0);
    small.recordFailure("10.0.3.1", "", t0);
    EXPECT_EQ(small.retryAfter("10.0.3.1", "", t0), 0s);
    EXPECT_EQ(small.retryAfter("10.0.2.9", "", t0), 60s);
    small.recordFailure("10.0.3.1", "", t0 + 61s);
    EXPECT_EQ(small.retryAfter("10.0.3.1", "", t0 + 61s), 60s);
    EXPECT_EQ(small.retryAfter("10.0.2.9", "", t0 + 61s), 0s);
}

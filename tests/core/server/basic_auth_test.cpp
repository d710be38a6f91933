// Logins against the registry API in-process: a password guesser is
// answered 429 with Retry-After (and costs no bcrypt) once past the
// limits, while a client whose login was accepted a moment ago goes on.
#include "auth/htpasswd.h"
#include "server/registry_api.h"

#include "support/htpasswd_tool.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <string>

using namespace berth;
using server::HttpRequest;
using server::HttpResponse;
using server::RegistryApi;

namespace {

const char *const kAlice = "Basic YWxpY2U6czNjcmV0";      // alice:s3cret
const char *const kAliceGuess = "Basic YWxpY2U6Z3Vlc3M="; // alice:guess
const char *const kBob = "Basic Ym9iOnB3";                // bob:pw
const char *const kBobWrong = "Basic Ym9iOm5vcGU=";       // bob:nope
const char *const kEve = "Basic ZXZlOng=";                // eve:x (no such user)

class Logins : public ::testing::Test
{
protected:
    void SetUp() override
    {
        const auto file = m_dir.path() / "users";
        berth::test::makeHtpasswd(file, "alice", "s3cret", 5);
        berth::test::makeHtpasswd(file, "bob", "pw", 5, false);
        RegistryApi::Options o;
        o.htpasswd = std::make_shared<const auth::Htpasswd>(auth::Htpasswd::load(file).value());
        o.loginLimits.failuresPerAddress = 3;
        o.loginLimits.failuresPerUser = 5;
        m_api = std::make_unique<RegistryApi>(m_dir.path() / "root", o);
    }

    HttpResponse ping(const std::string &address, const char *authorization)
    {
        HttpRequest request;
        request.method = "GET";
        request.path = "/v2/";
        request.clientAddress = address;
        request.headers["authorization"] = authorization;
        return m_api->begin(request)->finish();
    }

    static std::string header(const HttpResponse &r, const std::string &name)
    {
        for (const auto &[k, v] : r.headers) {
            if (k == name)
                return v;
        }
        return {};
    }

    berth::test::TempDir m_dir;
    std::unique_ptr<RegistryApi> m_api;
};

} // namespace

TEST_F(Logins, AGuesserGets429WithRetryAfterAndAWorkingClientGoesOn)
{
    ASSERT_EQ(ping("10.0.0.1", kAlice).status, 200); // alice logged in before
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(ping("10.0.0.1", kEve).status, 401) << i;
    const HttpResponse throttled = ping("10.0.0.1", kEve);
    EXPECT_EQ(throttled.status, 429);
    const std::string retryAfter = header(throttled, "Retry-After");
    EXPECT_TRUE(retryAfter == "60" || retryAfter == "59") << retryAfter;
    EXPECT_NE(throttled.body.find("TOOMANYREQUESTS"), std::string::npos) << throttled.body;
    // A right password not accepted lately waits too (it would cost a bcrypt)...
    EXPECT_EQ(ping("10.0.0.1", kBob).status, 429);
    // ...but alice, accepted a moment ago, and other addresses go on.
    EXPECT_EQ(ping("10.0.0.1", kAlice).status, 200);
    EXPECT_EQ(ping("10.0.0.2", kBob).status, 200);
    EXPECT_EQ(ping("10.0.0.2", kEve).status, 401);
}

TEST_F(Logins, AUserGuessedFromManyAddressesWaitsButOnlyForNewLogins)
{
    ASSERT_EQ(ping("10.0.0.1", kAlice).status, 200);
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(ping("10.0.1." + std::to_string(i), kBobWrong).status, 401) << i;
    EXPECT_EQ(ping("10.0.2.1", kBob).status, 429); // bob is being guessed
    EXPECT_EQ(ping("10.0.2.1", kAlice).status, 200);
    // Guessing made-up names from many addresses throttles no real user.
    for (int i = 0; i < 10; ++i)
        EXPECT_EQ(ping("10.0.3." + std::to_string(i), kEve).status, 401) << i;
    EXPECT_EQ(ping("10.0.3.1", kAliceGuess).status, 401);
}

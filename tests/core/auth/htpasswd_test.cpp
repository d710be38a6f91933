// The registry's user file: bcrypt hashes as htpasswd writes them, checked
// in constant cost whether the user exists or not; and the app's editor of
// it, which writes only what the registry accepts.
#include "auth/htpasswd.h"
#include "auth/htpasswd_file.h"

#include "storage/file_io.h"

#include "support/htpasswd_tool.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <crypt.h>

#include <cstring>
#include <filesystem>
#include <memory>

namespace fs = std::filesystem;
using namespace berth;
using berth::test::makeHtpasswd;
using berth::test::TempDir;

TEST(Htpasswd, VerifiesBcryptFromHtpasswdAndRefusesOtherHashes)
{
    TempDir dir;
    auto users = auth::Htpasswd::load(makeHtpasswd(dir.path() / "users", "alice", "s3cret"));
    ASSERT_TRUE(users.ok()) << users.error().message;
    EXPECT_TRUE(users->verify("alice", "s3cret"));
    EXPECT_TRUE(users->verify("alice", "s3cret")); // cached
    EXPECT_FALSE(users->verify("alice", "S3cret"));
    EXPECT_FALSE(users->verify("bob", "s3cret"));
    EXPECT_FALSE(users->verify("", ""));
    for (const char *bad :
         {"alice:$apr1$abc$def", "alice:{SHA}abc=", "alice:plain", "no-colon-here",
          ":$2y$05$abcdefghijklmnopqrstuuvb0Xu6sVrE3s5vd7C0rN6MvHuKa9c1W",
          // a cost that makes each login take days; a malformed cost
          "alice:$2y$31$abcdefghijklmnopqrstuuvb0Xu6sVrE3s5vd7C0rN6MvHuKa9c1W",
          "alice:$2y$x5$abcdefghijklmnopqrstuuvb0Xu6sVrE3s5vd7C0rN6MvHuKa9c1W"}) {
        EXPECT_FALSE(auth::Htpasswd::parse(bad).ok()) << bad;
    }
    EXPECT_TRUE(auth::Htpasswd::parse("# comment\n\r\n").ok());
    EXPECT_FALSE(auth::Htpasswd::parse(std::string(2 * 1024 * 1024, 'a')).ok());
}

// The GUI's user list: bcrypt hashes the registry accepts, nothing else kept,
// hostile names and passwords refused, a file it cannot serve left alone.
TEST(HtpasswdFileTest, AddsReplacesRemovesAndRefusesWhatTheRegistryWouldNot)
{
    TempDir dir;
    const fs::path path = dir.path() / "auth" / "htpasswd";
    auto file = auth::HtpasswdFile::load(path);
    ASSERT_TRUE(file.ok());
    EXPECT_TRUE(file->users().empty());
    ASSERT_TRUE(file->setUser("alice", "correct horse", 4).ok());
    ASSERT_TRUE(file->setUser("bob", "battery staple", 4).ok());
    ASSERT_TRUE(file->setUser("alice", "new password", 4).ok()); // replaced, not added
    EXPECT_EQ(file->users(), (std::vector<std::string>{"alice", "bob"}));
    EXPECT_EQ(file->text().find("correct horse"), std::string::npos);
    ASSERT_TRUE(file->save(path).ok());
    EXPECT_EQ(fs::status(path).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);

    auto served = auth::Htpasswd::load(path);
    ASSERT_TRUE(served.ok()) << served.error().message;
    EXPECT_TRUE(served->verify("alice", "new password"));
    EXPECT_FALSE(served->verify("alice", "correct horse"));
    EXPECT_TRUE(served->verify("bob", "battery staple"));

    auto again = auth::HtpasswdFile::load(path);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->removeUser("bob"));
    EXPECT_FALSE(again->removeUser("nobody"));
    EXPECT_EQ(again->users(), std::vector<std::string>{"alice"});

    for (const std::string_view name :
         {std::string_view(""), std::string_view("a:b"), std::string_view("a\nb"),
          std::string_view("#x"), std::string_view("tab\there")})
        EXPECT_FALSE(again->setUser(name, "pw", 4).ok()) << name;
    EXPECT_FALSE(again->setUser("carol", "", 4).ok());
    EXPECT_FALSE(again->setUser("carol", std::string(73, 'x'), 4).ok());
    EXPECT_FALSE(again->setUser("carol", std::string("a\0b", 3), 4).ok());
    EXPECT_EQ(again->users(), std::vector<std::string>{"alice"});

    // A file with a hash kind the registry refuses is not loaded for
    // editing, so a save can never drop that line.
    const fs::path foreign = dir.path() / "foreign";
    const std::string text = "md5user:$apr1$abc$def\n";
    ASSERT_TRUE(storage::writeFileAtomically(foreign, text).ok());
    EXPECT_FALSE(auth::HtpasswdFile::load(foreign).ok());
    EXPECT_EQ(*storage::readSmallFile(foreign, 1000), text);
}

// Someone else's file: comments, blank lines and untouched users come back
// byte for byte; a user listed twice is edited at the line that counts.
TEST(HtpasswdFileTest, KeepsWhatSomeoneElseWrote)
{
    TempDir dir;
    const fs::path path = dir.path() / "htpasswd";
    auto seed = auth::HtpasswdFile::load(path);
    ASSERT_TRUE(seed.ok());
    ASSERT_TRUE(seed->setUser("alice", "a-old", 4).ok());
    ASSERT_TRUE(seed->setUser("bob", "b", 4).ok());
    const std::string alice = seed->text().substr(0, seed->text().find('\n'));
    const std::string bob = seed->text().substr(seed->text().find('\n') + 1);
    // alice twice (the second line counts when serving), with comments around.
    const std::string written =
        "# team registry\n" + alice + "\n\n# ops\n" + bob + "alice:" + alice.substr(6) + "\n";
    ASSERT_TRUE(storage::writeFileAtomically(path, written).ok());

    auto file = auth::HtpasswdFile::load(path);
    ASSERT_TRUE(file.ok()) << file.error().message;
    EXPECT_EQ(file->users(), (std::vector<std::string>{"alice", "bob"}));
    EXPECT_EQ(file->text(), written); // loaded and saved unchanged: the same bytes

    ASSERT_TRUE(file->setUser("alice", "a-new", 4).ok());
    const std::string edited = file->text();
    EXPECT_EQ(edited.rfind("# team registry\n\n# ops\n" + bob, 0), 0u) << edited;
    EXPECT_EQ(std::count(edited.begin(), edited.end(), '\n'), 5); // one alice line left
    ASSERT_TRUE(file->save(path).ok());
    auto served = auth::Htpasswd::load(path);
    ASSERT_TRUE(served.ok());
    EXPECT_TRUE(served->verify("alice", "a-new"));
    EXPECT_FALSE(served->verify("alice", "a-old"));
    EXPECT_TRUE(served->verify("bob", "b"));

    EXPECT_TRUE(file->removeUser("alice"));
    EXPECT_EQ(file->text(), "# team registry\n\n# ops\n" + bob);

    // A line of blanks is blank to the registry, so not a user here either.
    const std::string blanks = " \t\r\n" + bob;
    ASSERT_TRUE(storage::writeFileAtomically(path, blanks).ok());
    auto spaced = auth::HtpasswdFile::load(path);
    ASSERT_TRUE(spaced.ok());
    EXPECT_EQ(spaced->users(), std::vector<std::string>{"bob"});
    EXPECT_EQ(spaced->text(), blanks);
}
// A wrong password must cost an unknown user as much as a known one (else
// one request tells which users exist): the unknown user's hash carries the
// file's highest cost, and crypt(3) really computes it.
TEST(Htpasswd, AnUnknownUserIsCheckedAtTheFilesHighestCost)
{
    TempDir dir;
    const fs::path path = dir.path() / "users";
    makeHtpasswd(path, "cheap", "pw", 5);
    makeHtpasswd(path, "dear", "pw", 11, false);
    auto users = auth::Htpasswd::load(path);
    ASSERT_TRUE(users.ok()) << users.error().message;
    EXPECT_EQ(users->hashFor("dear").substr(0, 7), "$2y$11$");
    EXPECT_EQ(users->hashFor("cheap").substr(0, 7), "$2y$05$");
    const std::string unknown(users->hashFor("nobody"));
    EXPECT_EQ(unknown.substr(0, 7), "$2y$11$");
    auto data = std::make_unique<crypt_data>();
    std::memset(data.get(), 0, sizeof(crypt_data));
    const char *computed = crypt_r("pw", unknown.c_str(), data.get());
    ASSERT_NE(computed, nullptr);
    EXPECT_EQ(std::string(computed).substr(0, 29), unknown.substr(0, 29)); // not "*0"
    EXPECT_FALSE(users->verify("nobody", "pw"));
    EXPECT_TRUE(users->verify("dear", "pw"));
}

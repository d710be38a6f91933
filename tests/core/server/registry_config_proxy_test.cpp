// registry:2's proxy block (a pull-through cache), as mirror guides write it.
#include "server/registry_config.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

using berth::server::RegistryConfig;

namespace {

const char *noEnv(const char *)
{
    return nullptr;
}

} // namespace

TEST(RegistryConfigProxy, TheGuidesBlockAndItsEnvironmentVariables)
{
    const char *yaml = R"(version: 0.1
storage:
  filesystem:
    rootdirectory: /var/lib/registry
proxy:
  remoteurl: https://registry-1.docker.io/
  username: mirror
  password: "p@ss: word"
  ttl: 72h
)";
    auto c = RegistryConfig::parse(yaml, noEnv);
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_TRUE(c->proxy.enabled());
    EXPECT_EQ(c->proxy.remoteUrl, "https://registry-1.docker.io");
    EXPECT_EQ(c->proxy.username, "mirror");
    EXPECT_EQ(c->proxy.password, "p@ss: word");
    EXPECT_EQ(c->proxy.ttl, std::chrono::hours(72));
    for (const std::string &w : c->warnings)
        EXPECT_EQ(w.find("proxy"), std::string::npos) << w; // read, not "ignored"

    static const std::map<std::string, std::string> env = {
        {"REGISTRY_PROXY_REMOTEURL", "http://127.0.0.1:5000"},
        {"REGISTRY_PROXY_USERNAME", "other"},
        {"REGISTRY_PROXY_PASSWORD", "secret2"},
        {"REGISTRY_PROXY_TTL", "0s"}};
    auto fromEnv = RegistryConfig::parse("", [](const char *name) -> const char * {
        const auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    });
    ASSERT_TRUE(fromEnv.ok()) << fromEnv.error().message;
    EXPECT_EQ(fromEnv->proxy.remoteUrl, "http://127.0.0.1:5000");
    EXPECT_EQ(fromEnv->proxy.username, "other");
    EXPECT_EQ(fromEnv->proxy.password, "secret2");
    EXPECT_EQ(fromEnv->proxy.ttl.count(), 0);
    EXPECT_FALSE(RegistryConfig::parse("", noEnv)->proxy.enabled());
    // The default TTL is distribution's.
    EXPECT_EQ(RegistryConfig::parse("proxy:\n  remoteurl: https://r.example\n", noEnv)->proxy.ttl,
              std::chrono::hours(168));
}

TEST(RegistryConfigProxy, BadValuesNameTheKeyNeverThePassword)
{
    for (const char *bad :
         {"proxy:\n  remoteurl: ftp://x\n", "proxy:\n  remoteurl: https://\n",
          "proxy:\n  remoteurl: https://h/path\n", "proxy:\n  remoteurl: https://u:pw@h\n",
          "proxy:\n  remoteurl: [a]\n", "proxy:\n  ttl: soon\n", "proxy: 3\n"}) {
        auto r = RegistryConfig::parse(bad, noEnv);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_NE(r.error().message.find("proxy"), std::string::npos) << r.error().message;
    }
    auto r = RegistryConfig::parse("proxy:\n  password: hunter2\n  ttl: never\n", noEnv);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message.find("hunter2"), std::string::npos) << r.error().message;
    auto env = RegistryConfig::parse("", [](const char *name) -> const char * {
        return std::string_view(name) == "REGISTRY_PROXY_REMOTEURL" ? "nonsense" : nullptr;
    });
    ASSERT_FALSE(env.ok());
    EXPECT_NE(env.error().message.find("REGISTRY_PROXY_REMOTEURL"), std::string::npos)
        << env.error().message;
}

// Berth's own keys: upstreams by repository prefix, local prefixes under
// the root upstream, a CA file.
TEST(RegistryConfigProxy, UpstreamsByPrefixAndLocalPrefixes)
{
    const char *yaml = R"(proxy:
  remoteurl: https://registry-1.docker.io
  cafile: /etc/ssl/hub.pem
  upstreams:
    - prefix: ghcr
      remoteurl: https://ghcr.io
      username: bot
      password: tok
      ttl: 1h
    - prefix: k8s
      remoteurl: https://registry.k8s.io
  local: [team, ci/builds]
)";
    auto c = RegistryConfig::parse(yaml, noEnv);
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->proxy.caFile, "/etc/ssl/hub.pem");
    ASSERT_EQ(c->proxy.prefixed.size(), 2u);
    EXPECT_EQ(c->proxy.prefixed[0].prefix, "ghcr");
    EXPECT_EQ(c->proxy.prefixed[0].remoteUrl, "https://ghcr.io");
    EXPECT_EQ(c->proxy.prefixed[0].username, "bot");
    EXPECT_EQ(c->proxy.prefixed[0].ttl, std::chrono::hours(1));
    EXPECT_EQ(c->proxy.prefixed[1].ttl, std::chrono::hours(168));
    EXPECT_EQ(c->proxy.local, (std::vector<std::string>{"team", "ci/builds"}));
    // Upstreams alone (no root): a mirror too.
    EXPECT_TRUE(RegistryConfig::parse(
                    "proxy:\n  upstreams:\n    - {prefix: g, remoteurl: https://ghcr.io}\n", noEnv)
                    ->proxy.enabled());

    const std::pair<const char *, const char *> bad[] = {
        {"proxy:\n  upstreams:\n    - remoteurl: https://ghcr.io\n", "needs a prefix"},
        {"proxy:\n  upstreams:\n    - {prefix: Bad/Name, remoteurl: https://ghcr.io}\n",
         "proxy.upstreams[0].prefix"},
        {"proxy:\n  upstreams:\n    - {prefix: g, remoteurl: https://ghcr.io, tls: x}\n",
         "proxy.upstreams[0].tls"},
        {"proxy:\n  upstreams:\n    - {prefix: g}\n", "has no remoteurl"},
        {"proxy:\n  upstreams:\n    - {prefix: g, remoteurl: https://a.io}\n"
         "    - {prefix: g, remoteurl: https://b.io}\n",
         "given twice"},
        {"proxy:\n  upstreams: ghcr\n", "expected a list"},
        {"proxy:\n  local: [team]\n  upstreams:\n    - {prefix: g, remoteurl: https://a.io}\n",
         "proxy.local"},
        {"proxy:\n  remoteurl: https://a.io\n  local: [UPPER]\n", "proxy.local"},
        {"proxy:\n  remoteurl: https://a.io\n  upstreams:\n    - {prefix: g, remoteurl: "
         "https://a.io}\n",
         "one upstream per host"},
        {"proxy:\n  remoteurl: https://a.io\n  upstreams:\n    - {prefix: g, remoteurl: "
         "https://A.IO}\n",
         "one upstream per host"},
    };
    for (const auto &[text, expected] : bad) {
        auto r = RegistryConfig::parse(text, noEnv);
        ASSERT_FALSE(r.ok()) << text;
        EXPECT_NE(r.error().message.find(expected), std::string::npos)
            << text << " → " << r.error().message;
    }
}

// proxy.maxsize: sizes as people write them; anything else is refused
// naming the key, and a bound with no upstream means nothing.
TEST(RegistryConfigProxy, MaxSizeTakesUnitsAndRefusesTheRest)
{
    const std::map<std::string, std::uintmax_t> good = {
        {"1048576", 1048576},
        {"500MB", 500ULL * 1000 * 1000},
        {"50GiB", 50ULL << 30},
        {"2 TB", 2ULL * 1000 * 1000 * 1000 * 1000},
        {"20gib", 20ULL << 30},
        {"1kB", 1000},
        {"16777215TiB", 16777215ULL << 40},
    };
    for (const auto &[text, bytes] : good) {
        auto size = RegistryConfig::parseByteSize("proxy.maxsize", text);
        ASSERT_TRUE(size.ok()) << text << ": " << size.error().message;
        EXPECT_EQ(*size, bytes) << text;
    }
    for (const char *bad : {"", "0", "0GiB", "-5GB", "1.5GiB", "GiB", "10 PB", "10GiBs", "1e9",
                            "99999999999999999999", "18446744073709551615TiB", "16777216TiB",
                            "5  GB", "\x01", " 5GB"}) {
        auto size = RegistryConfig::parseByteSize("proxy.maxsize", bad);
        ASSERT_FALSE(size.ok()) << bad;
        EXPECT_EQ(size.error().code, "CONFIG_INVALID");
        EXPECT_EQ(size.error().message.rfind("proxy.maxsize: ", 0), 0u) << size.error().message;
    }
    auto c =
        RegistryConfig::parse("proxy:\n  remoteurl: https://r.example\n  maxsize: 20GiB\n", noEnv);
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->proxy.maxSize, std::optional<std::uintmax_t>(20ULL << 30));
    EXPECT_TRUE(c->warnings.empty());
    auto env = RegistryConfig::parse(
        "proxy:\n  remoteurl: https://r.example\n", [](const char *name) -> const char * {
            return std::string(name) == "REGISTRY_PROXY_MAXSIZE" ? "3GB" : nullptr;
        });
    ASSERT_TRUE(env.ok()) << env.error().message;
    EXPECT_EQ(env->proxy.maxSize, std::optional<std::uintmax_t>(3ULL * 1000 * 1000 * 1000));
    auto alone = RegistryConfig::parse("proxy:\n  maxsize: 20GiB\n", noEnv);
    ASSERT_FALSE(alone.ok());
    EXPECT_NE(alone.error().message.find("needs an upstream"), std::string::npos);
    auto badEnv = RegistryConfig::parse(
        "proxy:\n  remoteurl: https://r.example\n", [](const char *name) -> const char * {
            return std::string(name) == "REGISTRY_PROXY_MAXSIZE" ? "lots" : nullptr;
        });
    ASSERT_FALSE(badEnv.ok());
    EXPECT_EQ(badEnv.error().message.rfind("REGISTRY_PROXY_MAXSIZE: ", 0), 0u);
}

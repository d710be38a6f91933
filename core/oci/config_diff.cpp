#include "oci/config_diff.h"

#include <map>
#include <set>

namespace berth::oci {

namespace {

std::string joined(const std::vector<std::string> &words)
{
    std::string out;
    for (const std::string &w : words) {
        if (!out.empty())
            out += ' ';
        const bool quote = w.empty() || w.find_first_of(" \t\"'") != std::string::npos;
        out += quote ? "\"" + w + "\"" : w;
    }
    return out;
}

std::string platformOf(const ImageConfig &c)
{
    return c.os + "/" + c.architecture + (c.variant.empty() ? "" : "/" + c.variant);
}

std::map<std::string, std::string> envOf(const ImageConfig &c)
{
    std::map<std::string, std::string> out;
    for (const std::string &e : c.env) {
        const auto eq = e.find('=');
        out[e.substr(0, eq)] = eq == std::string::npos ? std::string() : e.substr(eq + 1);
    }
    return out;
}

void compareMaps(const std::string &field, const std::map<std::string, std::string> &a,
                 const std::map<std::string, std::string> &b, std::vector<ConfigChange> &out)
{
    std::set<std::string> keys;
    for (const auto &[k, v] : a)
        keys.insert(k);
    for (const auto &[k, v] : b)
        keys.insert(k);
    for (const std::string &k : keys) {
        const auto l = a.find(k);
        const auto r = b.find(k);
        if (l != a.end() && r != b.end() && l->second == r->second)
            continue;
        out.push_back({field + " " + k, l != a.end() ? l->second : std::string(),
                       r != b.end() ? r->second : std::string()});
    }
}

void compareSets(const std::string &field, const std::vector<std::string> &a,
                 const std::vector<std::string> &b, std::vector<ConfigChange> &out)
{
    const std::set<std::string> left(a.begin(), a.end());
    const std::set<std::string> right(b.begin(), b.end());
    for (const std::string &x : left)
        if (!right.count(x))
            out.push_back({field, x, {}});
    for (const std::string &x : right)
        if (!left.count(x))
            out.push_back({field, {}, x});
}

} // namespace

std::vector<ConfigChange> diffConfigs(const ImageConfig &left, const ImageConfig &right)
{
    std::vector<ConfigChange> out;
    const auto field = [&out](const char *name, const std::string &a, const std::string &b) {
        if (a != b)
            out.push_back({name, a, b});
    };
    field("Platform", platformOf(left), platformOf(right));
    field("User", left.user, right.user);
    field("WorkingDir", left.workingDir, right.workingDir);
    field("Entrypoint", joined(left.entrypoint), joined(right.entrypoint));
    field("Cmd", joined(left.cmd), joined(right.cmd));
    compareMaps("Env", envOf(left), envOf(right), out);
    compareSets("ExposedPort", left.exposedPorts, right.exposedPorts, out);
    compareSets("Volume", left.volumes, right.volumes, out);
    compareMaps("Label", left.labels, right.labels, out);
    const auto steps = [](std::size_t n) {
        return std::to_string(n) + (n == 1 ? " step" : " steps");
    };
    field("History", steps(left.history.size()), steps(right.history.size()));
    return out;
}

} // namespace berth::oci

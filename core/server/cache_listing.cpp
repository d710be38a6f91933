#include "server/cache_listing.h"

#include "server/api_responses.h"
#include "server/registry_context.h"

#include "storage/image_presence.h"
#include "storage/inspector.h"
#include "storage/pull_clock.h"

#include "oci/name_rules.h"
#include "oci/timestamp.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace berth::server {

namespace {

std::string shownTime(std::chrono::system_clock::time_point time)
{
    return oci::formatRfc3339(std::chrono::time_point_cast<std::chrono::seconds>(time));
}

} // namespace

CacheListing::CacheListing(RegistryContext &context)
    : m_context(context)
{
    if (m_context.options.mirror)
        m_routing.emplace(*m_context.options.mirror);
}

std::optional<std::string> CacheListing::originOf(const std::string &repository) const
{
    return m_routing ? m_routing->upstreamUrlOf(repository) : std::nullopt;
}

HttpResponse CacheListing::repositories() const
{
    nlohmann::json body = nlohmann::json::object();
    nlohmann::json list = nlohmann::json::array();
    if (m_context.options.mirror && m_context.options.mirror->maxSize)
        body["maxSize"] = *m_context.options.mirror->maxSize;
    body["storeBytes"] = 0;
    if (m_context.store.exists()) {
        storage::Inspector inspector(m_context.root);
        auto report = inspector.run({});
        if (!report.ok())
            return apiError(500, "UNKNOWN", report.error().message);
        body["storeBytes"] = report->blobBytes;
        std::sort(report->repositories.begin(), report->repositories.end(),
                  [](const auto &a, const auto &b) { return a.name < b.name; });
        for (const storage::RepositoryUsage &r : report->repositories) {
            nlohmann::json item{{"name", r.name}, {"tags", r.tags}, {"bytes", r.referencedBytes}};
            if (auto origin = originOf(r.name))
                item["mirroredFrom"] = *origin;
            if (r.lastPulled)
                item["lastPulled"] = shownTime(*r.lastPulled);
            list.push_back(std::move(item));
        }
    }
    body["repositories"] = std::move(list);
    return jsonResponse(200, body);
}

HttpResponse CacheListing::repository(const std::string &name) const
{
    if (auto valid = oci::validateRepositoryName(name); !valid.ok())
        return errorResponse(valid.error());
    if (!m_context.repositoryExists(name))
        return apiError(404, "NAME_UNKNOWN", "no repository " + name + " in this registry's store");
    std::vector<storage::Problem> problems; // a tag that vanished meanwhile is just not listed
    const storage::PullClock clock(m_context.store.layout());
    storage::PresenceScan presence(m_context.store);
    nlohmann::json tags = nlohmann::json::array();
    for (const storage::TagEntry &t : m_context.store.tags(name, &problems)) {
        const storage::ImagePresence here = presence.of(t.digest);
        nlohmann::json item{{"name", t.tag},
                            {"digest", t.digest.toString()},
                            {"parts", here.parts},
                            {"present", here.present}};
        if (auto pulled = clock.lastPulled(name, t.digest))
            item["lastPulled"] = shownTime(*pulled);
        tags.push_back(std::move(item));
    }
    nlohmann::json body{{"name", name}, {"tags", std::move(tags)}};
    if (auto origin = originOf(name))
        body["mirroredFrom"] = *origin;
    return jsonResponse(200, body);
}

} // namespace berth::server

// A mirror's upstream's tag list page: whatever the body, the parser ends,
// and every entry it keeps is a valid tag.
#include "server/upstream_list.h"

#include "oci/name_rules.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view body(reinterpret_cast<const char *>(data), size);
    const auto valid = [](const std::string &tag) {
        return berth::oci::validateTag(tag).ok();
    };
    const auto tags = berth::server::parseUpstreamListPage(body, "tags", valid);
    if (tags.ok()) {
        for (const std::string &tag : *tags) {
            if (!valid(tag))
                std::abort(); // an entry the rule refuses was kept
        }
    }
    return 0;
}
